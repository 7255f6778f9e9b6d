// SPDX-License-Identifier: GPL-2.0
// make_load_plan: graph files on disk to slots, bindings and relocated pages, or to graph errors.
#include <gtest/gtest.h>

#include <elf.h>

#include <cstring>
#include <filesystem>
#include <string>

#include "image_test_support.hpp"
#include "loader/image/plan.hpp"
#include "module/uapi/cos.h"

using namespace cosk::loader;
using namespace cosk::loader::test_support;

namespace {

std::uint64_t hello_symbol(const char *name)
{
	const Elf_bytes raw(hello_image);
	return raw.symbol(*raw.find_symbol(name)).st_value;
}

// A scratch directory holding a graph file and whatever images the test puts next to it.
struct Graph_dir {
	Temp_dir dir;
	std::string graph = dir.file("system.cosg");

	void write_graph(const std::string &text) const { write_text(graph, text); }
};

} // namespace

TEST(Plan, ImportIsBoundToTheProvidersExportAtAbsoluteAddresses)
{
	Graph_dir g;
	write_importer(g.dir.file("client.elf"));
	g.write_graph("# a client calling hello's main\n"
		      "component client " + g.dir.file("client.elf") + "\n"
		      "component hello " + hello_image + "\n"
		      "client -> hello\n"
		      "immutable client hello\n"
		      "entry client\n");
	auto plan = make_load_plan(g.graph);
	ASSERT_TRUE(plan.ok()) << describe(plan.error());
	const Load_plan &p = plan.value();
	EXPECT_EQ(p.graph_file, g.graph);
	ASSERT_EQ(p.components.size(), 2u);
	// Callees first: hello takes the first slot although declared second.
	EXPECT_EQ(p.components[0].name, "hello");
	EXPECT_EQ(p.components[0].slot, 1u);
	EXPECT_EQ(p.components[0].base, 0x208000000000u);
	EXPECT_EQ(p.components[0].line, 3u);
	EXPECT_EQ(p.components[1].name, "client");
	EXPECT_EQ(p.components[1].slot, 2u);
	EXPECT_EQ(p.components[1].base, 0x210000000000u);

	EXPECT_TRUE(p.components[0].imports.empty());
	ASSERT_EQ(p.components[1].imports.size(), 1u);
	const Plan_import &import = p.components[1].imports[0];
	EXPECT_EQ(import.name, "main");
	EXPECT_EQ(import.ucap, 0x210000000000u + hello_symbol("hello_greeting"));
	EXPECT_EQ(import.provider, 0u);
	EXPECT_EQ(import.function, 0x208000000000u + hello_symbol("main"));

	EXPECT_EQ(p.components[0].upcall_entry, 0x208000000000u + hello_symbol("__cos_upcall_entry"));
	EXPECT_EQ(p.components[1].inv_stub, 0x210000000000u + hello_symbol("__cos_inv_stub"));
	EXPECT_EQ(p.components[0].exports.at("main"), 0x208000000000u + hello_symbol("main"));

	ASSERT_EQ(p.pd_groups.size(), 2u);
	EXPECT_EQ(p.pd_groups[0], std::vector<std::size_t>{0});
	EXPECT_EQ(p.pd_groups[1], std::vector<std::size_t>{1});
	ASSERT_EQ(p.immutable_pairs.size(), 1u);
	EXPECT_EQ(p.immutable_pairs[0], (std::pair<std::size_t, std::size_t>{1, 0}));
	EXPECT_EQ(p.entry.component, 1u);
	EXPECT_EQ(p.entry.function, "main");
	EXPECT_EQ(p.entry.address, 0x210000000000u + hello_symbol("main"));
}

// The privileges a plan hands the module are the graph's grants, which must match what the images
// ask for (the printer: the console and no preemption; the policy, a printer turned policy: the MPD
// privilege and no preemption).
TEST(Plan, PrivilegesComeFromTheGraphsGrants)
{
	Graph_dir g;
	write_mpd_policy(g.dir.file("policy.elf"));
	g.write_graph("component hello " + hello_image + "\n"
		      "component printer " + printer_image + "\n"
		      "component policy " + g.dir.file("policy.elf") + "\n"
		      "grant printer console no_preempt\n"
		      "grant policy mpd_policy no_preempt\n"
		      "entry hello\n");
	auto plan = make_load_plan(g.graph);
	ASSERT_TRUE(plan.ok()) << describe(plan.error());
	for (const Plan_component &c : plan.value().components) {
		SCOPED_TRACE(c.name);
		EXPECT_EQ((c.privileges & COS_COMPONENT_CONSOLE) != 0, c.name == "printer");
		EXPECT_EQ((c.privileges & COS_COMPONENT_MPD) != 0, c.name == "policy");
		EXPECT_EQ((c.privileges & COS_COMPONENT_NO_PREEMPT) != 0, c.name != "hello");
		EXPECT_EQ(c.privileges & COS_COMPONENT_SCHED, 0u);
	}
}

