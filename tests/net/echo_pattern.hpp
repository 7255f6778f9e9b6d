// SPDX-License-Identifier: GPL-2.0
// The bytes the echo client sends: a function of the connection and the offset, so that every
// byte that comes back can be checked without keeping what was sent, and a byte echoed into the
// wrong connection or the wrong place is caught.
#pragma once

#include <cstddef>
#include <cstdint>

namespace cosk::net_test {

inline std::uint8_t pattern_byte(std::uint64_t connection, std::uint64_t offset)
{
	std::uint64_t x = (connection + 1) * 0x9e3779b97f4a7c15ULL ^ (offset / 8) * 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 31;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 29;
	return static_cast<std::uint8_t>(x >> (8 * (offset % 8)));
}

inline void fill_pattern(std::uint64_t connection, std::uint64_t offset, std::uint8_t *out, std::size_t n)
{
	for (std::size_t i = 0; i < n; i++)
		out[i] = pattern_byte(connection, offset + i);
}

} // namespace cosk::net_test
