// SPDX-License-Identifier: GPL-2.0
// Filling a component's pages and applying its relocations.
#include "loader/image/relocate.hpp"

#include <algorithm>

#include "loader/image/elf_file.hpp"
#include "module/uapi/cos.h"

namespace cosk::loader {
namespace {

constexpr std::uint64_t word_size = 8;

// The range holding [address, address + size), if one does.
Initialized_range *range_holding(std::vector<Initialized_range> &ranges, std::uint64_t address, std::uint64_t size)
{
	for (Initialized_range &r : ranges)
		if (address >= r.range.address && address - r.range.address <= r.range.size &&
		    size <= r.range.size - (address - r.range.address))
			return &r;
	return nullptr;
}

// Code is mapped without write permission and the image is linked with -z text, so a relocation
// into code would be a linker bug the loader must not paper over.
bool in_data_segment(const Component_image &image, const Image_relocation &relocation)
{
	return std::any_of(image.segments.begin(), image.segments.end(), [&](const Image_segment &s) {
		return !(s.prot & COS_PROT_EXEC) && relocation.offset >= s.vaddr &&
		       relocation.offset - s.vaddr <= s.memsz && word_size <= s.memsz - (relocation.offset - s.vaddr);
	});
}

void store_word(std::uint8_t *at, std::uint64_t value)
{
	// Little-endian, as x86-64 reads it, whatever the host.
	for (std::uint64_t i = 0; i < word_size; ++i)
		at[i] = static_cast<std::uint8_t>(value >> (8 * i));
}

} // namespace

Attempt<std::vector<Initialized_range>, Image_error>
initialize_ranges(const Component_image &image, const Component_layout &layout)
{
	std::vector<Initialized_range> ranges;
	for (const Mapped_range &range : layout.ranges)
		ranges.push_back({range, std::vector<std::uint8_t>(range.stack ? 0 : range.size, 0)});

	for (const Image_segment &segment : image.segments) {
		Initialized_range *r = range_holding(ranges, layout.base + segment.vaddr, segment.memsz);
		if (!r || r->range.stack)
			return image_failure(image.path, Image_error_kind::bad_segment,
					     "segment at " + hex_address(segment.vaddr) + " lies outside the layout");
		std::copy(segment.bytes.begin(), segment.bytes.end(),
			  r->bytes.begin() + static_cast<std::ptrdiff_t>(layout.base + segment.vaddr - r->range.address));
	}

	for (const Image_relocation &relocation : image.relocations) {
		const std::uint64_t address = layout.base + relocation.offset;
		Initialized_range *r = in_data_segment(image, relocation) ? range_holding(ranges, address, word_size)
									  : nullptr;
		if (!r || r->range.stack)
			return image_failure(image.path, Image_error_kind::bad_relocation,
					     "relocation at " + hex_address(relocation.offset) +
						     " is not inside a non-executable segment");
		store_word(r->bytes.data() + (address - r->range.address),
			   layout.base + static_cast<std::uint64_t>(relocation.addend));
	}
	return ranges;
}

} // namespace cosk::loader
