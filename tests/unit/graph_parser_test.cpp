// SPDX-License-Identifier: GPL-2.0
// The graph file syntax (parse_graph, load_graph_file) and how graph errors are reported.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <string>
#include <vector>
#include <unistd.h>

#include "loader/graph/graph_error.hpp"
#include "loader/graph/graph_parser.hpp"

using namespace cosk::loader;

namespace {

Graph parse_ok(std::string_view text)
{
	auto parsed = parse_graph(text, "g.cosg");
	EXPECT_TRUE(parsed.ok()) << (parsed ? "" : describe(parsed.error()));
	return parsed ? std::move(parsed).value() : Graph{};
}

// Returns the syntax error's line after checking the kind; 0 when the text parsed.
std::size_t syntax_error_line(std::string_view text)
{
	auto parsed = parse_graph(text, "g.cosg");
	if (parsed)
		return 0;
	EXPECT_EQ(parsed.error().kind, Graph_error_kind::syntax) << describe(parsed.error());
	return parsed.error().line;
}

std::string syntax_message(std::string_view text)
{
	auto parsed = parse_graph(text, "g.cosg");
	return parsed ? std::string("(parsed)") : parsed.error().message;
}

} // namespace

TEST(ParseGraph, ReadsEveryStatement)
{
	const Graph g = parse_ok("component app bin/app.elf\n"
				 "component log /abs/log.elf\n"
				 "component mem mem.elf\n"
				 "app -> log mem\n"
				 "app.alloc -> mem\n"
				 "pd log mem\n"
				 "immutable app log\n"
				 "entry app.start\n");
	ASSERT_EQ(g.components.size(), 3u);
	EXPECT_EQ(g.components[0].name, "app");
	EXPECT_EQ(g.components[0].image, "bin/app.elf");
	EXPECT_EQ(g.components[1].image, "/abs/log.elf");
	ASSERT_EQ(g.dependencies.size(), 1u);
	EXPECT_EQ(g.dependencies[0].from, "app");
	EXPECT_EQ(g.dependencies[0].to, (std::vector<std::string>{"log", "mem"}));
	EXPECT_EQ(g.dependencies[0].line, 4u);
	ASSERT_EQ(g.bindings.size(), 1u);
	EXPECT_EQ(g.bindings[0].component, "app");
	EXPECT_EQ(g.bindings[0].function, "alloc");
	EXPECT_EQ(g.bindings[0].provider, "mem");
	EXPECT_EQ(g.bindings[0].line, 5u);
	ASSERT_EQ(g.pds.size(), 1u);
	EXPECT_EQ(g.pds[0].members, (std::vector<std::string>{"log", "mem"}));
	ASSERT_EQ(g.immutables.size(), 1u);
	EXPECT_EQ(g.immutables[0].first, "app");
	EXPECT_EQ(g.immutables[0].second, "log");
	ASSERT_EQ(g.entries.size(), 1u);
	EXPECT_EQ(g.entries[0].component, "app");
	EXPECT_EQ(g.entries[0].function, "start");
	EXPECT_EQ(g.entries[0].line, 8u);
}

TEST(ParseGraph, IgnoresCommentsBlankLinesAndExtraWhitespace)
{
	const Graph g = parse_ok("# a graph\n"
				 "\n"
				 "   \t  \n"
				 "\tcomponent   a   a.elf   # the app\n"
				 "component b b.elf#no space before the comment\r\n"
				 "a   ->\tb\n"
				 "entry a # starts here\n");
	ASSERT_EQ(g.components.size(), 2u);
	EXPECT_EQ(g.components[0].line, 4u);
	EXPECT_EQ(g.components[0].image, "a.elf");
	EXPECT_EQ(g.components[1].image, "b.elf");
	EXPECT_EQ(g.components[1].line, 5u);
	EXPECT_EQ(g.dependencies.at(0).line, 6u);
	EXPECT_EQ(g.entries.at(0).line, 7u);
}

TEST(ParseGraph, EntryFunctionDefaultsToMain)
{
	const Graph g = parse_ok("entry app");
	ASSERT_EQ(g.entries.size(), 1u);
	EXPECT_EQ(g.entries[0].function, "main");
}

