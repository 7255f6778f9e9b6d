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
#include <cos/component.hpp>
#include <cos/kernel.hpp>
#include <cos/lock.hpp>
#include <cos/print.hpp>
#include <cos/thread.hpp>

COS_IMPORT(sched_create);
COS_IMPORT(sched_yield);
COS_IMPORT(sched_set_priority);
COS_IMPORT(tblock_sleep);
COS_IMPORT(tblock_periodic);
COS_IMPORT(tblock_wait);
COS_IMPORT(evt_create);
COS_IMPORT(evt_wait);
COS_IMPORT(evt_trigger);
COS_IMPORT(async_open);
COS_IMPORT(async_call);
COS_IMPORT(peer_start);
COS_IMPORT(peer_served);
COS_IMPORT(peer_sum);
COS_IMPORT(lock_contended);

namespace {

constexpr cos_word ms = 1000000;
constexpr cos_word high = 30, middle = 16, low = 8;

template <typename Fn>
cos_word fn_word(Fn *fn)
{
	return reinterpret_cast<cos_word>(fn);
}

struct Tests {
	cos_word failed = 0;

	void check(bool ok, const char *what)
	{
		if (!ok)
			failed++;
		cos_printf("%s: %s\n", what, ok ? "ok" : "FAILED");
	}

	// Spinners: count as fast as they can until told to stop (each counter has one writer).
	cos_word counts[8] = {};
	cos_word stop = 0;
	cos_word running = 0;

	// Lock test.
	Cos_lock lock = {};
	cos_word shared = 0;
	cos_word per_worker = 0;
	cos_word workers_done = 0;
	cos_word done_event = 0;

	// Events test: a ring of items from the producer to the consumer.
	cos_word ring[64] = {};
	cos_word head = 0, tail = 0;
	cos_word items = 0;
	cos_word items_event = 0;
	cos_word consumed = 0, out_of_order = 0;

	// Async test.
	cos_word channel = 0;
	cos_word calls = 0, wrong_replies = 0;

