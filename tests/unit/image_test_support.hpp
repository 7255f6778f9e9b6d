// SPDX-License-Identifier: GPL-2.0
// Helpers for the image tests: a scratch directory, and broken copies of a real component image.
#pragma once

#include <elf.h>
#include <stdlib.h>

#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "module/uapi/cos.h"

namespace cosk::loader::test_support {

// Page protections, as layouts and ranges spell them.
constexpr std::uint32_t r = COS_PROT_READ;
constexpr std::uint32_t rw = COS_PROT_READ | COS_PROT_WRITE;
constexpr std::uint32_t rx = COS_PROT_READ | COS_PROT_EXEC;

inline const std::string hello_image = std::string(COS_COMPONENT_DIR) + "/examples/hello.elf";
inline const std::string printer_image = std::string(COS_COMPONENT_DIR) + "/system/printer.elf";
// Has 256 bytes of configuration space, imports the printer's print_chunk, exports main.
inline const std::string config_reader_image = std::string(COS_COMPONENT_DIR) + "/tests/config_reader.elf";

// A fresh directory, removed with everything in it at the end of the test.
class Temp_dir {
public:
	Temp_dir()
	{
		std::string pattern = (std::filesystem::temp_directory_path() / "cos-image-test-XXXXXX").string();
		if (mkdtemp(pattern.data()))
			path_ = pattern;
	}
	~Temp_dir()
	{
		std::error_code ignored;
		if (!path_.empty())
			std::filesystem::remove_all(path_, ignored);
	}
	Temp_dir(const Temp_dir &) = delete;
	Temp_dir &operator=(const Temp_dir &) = delete;

