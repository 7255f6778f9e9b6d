// SPDX-License-Identifier: GPL-2.0
// check_graph: every error kind at its line, and the shape of the resolved graph.
#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "loader/graph/graph_check.hpp"
#include "loader/graph/graph_parser.hpp"

using namespace cosk::loader;
using cosk::Attempt;
using cosk::Failure;

namespace {

using Interfaces = std::map<std::string, Component_interface>;

// app calls logger and mem; logger needs mem too; mem2 is an alternative allocator.
const Interfaces sample = {
	{"app", {{"main"}, {"log", "alloc"}}},
	{"logger", {{"log"}, {"alloc"}}},
	{"mem", {{"alloc", "free"}, {}}},
	{"mem2", {{"alloc"}, {}}},
	{"idle", {{}, {}}},
};

Attempt<Resolved_graph, Graph_error> check(std::string_view text,
					     const Interfaces &interfaces = sample,
					     std::size_t capacity = 64)
{
	auto parsed = parse_graph(text, "dir/g.cosg");
	if (!parsed)
		return Failure{parsed.error()};
	return check_graph(parsed.value(), interfaces, capacity);
}

Resolved_graph check_ok(std::string_view text, const Interfaces &interfaces = sample,
			std::size_t capacity = 64)
{
	auto checked = check(text, interfaces, capacity);
	EXPECT_TRUE(checked.ok()) << (checked ? "" : describe(checked.error()));
	return checked ? std::move(checked).value() : Resolved_graph{};
}

Graph_error check_fails(std::string_view text, const Interfaces &interfaces = sample,
			std::size_t capacity = 64)
{
	auto checked = check(text, interfaces, capacity);
	EXPECT_FALSE(checked.ok());
	return checked ? Graph_error{} : checked.error();
}

std::vector<std::string> names(const Resolved_graph &g)
{
	std::vector<std::string> result;
	for (const auto &c : g.components)
		result.push_back(c.name);
	return result;
}

std::size_t position(const Resolved_graph &g, std::string_view name)
{
	for (std::size_t i = 0; i < g.components.size(); ++i)
		if (g.components[i].name == name)
			return i;
	ADD_FAILURE() << name << " is not in the resolved graph";
	return 0;
}

std::size_t provider_of(const Resolved_graph &g, std::string_view component,
			std::string_view import)
{
	for (const Binding &b : g.components[position(g, component)].bindings)
		if (b.import == import)
			return b.provider;
	ADD_FAILURE() << component << " has no binding for " << import;
	return 0;
}

constexpr const char *three = "component app app.elf\n"    // 1
			      "component logger log.elf\n" // 2
			      "component mem mem.elf\n"    // 3
			      "app -> logger mem\n"        // 4
			      "logger -> mem\n"            // 5
			      "entry app\n";               // 6

} // namespace

TEST(CheckGraph, ResolvesImportsAgainstTheDependenciesExports)
{
	const Resolved_graph g = check_ok(three);
	EXPECT_EQ(provider_of(g, "app", "log"), position(g, "logger"));
	EXPECT_EQ(provider_of(g, "app", "alloc"), position(g, "mem"));
	EXPECT_EQ(provider_of(g, "logger", "alloc"), position(g, "mem"));
	EXPECT_TRUE(g.components[position(g, "mem")].bindings.empty());
	EXPECT_EQ(g.file, "dir/g.cosg");
	EXPECT_EQ(g.directory, "dir");
	EXPECT_EQ(g.components[position(g, "logger")].image, "log.elf");
	EXPECT_EQ(g.components[position(g, "logger")].line, 2u);
}

TEST(CheckGraph, OrdersCalleesBeforeCallers)
{
	const Resolved_graph g = check_ok(three);
	EXPECT_EQ(names(g), (std::vector<std::string>{"mem", "logger", "app"}));
	for (std::size_t i = 0; i < g.components.size(); ++i) {
		for (std::size_t callee : g.components[i].callees)
			EXPECT_LT(callee, i) << g.components[i].name;
		for (const Binding &b : g.components[i].bindings)
			EXPECT_LT(b.provider, i) << g.components[i].name << "." << b.import;
	}
	EXPECT_EQ(g.components[position(g, "app")].callees,
		  (std::vector<std::size_t>{position(g, "mem"), position(g, "logger")}));
}

