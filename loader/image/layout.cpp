// SPDX-License-Identifier: GPL-2.0
// Assigning slots and turning segments into page ranges.
#include "loader/image/layout.hpp"

#include <algorithm>

#include "module/uapi/cos.h"

namespace cosk::loader {
namespace {

std::uint64_t page_floor(std::uint64_t address)
{
	return address & ~(layout_page_size - 1);
}

std::uint64_t page_ceil(std::uint64_t address)
{
	return page_floor(address + layout_page_size - 1);
}

std::map<std::string, std::uint64_t> rebased(const std::map<std::string, std::uint64_t> &symbols, std::uint64_t base)
{
	std::map<std::string, std::uint64_t> out;
	for (const auto &[name, address] : symbols)
		out.emplace(name, base + address);
	return out;
}

} // namespace

std::uint64_t slot_base(std::uint32_t slot)
{
	return COS_REGION_BASE + std::uint64_t{slot} * COS_SLOT_SIZE;
}

Component_layout lay_out_component(const Component_image &image, std::uint32_t slot)
{
	Component_layout layout;
	layout.slot = slot;
	layout.base = slot_base(slot);
	for (const Image_segment &segment : image.segments) {
		const std::uint64_t start = layout.base + page_floor(segment.vaddr);
		const std::uint64_t end = layout.base + page_ceil(segment.vaddr + segment.memsz);
		// The image reader let segments share a page only with one protection; the module
		// refuses overlapping maps, so such pages become one range.
		if (!layout.ranges.empty()) {
			Mapped_range &last = layout.ranges.back();
			if (start < last.address + last.size) {
				last.size = std::max(end, last.address + last.size) - last.address;
				continue;
			}
		}
		layout.ranges.push_back({start, end - start, segment.prot, false});
	}
	layout.ranges.push_back({layout.base + COS_STACK_TOP_OFFSET - COS_STACK_SIZE, COS_STACK_SIZE,
				 COS_PROT_READ | COS_PROT_WRITE, true});
	layout.upcall_entry = layout.base + image.upcall_entry;
	layout.inv_stub = layout.base + image.inv_stub;
	layout.exports = rebased(image.exports, layout.base);
	layout.imports = rebased(image.imports, layout.base);
	return layout;
}

std::vector<Component_layout> lay_out(std::span<const Component_image> images_in_load_order)
{
	std::vector<Component_layout> layouts;
	std::uint32_t slot = COS_FIRST_COMPONENT_SLOT;
	for (const Component_image &image : images_in_load_order)
		layouts.push_back(lay_out_component(image, slot++));
	return layouts;
}

} // namespace cosk::loader
