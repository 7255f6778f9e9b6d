// SPDX-License-Identifier: GPL-2.0
// The initial contents of a component's pages: its file bytes, relocated for its slot.
#pragma once

#include <cstdint>
#include <vector>

#include "cos/attempt.hpp"
#include "loader/image/elf_image.hpp"
#include "loader/image/layout.hpp"

namespace cosk::loader {

// A mapped range and what it starts out holding.
struct Initialized_range {
	Mapped_range range;
	// The range's first bytes (at most range.size); the rest is zero, as COS_IOC_MAP fills it.
	std::vector<std::uint8_t> bytes;
};

// One entry per range of layout, in its order. Copies each segment's file bytes to its place and
// applies every R_X86_64_RELATIVE (the 8 bytes at base + offset become base + addend). Fails with
// bad_relocation when a relocation's 8 bytes are not all inside one non-executable segment.
[[nodiscard]] Attempt<std::vector<Initialized_range>, Image_error>
initialize_ranges(const Component_image &image, const Component_layout &layout);

} // namespace cosk::loader
