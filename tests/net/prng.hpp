// SPDX-License-Identifier: GPL-2.0
// The seeded random source of the hostile test tools (hostile_frames, http_hostile).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cosk::net_test {

// splitmix64: the same seed gives the same bytes with every compiler and standard library
// (the <random> distributions do not promise that).
class Prng {
public:
	explicit Prng(std::uint64_t seed) : state_(seed) {}

	[[nodiscard]] std::uint64_t next()
	{
		std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
		z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
		z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
		return z ^ (z >> 31);
	}

	// [0, bound), bound > 0; the bias is far below anything a test could show.
	[[nodiscard]] std::uint64_t below(std::uint64_t bound) { return next() % bound; }

	[[nodiscard]] std::uint32_t u32() { return static_cast<std::uint32_t>(next() >> 32); }
	[[nodiscard]] std::uint16_t u16() { return static_cast<std::uint16_t>(next() >> 48); }
	[[nodiscard]] std::uint8_t u8() { return static_cast<std::uint8_t>(next() >> 56); }

	[[nodiscard]] std::vector<std::uint8_t> bytes(std::size_t n)
	{
		std::vector<std::uint8_t> out(n);
		for (auto &byte : out)
			byte = u8();
		return out;
	}

private:
	std::uint64_t state_;
};

} // namespace cosk::net_test
