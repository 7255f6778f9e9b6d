// SPDX-License-Identifier: GPL-2.0
// The adder's client: checks add against its own sums, over small values, carries across every
// bit and wraparound at 2^64, and prints what it found.
#include <cos/component.hpp>
#include <cos/system/print.hpp>

COS_IMPORT(add);

namespace {

// Sums where the carry runs through the top bit and is lost.
constexpr cos_word wrapping[][2] = {
	{~0ULL, 1},
	{~0ULL, ~0ULL},
	{0x8000000000000000ULL, 0x8000000000000000ULL},
	{0xfffffffffffffff0ULL, 0x20},
	{0x7fffffffffffffffULL, 0x8000000000000001ULL},
};

struct Tally {
	cos_word sums = 0;
	cos_word mismatches = 0;
};

void check(Tally &tally, cos_word a, cos_word b)
{
	const cos_word got = add(a, b);
	tally.sums++;
	if (got != a + b) {
		// Only the first few, so that a broken adder does not flood the console.
		if (tally.mismatches < 4)
			cos_printf("add(0x%lx, 0x%lx) = 0x%lx, expected 0x%lx\n", a, b, got, a + b);
		tally.mismatches++;
	}
}

} // namespace

// Returns the number of wrong sums (0 when all are right).
extern "C" cos_word main(cos_word, cos_word, cos_word, cos_word)
{
	Tally tally;
	for (cos_word a = 0; a < 16; a++) {
		for (cos_word b = 0; b < 16; b++)
			check(tally, a, b);
	}
	// A carry out of every bit position.
	for (unsigned bit = 0; bit < 64; bit++)
		check(tally, (cos_word{1} << bit) - 1, 1);
	for (const auto &pair : wrapping)
		check(tally, pair[0], pair[1]);
	cos_printf("adder_client: %lu of %lu sums ok, %lu wrong\n", tally.sums - tally.mismatches,
		   tally.sums, tally.mismatches);
	return tally.mismatches;
}
COS_EXPORT(main);
