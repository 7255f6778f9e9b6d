// SPDX-License-Identifier: GPL-2.0
// read_component_image: the real hello.elf, and broken copies of it made here, one per error kind.
#include <gtest/gtest.h>

#include <elf.h>
#include <unistd.h>

#include <functional>
#include <string>

#include "image_test_support.hpp"
#include "loader/image/elf_file.hpp"
#include "loader/image/elf_image.hpp"
#include "module/uapi/cos.h"

using namespace cosk::loader;
using namespace cosk::loader::test_support;

namespace {

Image_error_kind kind_of_failure(const std::string &path)
{
	auto image = read_component_image(path);
	EXPECT_FALSE(image.ok()) << path << " was accepted";
	if (image.ok())
		return Image_error_kind::io;
	const std::string &message = image.error().message;
	EXPECT_EQ(message.rfind(path + ": ", 0), 0u) << message;
	EXPECT_EQ(message.find('\n'), std::string::npos) << message;
	return image.error().kind;
}

struct Broken_image {
	const char *name;
	std::function<void(Elf_bytes &)> patch;
	Image_error_kind kind;
};

void set_phdr_field(Elf_bytes &e, std::uint32_t type, std::size_t nth, const std::function<void(Elf64_Phdr &)> &edit)
{
	const std::size_t i = *e.find_phdr(type, nth);
	Elf64_Phdr p = e.phdr(i);
	edit(p);
	e.set_phdr(i, p);
}

// hello.elf's PT_LOADs, in order: headers and tables (r), text (rx), rodata (r), data (rw).
const Broken_image broken_images[] = {
	{"truncated_to_header", [](Elf_bytes &e) { e.bytes.resize(32); }, Image_error_kind::not_elf},
	{"truncated_in_data", [](Elf_bytes &e) { e.bytes.resize(0x2100); }, Image_error_kind::not_elf},
	{"segment_past_file_end",
	 [](Elf_bytes &e) {
		 set_phdr_field(e, PT_LOAD, 3, [](Elf64_Phdr &p) { p.p_filesz = p.p_memsz = 0x10000; });
	 },
	 Image_error_kind::bad_segment},
	{"truncated_in_section_headers", [](Elf_bytes &e) { e.bytes.resize(e.bytes.size() - 8); },
	 Image_error_kind::not_elf},
	{"i386_machine", [](Elf_bytes &e) { e.put<Elf64_Half>(offsetof(Elf64_Ehdr, e_machine), EM_386); },
	 Image_error_kind::not_x86_64},
	{"elf32_class", [](Elf_bytes &e) { e.bytes[EI_CLASS] = ELFCLASS32; }, Image_error_kind::not_x86_64},
	{"exec_type", [](Elf_bytes &e) { e.put<Elf64_Half>(offsetof(Elf64_Ehdr, e_type), ET_EXEC); },
	 Image_error_kind::not_static_pie},
	{"interpreter",
	 [](Elf_bytes &e) { set_phdr_field(e, PT_GNU_STACK, 0, [](Elf64_Phdr &p) { p.p_type = PT_INTERP; }); },
	 Image_error_kind::not_static_pie},
	{"needed_library",
	 [](Elf_bytes &e) {
		 const std::size_t dynamic = *e.find_section(SHT_DYNAMIC);
		 e.put<Elf64_Sxword>(e.entry_offset<Elf64_Dyn>(dynamic, 0), DT_NEEDED);
	 },
	 Image_error_kind::not_static_pie},
	{"absolute_relocation",
	 [](Elf_bytes &e) {
		 const std::size_t rela = *e.find_section(SHT_RELA);
		 // The low byte of r_info is the type (ELF64_R_TYPE), little-endian.
		 e.bytes[e.entry_offset<Elf64_Rela>(rela, 0) + offsetof(Elf64_Rela, r_info)] = R_X86_64_64;
	 },
	 Image_error_kind::unsupported_relocation},
	{"rel_table",
	 [](Elf_bytes &e) {
		 const std::size_t rela = *e.find_section(SHT_RELA);
		 e.put<Elf64_Word>(e.shdr_offset(rela) + offsetof(Elf64_Shdr, sh_type), SHT_REL);
	 },
	 Image_error_kind::unsupported_relocation},
	{"stripped",
	 [](Elf_bytes &e) {
		 const std::size_t symtab = *e.find_section(SHT_SYMTAB);
		 e.put<Elf64_Word>(e.shdr_offset(symtab) + offsetof(Elf64_Shdr, sh_type), SHT_PROGBITS);
	 },
	 Image_error_kind::no_symbol_table},
	{"no_inv_stub", [](Elf_bytes &e) { e.rename_string("__cos_inv_stub", "__cos_inv_stuX"); },
	 Image_error_kind::missing_runtime_symbol},
	{"no_upcall_entry", [](Elf_bytes &e) { e.rename_string("__cos_upcall_entry", "__cos_upcall_entrX"); },
	 Image_error_kind::missing_runtime_symbol},
	{"writable_text",
	 [](Elf_bytes &e) { set_phdr_field(e, PT_LOAD, 1, [](Elf64_Phdr &p) { p.p_flags |= PF_W; }); },
	 Image_error_kind::bad_segment},
	{"filesz_over_memsz",
	 [](Elf_bytes &e) { set_phdr_field(e, PT_LOAD, 3, [](Elf64_Phdr &p) { p.p_filesz = p.p_memsz + 1; }); },
	 Image_error_kind::bad_segment},
	{"overlapping_segments",
	 [](Elf_bytes &e) { set_phdr_field(e, PT_LOAD, 2, [](Elf64_Phdr &p) { p.p_vaddr = 0x1080; }); },
	 Image_error_kind::bad_segment},
	{"page_shared_across_protections",
	 [](Elf_bytes &e) { set_phdr_field(e, PT_LOAD, 2, [](Elf64_Phdr &p) { p.p_vaddr = 0x1100; }); },
	 Image_error_kind::bad_segment},
	{"too_large",
	 [](Elf_bytes &e) { set_phdr_field(e, PT_LOAD, 3, [](Elf64_Phdr &p) { p.p_memsz = COS_MAX_IMAGE_SIZE; }); },
	 Image_error_kind::too_large},
	{"import_in_text", [](Elf_bytes &e) { e.rename_string("cos_console_write", "__cos_import_main"); },
	 Image_error_kind::bad_symbol},
};

} // namespace