TEST(ParseGraph, AcceptsNamesBeforeTheirDeclaration)
{
	const Graph g = parse_ok("entry a\na -> b\ncomponent b b.elf\ncomponent a a.elf\n");
	EXPECT_EQ(g.components.size(), 2u);
	EXPECT_EQ(g.dependencies.size(), 1u);
}

TEST(ParseGraph, KeepsEveryEntryLineForTheChecker)
{
	EXPECT_EQ(parse_ok("entry a\nentry b\n").entries.size(), 2u);
	EXPECT_TRUE(parse_ok("component a a.elf\n").entries.empty());
}

TEST(ParseGraph, RecordsTheGraphFilesDirectory)
{
	auto nested = parse_graph("", "graphs/demo/x.cosg");
	ASSERT_TRUE(nested.ok());
	EXPECT_EQ(nested.value().directory, "graphs/demo");
	EXPECT_EQ(nested.value().file, "graphs/demo/x.cosg");

	auto bare = parse_graph("", "x.cosg");
	ASSERT_TRUE(bare.ok());
	EXPECT_EQ(bare.value().directory, ".");

	auto absolute = parse_graph("", "/srv/x.cosg");
	ASSERT_TRUE(absolute.ok());
	EXPECT_EQ(absolute.value().directory, "/srv");
}

TEST(ParseGraph, AcceptsTextWithoutFinalNewline)
{
	EXPECT_EQ(parse_ok("component a a.elf\ncomponent b b.elf").components.size(), 2u);
}

TEST(ParseGraph, RejectsUnknownKeywordAtItsLine)
{
	EXPECT_EQ(syntax_error_line("component a a.elf\n\ncomponnt b b.elf\n"), 3u);
	EXPECT_NE(syntax_message("componnt b b.elf").find("unknown keyword `componnt`"),
		  std::string::npos);
}

TEST(ParseGraph, RejectsWrongNumberOfTokens)
{
	for (const char *line : {"component a", "component a a.elf extra", "pd a", "immutable a",
				 "immutable a b c", "entry", "entry a b", "a ->", "a.f -> b c",
				 "a.f ->", "a", "a b"}) {
		SCOPED_TRACE(line);
		EXPECT_EQ(syntax_error_line(std::string("# first\n") + line), 2u);
	}
}

TEST(ParseGraph, RejectsBadNames)
{
	for (const char *line :
	     {"component 1a a.elf", "component a-b a.elf", "a -> b-c", "a -> b.f", "pd a 9",
	      "immutable a b!", "entry a.", "entry .main", "entry a.b.c", "a.1f -> b", "a.f -> b.g",
	      "a..f -> b"}) {
		SCOPED_TRACE(line);
		EXPECT_EQ(syntax_error_line(line), 1u);
	}
	EXPECT_EQ(syntax_error_line("component _a_1 x\ncomponent Z9 y\n"), 0u);
}

TEST(ParseGraph, RejectsKeywordsAsComponentNames)
{
	EXPECT_EQ(syntax_error_line("component pd pd.elf"), 1u);
	EXPECT_EQ(syntax_error_line("a -> entry"), 1u);
	EXPECT_NE(syntax_message("component entry e.elf").find("keyword"), std::string::npos);
	EXPECT_NE(syntax_message("component share s.elf").find("keyword"), std::string::npos);
	EXPECT_NE(syntax_message("component nic n.elf").find("keyword"), std::string::npos);
	EXPECT_EQ(syntax_error_line("a -> nic"), 1u);
	EXPECT_EQ(syntax_error_line("share buf 4K a share"), 1u);
}

TEST(ParseGraph, RejectsImmutablePairOfOneComponent)
{
	EXPECT_EQ(syntax_error_line("immutable a a"), 1u);
}

