// SPDX-License-Identifier: GPL-2.0
// The thread tests of time (tests/guest/cases/threads.sh): timed blocks and periodic wake-ups,
// idling, and sleeping beside busy threads. A second source file of thread_test, including the
// same interfaces as the first.
#include "tests.hpp"

namespace thread_test {

using namespace cosk;

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
			const cos_word start = kernel::time_ns();
			tblock::sleep(d * ms);
			const cos_word took = kernel::time_ns() - start;
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
	const cos_word created = kernel::time_ns();
	const tblock::Periodic_id periodic = tblock::periodic(period).value();
	cos_word wake_ups = 0, missed = 0, latest = 0;
	bool on_or_after = true;
	for (int round = 0; round < 20; round++) {
		const cos_word skipped = tblock::wait(periodic).value();
		const cos_word now = kernel::time_ns();
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
	tblock::sleep(milliseconds * ms);
	cos_printf("idle: awake\n");
	return failed;
}

cos_word Tests::busy(cos_word milliseconds)
{
	sched::set_priority(cos_thread_self(), high).value();
	for (cos_word i = 0; i < 3; i++)
		sched::create(&spin, i, low).value();
	cos_printf("busy: three threads spin for %lu ms\n", milliseconds);
	tblock::sleep(milliseconds * ms);
	stop_spinners();
	return failed;
}

} // namespace thread_test