TEST(Plan, RangesAreRelocatedForTheirSlot)
{
	Graph_dir g;
	g.write_graph("component a " + hello_image + "\ncomponent b " + hello_image + "\npd a b\nentry b\n");
	auto plan = make_load_plan(g.graph);
	ASSERT_TRUE(plan.ok()) << describe(plan.error());
	ASSERT_EQ(plan.value().pd_groups.size(), 1u);
	EXPECT_EQ(plan.value().pd_groups[0], (std::vector<std::size_t>{0, 1}));
	const std::uint64_t pointer = hello_symbol("hello_greeting");
	const std::uint64_t greeting = *Elf_bytes(hello_image).vaddr_of("hello from a component");
	for (const Plan_component &c : plan.value().components) {
		SCOPED_TRACE(c.name);
		ASSERT_EQ(c.ranges.size(), 5u);
		const Initialized_range &data = c.ranges[3];
		ASSERT_EQ(data.range.address, c.base + (pointer & ~std::uint64_t{0xfff}));
		std::uint64_t word = 0;
		std::memcpy(&word, data.bytes.data() + (pointer & 0xfff), 8);
		EXPECT_EQ(word, c.base + greeting);
		EXPECT_TRUE(c.ranges[4].range.stack);
	}
}

TEST(Plan, RelativeImagePathIsTakenFromTheGraphsDirectory)
{
	Graph_dir g;
	std::filesystem::copy_file(hello_image, g.dir.file("hello.elf"));
	g.write_graph("component hello hello.elf\nentry hello\n");
	auto plan = make_load_plan(g.graph);
	ASSERT_TRUE(plan.ok()) << describe(plan.error());
	EXPECT_EQ(plan.value().components[0].image, g.dir.file("hello.elf"));
	EXPECT_EQ(image_path(".", "x.elf"), "./x.elf");
	EXPECT_EQ(image_path("graphs", "/opt/cos/x.elf"), "/opt/cos/x.elf");
}

TEST(Plan, BrokenImageIsBadImageAtItsDeclarationLine)
{
	Graph_dir g;
	Elf_bytes broken(hello_image);
	broken.put<Elf64_Half>(offsetof(Elf64_Ehdr, e_type), ET_EXEC);
	broken.write(g.dir.file("exec.elf"));
	g.write_graph("# line 1\ncomponent hello " + hello_image + "\n\ncomponent bad " + g.dir.file("exec.elf") +
		      "\nbad -> hello\nentry bad\n");
	auto plan = make_load_plan(g.graph);
	ASSERT_FALSE(plan.ok());
	const Graph_error &e = plan.error();
	EXPECT_EQ(kind_name(e.kind), "bad_image");
	EXPECT_EQ(e.file, g.graph);
	EXPECT_EQ(e.line, 4u);
	EXPECT_EQ(exit_status(e.kind), 24);
	EXPECT_EQ(describe(e).rfind(g.graph + ":4: error: component `bad`: " + g.dir.file("exec.elf") + ": ", 0), 0u)
		<< describe(e);
}

TEST(Plan, MissingImageIsBadImage)
{
	Graph_dir g;
	g.write_graph("component ghost ghost.elf\nentry ghost\n");
	auto plan = make_load_plan(g.graph);
	ASSERT_FALSE(plan.ok());
	EXPECT_EQ(kind_name(plan.error().kind), "bad_image");
	EXPECT_EQ(plan.error().line, 1u);
	EXPECT_NE(plan.error().message.find(g.dir.file("ghost.elf") + ": cannot open"), std::string::npos)
		<< plan.error().message;
}

TEST(Plan, RelocationIntoCodeIsBadImageAtItsDeclarationLine)
{
	Graph_dir g;
	Elf_bytes broken(hello_image);
	broken.put<Elf64_Addr>(broken.entry_offset<Elf64_Rela>(*broken.find_section(SHT_RELA), 0), 0x1000);
	broken.write(g.dir.file("reloc.elf"));
	g.write_graph("component fine " + hello_image + "\ncomponent bad " + g.dir.file("reloc.elf") +
		      "\nentry fine\n");
	auto plan = make_load_plan(g.graph);
	ASSERT_FALSE(plan.ok());
	EXPECT_EQ(kind_name(plan.error().kind), "bad_image");
	EXPECT_EQ(plan.error().line, 2u);
	EXPECT_NE(plan.error().message.find("relocation at 0x1000"), std::string::npos) << plan.error().message;
}