TEST(ParseGraph, SyntaxMessagesSayWhatWasExpected)
{
	EXPECT_EQ(syntax_message("component a"), "expected `component NAME IMAGE`");
	EXPECT_NE(syntax_message("pd a").find("`pd NAME NAME [NAME ...]`"), std::string::npos);
	EXPECT_NE(syntax_message("a ->").find("`NAME -> NAME [NAME ...]`"), std::string::npos);
	EXPECT_NE(syntax_message("a.f -> b c").find("`NAME.FUNCTION -> NAME`"), std::string::npos);
	EXPECT_NE(syntax_message("component 1a x").find("[A-Za-z_][A-Za-z0-9_]*"),
		  std::string::npos);
	EXPECT_NE(syntax_message("a->b").find("whitespace"), std::string::npos);
}

TEST(ParseGraph, ErrorNamesTheFileGiven)
{
	auto parsed = parse_graph("bogus", "dir/file.cosg");
	ASSERT_FALSE(parsed.ok());
	EXPECT_EQ(parsed.error().file, "dir/file.cosg");
}

TEST(LoadGraphFile, ReadsAndParsesTheFile)
{
	char path[] = "/tmp/graph_parser_test_XXXXXX";
	const int fd = mkstemp(path);
	ASSERT_GE(fd, 0);
	close(fd);
	std::ofstream(path) << "component a a.elf\nentry a\n";
	auto loaded = load_graph_file(path);
	std::remove(path);
	ASSERT_TRUE(loaded.ok()) << describe(loaded.error());
	EXPECT_EQ(loaded.value().components.size(), 1u);
	EXPECT_EQ(loaded.value().file, path);
	EXPECT_EQ(loaded.value().directory, "/tmp");
}

TEST(LoadGraphFile, ReportsUnreadableFileAsIoErrorWithoutLine)
{
	for (const char *path : {"/nonexistent/graph.cosg", "/tmp"}) {
		SCOPED_TRACE(path);
		auto loaded = load_graph_file(path);
		ASSERT_FALSE(loaded.ok());
		EXPECT_EQ(loaded.error().kind, Graph_error_kind::io);
		EXPECT_EQ(loaded.error().line, 0u);
		EXPECT_EQ(loaded.error().file, path);
		EXPECT_FALSE(loaded.error().message.empty());
	}
}

TEST(LoadGraphFile, RefusesDevicesAndFilesPastTheBoundWithoutReadingThemWhole)
{
	// /dev/zero never ends: refused as a device, at once.
	auto zero = load_graph_file("/dev/zero");
	ASSERT_FALSE(zero.ok());
	EXPECT_EQ(zero.error().kind, Graph_error_kind::io);
	EXPECT_EQ(zero.error().message, "not a regular file or a pipe");

	char path[] = "/tmp/graph_parser_test_XXXXXX";
	const int fd = mkstemp(path);
	ASSERT_GE(fd, 0);
	close(fd);
	{
		std::ofstream out(path);
		const std::string comment = "# " + std::string(1000, 'x') + "\n";
		for (std::size_t written = 0; written <= max_graph_file_bytes; written += comment.size())
			out << comment;
	}
	auto huge = load_graph_file(path);
	std::remove(path);
	ASSERT_FALSE(huge.ok());
	EXPECT_EQ(huge.error().kind, Graph_error_kind::io);
	EXPECT_EQ(huge.error().line, 0u);
	EXPECT_EQ(huge.error().message, "larger than 1048576 bytes, not a graph file");
}

TEST(LoadGraphFile, ReadsAPipe)
{
	int fds[2];
	ASSERT_EQ(pipe(fds), 0);
	const std::string text = "component a a.elf\nentry a\n";
	ASSERT_EQ(write(fds[1], text.data(), text.size()), static_cast<ssize_t>(text.size()));
	close(fds[1]);
	auto loaded = load_graph_file("/proc/self/fd/" + std::to_string(fds[0]));
	close(fds[0]);
	ASSERT_TRUE(loaded.ok()) << describe(loaded.error());
	EXPECT_EQ(loaded.value().components.size(), 1u);
}

TEST(ParseGraph, RefusesAHugeLineNamingIt)
{
	const std::string text = "component a a.elf\n# " + std::string(max_graph_line_bytes, 'x') + "\nentry a\n";
	auto parsed = parse_graph(text, "g.cosg");
	ASSERT_FALSE(parsed.ok());
	EXPECT_EQ(parsed.error().line, 2u);
	EXPECT_EQ(describe(parsed.error()), "g.cosg:2: error: line longer than 4096 bytes");
	// A line at the bound is fine.
	EXPECT_TRUE(parse_graph("# " + std::string(max_graph_line_bytes - 2, 'x') + "\n", "g.cosg").ok());
}

