// SPDX-License-Identifier: GPL-2.0
// check_graph on share and nic lines: their errors at their lines, where their areas go in each
// slot, and the settings that tell the components so.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "loader/graph/areas.hpp"
#include "loader/graph/graph_check.hpp"
#include "loader/graph/graph_parser.hpp"
#include "loader/graph/nic_check.hpp"
#include "loader/graph/share_check.hpp"

using namespace cosk::loader;
using cosk::Attempt;
using cosk::Failure;

namespace {

using Interfaces = std::map<std::string, Component_interface>;

// app calls the network stack tcp and the allocator mem; tcp asks to own the network device; both
// have configuration space.
Interfaces networked()
{
	return {
		{"app", {{"main"}, {"send", "alloc"}}},
		{"tcp", {{"send"}, {"alloc"}, COS_COMPONENT_NIC, 512}},
		{"mem", {{"alloc"}, {}, 0, 512}},
		{"bare", {{}, {}}}, // no configuration space
	};
}

const std::string base = "component app a.elf\n"  // 1
			 "component tcp t.elf\n"  // 2
			 "component mem m.elf\n"  // 3
			 "component bare b.elf\n" // 4
			 "app -> tcp mem\n"       // 5
			 "tcp -> mem\n"           // 6
			 "grant tcp nic\n"        // 7
			 "entry app\n";           // 8

Attempt<Resolved_graph, Graph_error> check(const std::string &tail, const Interfaces &interfaces = networked())
{
	auto parsed = parse_graph(base + tail, "g.cosg");
	if (!parsed)
		return Failure{parsed.error()};
	return check_graph(parsed.value(), interfaces, 64);
}

Resolved_graph check_ok(const std::string &tail, const Interfaces &interfaces = networked())
{
	auto checked = check(tail, interfaces);
	EXPECT_TRUE(checked.ok()) << (checked ? "" : describe(checked.error()));
	return checked ? std::move(checked).value() : Resolved_graph{};
}

Graph_error check_fails(const std::string &tail, const Interfaces &interfaces = networked())
{
	auto checked = check(tail, interfaces);
	EXPECT_FALSE(checked.ok()) << tail;
	return checked ? Graph_error{} : checked.error();
}

const Resolved_component &component(const Resolved_graph &g, const std::string &name)
{
	for (const Resolved_component &c : g.components)
		if (c.name == name)
			return c;
	ADD_FAILURE() << name << " is not in the resolved graph";
	static const Resolved_component none;
	return none;
}

std::size_t position(const Resolved_graph &g, const std::string &name)
{
	return static_cast<std::size_t>(&component(g, name) - g.components.data());
}

} // namespace