TEST(CheckGraph, AcceptsDeclarationsInAnyOrder)
{
	const Resolved_graph g = check_ok("entry app\n"
					  "app -> logger mem\n"
					  "logger -> mem\n"
					  "component logger log.elf\n"
					  "component mem mem.elf\n"
					  "component app app.elf\n");
	EXPECT_EQ(names(g), (std::vector<std::string>{"mem", "logger", "app"}));
}

TEST(CheckGraph, ExplicitBindingSettlesAnAmbiguousImport)
{
	const Resolved_graph g = check_ok("component app app.elf\ncomponent logger log.elf\n"
					  "component mem mem.elf\ncomponent mem2 mem2.elf\n"
					  "app -> logger mem mem2\nlogger -> mem\n"
					  "app.alloc -> mem2\nentry app\n");
	EXPECT_EQ(provider_of(g, "app", "alloc"), position(g, "mem2"));
	EXPECT_EQ(provider_of(g, "logger", "alloc"), position(g, "mem"));
}

TEST(CheckGraph, ExplicitBindingAlsoDeclaresTheDependency)
{
	const Resolved_graph g = check_ok("component app app.elf\ncomponent logger log.elf\n"
					  "component mem mem.elf\n"
					  "app -> logger\nlogger -> mem\napp.alloc -> mem\nentry app\n");
	EXPECT_EQ(provider_of(g, "app", "alloc"), position(g, "mem"));
	EXPECT_LT(position(g, "mem"), position(g, "app"));
}

TEST(CheckGraph, AcceptsAnUnusedDependency)
{
	const Resolved_graph g = check_ok(std::string(three) + "component idle i.elf\n"
							       "app -> idle\nidle -> mem\n");
	EXPECT_LT(position(g, "idle"), position(g, "app"));
	EXPECT_TRUE(g.components[position(g, "idle")].bindings.empty());
}

TEST(CheckGraph, BindsARepeatedImportOnce)
{
	Interfaces interfaces = sample;
	interfaces["app"].imports = {"log", "alloc", "log"};
	const Resolved_graph g = check_ok(three, interfaces);
	EXPECT_EQ(g.components[position(g, "app")].bindings.size(), 2u);
}

TEST(CheckGraph, GivesComponentsOutsidePdLinesADomainOfTheirOwn)
{
	const Resolved_graph g = check_ok(three);
	ASSERT_EQ(g.pd_groups.size(), 3u);
	for (std::size_t i = 0; i < 3; ++i)
		EXPECT_EQ(g.pd_groups[i], std::vector<std::size_t>{i});
}

TEST(CheckGraph, GroupsPdMembersAndPlacesEveryComponentOnce)
{
	const Resolved_graph g = check_ok(std::string(three) + "pd logger mem\n");
	ASSERT_EQ(g.pd_groups.size(), 2u);
	EXPECT_EQ(g.pd_groups[0],
		  (std::vector<std::size_t>{position(g, "logger"), position(g, "mem")}));
	EXPECT_EQ(g.pd_groups[1], std::vector<std::size_t>{position(g, "app")});
}

TEST(CheckGraph, MapsImmutablePairsAndTheEntry)
{
	const Resolved_graph g = check_ok(std::string(three) + "immutable app mem\n");
	ASSERT_EQ(g.immutable_pairs.size(), 1u);
	EXPECT_EQ(g.immutable_pairs[0], std::make_pair(position(g, "app"), position(g, "mem")));
	EXPECT_EQ(g.entry.component, position(g, "app"));
	EXPECT_EQ(g.entry.function, "main");
}

TEST(CheckGraph, AcceptsExactlyTheRegionCapacity)
{
	EXPECT_EQ(check_ok(three, sample, 3).components.size(), 3u);
}

TEST(CheckGraph, RejectsTheFirstComponentOverCapacity)
{
	const Graph_error e = check_fails(three, sample, 2);
	EXPECT_EQ(e.kind, Graph_error_kind::too_many_components);
	EXPECT_EQ(e.line, 3u);
	EXPECT_NE(e.message.find("`mem`"), std::string::npos) << e.message;
}