TEST(Describe, PrintsFileLineAndMessage)
{
	const Graph_error error{Graph_error_kind::syntax, "g.cosg", 12, "expected `entry NAME`"};
	EXPECT_EQ(describe(error), "g.cosg:12: error: expected `entry NAME`");
}

TEST(Describe, LeavesOutLineZero)
{
	const Graph_error error{Graph_error_kind::io, "missing.cosg", 0, "cannot read"};
	EXPECT_EQ(describe(error), "missing.cosg: error: cannot read");
}

TEST(ExitStatus, IsDistinctPerKindAndWithinTenToThirtyNine)
{
	std::set<int> seen;
	for (Graph_error_kind kind : all_graph_error_kinds) {
		const int status = exit_status(kind);
		EXPECT_GE(status, 10) << kind_name(kind);
		EXPECT_LE(status, 39) << kind_name(kind);
		EXPECT_TRUE(seen.insert(status).second) << kind_name(kind) << " reuses " << status;
	}
	EXPECT_EQ(seen.size(), std::size(all_graph_error_kinds));
}

// The documented table (docs/graph-format.md); scripts depend on these numbers.
TEST(ExitStatus, MatchesTheDocumentedTable)
{
	EXPECT_EQ(exit_status(Graph_error_kind::io), 10);
	EXPECT_EQ(exit_status(Graph_error_kind::syntax), 11);
	EXPECT_EQ(exit_status(Graph_error_kind::duplicate_name), 12);
	EXPECT_EQ(exit_status(Graph_error_kind::unknown_component), 13);
	EXPECT_EQ(exit_status(Graph_error_kind::missing_export), 14);
	EXPECT_EQ(exit_status(Graph_error_kind::unbound_import), 15);
	EXPECT_EQ(exit_status(Graph_error_kind::ambiguous_import), 16);
	EXPECT_EQ(exit_status(Graph_error_kind::self_dependency), 17);
	EXPECT_EQ(exit_status(Graph_error_kind::cyclic_dependency), 18);
	EXPECT_EQ(exit_status(Graph_error_kind::duplicate_pd_member), 19);
	EXPECT_EQ(exit_status(Graph_error_kind::immutable_in_pd), 20);
	EXPECT_EQ(exit_status(Graph_error_kind::missing_entry), 21);
	EXPECT_EQ(exit_status(Graph_error_kind::duplicate_entry), 22);
	EXPECT_EQ(exit_status(Graph_error_kind::too_many_components), 23);
	EXPECT_EQ(exit_status(Graph_error_kind::bad_image), 24);
	EXPECT_EQ(exit_status(Graph_error_kind::unknown_import), 25);
	EXPECT_EQ(exit_status(Graph_error_kind::duplicate_binding), 26);
	EXPECT_EQ(exit_status(Graph_error_kind::config_too_large), 33);
	EXPECT_EQ(exit_status(Graph_error_kind::bad_share), 34);
	EXPECT_EQ(exit_status(Graph_error_kind::bad_nic), 35);
	EXPECT_EQ(exit_status(Graph_error_kind::nic_not_granted), 36);
	EXPECT_EQ(exit_status(Graph_error_kind::bad_files), 37);
	EXPECT_EQ(exit_status(Graph_error_kind::duplicate_number), 38);
}

TEST(KindName, NamesEachKindDistinctly)
{
	std::set<std::string_view> names;
	for (Graph_error_kind kind : all_graph_error_kinds)
		EXPECT_TRUE(names.insert(kind_name(kind)).second);
	EXPECT_EQ(kind_name(Graph_error_kind::unknown_component), "unknown_component");
}

