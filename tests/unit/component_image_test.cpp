// SPDX-License-Identifier: GPL-2.0
// The component toolchain: a built component is an x86-64 static-PIE image that needs no
// dynamic linker, no library and no relocation but R_X86_64_RELATIVE.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace {

struct Elf_file {
	explicit Elf_file(const std::string &path)
	{
		elf_version(EV_CURRENT);
		fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
		if (fd >= 0)
			elf = elf_begin(fd, ELF_C_READ, nullptr);
	}
	~Elf_file()
	{
		if (elf)
			elf_end(elf);
		if (fd >= 0)
			close(fd);
	}
	Elf_file(const Elf_file &) = delete;
	Elf_file &operator=(const Elf_file &) = delete;

	int fd = -1;
	Elf *elf = nullptr;
};

const std::string hello_image = std::string(COS_COMPONENT_DIR) + "/examples/hello.elf";

} // namespace

TEST(ComponentImage, IsX86_64PositionIndependentExecutable)
{
	Elf_file file(hello_image);
	ASSERT_NE(file.elf, nullptr) << hello_image;
	GElf_Ehdr ehdr;
	ASSERT_NE(gelf_getehdr(file.elf, &ehdr), nullptr);
	EXPECT_EQ(ehdr.e_ident[EI_CLASS], ELFCLASS64);
	EXPECT_EQ(ehdr.e_machine, EM_X86_64);
	EXPECT_EQ(ehdr.e_type, ET_DYN);
	EXPECT_NE(ehdr.e_entry, 0u);
}

TEST(ComponentImage, HasNoInterpreterAndNoNeededLibraries)
{
	Elf_file file(hello_image);
	ASSERT_NE(file.elf, nullptr);
	size_t phnum = 0;
	ASSERT_EQ(elf_getphdrnum(file.elf, &phnum), 0);
	bool has_dynamic = false;
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr phdr;
		ASSERT_NE(gelf_getphdr(file.elf, static_cast<int>(i), &phdr), nullptr);
		EXPECT_NE(phdr.p_type, static_cast<GElf_Word>(PT_INTERP));
		if (phdr.p_type == PT_DYNAMIC)
			has_dynamic = true;
		if (phdr.p_type == PT_LOAD) {
			// Never writable and executable at once.
			EXPECT_FALSE((phdr.p_flags & PF_W) && (phdr.p_flags & PF_X));
		}
	}
	EXPECT_TRUE(has_dynamic) << "a static-PIE image has a dynamic section for its relocations";

	Elf_Scn *scn = nullptr;
	while ((scn = elf_nextscn(file.elf, scn)) != nullptr) {
		GElf_Shdr shdr;
		ASSERT_NE(gelf_getshdr(scn, &shdr), nullptr);
		if (shdr.sh_type != SHT_DYNAMIC)
			continue;
		Elf_Data *data = elf_getdata(scn, nullptr);
		ASSERT_NE(data, nullptr);
		for (size_t i = 0; i < shdr.sh_size / shdr.sh_entsize; i++) {
			GElf_Dyn dyn;
			ASSERT_NE(gelf_getdyn(data, static_cast<int>(i), &dyn), nullptr);
			EXPECT_NE(dyn.d_tag, DT_NEEDED);
		}
	}
}

TEST(ComponentImage, NeedsOnlyRelativeRelocations)
{
	Elf_file file(hello_image);
	ASSERT_NE(file.elf, nullptr);
	size_t relative = 0;
	Elf_Scn *scn = nullptr;
	while ((scn = elf_nextscn(file.elf, scn)) != nullptr) {
		GElf_Shdr shdr;
		ASSERT_NE(gelf_getshdr(scn, &shdr), nullptr);
		ASSERT_NE(shdr.sh_type, static_cast<GElf_Word>(SHT_REL));
		if (shdr.sh_type != SHT_RELA)
			continue;
		Elf_Data *data = elf_getdata(scn, nullptr);
		ASSERT_NE(data, nullptr);
		for (size_t i = 0; i < shdr.sh_size / shdr.sh_entsize; i++) {
			GElf_Rela rela;
			ASSERT_NE(gelf_getrela(data, static_cast<int>(i), &rela), nullptr);
			EXPECT_EQ(GELF_R_TYPE(rela.r_info), static_cast<GElf_Xword>(R_X86_64_RELATIVE));
			relative++;
		}
	}
	// hello.cpp keeps a pointer in data on purpose.
	EXPECT_GE(relative, 1u);
}
