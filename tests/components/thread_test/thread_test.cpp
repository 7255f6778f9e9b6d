// SPDX-License-Identifier: GPL-2.0
// The thread tests (tests/graphs/threads.cosg, tests/guest/cases/threads.sh): main(test, arg) runs one
// test, prints what it measured, and returns the number of checks that failed.
//
//   1 share    equal priorities share the CPU within 10%; a higher priority always runs first
//   2 preempt  a thread woken by the timer preempts a lower-priority thread that never yields
//   3 lock     threads increment a counter under a lock, preempted at will: the total is exact
//   4 events   a producer and a consumer move items through a ring, signalled by an event
//   5 async    a client thread and a server thread in another component, by asynchronous calls
//   6 timed    how long timed blocks and periodic wake-ups really take
//   7 idle     sleeps arg milliseconds, with no thread runnable (the host thread idles in Linux)
//   8 busy     sleeps arg milliseconds while three threads spin, preempted at every tick
#include "tests.hpp"

// Imported here alone: thread_peer's exports, the test's other component.
COS_IMPORT(peer_start);
COS_IMPORT(peer_served);
COS_IMPORT(peer_sum);

namespace thread_test {

using namespace cosk;

Tests tests;

extern "C" cos_word spin(cos_word i, cos_word, cos_word, cos_word)
{
	__atomic_fetch_add(&tests.running, 1, __ATOMIC_RELAXED);
	while (!load(tests.stop))
		store(tests.counts[i], load(tests.counts[i]) + 1);
	__atomic_fetch_sub(&tests.running, 1, __ATOMIC_RELAXED);
	return 0;
}

void stop_spinners()
{
	store(tests.stop, 1);
	while (load(tests.running))
		tblock::sleep(ms);
	store(tests.stop, 0);
	for (auto &c : tests.counts)
		store(c, 0);
}

cos_word Tests::share()
{
	sched::set_priority(cos_thread_self(), high).value();
	for (cos_word i = 0; i < 3; i++)
		sched::create(&spin, i, low).value();
	tblock::sleep(1000 * ms);
	const cos_word a = load(counts[0]), b = load(counts[1]), c = load(counts[2]);
	const cos_word most = a > b ? (a > c ? a : c) : (b > c ? b : c);
	const cos_word least = a < b ? (a < c ? a : c) : (b < c ? b : c);
	const cos_word spread = most ? (most - least) * 1000 / most : 1000;
	cos_printf("share: three threads of one priority counted %lu, %lu, %lu in 1 s: spread %lu.%lu%%\n", a,
		   b, c, spread / 10, spread % 10);
	check(least > 0 && spread < 100, "equal priorities share the CPU within 10%");
	stop_spinners();

	// A more urgent spinner leaves a less urgent one nothing.
	sched::create(&spin, 3, middle).value();
	sched::create(&spin, 4, low).value();
	tblock::sleep(200 * ms);
	const cos_word urgent = load(counts[3]), other = load(counts[4]);
	cos_printf("priorities: the spinner of priority %lu counted %lu, the one of priority %lu %lu\n", middle,
		   urgent, low, other);
	check(urgent > 0 && other == 0, "a higher priority always runs first");
	stop_spinners();
	return failed;
}

cos_word Tests::preempt()
{
	sched::set_priority(cos_thread_self(), high).value();
	sched::create(&spin, 0, low).value();
	cos_word late_max = 0, late_sum = 0;
	bool spun = true;
	for (int round = 0; round < 10; round++) {
		const cos_word before = load(counts[0]);
		const cos_word start = kernel::time_ns();
		tblock::sleep(10 * ms);
		const cos_word late = kernel::time_ns() - start - 10 * ms;
		spun = spun && load(counts[0]) > before;
		late_sum += late;
		late_max = late > late_max ? late : late_max;
	}
	cos_printf("preempt: woken from 10 ms sleeps beside a spinner, %lu us late on average, %lu us at most\n",
		   late_sum / 10 / 1000, late_max / 1000);
	check(spun, "the low-priority thread spun while the high-priority one slept");
	// The spinner never yields: each wake-up here preempted it. Lateness is bounded loosely (the
	// guest clock runs on while the emulator waits for its host); without the timer's
	// preemption this thread would not run again at all.
	check(late_max < 100 * ms,
	      "the timer-woken high-priority thread preempted the spinner, ten times, each within 100 ms");
	stop_spinners();
	return failed;
}

extern "C" cos_word increment(cos_word, cos_word, cos_word, cos_word)
{
	for (cos_word i = 0; i < tests.per_worker; i++) {
		cos_lock_take(tests.lock);
		const cos_word v = tests.shared;
		for (int pause = 0; pause < 8; pause++)
			asm volatile("pause");
		tests.shared = v + 1;
		cos_lock_release(tests.lock);
	}
	cos_lock_take(tests.lock);
	const bool last = ++tests.workers_done == 4;
	cos_lock_release(tests.lock);
	if (last)
		evt::trigger(tests.done_event).value();
	return 0;
}

cos_word Tests::locked_counter()
{
	sched::set_priority(cos_thread_self(), high).value();
	if (!cos_lock_init(lock))
		return ++failed;
	done_event = evt::create().value();
	per_worker = 500000;
	for (cos_word i = 0; i < 4; i++)
		sched::create(&increment, 0, low).value();
	evt::wait(done_event).value();
	cos_printf("lock: 4 threads made %lu increments under the lock (%lu expected), %lu times a thread waited\n",
		   shared, 4 * per_worker, lock::contended());
	check(shared == 4 * per_worker, "mutual exclusion holds under preemption");
	check(lock::contended() > 0, "the threads contended (preempted holding the lock)");
	return failed;
}

extern "C" cos_word produce(cos_word, cos_word, cos_word, cos_word)
{
	for (cos_word i = 1; i <= tests.items; i++) {
		while (tests.tail - __atomic_load_n(&tests.head, __ATOMIC_ACQUIRE) == 64)
			sched::yield();
		tests.ring[tests.tail % 64] = i;
		__atomic_store_n(&tests.tail, tests.tail + 1, __ATOMIC_RELEASE);
		evt::trigger(tests.items_event).value();
	}
	return 0;
}

extern "C" cos_word consume(cos_word, cos_word, cos_word, cos_word)
{
	cos_word expected = 1;
	while (expected <= tests.items) {
		if (__atomic_load_n(&tests.tail, __ATOMIC_ACQUIRE) == tests.head) {
			evt::wait(tests.items_event).value();
			continue;
		}
		if (tests.ring[tests.head % 64] != expected)
			tests.out_of_order++;
		__atomic_store_n(&tests.head, tests.head + 1, __ATOMIC_RELEASE);
		tests.consumed++;
		expected++;
	}
	evt::trigger(tests.done_event).value();
	return 0;
}

cos_word Tests::events()
{
	sched::set_priority(cos_thread_self(), high).value();
	items = 20000;
	items_event = evt::create().value();
	done_event = evt::create().value();
	sched::create(&consume, 0, low).value();
	sched::create(&produce, 0, low).value();
	evt::wait(done_event).value();
	cos_printf("events: %lu of %lu items consumed, %lu out of order\n", consumed, items, out_of_order);
	check(consumed == items && out_of_order == 0, "every item moved exactly once, over events");
	return failed;
}

extern "C" cos_word client(cos_word, cos_word, cos_word, cos_word)
{
	for (cos_word i = 1; i <= tests.calls; i++) {
		auto reply = async::call(tests.channel, i);
		if (!reply || reply.value() != 2 * i + 1)
			tests.wrong_replies++;
	}
	evt::trigger(tests.done_event).value();
	return 0;
}

cos_word Tests::async()
{
	sched::set_priority(cos_thread_self(), high).value();
	calls = 5000;
	channel = async::open().value();
	done_event = evt::create().value();
	peer_start(static_cast<cos_word>(channel), calls, low);
	sched::create(&client, 0, low).value();
	evt::wait(done_event).value();
	const cos_word served = peer_served(), sum = peer_sum();
	cos_printf("async: %lu calls, %lu served, sum of requests %lu (%lu expected), %lu wrong replies\n", calls,
		   served, sum, calls * (calls + 1) / 2, wrong_replies);
	check(served == calls && sum == calls * (calls + 1) / 2 && wrong_replies == 0,
	      "every request moved exactly once, over asynchronous invocations");
	return failed;
}

} // namespace thread_test

extern "C" cos_word main(cos_word test, cos_word arg, cos_word, cos_word)
{
	using thread_test::tests;
	switch (test) {
	case 1: return tests.share();
	case 2: return tests.preempt();
	case 3: return tests.locked_counter();
	case 4: return tests.events();
	case 5: return tests.async();
	case 6: return tests.timed();
	case 7: return tests.idle(arg);
	case 8: return tests.busy(arg);
	default:
		cos_printf("thread_test: no test %lu\n", test);
		return 1;
	}
}
COS_EXPORT(main);