TEST(Plan, ErrorsBeforeImagesInTheDocumentedOrderWin)
{
	Graph_dir g;
	g.write_graph("component ghost ghost.elf\nghost -> nobody\nentry ghost\n");
	auto plan = make_load_plan(g.graph);
	ASSERT_FALSE(plan.ok());
	EXPECT_EQ(kind_name(plan.error().kind), "unknown_component");
	EXPECT_EQ(plan.error().line, 2u);
}

TEST(Plan, RegionHoldsSixtyThreeComponents)
{
	Graph_dir g;
	std::string text;
	for (int i = 0; i < 64; ++i)
		text += "component c" + std::to_string(i) + " " + hello_image + "\n";
	g.write_graph(text + "entry c0\n");
	auto plan = make_load_plan(g.graph);
	ASSERT_FALSE(plan.ok());
	EXPECT_EQ(kind_name(plan.error().kind), "too_many_components");
	EXPECT_EQ(plan.error().line, 64u);

	g.write_graph(text.substr(0, text.rfind("component c63")) + "entry c62\n");
	auto full = make_load_plan(g.graph);
	ASSERT_TRUE(full.ok()) << describe(full.error());
	EXPECT_EQ(full.value().components.back().slot, 63u);
}

TEST(Plan, MissingGraphFileIsAnIoError)
{
	Temp_dir dir;
	auto plan = make_load_plan(dir.file("absent.cosg"));
	ASSERT_FALSE(plan.ok());
	EXPECT_EQ(kind_name(plan.error().kind), "io");
	EXPECT_EQ(plan.error().line, 0u);
}

// The graph's settings land in the component's configuration space (__cos_config of the real
// config_reader image), in file order, each `KEY=VALUE\n`, and zeros fill the rest of the space.
TEST(Plan, ConfigurationIsWrittenIntoTheComponentsSpace)
{
	const std::string image = std::string(COS_COMPONENT_DIR) + "/tests/config_reader.elf";
	auto read = read_component_image(image);
	ASSERT_TRUE(read.ok()) << read.error().message;
	ASSERT_EQ(read.value().config_size, 256u);

	Graph_dir g;
	g.write_graph("component reader " + image + "\ncomponent printer " + printer_image + "\n"
		      "reader -> printer\ngrant printer console no_preempt\n"
		      "config reader greeting=hello count=7\nconfig reader address=10.0.0.2/24\nentry reader\n");
	auto plan = make_load_plan(g.graph);
	ASSERT_TRUE(plan.ok()) << describe(plan.error());
	const Plan_component &reader = plan.value().components.back();
	ASSERT_EQ(reader.name, "reader");
	const std::string want = "greeting=hello\ncount=7\naddress=10.0.0.2/24\n";
	EXPECT_EQ(reader.config, want);
	const std::uint64_t space = reader.base + read.value().config;
	bool found = false;
	for (const Initialized_range &r : reader.ranges) {
		if (r.range.stack || space < r.range.address || space + 256 > r.range.address + r.bytes.size())
			continue;
		found = true;
		const auto *bytes = r.bytes.data() + (space - r.range.address);
		EXPECT_EQ(std::string(reinterpret_cast<const char *>(bytes), want.size()), want);
		for (std::size_t i = want.size(); i < 256; i++)
			EXPECT_EQ(bytes[i], 0) << "byte " << i;
	}
	EXPECT_TRUE(found);

	// hello has no configuration space: a config line for it is refused.
	Graph_dir bare;
	bare.write_graph("component hello " + hello_image + "\nconfig hello a=1\nentry hello\n");
	auto refused = make_load_plan(bare.graph);
	ASSERT_FALSE(refused.ok());
	EXPECT_EQ(refused.error().kind, Graph_error_kind::no_config_space);
	EXPECT_EQ(refused.error().line, 2u);
}

namespace {

// The text of the configuration space of c, up to its first zero byte.
std::string config_space_text(const Plan_component &c, const std::string &image)
{
	auto read = read_component_image(image);
	if (!read)
		return "(unreadable image)";
	const std::uint64_t space = c.base + read.value().config;
	for (const Initialized_range &r : c.ranges)
		if (!r.range.stack && space >= r.range.address && space < r.range.address + r.bytes.size())
			return reinterpret_cast<const char *>(r.bytes.data() + (space - r.range.address));
	return "(no range holds the space)";
}

} // namespace

