// SPDX-License-Identifier: GPL-2.0
// The built components declare the interfaces their graphs rely on: exactly these exports and
// imports, each import a 32-byte user-level capability in .cos_ucaps. Also the parts of components
// that run on the host as they are: chain_value, which the chain's head and tail must agree on,
// and the printer's line buffering (components/system/printer/printer.cpp is linked in).
#include <gtest/gtest.h>

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <cos/kernel.hpp>

#include "components/examples/chain/chain_value.hpp"

extern "C" cos_word print_chunk(cos_word w0, cos_word w1, cos_word w2, cos_word w3);

namespace {

// What the printer wrote to the "console", one string per cos_console_write.
std::vector<std::string> console_writes;

} // namespace

// Stands in for the component kernel's console call, which the printer makes.
extern "C" cos_word cos_console_write(const char *buf, cos_word len)
{
	console_writes.emplace_back(buf, len);
	return len;
}

namespace {

// Packs up to 32 bytes of text the way cos_print does.
cos_word send(std::string_view text)
{
	cos_word words[4] = {0, 0, 0, 0};
	for (std::size_t i = 0; i < text.size() && i < 32; i++)
		words[i / 8] |= static_cast<cos_word>(static_cast<unsigned char>(text[i])) << (8 * (i % 8));
	return print_chunk(words[0], words[1], words[2], words[3]);
}

struct Symbol_info {
	GElf_Xword size;
	std::string section;
};

// The __cos_ symbols of one image, read from its symbol table.
struct Component_symbols {
	bool opened = false;
	std::set<std::string> exports;
	std::map<std::string, Symbol_info> imports;
	std::map<std::string, int> import_symbols; // how many symbols each import has
	std::set<std::string> runtime; // __cos_upcall_entry, __cos_inv_stub
};

Component_symbols read_symbols(const std::string &name)
{
	Component_symbols result;
	const std::string path = std::string(COS_COMPONENT_DIR) + "/" + name + ".elf";
	elf_version(EV_CURRENT);
	const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return result;
	Elf *elf = elf_begin(fd, ELF_C_READ, nullptr);
	std::size_t shstrndx = 0;
	if (elf && elf_getshdrstrndx(elf, &shstrndx) == 0) {
		result.opened = true;
		Elf_Scn *scn = nullptr;
		while ((scn = elf_nextscn(elf, scn)) != nullptr) {
			GElf_Shdr shdr;
			if (!gelf_getshdr(scn, &shdr) || shdr.sh_type != SHT_SYMTAB)
				continue;
			Elf_Data *data = elf_getdata(scn, nullptr);
			const std::size_t count = shdr.sh_entsize ? shdr.sh_size / shdr.sh_entsize : 0;
			for (std::size_t i = 0; data && i < count; i++) {
				GElf_Sym sym;
				if (!gelf_getsym(data, static_cast<int>(i), &sym))
					continue;
				const char *raw = elf_strptr(elf, shdr.sh_link, sym.st_name);
				const std::string_view symbol = raw ? raw : "";
				std::string section;
				if (Elf_Scn *home = elf_getscn(elf, sym.st_shndx)) {
					GElf_Shdr home_shdr;
					if (gelf_getshdr(home, &home_shdr)) {
						const char *s = elf_strptr(elf, shstrndx, home_shdr.sh_name);
						section = s ? s : "";
					}
				}
				if (symbol.starts_with("__cos_export_"))
					result.exports.emplace(symbol.substr(13));
				else if (symbol.starts_with("__cos_import_")) {
					result.imports[std::string(symbol.substr(13))] = {sym.st_size, section};
					result.import_symbols[std::string(symbol.substr(13))]++;
				}
				else if (symbol == "__cos_upcall_entry" || symbol == "__cos_inv_stub")
					result.runtime.emplace(symbol);
			}
		}
	}
	if (elf)
		elf_end(elf);
	close(fd);
	return result;
}

struct Expected_interface {
	const char *name;
	std::set<std::string> exports;
	std::set<std::string> imports;
};

// Images by group and name, below build/components.
const Expected_interface expected[] = {
	{"examples/hello", {"main"}, {}},
	{"system/printer", {"print_chunk"}, {}},
	{"examples/pinger", {"main"}, {"step", "print_chunk"}},
	{"examples/link", {"step"}, {"step"}},
	{"examples/tail", {"step"}, {}},
	{"examples/adder", {"add"}, {}},
	{"examples/adder_client", {"main"}, {"add", "print_chunk"}},
	{"tests/victim", {"victim_get", "victim_set", "victim_secret_address", "victim_code_address"}, {}},
	{"tests/injector", {"attack"}, {"victim_secret_address", "victim_code_address"}},
	{"tests/fault_main", {"main"}, {"attack", "victim_get", "victim_set", "print_chunk"}},
};

std::set<std::string> keys(const std::map<std::string, Symbol_info> &map)
{
	std::set<std::string> result;
	for (const auto &[key, value] : map)
		result.insert(key);
	return result;
}

} // namespace

TEST(Components, DeclareExactlyTheirExportsAndImports)
{
	for (const Expected_interface &want : expected) {
		SCOPED_TRACE(want.name);
		const Component_symbols got = read_symbols(want.name);
		ASSERT_TRUE(got.opened);
		EXPECT_EQ(got.exports, want.exports);
		EXPECT_EQ(keys(got.imports), want.imports);
		EXPECT_EQ(got.runtime, (std::set<std::string>{"__cos_upcall_entry", "__cos_inv_stub"}));
	}
}