TEST(ParseGraph, ReadsGrantLines)
{
	const Graph g = parse_ok("component printer p.elf\n"
				 "grant printer console   no_preempt # two at once\n"
				 "grant printer mpd_policy\n");
	ASSERT_EQ(g.grants.size(), 2u);
	EXPECT_EQ(g.grants[0].component, "printer");
	EXPECT_EQ(g.grants[0].privileges, (std::vector<std::string>{"console", "no_preempt"}));
	EXPECT_EQ(g.grants[0].line, 2u);
	EXPECT_EQ(g.grants[1].privileges, (std::vector<std::string>{"mpd_policy"}));
	EXPECT_EQ(g.grants[1].line, 3u);
}

TEST(ParseGraph, GrantLinesNeedAComponentAndPrivilegeNames)
{
	EXPECT_NE(syntax_message("grant printer").find("expected `grant NAME PRIVILEGE"), std::string::npos);
	EXPECT_NE(syntax_message("grant 1p console").find("not a valid component name"), std::string::npos);
	EXPECT_NE(syntax_message("grant p con-sole").find("not a valid privilege name"), std::string::npos);
	EXPECT_NE(syntax_message("component grant g.elf").find("keyword"), std::string::npos);
	EXPECT_EQ(syntax_error_line("component a a.elf\ngrant a"), 2u);
}

TEST(ParseGraph, ReadsConfigLines)
{
	const Graph g = parse_ok("component tcp t.elf\n"
				 "config tcp address=10.0.0.2/24 gateway=10.0.0.1\n"
				 "config tcp empty= mac=02:00:00:00:00:02 # a comment\n");
	ASSERT_EQ(g.configs.size(), 2u);
	EXPECT_EQ(g.configs[0].component, "tcp");
	EXPECT_EQ(g.configs[0].line, 2u);
	ASSERT_EQ(g.configs[0].settings.size(), 2u);
	EXPECT_EQ(g.configs[0].settings[0].key, "address");
	EXPECT_EQ(g.configs[0].settings[0].value, "10.0.0.2/24");
	EXPECT_EQ(g.configs[1].settings[0].key, "empty");
	EXPECT_EQ(g.configs[1].settings[0].value, "");
	EXPECT_EQ(g.configs[1].settings[1].value, "02:00:00:00:00:02");
}

TEST(ParseGraph, ConfigLinesNeedAComponentAndKeyValuePairs)
{
	EXPECT_NE(syntax_message("config tcp").find("expected `config NAME KEY=VALUE"), std::string::npos);
	EXPECT_NE(syntax_message("config tcp address").find("expected `KEY=VALUE`, not `address`"), std::string::npos);
	EXPECT_NE(syntax_message("config tcp 1a=b").find("not a valid setting name"), std::string::npos);
	EXPECT_NE(syntax_message("config tcp =b").find("not a valid setting name"), std::string::npos);
	EXPECT_NE(syntax_message("component config c.elf").find("keyword"), std::string::npos);
}

// Sizes, addresses, device names and slot counts are kept as written: the checker judges them
// (bad_share, bad_nic), so that each gets its own error kind.
TEST(ParseGraph, ReadsShareAndNicLines)
{
	const Graph g = parse_ok("component tcp t.elf\ncomponent app a.elf\n"
				 "share rx 64K tcp app   # two members\n"
				 "share weird 6x app\n"
				 "nic tcp eth0 02:00:00:00:00:02\n"
				 "nic tcp en/0 bogus 300\n");
	ASSERT_EQ(g.shares.size(), 2u);
	EXPECT_EQ(g.shares[0].name, "rx");
	EXPECT_EQ(g.shares[0].size, "64K");
	EXPECT_EQ(g.shares[0].members, (std::vector<std::string>{"tcp", "app"}));
	EXPECT_EQ(g.shares[0].line, 3u);
	EXPECT_EQ(g.shares[1].size, "6x");
	EXPECT_EQ(g.shares[1].members, (std::vector<std::string>{"app"}));
	ASSERT_EQ(g.nics.size(), 2u);
	EXPECT_EQ(g.nics[0].component, "tcp");
	EXPECT_EQ(g.nics[0].ifname, "eth0");
	EXPECT_EQ(g.nics[0].mac, "02:00:00:00:00:02");
	EXPECT_EQ(g.nics[0].slots, "");
	EXPECT_EQ(g.nics[0].line, 5u);
	EXPECT_EQ(g.nics[1].ifname, "en/0");
	EXPECT_EQ(g.nics[1].mac, "bogus");
	EXPECT_EQ(g.nics[1].slots, "300");
}

