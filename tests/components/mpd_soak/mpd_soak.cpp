// SPDX-License-Identifier: GPL-2.0
// The head of the MPD soak (tests/graphs/mpd-soak.cosg): sends argument tuples down a chain whose
// protection domains the test merges and splits at random meanwhile, and checks every result.
// main(min_rounds, threads): with threads = 0 the run's own thread does it; otherwise that many
// threads of one priority do it side by side, preempted by the timer wherever they are, in the
// middle of invocations across the changing boundaries. Each runs at least the rounds asked
// for, then on until the test merges the head with the halt component; then the head prints
// the rounds, calls and mismatches of them all and waits, sending nothing, until the test has
// compared them with the module's edge counters and split the halt component off again. It
// returns the number of wrong results.
//
// Built a second time as mpd_soak_policy (tests/graphs/mpd-soak-policy.cosg), with main's third
// argument: one more thread spends that many seconds in a policy component (mpd_shuffler) that
// merges and splits the chain from inside while the test's tool does so from outside.
#include <cos/component.hpp>
#include <cos/system/print.hpp>
#include <cos/system/sched.hpp>
#include <cos/thread.hpp>

#include "components/examples/chain/chain_value.hpp"
#include "tests/components/mpd_test/await.hpp"

COS_IMPORT(step);
COS_IMPORT(poke);
#ifdef MPD_SOAK_POLICY
COS_IMPORT(shuffle);
COS_IMPORT(shuffle_counts);
#endif

extern "C" cos_word keep_registers(cos_word seed, cos_word spins);

namespace {

struct Soak {
	cos_word min_rounds = 0;
	cos_word rounds = 0, calls = 0, mismatches = 0;
	cos_word workers = 0;	// still running
};

Soak soak;

// One thread's share: its own values (seed), its totals added to the soak's at the end.
void send_down_the_chain(cos_word seed)
{
	cos_word rounds = 0, calls = 0, mismatches = 0;
	while (rounds < soak.min_rounds || cos_crosses_domains(__cos_import_poke)) {
		for (cos_word i = 0; i < 16; i++) {
			const cos_word a0 = (rounds * 16 + i) ^ (seed << 56), a1 = ~a0, a2 = a0 << 7,
				       a3 = a0 * 0x9e3779b97f4a7c15ULL;
			const cos_word got = step(a0, a1, a2, a3);
			if (got != chain_value(a0, a1, a2, a3)) {
				// The first of each thread, to tell a lost call from a wrong value.
				if (!mismatches)
					cos_printf("soak: thread %lu, round %lu, call %lu: %lx, not %lx\n", cos_thread_self(),
						   rounds, i, got, chain_value(a0, a1, a2, a3));
				mismatches++;
			}
			calls++;
		}
		const cos_word lost = keep_registers(rounds ^ (seed << 48), 100);
		if (lost) {
			if (!mismatches)
				cos_printf("soak: thread %lu, round %lu: register %lu changed\n", cos_thread_self(), rounds,
					   lost - 1);
			mismatches++;
		}
		rounds++;
	}
	// A thread that ran only after the test halted the head does just the minimum.
	if (seed)
		cos_printf("soak: thread %lu: %lu rounds\n", seed, rounds);
	__atomic_fetch_add(&soak.rounds, rounds, __ATOMIC_RELAXED);
	__atomic_fetch_add(&soak.calls, calls, __ATOMIC_RELAXED);
	__atomic_fetch_add(&soak.mismatches, mismatches, __ATOMIC_RELAXED);
}

} // namespace

extern "C" cos_word worker(cos_word seed, cos_word, cos_word, cos_word)
{
	send_down_the_chain(seed);
	__atomic_fetch_sub(&soak.workers, 1, __ATOMIC_RELEASE);
	return 0;
}
COS_EXPORT(worker);

#ifdef MPD_SOAK_POLICY
extern "C" cos_word policy(cos_word seconds, cos_word, cos_word, cos_word)
{
	// Printed before the test counts the module's pages: the line below then needs no stack page
	// of this thread that the count does not include.
	cos_printf("soak: policy thread %lu waits for the start\n", cos_thread_self());
	shuffle(cos_thread_self() * 0x9e3779b97f4a7c15ULL, seconds * 1000000000ULL);
	cos_printf("soak: policy: %lu merges, %lu splits, %lu refused, %lu errors (the latest %lx), %lu without room\n",
		   shuffle_counts(0), shuffle_counts(1), shuffle_counts(2), shuffle_counts(3), shuffle_counts(4),
		   shuffle_counts(5));
	__atomic_fetch_sub(&soak.workers, 1, __ATOMIC_RELEASE);
	return 0;
}
COS_EXPORT(policy);
#endif

extern "C" cos_word main(cos_word min_rounds, cos_word threads, cos_word policy_seconds, cos_word)
{
	soak.min_rounds = min_rounds;
	if (!threads) {
		cos_printf("soak: running on 1 thread\n");
		send_down_the_chain(0);
	} else {
		// More urgent than the workers while it creates them, so that they all exist before any
		// runs (created one by one below it, the first would run alone until the test halts it);
		// then less urgent: the run's thread waits here until they have all ended.
		// A thread that cannot be made, or a priority not taken, is a bug of the test's: it traps.
		cosk::sched::set_priority(cos_thread_self(), 24).value();
		soak.workers = threads;
		for (cos_word t = 1; t <= threads; t++)
			cosk::sched::create(&worker, t, 16).value();
#ifdef MPD_SOAK_POLICY
		__atomic_fetch_add(&soak.workers, 1, __ATOMIC_RELAXED);
		cosk::sched::create(&policy, policy_seconds, 16).value();
#else
		(void)policy_seconds;
#endif
		cos_printf("soak: running on %lu threads\n", threads);
		cosk::sched::set_priority(cos_thread_self(), 8).value();
		while (__atomic_load_n(&soak.workers, __ATOMIC_ACQUIRE))
			cosk::sched::yield();
	}
	cos_printf("soak: %lu rounds, %lu calls, %lu mismatches\n", soak.rounds, soak.calls, soak.mismatches);
	cos_await_split(__cos_import_poke);
	return soak.mismatches;
}
COS_EXPORT(main);