TEST(CheckGraph, ReportsDuplicateNameAtTheSecondDeclaration)
{
	const Graph_error e = check_fails("component app a.elf\n\ncomponent app b.elf\nentry app\n");
	EXPECT_EQ(e.kind, Graph_error_kind::duplicate_name);
	EXPECT_EQ(e.line, 3u);
	EXPECT_NE(e.message.find("line 1"), std::string::npos) << e.message;
}

TEST(CheckGraph, ReportsUnknownComponentInEveryStatement)
{
	const std::string base = "component app app.elf\ncomponent mem mem.elf\n"; // lines 1-2
	for (const char *use : {"app -> ghost\n", "ghost -> app\n", "app.alloc -> ghost\n",
				"ghost.alloc -> mem\n", "pd app ghost\n", "immutable ghost app\n",
				"entry ghost\n", "number ghost 7\n"}) {
		SCOPED_TRACE(use);
		const Graph_error e = check_fails(base + "entry app\n" + use);
		EXPECT_EQ(e.kind, Graph_error_kind::unknown_component);
		EXPECT_EQ(e.line, 4u);
		EXPECT_NE(e.message.find("`ghost`"), std::string::npos) << e.message;
	}
}

TEST(CheckGraph, ReportsTheFirstUnknownComponentInTheFile)
{
	const Graph_error e = check_fails("component app app.elf\nentry app\npd app ghost1\n"
					  "app -> ghost2\n");
	EXPECT_EQ(e.line, 3u);
	EXPECT_NE(e.message.find("`ghost1`"), std::string::npos) << e.message;
}

TEST(CheckGraph, ReportsMissingExportOfABinding)
{
	const Graph_error e = check_fails(std::string(three) + "app.log -> mem\n");
	EXPECT_EQ(e.kind, Graph_error_kind::missing_export);
	EXPECT_EQ(e.line, 7u);
}

TEST(CheckGraph, ReportsMissingExportOfTheEntry)
{
	const Graph_error named = check_fails("component mem m.elf\nentry mem.run\n");
	EXPECT_EQ(named.kind, Graph_error_kind::missing_export);
	EXPECT_EQ(named.line, 2u);
	const Graph_error implicit = check_fails("component mem m.elf\n\nentry mem\n");
	EXPECT_EQ(implicit.kind, Graph_error_kind::missing_export);
	EXPECT_EQ(implicit.line, 3u);
	EXPECT_NE(implicit.message.find("`main`"), std::string::npos) << implicit.message;
}

TEST(CheckGraph, ReportsUnboundImportAtTheComponentsDeclaration)
{
	const Graph_error e = check_fails("component app app.elf\ncomponent logger log.elf\n"
					  "component mem mem.elf\napp -> mem logger\nentry app\n");
	EXPECT_EQ(e.kind, Graph_error_kind::unbound_import);
	EXPECT_EQ(e.line, 2u); // logger needs alloc and depends on nothing
	EXPECT_NE(e.message.find("`alloc`"), std::string::npos) << e.message;
}

TEST(CheckGraph, ReportsAmbiguousImportNamingBothExporters)
{
	const Graph_error e = check_fails("component app app.elf\ncomponent logger log.elf\n"
					  "component mem mem.elf\ncomponent mem2 mem2.elf\n"
					  "app -> logger mem mem2\nlogger -> mem\nentry app\n");
	EXPECT_EQ(e.kind, Graph_error_kind::ambiguous_import);
	EXPECT_EQ(e.line, 1u);
	EXPECT_NE(e.message.find("`mem`"), std::string::npos) << e.message;
	EXPECT_NE(e.message.find("`mem2`"), std::string::npos) << e.message;
}

TEST(CheckGraph, AmbiguousImportListsEveryExporter)
{
	Interfaces interfaces = sample;
	interfaces["mem3"] = {{"alloc"}, {}};
	EXPECT_EQ(check_fails("component app app.elf\ncomponent logger log.elf\n"
			      "component mem mem.elf\ncomponent mem2 mem2.elf\n"
			      "component mem3 mem3.elf\napp -> logger mem mem2 mem3\n"
			      "logger -> mem\nentry app\n",
			      interfaces)
			  .message,
		  "component `app` imports `alloc`, which `mem`, `mem2` and `mem3` all export: "
		  "choose one with a binding such as `app.alloc -> mem`");
}

