// SPDX-License-Identifier: GPL-2.0
// The thread benchmark's client (graphs/bench-threads.cosg, bench/threads.cpp): main(n, what)
// makes n thread switches through the scheduler (what 0: two threads of one priority yielding to
// each other), or takes and releases an uncontended lock n times (what 1). The host times whole
// runs; a run with n = 0 is the baseline it subtracts.
#include <cos/component.hpp>
#include <cos/lock.hpp>

COS_IMPORT(sched_create);
COS_IMPORT(sched_yield);

namespace {

struct Bench {
	cos_word rounds = 0;
	cos_word partner_done = 0;
	Cos_lock lock = {};
};

Bench bench;

} // namespace

// The partner: yields back as often as main yields to it.
extern "C" cos_word pong(cos_word, cos_word, cos_word, cos_word)
{
	for (cos_word i = 0; i < bench.rounds; i++)
		sched_yield();
	__atomic_store_n(&bench.partner_done, 1, __ATOMIC_RELEASE);
	return 0;
}
COS_EXPORT(pong);

extern "C" cos_word main(cos_word n, cos_word what, cos_word, cos_word)
{
	if (what == 1) {
		cos_lock_init(bench.lock);
		for (cos_word i = 0; i < n; i++) {
			cos_lock_take(bench.lock);
			cos_lock_release(bench.lock);
		}
		return 0;
	}
	bench.rounds = n;
	sched_create(reinterpret_cast<cos_word>(&pong), 0, 16);
	for (cos_word i = 0; i < n; i++)
		sched_yield();
	while (!__atomic_load_n(&bench.partner_done, __ATOMIC_ACQUIRE))
		sched_yield();
	return 0;
}
COS_EXPORT(main);
