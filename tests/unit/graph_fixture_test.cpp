// SPDX-License-Identifier: GPL-2.0
// The graph files in graph_fixtures/: one per error kind, read from disk and checked end to end.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "loader/graph/graph_check.hpp"
#include "loader/graph/graph_parser.hpp"

#ifndef COS_TEST_FIXTURE_DIR
#define COS_TEST_FIXTURE_DIR "/work/main/tests/unit/graph_fixtures"
#endif

using namespace cosk::loader;
using cosk::Attempt;
using cosk::Failure;

namespace {

// What the fixtures' images would export and import.
const std::map<std::string, Component_interface> interfaces = {
	{"app", {{"main"}, {"log", "alloc"}}},
	{"logger", {{"log"}, {}}},
	{"mem", {{"alloc", "free"}, {}}},
	{"mem2", {{"alloc"}, {}}},
	{"idle", {{}, {}}},
	{"printer", {{"log"}, {}, COS_COMPONENT_CONSOLE}}, // asks for the console privilege
	{"configurable", {{"log"}, {}, 0, 16}},            // has 16 bytes of configuration space
};
constexpr std::size_t capacity = 4;

std::string fixture(const std::string &name)
{
	return std::string(COS_TEST_FIXTURE_DIR) + "/" + name + ".cosg";
}

Attempt<Resolved_graph, Graph_error> load_and_check(const std::string &path)
{
	auto graph = load_graph_file(path);
	if (!graph)
		return Failure{graph.error()};
	return check_graph(graph.value(), interfaces, capacity);
}

struct Bad_fixture {
	const char *name;
	Graph_error_kind kind;
	std::size_t line;
	int status; // as documented in docs/graph-format.md
};

const Bad_fixture bad_fixtures[] = {
	{"syntax", Graph_error_kind::syntax, 4, 11},
	{"duplicate_name", Graph_error_kind::duplicate_name, 5, 12},
	{"unknown_component", Graph_error_kind::unknown_component, 6, 13},
	{"missing_export", Graph_error_kind::missing_export, 7, 14},
	{"unbound_import", Graph_error_kind::unbound_import, 4, 15},
	{"ambiguous_import", Graph_error_kind::ambiguous_import, 4, 16},
	{"self_dependency", Graph_error_kind::self_dependency, 8, 17},
	{"cyclic_dependency", Graph_error_kind::cyclic_dependency, 8, 18},
	{"duplicate_pd_member", Graph_error_kind::duplicate_pd_member, 8, 19},
	{"immutable_in_pd", Graph_error_kind::immutable_in_pd, 8, 20},
	{"missing_entry", Graph_error_kind::missing_entry, 0, 21},
	{"duplicate_entry", Graph_error_kind::duplicate_entry, 8, 22},
	{"too_many_components", Graph_error_kind::too_many_components, 7, 23},
	{"bad_image", Graph_error_kind::bad_image, 6, 24},
	{"unknown_import", Graph_error_kind::unknown_import, 7, 25},
	{"duplicate_binding", Graph_error_kind::duplicate_binding, 8, 26},
	{"unknown_privilege", Graph_error_kind::unknown_privilege, 7, 27},
	{"duplicate_grant", Graph_error_kind::duplicate_grant, 7, 28},
	{"privilege_not_granted", Graph_error_kind::privilege_not_granted, 4, 29},
	{"privilege_not_asked", Graph_error_kind::privilege_not_asked, 7, 30},
	{"duplicate_setting", Graph_error_kind::duplicate_setting, 7, 31},
	{"no_config_space", Graph_error_kind::no_config_space, 6, 32},
	{"config_too_large", Graph_error_kind::config_too_large, 6, 33},
	{"bad_share", Graph_error_kind::bad_share, 6, 34},
	{"bad_nic", Graph_error_kind::bad_nic, 6, 35},
	{"nic_not_granted", Graph_error_kind::nic_not_granted, 6, 36},
	{"bad_files", Graph_error_kind::bad_files, 6, 37},
	{"duplicate_number", Graph_error_kind::duplicate_number, 7, 38},
};

} // namespace

TEST(GraphFixture, GoodGraphLoadsAndResolves)
{
	auto checked = load_and_check(fixture("good"));
	ASSERT_TRUE(checked.ok()) << describe(checked.error());
	const Resolved_graph &g = checked.value();
	ASSERT_EQ(g.components.size(), 3u);
	EXPECT_EQ(g.components.back().name, "app");
	EXPECT_EQ(g.directory, COS_TEST_FIXTURE_DIR);
	EXPECT_EQ(g.pd_groups.size(), 2u);
	EXPECT_EQ(g.immutable_pairs.size(), 1u);
	EXPECT_EQ(g.entry.component, 2u);
	EXPECT_EQ(g.entry.function, "main");
}

TEST(GraphFixture, EachBadGraphFailsWithItsKindLineAndStatus)
{
	for (const Bad_fixture &bad : bad_fixtures) {
		SCOPED_TRACE(bad.name);
		const std::string path = fixture(bad.name);
		auto checked = load_and_check(path);
		ASSERT_FALSE(checked.ok());
		const Graph_error &e = checked.error();
		EXPECT_EQ(kind_name(e.kind), kind_name(bad.kind)) << describe(e);
		EXPECT_EQ(e.line, bad.line) << describe(e);
		EXPECT_EQ(exit_status(e.kind), bad.status);
		EXPECT_EQ(e.file, path);
		const std::string where = bad.line ? path + ":" + std::to_string(bad.line) : path;
		EXPECT_EQ(describe(e).rfind(where + ": error: ", 0), 0u) << describe(e);
	}
}

TEST(GraphFixture, EveryErrorKindHasAFixtureButIo)
{
	for (Graph_error_kind kind : all_graph_error_kinds) {
		if (kind == Graph_error_kind::io)
			continue;
		bool found = false;
		for (const Bad_fixture &bad : bad_fixtures)
			found = found || (bad.kind == kind && kind_name(kind) == bad.name);
		EXPECT_TRUE(found) << "no fixture for " << kind_name(kind);
	}
}

TEST(GraphFixture, MissingFileIsAnIoError)
{
	auto checked = load_and_check(fixture("does_not_exist"));
	ASSERT_FALSE(checked.ok());
	EXPECT_EQ(checked.error().kind, Graph_error_kind::io);
	EXPECT_EQ(checked.error().line, 0u);
	EXPECT_EQ(exit_status(checked.error().kind), 10);
}

TEST(GraphFixture, CycleMessagePrintsTheCycle)
{
	auto checked = load_and_check(fixture("cyclic_dependency"));
	ASSERT_FALSE(checked.ok());
	EXPECT_EQ(checked.error().message, "dependency cycle: app -> logger -> mem -> app");
}