// tcp holds the ring (256 slots: a header page and 512 KiB) and two shares; mem holds the same two
// shares, without a ring. Each area starts one unmapped page above the end of the one before.
TEST(CheckGraph, AreasGoAboveTheAreaOffsetRingFirstWithAGuardPageBetween)
{
	const Resolved_graph g = check_ok("nic tcp eth0 02:00:00:00:00:01\n" // 9
					  "share small 8K tcp mem\n"          // 10
					  "share big 1M mem tcp\n"            // 11
					  "config tcp level=3\n");            // 12
	ASSERT_EQ(COS_AREA_OFFSET, 0x80000000u);
	ASSERT_TRUE(g.nic.has_value());
	EXPECT_EQ(g.nic->component, position(g, "tcp"));
	EXPECT_EQ(g.nic->ifname, "eth0");
	EXPECT_EQ(g.nic->mac, (Mac_address{2, 0, 0, 0, 0, 1}));
	EXPECT_EQ(g.nic->slots, 256u);
	EXPECT_EQ(g.nic->ring_offset, 0x80000000u);
	EXPECT_EQ(g.nic->line, 9u);

	ASSERT_EQ(g.shares.size(), 2u);
	EXPECT_EQ(g.shares[0].name, "small");
	EXPECT_EQ(g.shares[0].size, 8192u);
	EXPECT_EQ(g.shares[0].line, 10u);
	ASSERT_EQ(g.shares[0].members.size(), 2u);
	// tcp: the ring is 0x81000 bytes, then a guard page.
	EXPECT_EQ(g.shares[0].members[0].component, position(g, "tcp"));
	EXPECT_EQ(g.shares[0].members[0].offset, 0x80082000u);
	EXPECT_EQ(g.shares[0].members[1].component, position(g, "mem"));
	EXPECT_EQ(g.shares[0].members[1].offset, 0x80000000u);
	EXPECT_EQ(g.shares[1].size, 1048576u);
	ASSERT_EQ(g.shares[1].members.size(), 2u);
	EXPECT_EQ(g.shares[1].members[0].component, position(g, "mem"));
	EXPECT_EQ(g.shares[1].members[0].offset, 0x80003000u);
	EXPECT_EQ(g.shares[1].members[1].component, position(g, "tcp"));
	EXPECT_EQ(g.shares[1].members[1].offset, 0x80085000u);

	// The graph's own settings first, although its config line comes last.
	EXPECT_EQ(component(g, "tcp").config, "level=3\n"
					      "nic.ring=0x80000000\nnic.slots=256\nnic.mac=02:00:00:00:00:01\n"
					      "share.small=0x80082000\nshare.small.size=8192\n"
					      "share.big=0x80085000\nshare.big.size=1048576\n");
	EXPECT_EQ(component(g, "mem").config, "share.small=0x80000000\nshare.small.size=8192\n"
					      "share.big=0x80003000\nshare.big.size=1048576\n");
	EXPECT_EQ(component(g, "app").config, "");
}

TEST(CheckGraph, NicSlotsAndAddressAreAsWrittenAndTheAddressIsWrittenInLowerCase)
{
	const Resolved_graph one = check_ok("nic tcp enp0s3 0A:1b:2C:3d:4E:5f 1\nshare s 4096 tcp mem\n");
	ASSERT_TRUE(one.nic.has_value());
	EXPECT_EQ(one.nic->ifname, "enp0s3");
	EXPECT_EQ(one.nic->slots, 1u);
	EXPECT_EQ(one.nic->mac, (Mac_address{0x0a, 0x1b, 0x2c, 0x3d, 0x4e, 0x5f}));
	// One slot: a header page and 2 KiB, two pages; the share after them and a guard page.
	EXPECT_EQ(one.shares[0].members[0].offset, 0x80003000u);
	EXPECT_NE(component(one, "tcp").config.find("nic.mac=0a:1b:2c:3d:4e:5f\n"), std::string::npos);

	const Resolved_graph most = check_ok("nic tcp eth0 02:00:00:00:00:01 1024\n");
	EXPECT_EQ(most.nic->slots, 1024u);
	EXPECT_TRUE(most.shares.empty());
}

TEST(CheckGraph, AGraphWithoutShareOrNicLinesHasNoAreas)
{
	const Resolved_graph g = check_ok("");
	EXPECT_TRUE(g.shares.empty());
	EXPECT_FALSE(g.nic.has_value());
	for (const Resolved_component &c : g.components)
		EXPECT_EQ(c.config, "") << c.name;
}

TEST(CheckGraph, ShareSizesArePagesUpToTheModulesLimit)
{
	const std::pair<const char *, std::uint64_t> good[] = {
		{"4096", 4096}, {"4K", 4096}, {"12K", 12288}, {"1M", 1u << 20}, {"64M", COS_SHARE_MAX_SIZE},
		{"67108864", COS_SHARE_MAX_SIZE},
	};
	for (const auto &[text, bytes] : good) {
		SCOPED_TRACE(text);
		const Resolved_graph g = check_ok(std::string("share s ") + text + " tcp mem\n");
		ASSERT_EQ(g.shares.size(), 1u);
		EXPECT_EQ(g.shares[0].size, bytes);
	}
	for (const char *text : {"0", "0K", "4095", "6000", "2K", "65M", "67112960", "1G", "4k", "K", "x", "-4096",
				 "999999999999999M", "4K4"}) {
		SCOPED_TRACE(text);
		const Graph_error e = check_fails(std::string("share s ") + text + " tcp mem\n");
		EXPECT_EQ(e.kind, Graph_error_kind::bad_share);
		EXPECT_EQ(e.line, 9u);
		EXPECT_EQ(e.message.rfind("share `s`: `" + std::string(text) + "` is not a size", 0), 0u) << e.message;
	}
}