	std::string file(const std::string &name) const { return path_ + "/" + name; }
	const std::string &path() const { return path_; }

private:
	std::string path_;
};

inline std::vector<std::uint8_t> read_bytes(const std::string &path)
{
	std::ifstream in(path, std::ios::binary);
	return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_text(const std::string &path, std::string_view text)
{
	std::ofstream(path, std::ios::binary) << text;
}

// An ELF64 image as bytes, edited in place through copies of its headers (memcpy, so that no
// alignment is assumed), then written out.
class Elf_bytes {
public:
	explicit Elf_bytes(const std::string &path) : bytes(read_bytes(path)) {}

	template <typename T>
	T get(std::uint64_t offset) const
	{
		T value{};
		std::memcpy(&value, bytes.data() + offset, sizeof(T));
		return value;
	}
	template <typename T>
	void put(std::uint64_t offset, const T &value)
	{
		std::memcpy(bytes.data() + offset, &value, sizeof(T));
	}

	Elf64_Ehdr ehdr() const { return get<Elf64_Ehdr>(0); }
	void set_ehdr(const Elf64_Ehdr &e) { put(0, e); }

	std::uint64_t phdr_offset(std::size_t i) const { return ehdr().e_phoff + i * sizeof(Elf64_Phdr); }
	Elf64_Phdr phdr(std::size_t i) const { return get<Elf64_Phdr>(phdr_offset(i)); }
	void set_phdr(std::size_t i, const Elf64_Phdr &p) { put(phdr_offset(i), p); }

	// Index of the nth (0-based) program header of a type.
	std::optional<std::size_t> find_phdr(std::uint32_t type, std::size_t nth = 0) const
	{
		for (std::size_t i = 0; i < ehdr().e_phnum; ++i)
			if (phdr(i).p_type == type && nth-- == 0)
				return i;
		return std::nullopt;
	}

	std::uint64_t shdr_offset(std::size_t i) const { return ehdr().e_shoff + i * sizeof(Elf64_Shdr); }
	Elf64_Shdr shdr(std::size_t i) const { return get<Elf64_Shdr>(shdr_offset(i)); }
	void set_shdr(std::size_t i, const Elf64_Shdr &s) { put(shdr_offset(i), s); }

	std::optional<std::size_t> find_section(std::uint32_t type) const
	{
		for (std::size_t i = 0; i < ehdr().e_shnum; ++i)
			if (shdr(i).sh_type == type)
				return i;
		return std::nullopt;
	}

	// File offset of the index-th entry of the table in section `section`.
	template <typename Entry>
	std::uint64_t entry_offset(std::size_t section, std::size_t index) const
	{
		return shdr(section).sh_offset + index * sizeof(Entry);
	}

	// The symbol table entry named name, by index.
	std::optional<std::size_t> find_symbol(std::string_view name) const
	{
		const std::size_t symtab = *find_section(SHT_SYMTAB);
		const Elf64_Shdr strtab = shdr(shdr(symtab).sh_link);
		for (std::size_t i = 0; i < shdr(symtab).sh_size / sizeof(Elf64_Sym); ++i) {
			const auto sym = get<Elf64_Sym>(entry_offset<Elf64_Sym>(symtab, i));
			const char *at = reinterpret_cast<const char *>(bytes.data() + strtab.sh_offset + sym.st_name);
			if (name == at)
				return i;
		}
		return std::nullopt;
	}
	Elf64_Sym symbol(std::size_t index) const
	{
		return get<Elf64_Sym>(entry_offset<Elf64_Sym>(*find_section(SHT_SYMTAB), index));
	}
	void set_symbol(std::size_t index, const Elf64_Sym &sym)
	{
		put(entry_offset<Elf64_Sym>(*find_section(SHT_SYMTAB), index), sym);
	}

	// Overwrites a symbol name in the string table with another of the same length.
	void rename_string(std::string_view from, std::string_view to)
	{
		const Elf64_Shdr strtab = shdr(shdr(*find_section(SHT_SYMTAB)).sh_link);
		const char *begin = reinterpret_cast<const char *>(bytes.data() + strtab.sh_offset);
		const std::string_view table(begin, strtab.sh_size);
		const std::size_t at = table.find(std::string(from) + '\0');
		if (at != std::string_view::npos && from.size() == to.size())
			std::memcpy(bytes.data() + strtab.sh_offset + at, to.data(), to.size());
	}

	// The virtual address of the first occurrence of text in a PT_LOAD's file bytes.
	std::optional<std::uint64_t> vaddr_of(std::string_view text) const
	{
		const std::string_view all(reinterpret_cast<const char *>(bytes.data()), bytes.size());
		const std::size_t at = all.find(text);
		for (std::size_t i = 0; at != std::string_view::npos && i < ehdr().e_phnum; ++i) {
			const Elf64_Phdr p = phdr(i);
			if (p.p_type == PT_LOAD && at >= p.p_offset && at < p.p_offset + p.p_filesz)
				return p.p_vaddr + (at - p.p_offset);
		}
		return std::nullopt;
	}

	void write(const std::string &path) const
	{
		std::ofstream(path, std::ios::binary)
			.write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
	}

	std::vector<std::uint8_t> bytes;
};

// A copy of hello.elf whose data word hello_greeting has become the capability of an import of
// `main` (the names have the same length): a real image with an import, for binding tests.
inline void write_importer(const std::string &path)
{
	Elf_bytes image(hello_image);
	// The unused name cos_console_write gives its bytes to __cos_import_main, and hands its
	// symbol the old name of the data word.
	const std::size_t console = *image.find_symbol("cos_console_write");
	const std::size_t greeting = *image.find_symbol("hello_greeting");
	Elf64_Sym a = image.symbol(console);
	Elf64_Sym b = image.symbol(greeting);
	std::swap(a.st_name, b.st_name);
	image.set_symbol(console, a);
	image.set_symbol(greeting, b);
	image.rename_string("cos_console_write", "__cos_import_main");
	image.write(path);
}

// The printer turned from the console into the MPD policy: its __cos_console becomes __cos_mpd,
// the rest of the old name left unreferenced behind the new terminator.
inline void write_mpd_policy(const std::string &path)
{
	Elf_bytes image(printer_image);
	image.rename_string("__cos_console", std::string_view("__cos_mpd\0ole", 13));
	image.write(path);
}

// The configuration reader turned into a network stack that asks to own the device: the name of its
// unused stub cos_mpd_edges becomes __cos_nic, the rest of the old name left behind the terminator.
inline void write_nic_reader(const std::string &path)
{
	Elf_bytes image(config_reader_image);
	image.rename_string("cos_mpd_edges", std::string_view("__cos_nic\0ges", 13));
	image.write(path);
}

} // namespace cosk::loader::test_support
