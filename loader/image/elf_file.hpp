// SPDX-License-Identifier: GPL-2.0
// The pieces of image reading that share an open libelf handle (internal to loader/image).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <libelf.h>

#include "cos/attempt.hpp"
#include "loader/image/elf_image.hpp"
#include "module/uapi/cos.h"

namespace cosk::loader {

using Image_step = Attempt<Done, Image_error>;

// libelf reads the whole file: one larger than twice the largest image (whose sections and
// symbols could at most double it) is refused before it is read.
inline constexpr std::uint64_t max_image_file_bytes = 2 * COS_MAX_IMAGE_SIZE;

struct Elf_closer {
	void operator()(Elf *elf) const { elf_end(elf); }
};

// An image file open for reading: owns the descriptor and the libelf handle.
class Elf_file {
public:
	Elf_file() = default;
	Elf_file(Elf_file &&other) noexcept;
	Elf_file &operator=(Elf_file &&) = delete;
	Elf_file(const Elf_file &) = delete;
	Elf_file &operator=(const Elf_file &) = delete;
	~Elf_file();

	// Fails with io, or not_elf when libelf cannot make an ELF file of it.
	[[nodiscard]] static Attempt<Elf_file, Image_error> open(const std::string &path);

	Elf *get() const { return elf_.get(); }
	// The whole file as libelf read it.
	std::span<const std::uint8_t> contents() const { return contents_; }

private:
	int fd_ = -1;
	std::unique_ptr<Elf, Elf_closer> elf_;
	std::span<const std::uint8_t> contents_;
};

// "PATH: PROBLEM", the shape of every image message.
[[nodiscard]] Failure<Image_error> image_failure(const std::string &path, Image_error_kind kind, const std::string &problem);

// "0x1f00".
[[nodiscard]] std::string hex_address(std::uint64_t value);

// The PT_LOAD segments, checked (bad_segment, too_large), sorted by address; also rejects
// PT_INTERP (not_static_pie).
[[nodiscard]] Image_step read_image_segments(const Elf_file &file, Component_image &image);

// Sections: DT_NEEDED (not_static_pie), relocation tables (unsupported_relocation), the symbol
// table (no_symbol_table) and the ABI symbols in it (missing_runtime_symbol, bad_symbol).
// Needs the segments read first.
[[nodiscard]] Image_step read_image_sections(const Elf_file &file, Component_image &image);

} // namespace cosk::loader