TEST(CheckGraph, ShareErrorsPointAtTheirLine)
{
	const Graph_error one = check_fails("share s 4K tcp\n");
	EXPECT_EQ(one.kind, Graph_error_kind::bad_share);
	EXPECT_EQ(one.line, 9u);
	EXPECT_NE(one.message.find("at least two components"), std::string::npos) << one.message;
	EXPECT_EQ(check_fails("share s 4K\n").kind, Graph_error_kind::bad_share);

	const Graph_error twice = check_fails("share s 4K tcp mem tcp\n");
	EXPECT_EQ(twice.kind, Graph_error_kind::bad_share);
	EXPECT_NE(twice.message.find("`tcp` is listed twice"), std::string::npos) << twice.message;

	const Graph_error name = check_fails("share s 4K tcp mem\nshare t 4K tcp mem\nshare s 8K app mem\n");
	EXPECT_EQ(name.kind, Graph_error_kind::bad_share);
	EXPECT_EQ(name.line, 11u);
	EXPECT_NE(name.message.find("taken by the share at line 9"), std::string::npos) << name.message;

	const Graph_error nobody = check_fails("share s 4K tcp mme\n");
	EXPECT_EQ(nobody.kind, Graph_error_kind::unknown_component);
	EXPECT_EQ(nobody.line, 9u);
	EXPECT_NE(nobody.message.find("share names `mme`"), std::string::npos) << nobody.message;
}

TEST(CheckGraph, ASystemHasAtMostTheModulesNumberOfShares)
{
	Interfaces roomy = networked();
	roomy["tcp"].config_capacity = roomy["mem"].config_capacity = 4096;
	std::string lines;
	for (unsigned i = 0; i < COS_MAX_SHARES; ++i)
		lines += "share s" + std::to_string(i) + " 4K tcp mem\n";
	const Resolved_graph full = check_ok(lines, roomy);
	ASSERT_EQ(full.shares.size(), COS_MAX_SHARES);
	// The last share of mem: 31 shares of a page and a guard page each below it.
	EXPECT_EQ(full.shares.back().members[1].offset, 0x80000000u + (COS_MAX_SHARES - 1) * 0x2000u);

	const Graph_error over = check_fails(lines + "share one_more 4K tcp mem\n", roomy);
	EXPECT_EQ(over.kind, Graph_error_kind::bad_share);
	EXPECT_EQ(over.line, 9u + COS_MAX_SHARES);
	EXPECT_NE(over.message.find("at most 32 shares"), std::string::npos) << over.message;
}

TEST(CheckGraph, NicAddressesMustBeOneStationsWrittenInFull)
{
	const std::pair<const char *, const char *> bad[] = {
		{"01:00:5e:00:00:01", "multicast"},   {"ff:ff:ff:ff:ff:ff", "multicast"},
		{"00:00:00:00:00:00", "all zeros"},   {"02:00:00:00:00", "not an Ethernet address"},
		{"02-00-00-00-00-01", "not an Ethernet address"}, {"2:0:0:0:0:1", "not an Ethernet address"},
		{"02:00:00:00:00:0g", "not an Ethernet address"}, {"02:00:00:00:00:011", "not an Ethernet address"},
	};
	for (const auto &[mac, why] : bad) {
		SCOPED_TRACE(mac);
		const Graph_error e = check_fails(std::string("nic tcp eth0 ") + mac + "\n");
		EXPECT_EQ(e.kind, Graph_error_kind::bad_nic);
		EXPECT_EQ(e.line, 9u);
		EXPECT_NE(e.message.find(why), std::string::npos) << e.message;
	}
}