TEST(CheckGraph, ReportsSelfDependency)
{
	const Graph_error dep = check_fails(std::string(three) + "mem -> mem\n");
	EXPECT_EQ(dep.kind, Graph_error_kind::self_dependency);
	EXPECT_EQ(dep.line, 7u);
	const Graph_error bind = check_fails(std::string(three) + "\nmem.alloc -> mem\n");
	EXPECT_EQ(bind.kind, Graph_error_kind::self_dependency);
	EXPECT_EQ(bind.line, 8u);
}

TEST(CheckGraph, ReportsCyclePrintingItAndTheLineOfAnEdgeInIt)
{
	const Interfaces interfaces = {
		{"a", {{"main"}, {}}}, {"b", {}}, {"c", {}}, {"d", {}}};
	const Graph_error e = check_fails("component a a.elf\ncomponent b b.elf\n"
					  "component c c.elf\ncomponent d d.elf\n"
					  "d -> a\na -> b\nb -> c\nc -> a\nentry a\n",
					  interfaces);
	EXPECT_EQ(e.kind, Graph_error_kind::cyclic_dependency);
	EXPECT_EQ(e.message, "dependency cycle: a -> b -> c -> a");
	EXPECT_EQ(e.line, 8u);
}

TEST(CheckGraph, CountsBindingsAsEdgesOfACycle)
{
	const Graph_error e = check_fails(std::string(three) + "mem.alloc -> logger\n", [] {
		Interfaces i = sample;
		i["mem"].imports = {"alloc"};
		i["logger"].exports = {"log", "alloc"};
		return i;
	}());
	EXPECT_EQ(e.kind, Graph_error_kind::cyclic_dependency);
	EXPECT_EQ(e.message, "dependency cycle: logger -> mem -> logger");
	EXPECT_EQ(e.line, 7u);
}

TEST(CheckGraph, ReportsComponentInTwoPdLines)
{
	const Graph_error twice = check_fails(std::string(three) + "pd app mem\npd logger mem\n");
	EXPECT_EQ(twice.kind, Graph_error_kind::duplicate_pd_member);
	EXPECT_EQ(twice.line, 8u);
	EXPECT_NE(twice.message.find("line 7"), std::string::npos) << twice.message;
	const Graph_error same_line = check_fails(std::string(three) + "pd app mem app\n");
	EXPECT_EQ(same_line.kind, Graph_error_kind::duplicate_pd_member);
	EXPECT_EQ(same_line.line, 7u);
	EXPECT_NE(same_line.message.find("twice"), std::string::npos) << same_line.message;
}

TEST(CheckGraph, ReportsPdGroupingAnImmutablePair)
{
	const Graph_error grouped =
		check_fails(std::string(three) + "immutable logger mem\npd mem app logger\n");
	EXPECT_EQ(grouped.kind, Graph_error_kind::immutable_in_pd);
	EXPECT_EQ(grouped.line, 8u);
	EXPECT_NE(grouped.message.find("line 7"), std::string::npos) << grouped.message;
	check_ok(std::string(three) + "immutable logger mem\npd app logger\n");
}

TEST(CheckGraph, ReportsMissingEntryWithoutLine)
{
	const Graph_error e = check_fails("component app app.elf\n");
	EXPECT_EQ(e.kind, Graph_error_kind::missing_entry);
	EXPECT_EQ(e.line, 0u);
}

TEST(CheckGraph, ReportsSecondEntryLine)
{
	const Graph_error e = check_fails(std::string(three) + "\nentry app\n");
	EXPECT_EQ(e.kind, Graph_error_kind::duplicate_entry);
	EXPECT_EQ(e.line, 8u);
	EXPECT_NE(e.message.find("line 6"), std::string::npos) << e.message;
}

TEST(CheckGraph, ReportsMissingInterfaceAsBadImage)
{
	const Graph_error e =
		check_fails(std::string(three) + "component stray stray.elf\nstray -> mem\n");
	EXPECT_EQ(e.kind, Graph_error_kind::bad_image);
	EXPECT_EQ(e.line, 7u);
	EXPECT_NE(e.message.find("`stray`"), std::string::npos) << e.message;
}