	cos_word share();
	cos_word preempt();
	cos_word locked_counter();
	cos_word events();
	cos_word async();
	cos_word timed();
	cos_word idle(cos_word milliseconds);
	cos_word busy(cos_word milliseconds);
};

Tests tests;

cos_word load(const cos_word &x)
{
	return __atomic_load_n(&x, __ATOMIC_RELAXED);
}

void store(cos_word &x, cos_word v)
{
	__atomic_store_n(&x, v, __ATOMIC_RELAXED);
}

extern "C" cos_word spin(cos_word i, cos_word, cos_word, cos_word)
{
	__atomic_fetch_add(&tests.running, 1, __ATOMIC_RELAXED);
	while (!load(tests.stop))
		store(tests.counts[i], load(tests.counts[i]) + 1);
	__atomic_fetch_sub(&tests.running, 1, __ATOMIC_RELAXED);
	return 0;
}

// Waits, sleeping, until every spinner has seen the stop and returned.
void stop_spinners()
{
	store(tests.stop, 1);
	while (load(tests.running))
		tblock_sleep(ms);
	store(tests.stop, 0);
	for (auto &c : tests.counts)
		store(c, 0);
}

cos_word Tests::share()
{
	sched_set_priority(cos_thread_self(), high);
	for (cos_word i = 0; i < 3; i++)
		sched_create(fn_word(&spin), i, low);
	tblock_sleep(1000 * ms);
	const cos_word a = load(counts[0]), b = load(counts[1]), c = load(counts[2]);
	const cos_word most = a > b ? (a > c ? a : c) : (b > c ? b : c);
	const cos_word least = a < b ? (a < c ? a : c) : (b < c ? b : c);
	const cos_word spread = most ? (most - least) * 1000 / most : 1000;
	cos_printf("share: three threads of one priority counted %lu, %lu, %lu in 1 s: spread %lu.%lu%%\n", a,
		   b, c, spread / 10, spread % 10);
	check(least > 0 && spread < 100, "equal priorities share the CPU within 10%");
	stop_spinners();

	// A more urgent spinner leaves a less urgent one nothing.
	sched_create(fn_word(&spin), 3, middle);
	sched_create(fn_word(&spin), 4, low);
	tblock_sleep(200 * ms);
	const cos_word urgent = load(counts[3]), other = load(counts[4]);
	cos_printf("priorities: the spinner of priority %lu counted %lu, the one of priority %lu %lu\n", middle,
		   urgent, low, other);
	check(urgent > 0 && other == 0, "a higher priority always runs first");
	stop_spinners();
	return failed;
}

cos_word Tests::preempt()
{
	sched_set_priority(cos_thread_self(), high);
	sched_create(fn_word(&spin), 0, low);
	cos_word late_max = 0, late_sum = 0;
	bool spun = true;
	for (int round = 0; round < 10; round++) {
		const cos_word before = load(counts[0]);
		const cos_word start = cos_time_ns();
		tblock_sleep(10 * ms);
		const cos_word late = cos_time_ns() - start - 10 * ms;
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
		evt_trigger(tests.done_event);
	return 0;
}

cos_word Tests::locked_counter()
{
	sched_set_priority(cos_thread_self(), high);
	cos_lock_init(lock);
	done_event = evt_create();
	per_worker = 500000;
	for (cos_word i = 0; i < 4; i++)
		sched_create(fn_word(&increment), 0, low);
	evt_wait(done_event);
	cos_printf("lock: 4 threads made %lu increments under the lock (%lu expected), %lu times a thread waited\n",
		   shared, 4 * per_worker, lock_contended());
	check(shared == 4 * per_worker, "mutual exclusion holds under preemption");
	check(lock_contended() > 0, "the threads contended (preempted holding the lock)");
	return failed;
}

extern "C" cos_word produce(cos_word, cos_word, cos_word, cos_word)
{
	for (cos_word i = 1; i <= tests.items; i++) {
		while (tests.tail - __atomic_load_n(&tests.head, __ATOMIC_ACQUIRE) == 64)
			sched_yield();
		tests.ring[tests.tail % 64] = i;
		__atomic_store_n(&tests.tail, tests.tail + 1, __ATOMIC_RELEASE);
		evt_trigger(tests.items_event);
	}
	return 0;
}

extern "C" cos_word consume(cos_word, cos_word, cos_word, cos_word)
{
	cos_word expected = 1;
	while (expected <= tests.items) {
		if (__atomic_load_n(&tests.tail, __ATOMIC_ACQUIRE) == tests.head) {
			evt_wait(tests.items_event);
			continue;
		}
		if (tests.ring[tests.head % 64] != expected)
			tests.out_of_order++;
		__atomic_store_n(&tests.head, tests.head + 1, __ATOMIC_RELEASE);
		tests.consumed++;
		expected++;
	}
	evt_trigger(tests.done_event);
	return 0;
}

cos_word Tests::events()
{
	sched_set_priority(cos_thread_self(), high);
	items = 20000;
	items_event = evt_create();
	done_event = evt_create();
	sched_create(fn_word(&consume), 0, low);
	sched_create(fn_word(&produce), 0, low);
	evt_wait(done_event);
	cos_printf("events: %lu of %lu items consumed, %lu out of order\n", consumed, items, out_of_order);
	check(consumed == items && out_of_order == 0, "every item moved exactly once, over events");
	return failed;
}

extern "C" cos_word client(cos_word, cos_word, cos_word, cos_word)
{
	for (cos_word i = 1; i <= tests.calls; i++) {
		if (async_call(tests.channel, i) != 2 * i + 1)
			tests.wrong_replies++;
	}
	evt_trigger(tests.done_event);
	return 0;
}

cos_word Tests::async()
{
	sched_set_priority(cos_thread_self(), high);
	calls = 5000;
	channel = async_open();
	done_event = evt_create();
	peer_start(channel, calls, low);
	sched_create(fn_word(&client), 0, low);
	evt_wait(done_event);
	const cos_word served = peer_served(), sum = peer_sum();
	cos_printf("async: %lu calls, %lu served, sum of requests %lu (%lu expected), %lu wrong replies\n", calls,
		   served, sum, calls * (calls + 1) / 2, wrong_replies);
	check(served == calls && sum == calls * (calls + 1) / 2 && wrong_replies == 0,
	      "every request moved exactly once, over asynchronous invocations");
	return failed;
}

// A timed block never ends before its time, and not much after: a generous bound, since the
// guest clock runs on while the emulator waits for its host (a host busy with other guests makes
// a 10 ms sleep take 80 ms now and then), and a wake-up that the timer did not bring would not
// come at all. Periodic wake-ups keep their deadlines in the clock: each comes at or after its
// own, a late one is followed by the next sooner, and one a stall made impossible is counted as
// missed, never delivered early.
cos_word Tests::timed()
{
	constexpr cos_word slack = 100 * ms;
	const cos_word asked[] = {1, 2, 5, 10, 20};
	bool never_early = true, close = true;
	for (cos_word d : asked) {
		cos_word least = ~0ULL, most = 0, sum = 0;
		for (int round = 0; round < 5; round++) {
			const cos_word start = cos_time_ns();
			tblock_sleep(d * ms);
			const cos_word took = cos_time_ns() - start;
			least = took < least ? took : least;
			most = took > most ? took : most;
			sum += took;
		}
		cos_printf("timed: sleep %2lu ms took %lu.%02lu ms on average (%lu.%02lu to %lu.%02lu)\n", d, sum / 5 / ms,
			   sum / 5 % ms / 10000, least / ms, least % ms / 10000, most / ms, most % ms / 10000);
		never_early = never_early && least >= d * ms;
		close = close && most <= d * ms + slack;
	}
	constexpr cos_word period = 10 * ms;
	const cos_word created = cos_time_ns();
	const cos_word periodic = tblock_periodic(period);
	cos_word wake_ups = 0, missed = 0, latest = 0;
	bool on_or_after = true;
	for (int round = 0; round < 20; round++) {
		const cos_word skipped = tblock_wait(periodic);
		const cos_word now = cos_time_ns();
		missed += skipped;
		wake_ups += skipped + 1;
		// The deadline of this wake-up is at least the creation time plus its number of periods.
		on_or_after = on_or_after && now >= created + wake_ups * period;
		latest = now - (created + wake_ups * period);
	}
	cos_printf("timed: 20 periodic wake-ups every 10 ms, %lu missed, the last %lu.%02lu ms after its time\n", missed,
		   latest / ms, latest % ms / 10000);
	check(never_early, "a timed block never ends early");
	check(close, "a timed block ends within 100 ms of its time");
	check(on_or_after && latest <= period + slack, "periodic wake-ups keep their deadlines");
	return failed;
}

cos_word Tests::idle(cos_word milliseconds)
{
	cos_printf("idle: sleeping %lu ms\n", milliseconds);
	tblock_sleep(milliseconds * ms);
	cos_printf("idle: awake\n");
	return failed;
}

cos_word Tests::busy(cos_word milliseconds)
{
	sched_set_priority(cos_thread_self(), high);
	for (cos_word i = 0; i < 3; i++)
		sched_create(fn_word(&spin), i, low);
	cos_printf("busy: three threads spin for %lu ms\n", milliseconds);
	tblock_sleep(milliseconds * ms);
	stop_spinners();
	return failed;
}

} // namespace

extern "C" cos_word main(cos_word test, cos_word arg, cos_word, cos_word)
{
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
