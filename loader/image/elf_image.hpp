// SPDX-License-Identifier: GPL-2.0
// A component's ELF image as the loader needs it: segments, symbols of the ABI, relocations.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "cos/attempt.hpp"
#include "loader/graph/privilege.hpp"

namespace cosk::loader {

enum class Image_error_kind {
	io,                     // the file cannot be opened or read
	not_elf,                // not an ELF file, or one libelf cannot parse
	not_x86_64,             // not 64-bit little-endian x86-64
	not_static_pie,         // not ET_DYN, or wants an interpreter or a shared library
	unsupported_relocation, // a relocation other than R_X86_64_RELATIVE, or a REL/RELR table
	no_symbol_table,        // stripped: the ABI symbols cannot be found
	missing_runtime_symbol, // no __cos_upcall_entry or __cos_inv_stub
	bad_segment,            // a PT_LOAD the loader cannot map as asked
	too_large,              // does not fit in COS_MAX_IMAGE_SIZE
	bad_symbol,             // an ABI symbol outside memory of the kind it needs
	bad_relocation,         // a relocation outside the image's non-executable segments
};

struct Image_error {
	Image_error_kind kind = Image_error_kind::io;
	std::string message; // one line, naming the image's path
};

// The kind as a word, e.g. "not_static_pie".
[[nodiscard]] std::string_view kind_name(Image_error_kind kind);

struct Image_segment {
	std::uint64_t vaddr = 0;
	std::uint64_t memsz = 0;
	std::uint64_t filesz = 0;
	std::vector<std::uint8_t> bytes; // the filesz bytes of the file
	std::uint32_t prot = 0;          // COS_PROT_* bits; READ always, never WRITE with EXEC
};

// R_X86_64_RELATIVE: the 8 bytes at offset become load base + addend.
struct Image_relocation {
	std::uint64_t offset = 0;
	std::int64_t addend = 0;
};

// Addresses are image-relative (the image is linked at 0).
struct Component_image {
	std::string path;
	// Ascending, not overlapping, and no page is shared by two segments of different prot.
	std::vector<Image_segment> segments;
	std::map<std::string, std::uint64_t> exports; // NAME of __cos_export_NAME -> function
	std::map<std::string, std::uint64_t> imports; // NAME of __cos_import_NAME -> its Cos_ucap
	std::uint64_t upcall_entry = 0;
	std::uint64_t inv_stub = 0;
	Privilege_set asks = 0; // the privileges it asks for (loader/graph/privilege.hpp)
	// Its configuration space, __cos_config (COS_CONFIG(BYTES)): address and size; size 0 for none.
	std::uint64_t config = 0;
	std::uint64_t config_size = 0;
	std::vector<Image_relocation> relocations;
};

// Reads and checks an image; the first problem found is reported.
[[nodiscard]] Attempt<Component_image, Image_error> read_component_image(const std::string &path);

} // namespace cosk::loader