TEST(CheckGraph, ReportsBindingOfAFunctionNotImported)
{
	const Graph_error e = check_fails(std::string(three) + "app.free -> mem\n");
	EXPECT_EQ(e.kind, Graph_error_kind::unknown_import);
	EXPECT_EQ(e.line, 7u);
}

TEST(CheckGraph, ReportsSecondBindingOfTheSameImport)
{
	const Graph_error e =
		check_fails(std::string(three) + "app.alloc -> mem\napp.alloc -> mem\n");
	EXPECT_EQ(e.kind, Graph_error_kind::duplicate_binding);
	EXPECT_EQ(e.line, 8u);
	EXPECT_NE(e.message.find("line 7"), std::string::npos) << e.message;
}

TEST(CheckGraph, PassesSyntaxErrorsThroughUnchanged)
{
	const Graph_error e = check_fails("component app app.elf\nbogus\n");
	EXPECT_EQ(e.kind, Graph_error_kind::syntax);
	EXPECT_EQ(e.line, 2u);
}

namespace {

// sample, with a logger that asks to be the console and an allocator that asks for no preemption.
Interfaces asking()
{
	Interfaces interfaces = sample;
	interfaces["logger"].asks = COS_COMPONENT_CONSOLE;
	interfaces["mem"].asks = COS_COMPONENT_NO_PREEMPT;
	return interfaces;
}

const char *const asking_graph = "component app a.elf\n"
				 "component logger l.elf\n"
				 "component mem m.elf\n"
				 "app -> logger mem\n"
				 "logger -> mem\n"
				 "entry app\n";

} // namespace

TEST(CheckGraph, GrantedPrivilegesReachTheResolvedComponents)
{
	const Resolved_graph g = check_ok(std::string(asking_graph) + "grant logger console\ngrant mem no_preempt\n",
					  asking());
	for (const Resolved_component &c : g.components) {
		SCOPED_TRACE(c.name);
		const Privilege_set want = c.name == "logger" ? COS_COMPONENT_CONSOLE
					  : c.name == "mem"  ? COS_COMPONENT_NO_PREEMPT
							     : 0;
		EXPECT_EQ(c.privileges, want);
	}
}

TEST(CheckGraph, AnUngrantedAskIsReportedAtTheComponentWithTheLineToAdd)
{
	const Graph_error e = check_fails(std::string(asking_graph) + "grant logger console\n", asking());
	EXPECT_EQ(e.kind, Graph_error_kind::privilege_not_granted);
	EXPECT_EQ(e.line, 3u);
	EXPECT_NE(e.message.find("`mem` asks for the `no_preempt` privilege"), std::string::npos) << e.message;
	EXPECT_NE(e.message.find("add `grant mem no_preempt`"), std::string::npos) << e.message;
}

TEST(CheckGraph, GrantErrorsPointAtTheirLine)
{
	const std::string g = asking_graph;
	const Graph_error unasked = check_fails(g + "grant logger console\ngrant mem no_preempt\ngrant app scheduler\n",
						asking());
	EXPECT_EQ(unasked.kind, Graph_error_kind::privilege_not_asked);
	EXPECT_EQ(unasked.line, 9u);
	EXPECT_NE(unasked.message.find("COS_SCHEDULER()"), std::string::npos) << unasked.message;

	const Graph_error unknown = check_fails(g + "grant logger console root\n", asking());
	EXPECT_EQ(unknown.kind, Graph_error_kind::unknown_privilege);
	EXPECT_EQ(unknown.line, 7u);
	EXPECT_NE(unknown.message.find("`console`, `scheduler`, `mpd_policy`, `no_preempt`"), std::string::npos)
		<< unknown.message;

	const Graph_error twice = check_fails(g + "grant logger console\ngrant mem no_preempt console\n"
						  "grant mem no_preempt\n",
					      asking());
	EXPECT_EQ(twice.kind, Graph_error_kind::duplicate_grant);
	EXPECT_EQ(twice.line, 9u);

	const Graph_error nobody = check_fails(g + "grant logr console\n", asking());
	EXPECT_EQ(nobody.kind, Graph_error_kind::unknown_component);
	EXPECT_EQ(nobody.line, 7u);
}

namespace {

// sample, with a logger that has 24 bytes of configuration space.
Interfaces configurable()
{
	Interfaces interfaces = sample;
	interfaces["logger"].config_capacity = 24;
	return interfaces;
}

} // namespace