TEST(CheckGraph, NicSlotsArePowersOfTwoUpToTheModulesLimit)
{
	for (const char *slots : {"0", "3", "100", "2048", "x", "-1", "01024x", "4294967296"}) {
		SCOPED_TRACE(slots);
		const Graph_error e = check_fails(std::string("nic tcp eth0 02:00:00:00:00:01 ") + slots + "\n");
		EXPECT_EQ(e.kind, Graph_error_kind::bad_nic);
		EXPECT_NE(e.message.find("expected a power of two from 1 to 1024"), std::string::npos) << e.message;
	}
}

TEST(CheckGraph, NicDeviceNamesAreLinuxs)
{
	check_ok("nic tcp abcdefghijklmno 02:00:00:00:00:01\n"); // 15 bytes
	for (const char *name : {"abcdefghijklmnop", "a/b", "eth0:1", ".", ".."}) {
		SCOPED_TRACE(name);
		const Graph_error e = check_fails(std::string("nic tcp ") + name + " 02:00:00:00:00:01\n");
		EXPECT_EQ(e.kind, Graph_error_kind::bad_nic);
		EXPECT_EQ(e.message.rfind("device name `" + std::string(name) + "`", 0), 0u) << e.message;
	}
	EXPECT_TRUE(ifname_problem("eth 0").has_value());
	EXPECT_TRUE(ifname_problem("").has_value());
	EXPECT_FALSE(ifname_problem("veth-cos.1").has_value());
}

TEST(CheckGraph, ASystemHasOneNicLine)
{
	const Graph_error e = check_fails("nic tcp eth0 02:00:00:00:00:01\nnic tcp eth1 02:00:00:00:00:02\n");
	EXPECT_EQ(e.kind, Graph_error_kind::bad_nic);
	EXPECT_EQ(e.line, 10u);
	EXPECT_NE(e.message.find("given to `tcp` at line 9"), std::string::npos) << e.message;

	const Graph_error nobody = check_fails("nic tpc eth0 02:00:00:00:00:01\n");
	EXPECT_EQ(nobody.kind, Graph_error_kind::unknown_component);
	EXPECT_EQ(nobody.line, 9u);
}

TEST(CheckGraph, TheNicComponentNeedsTheNicGrant)
{
	const Graph_error e = check_fails("nic mem eth0 02:00:00:00:00:01\n");
	EXPECT_EQ(e.kind, Graph_error_kind::nic_not_granted);
	EXPECT_EQ(e.line, 9u);
	EXPECT_NE(e.message.find("add `grant mem nic`"), std::string::npos) << e.message;
	EXPECT_NE(e.message.find("COS_NIC()"), std::string::npos) << e.message;
	EXPECT_EQ(exit_status(e.kind), 36);

	// An image that asks and is not granted is the component's own error, reported first.
	auto parsed = parse_graph("component tcp t.elf\ncomponent mem m.elf\ntcp -> mem\nnic tcp eth0 02:00:00:00:00:01\n"
				  "entry tcp\n",
				  "g.cosg");
	ASSERT_TRUE(parsed.ok());
	Interfaces interfaces = networked();
	interfaces["tcp"].exports.push_back("main");
	auto unasked = check_graph(parsed.value(), interfaces, 64);
	ASSERT_FALSE(unasked.ok());
	EXPECT_EQ(unasked.error().kind, Graph_error_kind::privilege_not_granted);
	EXPECT_EQ(unasked.error().line, 1u);
}