TEST(ElfImage, ReadsHelloSegmentsAsTheProgramHeadersSayWithProtections)
{
	auto image = read_component_image(hello_image);
	ASSERT_TRUE(image.ok()) << image.error().message;
	const Component_image &c = image.value();
	const Elf_bytes raw(hello_image);
	EXPECT_EQ(c.path, hello_image);
	ASSERT_EQ(c.segments.size(), 4u);
	const std::uint32_t expected_prot[] = {COS_PROT_READ, COS_PROT_READ | COS_PROT_EXEC, COS_PROT_READ,
					       COS_PROT_READ | COS_PROT_WRITE};
	for (std::size_t i = 0; i < 4; ++i) {
		SCOPED_TRACE(i);
		const Elf64_Phdr p = raw.phdr(*raw.find_phdr(PT_LOAD, i));
		EXPECT_EQ(c.segments[i].vaddr, p.p_vaddr);
		EXPECT_EQ(c.segments[i].memsz, p.p_memsz);
		EXPECT_EQ(c.segments[i].filesz, p.p_filesz);
		EXPECT_EQ(c.segments[i].prot, expected_prot[i]);
		const auto first = raw.bytes.begin() + static_cast<std::ptrdiff_t>(p.p_offset);
		EXPECT_EQ(c.segments[i].bytes,
			  std::vector<std::uint8_t>(first, first + static_cast<std::ptrdiff_t>(p.p_filesz)));
	}
	EXPECT_EQ(c.segments[1].vaddr, 0x1000u) << "-z separate-code puts text on its own page";
}

TEST(ElfImage, FindsExportsAndTheRuntimeSymbols)
{
	auto image = read_component_image(hello_image);
	ASSERT_TRUE(image.ok()) << image.error().message;
	const Component_image &c = image.value();
	const Elf_bytes raw(hello_image);
	ASSERT_EQ(c.exports.size(), 1u);
	ASSERT_EQ(c.exports.count("main"), 1u);
	EXPECT_EQ(c.exports.at("main"), raw.symbol(*raw.find_symbol("main")).st_value);
	EXPECT_TRUE(c.imports.empty());
	// The runtime's link options make __cos_upcall_entry the ELF entry point.
	EXPECT_EQ(c.upcall_entry, raw.ehdr().e_entry);
	EXPECT_EQ(c.inv_stub, raw.symbol(*raw.find_symbol("__cos_inv_stub")).st_value);
	EXPECT_NE(c.inv_stub, c.upcall_entry);
}

TEST(ElfImage, ConsoleAndMpdMarkersAreReadFromTheSymbols)
{
	auto hello = read_component_image(hello_image);
	ASSERT_TRUE(hello.ok()) << hello.error().message;
	EXPECT_FALSE(hello.value().asks & COS_COMPONENT_CONSOLE);
	EXPECT_FALSE(hello.value().asks & COS_COMPONENT_MPD);

	auto printer = read_component_image(printer_image);
	ASSERT_TRUE(printer.ok()) << printer.error().message;
	EXPECT_TRUE(printer.value().asks & COS_COMPONENT_CONSOLE);
	EXPECT_FALSE(printer.value().asks & COS_COMPONENT_MPD);

	Temp_dir dir;
	const std::string path = dir.file("policy.elf");
	write_mpd_policy(path);
	auto policy = read_component_image(path);
	ASSERT_TRUE(policy.ok()) << policy.error().message;
	EXPECT_FALSE(policy.value().asks & COS_COMPONENT_CONSOLE);
	EXPECT_TRUE(policy.value().asks & COS_COMPONENT_MPD);
}

