// SPDX-License-Identifier: GPL-2.0
// Reading a component image: the ELF header here, segments and sections in their own files.
#include "loader/image/elf_image.hpp"

#include <gelf.h>

#include "loader/image/elf_file.hpp"

namespace cosk::loader {
namespace {

Image_step check_header(const Elf_file &file, const std::string &path)
{
	const char *ident = elf_getident(file.get(), nullptr);
	if (!ident)
		return image_failure(path, Image_error_kind::not_elf, "no ELF identification");
	if (ident[EI_CLASS] != ELFCLASS64)
		return image_failure(path, Image_error_kind::not_x86_64, "not a 64-bit ELF file");
	if (ident[EI_DATA] != ELFDATA2LSB)
		return image_failure(path, Image_error_kind::not_x86_64, "not a little-endian ELF file");
	GElf_Ehdr ehdr;
	if (!gelf_getehdr(file.get(), &ehdr))
		return image_failure(path, Image_error_kind::not_elf,
				     std::string("unreadable ELF header: ") + elf_errmsg(-1));
	if (ehdr.e_machine != EM_X86_64)
		return image_failure(path, Image_error_kind::not_x86_64,
				     "built for machine " + std::to_string(ehdr.e_machine) +
					     ", not x86-64 (" + std::to_string(EM_X86_64) + ")");
	// libelf drops a section header table that runs past the end of the file without a word,
	// which would make a truncated image look merely stripped.
	const std::uint64_t headers = ehdr.e_shnum ? ehdr.e_shnum : 1; // 0: the count is in header 0
	const std::uint64_t size = file.contents().size();
	if (ehdr.e_shoff != 0 && (ehdr.e_shoff > size || headers * ehdr.e_shentsize > size - ehdr.e_shoff))
		return image_failure(path, Image_error_kind::not_elf,
				     "its section headers run past the end of the file: is it truncated?");
	// An ET_EXEC image is linked for one address; components must run at their slot's.
	if (ehdr.e_type != ET_DYN)
		return image_failure(path, Image_error_kind::not_static_pie,
				     "ELF type " + std::to_string(ehdr.e_type) +
					     " is not a position-independent executable (ET_DYN): link with -static-pie");
	return Done{};
}

} // namespace

std::string_view kind_name(Image_error_kind kind)
{
	switch (kind) {
	case Image_error_kind::io: return "io";
	case Image_error_kind::not_elf: return "not_elf";
	case Image_error_kind::not_x86_64: return "not_x86_64";
	case Image_error_kind::not_static_pie: return "not_static_pie";
	case Image_error_kind::unsupported_relocation: return "unsupported_relocation";
	case Image_error_kind::no_symbol_table: return "no_symbol_table";
	case Image_error_kind::missing_runtime_symbol: return "missing_runtime_symbol";
	case Image_error_kind::bad_segment: return "bad_segment";
	case Image_error_kind::too_large: return "too_large";
	case Image_error_kind::bad_symbol: return "bad_symbol";
	case Image_error_kind::bad_relocation: return "bad_relocation";
	}
	return "unknown";
}

Attempt<Component_image, Image_error> read_component_image(const std::string &path)
{
	auto file = Elf_file::open(path);
	if (!file)
		return Failure{file.error()};
	Component_image image;
	image.path = path;
	if (auto header = check_header(file.value(), path); !header)
		return Failure{header.error()};
	if (auto segments = read_image_segments(file.value(), image); !segments)
		return Failure{segments.error()};
	if (auto sections = read_image_sections(file.value(), image); !sections)
		return Failure{sections.error()};
	return image;
}

} // namespace cosk::loader