TEST(ParseGraph, ShareAndNicLinesNeedTheirTokensAndNames)
{
	EXPECT_NE(syntax_message("share buf").find("expected `share NAME SIZE COMPONENT COMPONENT"), std::string::npos);
	EXPECT_NE(syntax_message("share").find("expected `share NAME SIZE"), std::string::npos);
	EXPECT_NE(syntax_message("share 1buf 4K a b").find("not a valid share name"), std::string::npos);
	EXPECT_NE(syntax_message("share buf 4K a b-c").find("not a valid component name"), std::string::npos);
	for (const char *line : {"nic", "nic tcp", "nic tcp eth0", "nic tcp eth0 02:00:00:00:00:02 256 extra"}) {
		SCOPED_TRACE(line);
		EXPECT_EQ(syntax_message(line), "expected `nic COMPONENT IFNAME MAC [SLOTS]`");
	}
	EXPECT_NE(syntax_message("nic 1tcp eth0 02:00:00:00:00:02").find("not a valid component name"),
		  std::string::npos);
	EXPECT_EQ(syntax_error_line("component a a.elf\nshare b"), 2u);
	EXPECT_NE(syntax_message("bogus x").find("`share`, `nic`"), std::string::npos);
}

TEST(ParseGraph, ReadsNumberLines)
{
	const Graph g = parse_ok("component tcp t.elf\ncomponent ip i.elf\n"
				 "number tcp 7   # as the MPD paper numbers it\n"
				 "number ip 9999\n"
				 "number ghost 1\n"); // whether ghost exists, and repeats, are the checker's
	ASSERT_EQ(g.numbers.size(), 3u);
	EXPECT_EQ(g.numbers[0].component, "tcp");
	EXPECT_EQ(g.numbers[0].number, 7u);
	EXPECT_EQ(g.numbers[0].line, 3u);
	EXPECT_EQ(g.numbers[1].component, "ip");
	EXPECT_EQ(g.numbers[1].number, 9999u);
	EXPECT_EQ(g.numbers[1].line, 4u);
	EXPECT_EQ(g.numbers[2].component, "ghost");
}

TEST(ParseGraph, NumberLinesNeedAComponentAndADecimalFromOneTo9999)
{
	for (const char *line : {"number", "number tcp", "number tcp 7 8"}) {
		SCOPED_TRACE(line);
		EXPECT_EQ(syntax_message(line), "expected `number NAME N`");
	}
	EXPECT_NE(syntax_message("number 1tcp 7").find("not a valid component name"), std::string::npos);
	EXPECT_NE(syntax_message("component number n.elf").find("keyword"), std::string::npos);
	EXPECT_EQ(syntax_error_line("a -> number"), 1u);
	for (const char *line : {"number tcp seven", "number tcp -7", "number tcp +7", "number tcp 7a", "number tcp 0x7",
				 "number tcp 7.0"}) {
		SCOPED_TRACE(line);
		EXPECT_NE(syntax_message(line).find(" is not a number: expected a decimal number from 1 to 9999"),
			  std::string::npos)
			<< syntax_message(line);
	}
	for (const char *line : {"number tcp 0", "number tcp 000", "number tcp 10000", "number tcp 4294967303",
				 "number tcp 99999999999999999999999"}) {
		SCOPED_TRACE(line);
		EXPECT_NE(syntax_message(line).find(" is out of range: expected a decimal number from 1 to 9999"),
			  std::string::npos)
			<< syntax_message(line);
	}
	EXPECT_EQ(syntax_message("number tcp 07"), "`07` has a leading zero: expected a decimal number from 1 to 9999");
	EXPECT_EQ(syntax_error_line("component tcp t.elf\n\nnumber tcp 0\n"), 3u);
	EXPECT_NE(syntax_message("bogus x").find("`files`, `number`, `entry`"), std::string::npos);
}
