// SPDX-License-Identifier: GPL-2.0
// Opening an image file with libelf, and the shape of image error messages.
#include "loader/image/elf_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <utility>

namespace cosk::loader {

Elf_file::Elf_file(Elf_file &&other) noexcept
	: fd_(std::exchange(other.fd_, -1)), elf_(std::move(other.elf_)), contents_(other.contents_)
{
}

Elf_file::~Elf_file()
{
	// libelf may still read through the descriptor until elf_end.
	elf_.reset();
	if (fd_ >= 0)
		close(fd_);
}

Attempt<Elf_file, Image_error> Elf_file::open(const std::string &path)
{
	if (elf_version(EV_CURRENT) == EV_NONE)
		return image_failure(path, Image_error_kind::io, "libelf does not support this ELF version");
	Elf_file file;
	file.fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
	if (file.fd_ < 0)
		return image_failure(path, Image_error_kind::io, std::string("cannot open: ") + std::strerror(errno));
	struct stat st {};
	if (fstat(file.fd_, &st) != 0)
		return image_failure(path, Image_error_kind::io, std::string("cannot stat: ") + std::strerror(errno));
	// libelf would report a directory as an unreadable ELF file; say what it is.
	if (!S_ISREG(st.st_mode))
		return image_failure(path, Image_error_kind::io, "not a regular file");
	if (static_cast<std::uint64_t>(st.st_size) > max_image_file_bytes)
		return image_failure(path, Image_error_kind::too_large,
				     "the file is larger than " + std::to_string(max_image_file_bytes >> 20) +
					     " MiB, twice the largest image it could hold");

	file.elf_.reset(elf_begin(file.fd_, ELF_C_READ, nullptr));
	if (!file.elf_)
		return image_failure(path, Image_error_kind::not_elf,
				     std::string("not a readable ELF file: ") + elf_errmsg(-1));
	if (elf_kind(file.elf_.get()) != ELF_K_ELF)
		return image_failure(path, Image_error_kind::not_elf, "not an ELF file");
	std::size_t size = 0;
	const char *raw = elf_rawfile(file.elf_.get(), &size);
	if (!raw)
		return image_failure(path, Image_error_kind::io, std::string("cannot read: ") + elf_errmsg(-1));
	file.contents_ = {reinterpret_cast<const std::uint8_t *>(raw), size};
	return file;
}

Failure<Image_error> image_failure(const std::string &path, Image_error_kind kind, const std::string &problem)
{
	return Failure{Image_error{kind, path + ": " + problem}};
}

std::string hex_address(std::uint64_t value)
{
	char text[24];
	std::snprintf(text, sizeof(text), "0x%llx", static_cast<unsigned long long>(value));
	return text;
}

} // namespace cosk::loader
