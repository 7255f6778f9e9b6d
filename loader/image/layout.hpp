// SPDX-License-Identifier: GPL-2.0
// Where each component goes in the shared region: its slot, its pages, its stack, its symbols.
#pragma once

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "loader/image/elf_image.hpp"

namespace cosk::loader {

inline constexpr std::uint64_t layout_page_size = 4096;

// Pages mapped with one protection: what one COS_IOC_MAP asks for.
struct Mapped_range {
	std::uint64_t address = 0; // page-aligned, absolute
	std::uint64_t size = 0;    // a multiple of the page size
	std::uint32_t prot = 0;    // COS_PROT_* bits
	bool stack = false;        // the component's stack rather than image pages
};

// All addresses absolute: inside [base, base + COS_SLOT_SIZE).
struct Component_layout {
	std::uint32_t slot = 0;
	std::uint64_t base = 0;
	// The image's pages by ascending address (segments sharing a page merged), then the stack.
	std::vector<Mapped_range> ranges;
	std::uint64_t upcall_entry = 0;
	std::uint64_t inv_stub = 0;
	std::map<std::string, std::uint64_t> exports; // name -> function
	std::map<std::string, std::uint64_t> imports; // name -> its Cos_ucap
};

// The first address of a region slot.
[[nodiscard]] std::uint64_t slot_base(std::uint32_t slot);

// Places one image, as read_component_image accepted it, in slot.
[[nodiscard]] Component_layout lay_out_component(const Component_image &image, std::uint32_t slot);

// Places images in load order (callees first, as Resolved_graph::components): the first in
// COS_FIRST_COMPONENT_SLOT, the rest in the slots that follow. There must be at most
// COS_MAX_COMPONENTS of them, which check_graph ensures.
[[nodiscard]] std::vector<Component_layout> lay_out(std::span<const Component_image> images_in_load_order);

} // namespace cosk::loader