TEST(Components, ImportsAreUserLevelCapabilities)
{
	for (const Expected_interface &want : expected) {
		SCOPED_TRACE(want.name);
		const Component_symbols got = read_symbols(want.name);
		for (const auto &[import, info] : got.imports) {
			SCOPED_TRACE(import);
			EXPECT_EQ(info.size, 32u);
			EXPECT_EQ(info.section, ".cos_ucaps");
		}
	}
}

// thread_test is two source files (thread_test.cpp, timed.cpp) that include the same system
// interfaces and both call these, so both define their capabilities: the image must still hold
// one of each. Of the rest of the interfaces it imports only what it calls.
TEST(Components, ImportsDefinedInSeveralSourceFilesAreOneCapability)
{
	const Component_symbols got = read_symbols("tests/thread_test");
	ASSERT_TRUE(got.opened);
	const std::set<std::string> shared = {"sched_create", "sched_set_priority", "tblock_sleep", "print_chunk"};
	for (const std::string &name : shared) {
		SCOPED_TRACE(name);
		ASSERT_EQ(got.imports.count(name), 1u);
		EXPECT_EQ(got.import_symbols.at(name), 1);
		EXPECT_EQ(got.imports.at(name).size, 32u);
		EXPECT_EQ(got.imports.at(name).section, ".cos_ucaps");
	}
	for (const auto &[name, count] : got.import_symbols)
		EXPECT_EQ(count, 1) << name;
	EXPECT_EQ(got.imports.count("sched_block"), 0u) << "not called: not imported";
	EXPECT_EQ(got.imports.count("async_recv"), 0u) << "not called: not imported";
}

TEST(ChainValue, EveryArgumentAndItsPositionCount)
{
	const cos_word base = chain_value(1, 2, 3, 4);
	EXPECT_NE(base, chain_value(4, 3, 2, 1));
	EXPECT_NE(base, chain_value(2, 1, 3, 4));
	EXPECT_NE(chain_value(0, 0, 0, 0), 0u);
	EXPECT_NE(chain_value(~0ULL, 0, 0, 0), chain_value(0, ~0ULL, 0, 0));
	EXPECT_NE(chain_value(0, 0, ~0ULL, 0), chain_value(0, 0, 0, ~0ULL));
	// A single flipped bit anywhere changes the result.
	std::set<cos_word> seen = {base};
	const cos_word args[4] = {1, 2, 3, 4};
	for (unsigned which = 0; which < 4; which++) {
		for (unsigned bit = 0; bit < 64; bit++) {
			cos_word a[4] = {args[0], args[1], args[2], args[3]};
			a[which] ^= cos_word{1} << bit;
			seen.insert(chain_value(a[0], a[1], a[2], a[3]));
		}
	}
	EXPECT_EQ(seen.size(), 1u + 4 * 64);
}

TEST(ChainValue, IsAConstantExpression)
{
	// The head and the tail compute it separately; being constexpr it is the same code in both.
	static_assert(chain_value(1, 2, 3, 4) == chain_value(1, 2, 3, 4));
	static_assert(chain_rotate(0x8000000000000001ULL, 1) == 3);
	static_assert(chain_rotate(5, 0) == 5);
}

TEST(Printer, WritesWholeLines)
{
	console_writes.clear();
	EXPECT_EQ(send("hello, "), 7u);
	EXPECT_EQ(send("world"), 5u);
	EXPECT_TRUE(console_writes.empty()) << "no newline yet";
	EXPECT_EQ(send("!\nsecond line\nthi"), 17u);
	EXPECT_EQ(console_writes, (std::vector<std::string>{"hello, world!\n", "second line\n"}));
	EXPECT_EQ(send("rd\n"), 3u);
	ASSERT_EQ(console_writes.size(), 3u);
	EXPECT_EQ(console_writes[2], "third\n");
}

TEST(Printer, TakesAFullChunkAndStopsAtNul)
{
	console_writes.clear();
	EXPECT_EQ(send("0123456789abcdefghijklmnopqrstuv"), 32u);
	EXPECT_EQ(send(std::string_view("ab\0cd\n", 6)), 2u);
	EXPECT_EQ(send(""), 0u);
	EXPECT_EQ(send("\n"), 1u);
	EXPECT_EQ(console_writes, (std::vector<std::string>{"0123456789abcdefghijklmnopqrstuvab\n"}));
}

TEST(Printer, FlushesAFullBufferWithoutANewline)
{
	console_writes.clear();
	// 17 chunks of 32 bytes: the 512-byte line fills during the 16th.
	for (int i = 0; i < 17; i++)
		EXPECT_EQ(send("abcdefghijklmnopqrstuvwxyz012345"), 32u);
	ASSERT_EQ(console_writes.size(), 1u);
	EXPECT_EQ(console_writes[0].size(), 512u);
	EXPECT_EQ(console_writes[0].substr(0, 8), "abcdefgh");
	EXPECT_EQ(send("\n"), 1u);
	ASSERT_EQ(console_writes.size(), 2u);
	EXPECT_EQ(console_writes[1], "abcdefghijklmnopqrstuvwxyz012345\n");
}
