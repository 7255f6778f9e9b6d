// SPDX-License-Identifier: GPL-2.0
// The head of the MPD soak (graphs/mpd-soak.cosg): sends argument tuples down a chain whose
// protection domains the test merges and splits at random meanwhile, and checks every result.
// main(min_rounds, threads): with threads = 0 the run's own thread does it; otherwise that many
// threads of one priority do it side by side, preempted by the timer wherever they are, in the
// middle of invocations across the changing boundaries. Each runs at least the rounds asked
// for, then on until the test merges the head with the halt component; then the head prints
// the rounds, calls and mismatches of them all and waits, sending nothing, until the test has
// compared them with the module's edge counters and split the halt component off again. It
// returns the number of wrong results.
#include <cos/component.hpp>
#include <cos/print.hpp>
#include <cos/thread.hpp>

#include "components/chain/chain_value.hpp"
#include "components/mpd_test/await.hpp"

COS_IMPORT(step);
COS_IMPORT(poke);
COS_IMPORT(sched_create);
COS_IMPORT(sched_yield);
COS_IMPORT(sched_set_priority);

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
			if (step(a0, a1, a2, a3) != chain_value(a0, a1, a2, a3))
				mismatches++;
			calls++;
		}
		rounds++;
	}
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

extern "C" cos_word main(cos_word min_rounds, cos_word threads, cos_word, cos_word)
{
	soak.min_rounds = min_rounds;
	cos_printf("soak: running on %lu threads\n", threads ? threads : 1);
	if (!threads) {
		send_down_the_chain(0);
	} else {
		// Less urgent than the workers: the run's thread waits here until they have all ended.
		sched_set_priority(cos_thread_self(), 8);
		soak.workers = threads;
		for (cos_word t = 1; t <= threads; t++)
			sched_create(reinterpret_cast<cos_word>(&worker), t, 16);
		while (__atomic_load_n(&soak.workers, __ATOMIC_ACQUIRE))
			sched_yield();
	}
	cos_printf("soak: %lu rounds, %lu calls, %lu mismatches\n", soak.rounds, soak.calls, soak.mismatches);
	cos_await_split(__cos_import_poke);
	return soak.mismatches;
}
COS_EXPORT(main);
