// SPDX-License-Identifier: GPL-2.0
// An adder behind a virtual call: bench_client's work per invocation, the C++ way.
#pragma once

#include <cstdint>

namespace cosk::bench {

struct Adder {
	virtual ~Adder() = default;
	virtual std::uint64_t add(std::uint64_t a, std::uint64_t b) const = 0;
};

// An adder whose class this translation unit cannot see.
const Adder &make_adder();

} // namespace cosk::bench
