// SPDX-License-Identifier: GPL-2.0
// The load of the live MPD benchmark (bench/graphs/mpd-live.cosg, bench/mpd_live.cpp): a thread
// that keeps invoking a chain of ten components, which the benchmark merges and splits meanwhile,
// and spends most of its time in its own domain, so that a split often finds no frame in the
// domain it splits (and may reuse it) while the system runs. Every answer of the chain is
// checked: a wrong one faults on purpose, which ends the run and voids the measurement.
#include <cos/component.hpp>

#include "components/examples/chain/chain_value.hpp"

COS_IMPORT(step);

// main(rounds, spin): rounds trips down the chain (0: until the run is stopped), spin loop
// iterations before each. Returns the rounds made.
extern "C" cos_word main(cos_word rounds, cos_word spin, cos_word, cos_word)
{
	cos_word r = 0;
	for (; !rounds || r < rounds; r++) {
		for (cos_word i = 0; i < spin; i++)
			asm volatile("" : : "r"(i));
		if (step(r, r * 3, r ^ 5, 7) != chain_value(r, r * 3, r ^ 5, 7))
			__builtin_trap();
	}
	return r;
}
COS_EXPORT(main);
