// SPDX-License-Identifier: GPL-2.0
// The C++ virtual call the MPD benchmark compares an intra-domain invocation with. Its class lives
// in a translation unit of its own, so that the benchmark's loop cannot devirtualise the call.
#include "bench/virtual_adder.hpp"

namespace cosk::bench {

namespace {

struct Plain_adder final : Adder {
	std::uint64_t add(std::uint64_t a, std::uint64_t b) const override { return a + b; }
};

const Plain_adder plain_adder;

} // namespace

const Adder &make_adder()
{
	return plain_adder;
}

} // namespace cosk::bench
