// SPDX-License-Identifier: GPL-2.0
// The head of a chain: sends argument tuples down the chain's step and checks that the tail's
// chain_value comes back unchanged through every link.
#include <cos/component.hpp>
#include <cos/system/print.hpp>

#include "components/examples/chain/chain_value.hpp"

COS_IMPORT(step);

namespace {

struct Tuple {
	cos_word a[4];
};

// Zeroes, all-ones, lone high bits and distinct values in each position: a link that loses,
// truncates, sign-extends or swaps an argument changes the result.
constexpr Tuple tuples[] = {
	{{0, 0, 0, 0}},
	{{~0ULL, ~0ULL, ~0ULL, ~0ULL}},
	{{1, 2, 3, 4}},
	{{4, 3, 2, 1}},
	{{0x8000000000000000ULL, 0, 0, 0}},
	{{0, 0x8000000000000000ULL, 0, 0}},
	{{0, 0, 0x8000000000000000ULL, 0}},
	{{0, 0, 0, 0x8000000000000000ULL}},
	{{0xffffffff00000000ULL, 0x00000000ffffffffULL, 0x0123456789abcdefULL, 0xfedcba9876543210ULL}},
	{{0xdeadbeefcafebabeULL, 0x8badf00d00000001ULL, 0xc0ffee0000000002ULL, 0xfffffffffffffffeULL}},
};

constexpr cos_word tuple_count = sizeof(tuples) / sizeof(tuples[0]);

// Sends every tuple down the chain rounds more times, silently: a load that keeps the thread
// migrating through the chain for as long as asked.
cos_word run_rounds(cos_word rounds)
{
	cos_word mismatches = 0;
	for (cos_word r = 0; r < rounds; r++) {
		for (const Tuple &t : tuples) {
			if (step(t.a[0], t.a[1], t.a[2], t.a[3]) != chain_value(t.a[0], t.a[1], t.a[2], t.a[3]))
				mismatches++;
		}
	}
	return mismatches;
}

} // namespace

// Checks every tuple once, printing each, then (if rounds, the first argument, is not zero)
// rounds times more in silence. Returns the number of wrong results (0 when all are right).
extern "C" cos_word main(cos_word rounds, cos_word, cos_word, cos_word)
{
	cos_word mismatches = 0;
	for (const Tuple &t : tuples) {
		const cos_word got = step(t.a[0], t.a[1], t.a[2], t.a[3]);
		const bool ok = got == chain_value(t.a[0], t.a[1], t.a[2], t.a[3]);
		if (!ok)
			mismatches++;
		cos_printf("step(0x%lx, 0x%lx, 0x%lx, 0x%lx) = 0x%016lx %s\n", t.a[0], t.a[1], t.a[2],
			   t.a[3], got, ok ? "ok" : "BAD");
	}
	cos_printf("pinger: %lu of %lu tuples ok, %lu mismatches\n", tuple_count - mismatches,
		   tuple_count, mismatches);
	if (rounds) {
		const cos_word wrong = run_rounds(rounds);
		cos_printf("pinger: %lu more rounds, %lu mismatches\n", rounds, wrong);
		mismatches += wrong;
	}
	return mismatches;
}
COS_EXPORT(main);