TEST(CheckGraph, ConfigLinesBecomeTheComponentsConfigurationText)
{
	const Resolved_graph g = check_ok(std::string(asking_graph) + "grant logger console\ngrant mem no_preempt\n"
				 "config logger level=3\nconfig logger to=x\n",
				 [] {
					 Interfaces i = asking();
					 i["logger"].config_capacity = 24;
					 return i;
				 }());
	for (const Resolved_component &c : g.components)
		EXPECT_EQ(c.config, c.name == "logger" ? "level=3\nto=x\n" : "") << c.name;
}

TEST(CheckGraph, ConfigErrorsPointAtTheirLine)
{
	const std::string g = "component app a.elf\ncomponent logger l.elf\ncomponent mem m.elf\n"
			      "app -> logger mem\nlogger -> mem\nentry app\n";
	const Graph_error twice = check_fails(g + "config logger a=1 b=2\nconfig logger a=3\n", configurable());
	EXPECT_EQ(twice.kind, Graph_error_kind::duplicate_setting);
	EXPECT_EQ(twice.line, 8u);
	EXPECT_NE(twice.message.find("set already at line 7"), std::string::npos) << twice.message;

	const Graph_error none = check_fails(g + "config mem a=1\n", configurable());
	EXPECT_EQ(none.kind, Graph_error_kind::no_config_space);
	EXPECT_EQ(none.line, 7u);
	EXPECT_NE(none.message.find("COS_CONFIG"), std::string::npos) << none.message;

	// 23 bytes of text and the zero byte fit in 24; one more does not.
	check_ok(g + "config logger key=0123456789abcdef\n", configurable());
	const Graph_error large = check_fails(g + "config logger key=0123456789abcdef\nconfig logger x=\n",
					      configurable());
	EXPECT_EQ(large.kind, Graph_error_kind::config_too_large);
	EXPECT_EQ(large.line, 7u);

	const Graph_error nobody = check_fails(g + "config loger a=1\n", configurable());
	EXPECT_EQ(nobody.kind, Graph_error_kind::unknown_component);
}

TEST(CheckGraph, NumbersReachTheResolvedComponents)
{
	const Resolved_graph g = check_ok(std::string(three) + "number mem 17\nnumber app 7\n");
	EXPECT_EQ(g.components[position(g, "mem")].number, 17u);
	EXPECT_EQ(g.components[position(g, "app")].number, 7u);
	EXPECT_EQ(g.components[position(g, "logger")].number, 0u) << "a component without a number line has none";
}

TEST(CheckGraph, ReportsANumberGivenToTwoComponentsAtTheLaterLine)
{
	const Graph_error e = check_fails(std::string(three) + "number mem 17\nnumber app 3\nnumber logger 17\n");
	EXPECT_EQ(e.kind, Graph_error_kind::duplicate_number);
	EXPECT_EQ(e.line, 9u);
	EXPECT_EQ(e.message, "number 17 is `mem`'s already at line 7");
}

TEST(CheckGraph, ReportsAComponentGivenTwoNumbersAtTheLaterLine)
{
	const Graph_error again = check_fails(std::string(three) + "number mem 17\n\nnumber mem 17\n");
	EXPECT_EQ(again.kind, Graph_error_kind::duplicate_number);
	EXPECT_EQ(again.line, 9u);
	EXPECT_EQ(again.message, "component `mem` has number 17 already at line 7");
	const Graph_error other = check_fails(std::string(three) + "number mem 17\nnumber mem 18\n");
	EXPECT_EQ(other.kind, Graph_error_kind::duplicate_number);
	EXPECT_EQ(other.line, 8u);
}

// The documented order: after pd lines, before grant lines.
TEST(CheckGraph, NumberLinesAreCheckedAfterPdLinesAndBeforeGrantLines)
{
	const std::string twice = "number mem 1\nnumber app 1\n"; // lines 7-8
	EXPECT_EQ(check_fails(std::string(three) + twice + "pd app mem\npd mem logger\n").kind,
		  Graph_error_kind::duplicate_pd_member);
	EXPECT_EQ(check_fails(std::string(three) + twice + "grant mem root\n").kind, Graph_error_kind::duplicate_number);
}