TEST(CheckGraph, AreaSettingsNeedRoomInTheConfigurationSpace)
{
	const Graph_error bare = check_fails("share s 4K mem bare\n");
	EXPECT_EQ(bare.kind, Graph_error_kind::no_config_space);
	EXPECT_EQ(bare.line, 9u);
	EXPECT_NE(bare.message.find("`bare`"), std::string::npos) << bare.message;

	// mem's 512 bytes hold its own settings and those of some shares, not of one more.
	Interfaces small = networked();
	const std::string own = "config mem k=" + std::string(400, 'v') + "\n"; // k=vvv...\n: 403 bytes
	const std::string share = "share s 4K tcp mem\n"; // share.s=0x80000000\nshare.s.size=4096\n: 37 bytes
	check_ok(own + share + "share t 4K tcp mem\n", small); // 403 + 37 + 37 and the zero byte: 478
	const Graph_error large = check_fails(own + share + "share t 4K tcp mem\nshare u 4K tcp mem\n", small);
	EXPECT_EQ(large.kind, Graph_error_kind::config_too_large);
	EXPECT_EQ(large.line, 12u);
	EXPECT_NE(large.message.find("`mem` takes 515 bytes"), std::string::npos) << large.message;

	// The graph's own settings that do not fit are reported at the config line, as before.
	const Graph_error own_large = check_fails("config mem k=" + std::string(510, 'v') + "\n" + share, small);
	EXPECT_EQ(own_large.kind, Graph_error_kind::config_too_large);
	EXPECT_EQ(own_large.line, 9u);

	Interfaces no_space = networked();
	no_space["tcp"].config_capacity = 0;
	const Graph_error ring = check_fails("nic tcp eth0 02:00:00:00:00:01\n", no_space);
	EXPECT_EQ(ring.kind, Graph_error_kind::no_config_space);
	EXPECT_EQ(ring.line, 9u);
}

TEST(Areas, TheRingIsAHeaderPageAndItsSlotsInWholePages)
{
	EXPECT_EQ(nic_ring_size(1), 0x2000u);
	EXPECT_EQ(nic_ring_size(2), 0x2000u);
	EXPECT_EQ(nic_ring_size(4), 0x3000u);
	EXPECT_EQ(nic_ring_size(256), 0x81000u);
	EXPECT_EQ(nic_ring_size(COS_NIC_RING_MAX_SLOTS), 0x201000u);
}

TEST(Areas, FormatMacWritesLowerCaseHexPairs)
{
	EXPECT_EQ(format_mac({0x02, 0xab, 0x00, 0x0f, 0xf0, 0xff}), "02:ab:00:0f:f0:ff");
}

// docs/graph-format.md, "Shares and the network device": the example's settings are these.
TEST(CheckGraph, TheDocumentedExampleIsToldWhatTheDocumentSays)
{
	auto parsed = parse_graph("component tcp  tcp.elf\n"
				  "component app  app.elf\n"
				  "grant tcp nic\n"
				  "nic   tcp eth0 02:00:00:00:00:02 512   # eth0's frames for this address reach tcp\n"
				  "share rx 256K tcp app                  # received payloads, handed to app by offset\n"
				  "share tx 256K app tcp\n"
				  "entry app\n",
				  "example.cosg");
	ASSERT_TRUE(parsed.ok()) << describe(parsed.error());
	const Interfaces interfaces = {
		{"tcp", {{}, {}, COS_COMPONENT_NIC, 256}},
		{"app", {{"main"}, {}, 0, 256}},
	};
	auto checked = check_graph(parsed.value(), interfaces, 64);
	ASSERT_TRUE(checked.ok()) << describe(checked.error());
	EXPECT_EQ(component(checked.value(), "tcp").config,
		  "nic.ring=0x80000000\nnic.slots=512\nnic.mac=02:00:00:00:00:02\n"
		  "share.rx=0x80102000\nshare.rx.size=262144\nshare.tx=0x80143000\nshare.tx.size=262144\n");
	EXPECT_EQ(component(checked.value(), "app").config,
		  "share.rx=0x80000000\nshare.rx.size=262144\nshare.tx=0x80041000\nshare.tx.size=262144\n");
}
