// SPDX-License-Identifier: GPL-2.0
// An image's PT_LOAD segments: read, and checked to be mappable in a slot as they are.
#include <gelf.h>

#include <algorithm>

#include "loader/image/elf_file.hpp"
#include "module/uapi/cos.h"

namespace cosk::loader {
namespace {

constexpr std::uint64_t page_size = 4096;

std::uint64_t page_floor(std::uint64_t address)
{
	return address & ~(page_size - 1);
}

std::uint32_t prot_of(GElf_Word flags)
{
	// x86 page tables cannot deny reads; saying so keeps the prot honest.
	std::uint32_t prot = COS_PROT_READ;
	if (flags & PF_W)
		prot |= COS_PROT_WRITE;
	if (flags & PF_X)
		prot |= COS_PROT_EXEC;
	return prot;
}

std::string describe_segment(const GElf_Phdr &phdr)
{
	return "segment at " + hex_address(phdr.p_vaddr);
}

// One segment on its own: everything that does not need the others.
Image_step check_segment(const std::string &path, const GElf_Phdr &phdr, std::size_t file_size)
{
	if ((phdr.p_flags & PF_W) && (phdr.p_flags & PF_X))
		return image_failure(path, Image_error_kind::bad_segment,
				     describe_segment(phdr) + " is writable and executable");
	if (phdr.p_filesz > phdr.p_memsz)
		return image_failure(path, Image_error_kind::bad_segment,
				     describe_segment(phdr) + " has more file bytes (" + hex_address(phdr.p_filesz) +
					     ") than memory (" + hex_address(phdr.p_memsz) + ")");
	if (phdr.p_filesz != 0 && (phdr.p_offset > file_size || phdr.p_filesz > file_size - phdr.p_offset))
		return image_failure(path, Image_error_kind::bad_segment,
				     describe_segment(phdr) + " reads file bytes " + hex_address(phdr.p_offset) +
					     "+" + hex_address(phdr.p_filesz) + " past the end of the file (" +
					     hex_address(file_size) + " bytes): is it truncated?");
	if (phdr.p_vaddr > COS_MAX_IMAGE_SIZE || phdr.p_memsz > COS_MAX_IMAGE_SIZE - phdr.p_vaddr)
		return image_failure(path, Image_error_kind::too_large,
				     describe_segment(phdr) + " ends above the image size limit (" +
					     hex_address(COS_MAX_IMAGE_SIZE) + ")");
	return Done{};
}

// Each range becomes mappings of whole pages, and the module refuses overlapping mappings: two
// segments may share a page only when that page can have one protection for both.
Image_step check_neighbours(const std::string &path, const Image_segment &low, const Image_segment &high)
{
	if (high.vaddr < low.vaddr + low.memsz)
		return image_failure(path, Image_error_kind::bad_segment,
				     "segments at " + hex_address(low.vaddr) + " and " + hex_address(high.vaddr) +
					     " overlap");
	if (page_floor(high.vaddr) <= page_floor(low.vaddr + low.memsz - 1) && high.prot != low.prot)
		return image_failure(path, Image_error_kind::bad_segment,
				     "segments at " + hex_address(low.vaddr) + " and " + hex_address(high.vaddr) +
					     " share a page but differ in protection");
	return Done{};
}

} // namespace

Image_step read_image_segments(const Elf_file &file, Component_image &image)
{
	const std::string &path = image.path;
	std::size_t count = 0;
	if (elf_getphdrnum(file.get(), &count) != 0)
		return image_failure(path, Image_error_kind::not_elf,
				     std::string("unreadable program headers: ") + elf_errmsg(-1));
	const std::span<const std::uint8_t> contents = file.contents();
	for (std::size_t i = 0; i < count; ++i) {
		GElf_Phdr phdr;
		if (!gelf_getphdr(file.get(), static_cast<int>(i), &phdr))
			return image_failure(path, Image_error_kind::not_elf,
					     "unreadable program header " + std::to_string(i) + ": " + elf_errmsg(-1));
		if (phdr.p_type == PT_INTERP)
			return image_failure(path, Image_error_kind::not_static_pie,
					     "asks for a dynamic linker (PT_INTERP): link with --no-dynamic-linker");
		if (phdr.p_type == PT_TLS)
			return image_failure(path, Image_error_kind::bad_segment,
					     "has thread-local storage (PT_TLS), which components cannot have");
		// An empty PT_LOAD maps nothing, so it cannot be wrong.
		if (phdr.p_type != PT_LOAD || phdr.p_memsz == 0)
			continue;
		if (auto checked = check_segment(path, phdr, contents.size()); !checked)
			return Failure{checked.error()};
		const auto file_bytes = phdr.p_filesz ? contents.subspan(phdr.p_offset, phdr.p_filesz)
						      : std::span<const std::uint8_t>();
		image.segments.push_back({phdr.p_vaddr, phdr.p_memsz, phdr.p_filesz,
					  std::vector<std::uint8_t>(file_bytes.begin(), file_bytes.end()),
					  prot_of(phdr.p_flags)});
	}
	if (image.segments.empty())
		return image_failure(path, Image_error_kind::bad_segment, "has no loadable segment");
	std::sort(image.segments.begin(), image.segments.end(),
		  [](const Image_segment &a, const Image_segment &b) { return a.vaddr < b.vaddr; });
	for (std::size_t i = 1; i < image.segments.size(); ++i)
		if (auto checked = check_neighbours(path, image.segments[i - 1], image.segments[i]); !checked)
			return Failure{checked.error()};
	return Done{};
}

} // namespace cosk::loader
