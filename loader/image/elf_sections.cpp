// SPDX-License-Identifier: GPL-2.0
// An image's sections: dynamic tags, relocation tables, and the component ABI's symbols.
#include <gelf.h>

#include <string_view>

#include "cos/component.hpp"
#include "loader/image/elf_file.hpp"
#include "module/uapi/cos.h"

namespace cosk::loader {
namespace {

constexpr std::string_view export_prefix = "__cos_export_";
constexpr std::string_view import_prefix = "__cos_import_";

struct Sections {
	std::vector<Elf_Scn *> dynamic;
	std::vector<Elf_Scn *> rela;
	Elf_Scn *rel = nullptr;  // any REL or RELR table, which the loader does not apply
	Elf_Scn *symtab = nullptr;
};

std::string section_name(Elf_Scn *scn)
{
	return "section " + std::to_string(elf_ndxscn(scn));
}

// Entries of a table section, whatever its sh_entsize claims.
std::size_t entry_count(Elf *elf, Elf_Data *data, Elf_Type type)
{
	const std::size_t size = gelf_fsize(elf, type, 1, EV_CURRENT);
	return size ? data->d_size / size : 0;
}

std::string relocation_name(GElf_Xword type)
{
	switch (type) {
	case R_X86_64_NONE: return "R_X86_64_NONE";
	case R_X86_64_64: return "R_X86_64_64";
	case R_X86_64_PC32: return "R_X86_64_PC32";
	case R_X86_64_COPY: return "R_X86_64_COPY";
	case R_X86_64_GLOB_DAT: return "R_X86_64_GLOB_DAT";
	case R_X86_64_JUMP_SLOT: return "R_X86_64_JUMP_SLOT";
	case R_X86_64_DTPMOD64: return "R_X86_64_DTPMOD64";
	case R_X86_64_TPOFF64: return "R_X86_64_TPOFF64";
	case R_X86_64_IRELATIVE: return "R_X86_64_IRELATIVE";
	default: return "an unnamed type";
	}
}

Attempt<Sections, Image_error> find_sections(Elf *elf, const std::string &path)
{
	Sections found;
	// elf_nextscn ends the walk with nullptr on an error too; tell the two apart by the error.
	(void)elf_errno();
	Elf_Scn *scn = nullptr;
	while ((scn = elf_nextscn(elf, scn)) != nullptr) {
		GElf_Shdr shdr;
		if (!gelf_getshdr(scn, &shdr))
			return image_failure(path, Image_error_kind::not_elf,
					     "unreadable header of " + section_name(scn) + ": " + elf_errmsg(-1));
		if (shdr.sh_type == SHT_DYNAMIC)
			found.dynamic.push_back(scn);
		else if (shdr.sh_type == SHT_RELA)
			found.rela.push_back(scn);
		else if ((shdr.sh_type == SHT_REL || shdr.sh_type == SHT_RELR) && !found.rel)
			found.rel = scn;
		else if (shdr.sh_type == SHT_SYMTAB)
			found.symtab = scn;
	}
	if (elf_errno() != 0)
		return image_failure(path, Image_error_kind::not_elf,
				     std::string("unreadable section headers: ") + elf_errmsg(-1));
	return found;
}

// Tables libelf hands over as a section's data, with the section's string table.
struct Table {
	Elf_Data *data = nullptr;
	std::size_t strings = 0;
};

Attempt<Table, Image_error> table_of(Elf_Scn *scn, const std::string &path)
{
	GElf_Shdr shdr;
	Elf_Data *data = gelf_getshdr(scn, &shdr) ? elf_getdata(scn, nullptr) : nullptr;
	if (!data)
		return image_failure(path, Image_error_kind::not_elf,
				     "unreadable " + section_name(scn) + ": " + elf_errmsg(-1));
	return Table{data, shdr.sh_link};
}

// A shared library, or a dynamic executable whose PT_INTERP was removed, still needs others.
Image_step check_dynamic(Elf *elf, Elf_Scn *scn, const std::string &path)
{
	auto table = table_of(scn, path);
	if (!table)
		return Failure{table.error()};
	const std::size_t count = entry_count(elf, table.value().data, ELF_T_DYN);
	for (std::size_t i = 0; i < count; ++i) {
		GElf_Dyn dyn;
		if (!gelf_getdyn(table.value().data, static_cast<int>(i), &dyn) || dyn.d_tag == DT_NULL)
			break;
		if (dyn.d_tag == DT_NEEDED) {
			const char *name = elf_strptr(elf, table.value().strings, dyn.d_un.d_val);
			return image_failure(path, Image_error_kind::not_static_pie,
					     std::string("needs the shared library ") + (name ? name : "(unnamed)") +
						     ": link with -static-pie");
		}
		if (dyn.d_tag == DT_REL || dyn.d_tag == DT_RELR)
			return image_failure(path, Image_error_kind::unsupported_relocation,
					     "has a " + std::string(dyn.d_tag == DT_REL ? "REL" : "RELR") +
						     " relocation table: only RELA with R_X86_64_RELATIVE is supported");
	}
	return Done{};
}

Image_step read_relocations(Elf *elf, Elf_Scn *scn, Component_image &image)
{
	auto table = table_of(scn, image.path);
	if (!table)
		return Failure{table.error()};
	const std::size_t count = entry_count(elf, table.value().data, ELF_T_RELA);
	for (std::size_t i = 0; i < count; ++i) {
		GElf_Rela rela;
		if (!gelf_getrela(table.value().data, static_cast<int>(i), &rela))
			return image_failure(image.path, Image_error_kind::not_elf,
					     "unreadable relocation in " + section_name(scn));
		const GElf_Xword type = GELF_R_TYPE(rela.r_info);
		if (type != R_X86_64_RELATIVE)
			return image_failure(image.path, Image_error_kind::unsupported_relocation,
					     "relocation type " + std::to_string(type) + " (" + relocation_name(type) +
						     ") at " + hex_address(rela.r_offset) +
						     " is not supported: only R_X86_64_RELATIVE is");
		image.relocations.push_back({rela.r_offset, rela.r_addend});
	}
	return Done{};
}

void read_symbols(Elf *elf, const Table &table, Component_image &image, bool &has_upcall, bool &has_stub)
{
	const std::size_t count = entry_count(elf, table.data, ELF_T_SYM);
	for (std::size_t i = 0; i < count; ++i) {
		GElf_Sym sym;
		if (!gelf_getsym(table.data, static_cast<int>(i), &sym) || sym.st_shndx == SHN_UNDEF)
			continue;
		const char *raw = elf_strptr(elf, table.strings, sym.st_name);
		const std::string_view name = raw ? raw : "";
		if (name.starts_with(export_prefix) && name.size() > export_prefix.size())
			image.exports.try_emplace(std::string(name.substr(export_prefix.size())), sym.st_value);
		else if (name.starts_with(import_prefix) && name.size() > import_prefix.size())
			image.imports.try_emplace(std::string(name.substr(import_prefix.size())), sym.st_value);
		else if (name == "__cos_upcall_entry" && !has_upcall) {
			has_upcall = true;
			image.upcall_entry = sym.st_value;
		} else if (name == "__cos_inv_stub" && !has_stub) {
			has_stub = true;
			image.inv_stub = sym.st_value;
		} else if (name == "__cos_config") {
			image.config = sym.st_value;
			image.config_size = sym.st_size;
		} else if (const Privilege *privilege = privilege_of_symbol(name)) {
			image.asks |= privilege->flag;
		}
	}
}

bool inside_segment(const Component_image &image, std::uint64_t address, std::uint64_t size, std::uint32_t prot)
{
	for (const Image_segment &s : image.segments)
		if ((s.prot & prot) == prot && address >= s.vaddr && address - s.vaddr <= s.memsz &&
		    size <= s.memsz - (address - s.vaddr))
			return true;
	return false;
}

// The module enters code at these addresses and writes the capabilities: a symbol in the wrong
// kind of memory would fault inside the component kernel's first use of it.
Image_step check_symbols(const Component_image &image)
{
	auto misplaced = [&](const std::string &symbol, const char *needed) {
		return image_failure(image.path, Image_error_kind::bad_symbol,
				     symbol + " is not in " + needed + " memory of the image");
	};
	if (!inside_segment(image, image.upcall_entry, 1, COS_PROT_EXEC))
		return misplaced("__cos_upcall_entry", "executable");
	if (!inside_segment(image, image.inv_stub, 1, COS_PROT_EXEC))
		return misplaced("__cos_inv_stub", "executable");
	for (const auto &[name, address] : image.exports)
		if (!inside_segment(image, address, 1, COS_PROT_EXEC))
			return misplaced(std::string(export_prefix) + name, "executable");
	if (image.config_size && !inside_segment(image, image.config, image.config_size, COS_PROT_WRITE))
		return misplaced("__cos_config (" + std::to_string(image.config_size) + " bytes)", "writable");
	for (const auto &[name, address] : image.imports)
		if (!inside_segment(image, address, sizeof(Cos_ucap), COS_PROT_WRITE))
			return misplaced(std::string(import_prefix) + name + " (" + std::to_string(sizeof(Cos_ucap)) +
						 " bytes)",
					 "writable");
	return Done{};
}

} // namespace

Image_step read_image_sections(const Elf_file &file, Component_image &image)
{
	const std::string &path = image.path;
	auto found = find_sections(file.get(), path);
	if (!found)
		return Failure{found.error()};
	const Sections &sections = found.value();
	for (Elf_Scn *scn : sections.dynamic)
		if (auto checked = check_dynamic(file.get(), scn, path); !checked)
			return checked;
	if (sections.rel)
		return image_failure(path, Image_error_kind::unsupported_relocation,
				     "has a REL or RELR relocation table (" + section_name(sections.rel) +
					     "): only RELA with R_X86_64_RELATIVE is supported");
	for (Elf_Scn *scn : sections.rela)
		if (auto read = read_relocations(file.get(), scn, image); !read)
			return read;
	if (!sections.symtab)
		return image_failure(path, Image_error_kind::no_symbol_table,
				     "has no symbol table (stripped?): exports and imports are found by symbol name");
	auto symtab = table_of(sections.symtab, path);
	if (!symtab)
		return Failure{symtab.error()};
	bool has_upcall = false;
	bool has_stub = false;
	read_symbols(file.get(), symtab.value(), image, has_upcall, has_stub);
	if (!has_upcall || !has_stub)
		return image_failure(path, Image_error_kind::missing_runtime_symbol,
				     std::string("has no ") + (has_upcall ? "__cos_inv_stub" : "__cos_upcall_entry") +
					     ": not linked with the cos runtime");
	return check_symbols(image);
}

} // namespace cosk::loader