// reader owns a ring of 4 slots (a header page and 8 KiB: three pages) and is in two shares; other
// is in the same two. In each slot the areas start at COS_AREA_OFFSET, one guard page apart, and
// the configuration says where, as offsets from the base; the plan holds absolute addresses.
TEST(Plan, RingAndSharesArePlacedInEachSlotAndTheComponentsAreTold)
{
	Graph_dir g;
	const std::string nic_reader = g.dir.file("nic_reader.elf");
	write_nic_reader(nic_reader);
	g.write_graph("component reader " + nic_reader + "\n"
		      "component other " + config_reader_image + "\n"
		      "component printer " + printer_image + "\n"
		      "reader -> printer\nother -> printer\n"
		      "grant printer console no_preempt\ngrant reader nic\n"
		      "config reader greeting=hi\n"
		      "nic reader eth0 02:00:00:00:00:02 4\n"          // line 9
		      "share a 8K reader other\nshare b 16K other reader\n" // lines 10, 11
		      "entry reader\n");
	auto plan = make_load_plan(g.graph);
	ASSERT_TRUE(plan.ok()) << describe(plan.error());
	const Load_plan &p = plan.value();
	ASSERT_EQ(p.components.size(), 3u);
	ASSERT_EQ(p.components[1].name, "reader");
	ASSERT_EQ(p.components[2].name, "other");
	const std::uint64_t reader = p.components[1].base;
	const std::uint64_t other = p.components[2].base;

	ASSERT_TRUE(p.nic.has_value());
	EXPECT_EQ(p.nic->component, 1u);
	EXPECT_EQ(p.nic->ifname, "eth0");
	EXPECT_EQ(p.nic->mac, (Mac_address{2, 0, 0, 0, 0, 2}));
	EXPECT_EQ(p.nic->slots, 4u);
	EXPECT_EQ(p.nic->ring, reader + 0x80000000);
	EXPECT_EQ(p.nic->ring_size, 0x3000u);
	EXPECT_EQ(p.nic->line, 9u);

	ASSERT_EQ(p.shares.size(), 2u);
	EXPECT_EQ(p.shares[0].name, "a");
	EXPECT_EQ(p.shares[0].size, 0x2000u);
	EXPECT_EQ(p.shares[0].line, 10u);
	ASSERT_EQ(p.shares[0].members.size(), 2u);
	EXPECT_EQ(p.shares[0].members[0].component, 1u);
	EXPECT_EQ(p.shares[0].members[0].address, reader + 0x80004000); // after the ring's 3 pages and a guard
	EXPECT_EQ(p.shares[0].members[1].component, 2u);
	EXPECT_EQ(p.shares[0].members[1].address, other + 0x80000000);
	EXPECT_EQ(p.shares[1].name, "b");
	EXPECT_EQ(p.shares[1].size, 0x4000u);
	ASSERT_EQ(p.shares[1].members.size(), 2u);
	EXPECT_EQ(p.shares[1].members[0].component, 2u);
	EXPECT_EQ(p.shares[1].members[0].address, other + 0x80003000);
	EXPECT_EQ(p.shares[1].members[1].component, 1u);
	EXPECT_EQ(p.shares[1].members[1].address, reader + 0x80007000);

	const std::string reader_config = "greeting=hi\n"
					  "nic.ring=0x80000000\nnic.slots=4\nnic.mac=02:00:00:00:00:02\n"
					  "share.a=0x80004000\nshare.a.size=8192\n"
					  "share.b=0x80007000\nshare.b.size=16384\n";
	const std::string other_config = "share.a=0x80000000\nshare.a.size=8192\nshare.b=0x80003000\nshare.b.size=16384\n";
	EXPECT_EQ(p.components[1].config, reader_config);
	EXPECT_EQ(p.components[2].config, other_config);
	EXPECT_EQ(config_space_text(p.components[1], nic_reader), reader_config);
	EXPECT_EQ(config_space_text(p.components[2], config_reader_image), other_config);

	// Nothing of an image or its stack reaches the areas.
	for (const Plan_component &c : p.components)
		for (const Initialized_range &r : c.ranges)
			EXPECT_LE(r.range.address + r.range.size, c.base + COS_AREA_OFFSET) << c.name;
}

TEST(Plan, AGraphWithoutAreasHasNoSharesAndNoNic)
{
	Graph_dir g;
	g.write_graph("component hello " + hello_image + "\nentry hello\n");
	auto plan = make_load_plan(g.graph);
	ASSERT_TRUE(plan.ok()) << describe(plan.error());
	EXPECT_TRUE(plan.value().shares.empty());
	EXPECT_FALSE(plan.value().nic.has_value());
}

// hello has no configuration space, so it cannot be told where a share is.
TEST(Plan, AShareMemberWithoutConfigurationSpaceIsRefusedAtTheShareLine)
{
	Graph_dir g;
	g.write_graph("component hello " + hello_image + "\ncomponent other " + config_reader_image +
		      "\ncomponent printer " + printer_image + "\nother -> printer\ngrant printer console no_preempt\n"
		      "share s 4K other hello\nentry hello\n");
	auto plan = make_load_plan(g.graph);
	ASSERT_FALSE(plan.ok());
	EXPECT_EQ(plan.error().kind, Graph_error_kind::no_config_space);
	EXPECT_EQ(plan.error().line, 6u);
	EXPECT_EQ(exit_status(plan.error().kind), 32);
}