TEST(ElfImage, RelocationPointsTheGreetingPointerAtTheGreeting)
{
	auto image = read_component_image(hello_image);
	ASSERT_TRUE(image.ok()) << image.error().message;
	const Elf_bytes raw(hello_image);
	ASSERT_EQ(image.value().relocations.size(), 1u);
	EXPECT_EQ(image.value().relocations[0].offset, raw.symbol(*raw.find_symbol("hello_greeting")).st_value);
	EXPECT_EQ(static_cast<std::uint64_t>(image.value().relocations[0].addend),
		  *raw.vaddr_of("hello from a component"));
}

TEST(ElfImage, FindsImportsByTheirCapabilitySymbol)
{
	Temp_dir dir;
	const std::string path = dir.file("importer.elf");
	write_importer(path);
	auto image = read_component_image(path);
	ASSERT_TRUE(image.ok()) << image.error().message;
	const Elf_bytes raw(hello_image);
	ASSERT_EQ(image.value().imports.size(), 1u);
	EXPECT_EQ(image.value().imports.at("main"), raw.symbol(*raw.find_symbol("hello_greeting")).st_value);
}

TEST(ElfImage, MissingFileAndDirectoryAreIoErrors)
{
	Temp_dir dir;
	EXPECT_EQ(kind_name(kind_of_failure(dir.file("absent.elf"))), "io");
	EXPECT_EQ(kind_name(kind_of_failure(dir.path())), "io");
}

TEST(ElfImage, TextAndEmptyFilesAreNotElf)
{
	Temp_dir dir;
	write_text(dir.file("notes.elf"), "component hello hello.elf\n");
	write_text(dir.file("empty.elf"), "");
	EXPECT_EQ(kind_name(kind_of_failure(dir.file("notes.elf"))), "not_elf");
	EXPECT_EQ(kind_name(kind_of_failure(dir.file("empty.elf"))), "not_elf");
}

TEST(ElfImage, EachBrokenCopyFailsWithItsKind)
{
	Temp_dir dir;
	for (const Broken_image &broken : broken_images) {
		SCOPED_TRACE(broken.name);
		Elf_bytes image(hello_image);
		broken.patch(image);
		const std::string path = dir.file(std::string(broken.name) + ".elf");
		image.write(path);
		EXPECT_EQ(kind_name(kind_of_failure(path)), kind_name(broken.kind));
	}
}

TEST(ElfImage, UnsupportedRelocationNamesItsType)
{
	Temp_dir dir;
	Elf_bytes image(hello_image);
	const std::size_t rela = *image.find_section(SHT_RELA);
	image.bytes[image.entry_offset<Elf64_Rela>(rela, 0) + offsetof(Elf64_Rela, r_info)] = R_X86_64_64;
	image.write(dir.file("abs.elf"));
	auto read = read_component_image(dir.file("abs.elf"));
	ASSERT_FALSE(read.ok());
	EXPECT_NE(read.error().message.find("relocation type 1 (R_X86_64_64)"), std::string::npos)
		<< read.error().message;
}

TEST(ElfImage, MissingStubSaysTheRuntimeIsMissing)
{
	Temp_dir dir;
	Elf_bytes image(hello_image);
	image.rename_string("__cos_inv_stub", "__cos_inv_stuX");
	image.write(dir.file("nostub.elf"));
	auto read = read_component_image(dir.file("nostub.elf"));
	ASSERT_FALSE(read.ok());
	EXPECT_EQ(read.error().message,
		  dir.file("nostub.elf") + ": has no __cos_inv_stub: not linked with the cos runtime");
}

// A file larger than twice the largest image is refused before libelf reads it (a sparse file:
// no disk is spent); one byte less gets as far as libelf, which finds no ELF header in zeros.
TEST(ElfImage, FilesOverTheSizeBoundAreRefusedBeforeTheyAreRead)
{
	Temp_dir dir;
	const std::string over = dir.file("over.elf");
	write_text(over, "");
	ASSERT_EQ(truncate(over.c_str(), static_cast<off_t>(max_image_file_bytes + 1)), 0);
	EXPECT_EQ(kind_name(kind_of_failure(over)), "too_large");

	const std::string at = dir.file("at.elf");
	write_text(at, "");
	ASSERT_EQ(truncate(at.c_str(), static_cast<off_t>(max_image_file_bytes)), 0);
	EXPECT_EQ(kind_name(kind_of_failure(at)), "not_elf");
}
