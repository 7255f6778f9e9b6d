// SPDX-License-Identifier: GPL-2.0
// The thread benchmark's client (bench/graphs/threads.cosg, bench/threads.cpp): main(n, what)
// makes two threads of one priority yield to each other n times each (what 0), takes and
// releases an uncontended lock n times (what 1), or yields n times alone (what 2). The host
// times whole runs, each of a system built afresh; a run with n = 0 is the baseline it
// subtracts. What main returns lets the host check the work: the yields each thread made, or the
// takes.
//
// Ticks never preempt this component's code (the scheduler's neither): every switch in a run is
// then one a yield asked for, and each of the 2n yields finds the other thread waiting, so the
// module's count of switches can be checked to the unit (bench/threads.cpp). The ticks still come
// and cost what they cost; the scheduler gets them at the run's next switch through the module.
#include <cos/component.hpp>
#include <cos/system/lock.hpp>
#include <cos/system/sched.hpp>

COS_NO_PREEMPT();

namespace {

struct Bench {
	cos_word rounds = 0;
	cos_word partner_yields = 0;
	cos_word partner_done = 0;
	Cos_lock lock = {};
};

Bench bench;

} // namespace

// The partner: yields back as often as main yields to it.
extern "C" cos_word pong(cos_word, cos_word, cos_word, cos_word)
{
	for (cos_word i = 0; i < bench.rounds; i++) {
		cosk::sched::yield();
		bench.partner_yields++;
	}
	__atomic_store_n(&bench.partner_done, 1, __ATOMIC_RELEASE);
	return 0;
}
COS_EXPORT(pong);

// what 0: returns the yields of both threads' loops (2n) in the low half, and in the high half
// those main made afterwards, waiting for the partner to end (one: the partner's last yield
// comes back to main before the partner ends). what 1: returns the takes made, if the lock is
// free at the end (a take that found it held would have invoked the lock component, which the
// host sees). what 2: n yields with no other thread to switch to: the scheduler's invocation and
// choice alone.
extern "C" cos_word main(cos_word n, cos_word what, cos_word, cos_word)
{
	if (what == 1) {
		cos_word takes = 0;
		if (!cos_lock_init(bench.lock))
			return 0;
		for (; takes < n; takes++) {
			cos_lock_take(bench.lock);
			cos_lock_release(bench.lock);
		}
		return bench.lock.word == 0 ? takes : 0;
	}
	if (what == 2) {
		cos_word yields = 0;
		for (; yields < n; yields++)
			cosk::sched::yield();
		return yields;
	}
	cos_word waits = 0;
	bench.rounds = n;
	if (!cosk::sched::create(&pong, 0, 16))
		return 0;
	for (cos_word i = 0; i < n; i++)
		cosk::sched::yield();
	while (!__atomic_load_n(&bench.partner_done, __ATOMIC_ACQUIRE)) {
		cosk::sched::yield();
		waits++;
	}
	return waits << 32 | (n + bench.partner_yields);
}
COS_EXPORT(main);
