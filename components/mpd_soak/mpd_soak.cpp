// SPDX-License-Identifier: GPL-2.0
// The head of the MPD soak (graphs/mpd-soak.cosg): sends argument tuples down a chain whose
// protection domains the test merges and splits at random meanwhile, and checks every result.
// It runs at least the rounds asked for, then on until the test merges it with the halt
// component; then it prints how many calls it made and waits, sending nothing, until the test
// has compared that with the module's edge counters and split the halt component off again.
// It returns the number of wrong results.
#include <cos/component.hpp>
#include <cos/print.hpp>

#include "components/chain/chain_value.hpp"
#include "components/mpd_test/await.hpp"

COS_IMPORT(step);
COS_IMPORT(poke);

extern "C" cos_word main(cos_word min_rounds, cos_word, cos_word, cos_word)
{
	cos_word rounds = 0, calls = 0, mismatches = 0;

	cos_printf("soak: running\n");
	while (rounds < min_rounds || cos_crosses_domains(__cos_import_poke)) {
		for (cos_word i = 0; i < 16; i++) {
			const cos_word a0 = rounds * 16 + i, a1 = ~a0, a2 = a0 << 7, a3 = a0 * 0x9e3779b97f4a7c15ULL;
			if (step(a0, a1, a2, a3) != chain_value(a0, a1, a2, a3))
				mismatches++;
			calls++;
		}
		rounds++;
	}
	cos_printf("soak: %lu rounds, %lu calls, %lu mismatches\n", rounds, calls, mismatches);
	cos_await_split(__cos_import_poke);
	return mismatches;
}
COS_EXPORT(main);
