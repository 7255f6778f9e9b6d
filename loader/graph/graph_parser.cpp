// SPDX-License-Identifier: GPL-2.0
// The line-oriented graph format (docs/graph-format.md): tokens, statements, names.
#include "loader/graph/graph_parser.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

namespace cosk::loader {
namespace {

using Tokens = std::vector<std::string_view>;
// A statement parser answers with the message of its syntax error; the line is added by the caller.
using Step = Attempt<Done, std::string>;

constexpr std::string_view blanks = " \t\r\v\f";
constexpr std::string_view expected_statement =
	"expected `component`, `pd`, `immutable`, `grant`, `config`, `share`, `nic`, `files`, `number`, "
	"`entry`, `NAME -> NAME ...` or `NAME.FUNCTION -> NAME`";

bool is_keyword(std::string_view word)
{
	return word == "component" || word == "pd" || word == "immutable" || word == "grant" ||
	       word == "config" || word == "share" || word == "nic" || word == "files" ||
	       word == "number" || word == "entry";
}

bool is_name_start(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

bool is_name_char(char c)
{
	return is_name_start(c) || (c >= '0' && c <= '9');
}

bool is_identifier(std::string_view word)
{
	if (word.empty() || !is_name_start(word.front()))
		return false;
	for (char c : word)
		if (!is_name_char(c))
			return false;
	return true;
}

// what: "component" or "function", for the message.
Step check_name(std::string_view word, std::string_view what)
{
	if (!is_identifier(word))
		return Failure{quoted(word) + " is not a valid " + std::string(what) +
			       " name: expected [A-Za-z_][A-Za-z0-9_]*"};
	if (what == "component" && is_keyword(word))
		return Failure{quoted(word) + " is a keyword: expected a component name"};
	return Done{};
}

// Appends tokens[first..] to out, each checked as a name of what.
Step append_names(const Tokens &tokens, std::size_t first, std::string_view what, std::vector<std::string> &out)
{
	for (std::size_t i = first; i < tokens.size(); ++i) {
		if (auto bad = check_name(tokens[i], what); !bad)
			return bad;
		out.emplace_back(tokens[i]);
	}
	return Done{};
}

Tokens split(std::string_view line)
{
	if (auto hash = line.find('#'); hash != std::string_view::npos)
		line = line.substr(0, hash);
	Tokens tokens;
	for (auto start = line.find_first_not_of(blanks); start != std::string_view::npos;
	     start = line.find_first_not_of(blanks, start)) {
		auto end = line.find_first_of(blanks, start);
		if (end == std::string_view::npos)
			end = line.size();
		tokens.push_back(line.substr(start, end - start));
		start = end;
	}
	return tokens;
}

struct Qualified {
	std::string_view component;
	std::string_view function; // empty when the token has no `.FUNCTION`
};

Attempt<Qualified, std::string> split_qualified(std::string_view token)
{
	const auto dot = token.find('.');
	Qualified result{token.substr(0, dot), {}};
	if (auto bad = check_name(result.component, "component"); !bad)
		return Failure{bad.error()};
	if (dot == std::string_view::npos)
		return result;
	result.function = token.substr(dot + 1);
	if (auto bad = check_name(result.function, "function"); !bad)
		return Failure{bad.error()};
	return result;
}

Step parse_component(Graph &graph, const Tokens &tokens, std::size_t line)
{
	if (tokens.size() != 3)
		return Failure{std::string("expected `component NAME IMAGE`")};
	if (auto bad = check_name(tokens[1], "component"); !bad)
		return bad;
	graph.components.push_back({std::string(tokens[1]), std::string(tokens[2]), line});
	return Done{};
}

Step parse_pd(Graph &graph, const Tokens &tokens, std::size_t line)
{
	if (tokens.size() < 3)
		return Failure{std::string("a pd groups at least two components: expected "
					   "`pd NAME NAME [NAME ...]`")};
	Pd_group pd;
	pd.line = line;
	if (auto bad = append_names(tokens, 1, "component", pd.members); !bad)
		return bad;
	graph.pds.push_back(std::move(pd));
	return Done{};
}

Step parse_immutable(Graph &graph, const Tokens &tokens, std::size_t line)
{
	if (tokens.size() != 3)
		return Failure{std::string("expected `immutable NAME NAME`")};
	for (std::size_t i = 1; i < 3; ++i)
		if (auto bad = check_name(tokens[i], "component"); !bad)
			return bad;
	if (tokens[1] == tokens[2])
		return Failure{"expected two different components: " + quoted(tokens[1]) +
			       " can never be separated from itself"};
	graph.immutables.push_back({std::string(tokens[1]), std::string(tokens[2]), line});
	return Done{};
}

// Privilege names are checked against the known ones later (unknown_privilege), so that a typo
// gets its own error kind; here they need only look like names.
Step parse_grant(Graph &graph, const Tokens &tokens, std::size_t line)
{
	if (tokens.size() < 3)
		return Failure{std::string("expected `grant NAME PRIVILEGE [PRIVILEGE ...]`")};
	if (auto bad = check_name(tokens[1], "component"); !bad)
		return bad;
	Grant grant{std::string(tokens[1]), {}, line};
	if (auto bad = append_names(tokens, 2, "privilege", grant.privileges); !bad)
		return bad;
	graph.grants.push_back(std::move(grant));
	return Done{};
}

// A value is any token (no whitespace, no `#`); a key is a name.
Step parse_config(Graph &graph, const Tokens &tokens, std::size_t line)
{
	if (tokens.size() < 3)
		return Failure{std::string("expected `config NAME KEY=VALUE [KEY=VALUE ...]`")};
	if (auto bad = check_name(tokens[1], "component"); !bad)
		return bad;
	Config_line config{std::string(tokens[1]), {}, line};
	for (std::size_t i = 2; i < tokens.size(); ++i) {
		const auto equals = tokens[i].find('=');
		if (equals == std::string_view::npos)
			return Failure{"expected `KEY=VALUE`, not " + quoted(tokens[i])};
		if (auto bad = check_name(tokens[i].substr(0, equals), "setting"); !bad)
			return bad;
		config.settings.push_back({std::string(tokens[i].substr(0, equals)),
					   std::string(tokens[i].substr(equals + 1))});
	}
	graph.configs.push_back(std::move(config));
	return Done{};
}

// The size and the number of members are the checker's (bad_share), with the other share rules;
// here the share and its members need only be names.
Step parse_share(Graph &graph, const Tokens &tokens, std::size_t line)
{
	if (tokens.size() < 3)
		return Failure{std::string("expected `share NAME SIZE COMPONENT COMPONENT [COMPONENT ...]`")};
	if (auto bad = check_name(tokens[1], "share"); !bad)
		return bad;
	Share_line share{std::string(tokens[1]), std::string(tokens[2]), {}, line};
	if (auto bad = append_names(tokens, 3, "component", share.members); !bad)
		return bad;
	graph.shares.push_back(std::move(share));
	return Done{};
}

// The directory is the checker's (bad_files).
Step parse_files(Graph &graph, const Tokens &tokens, std::size_t line)
{
	if (tokens.size() != 3)
		return Failure{std::string("expected `files COMPONENT DIRECTORY`")};
	graph.files.push_back({std::string(tokens[1]), std::string(tokens[2]), line});
	return Done{};
}

// The device name, address and slot count are the checker's (bad_nic).
Step parse_nic(Graph &graph, const Tokens &tokens, std::size_t line)
{
	if (tokens.size() != 4 && tokens.size() != 5)
		return Failure{std::string("expected `nic COMPONENT IFNAME MAC [SLOTS]`")};
	if (auto bad = check_name(tokens[1], "component"); !bad)
		return bad;
	graph.nics.push_back({std::string(tokens[1]), std::string(tokens[2]), std::string(tokens[3]),
			      tokens.size() == 5 ? std::string(tokens[4]) : std::string(), line});
	return Done{};
}

// Decimal digits, no sign and no leading zero: a number is written as the tools print it. Whether
// another line gives it too is the checker's (duplicate_number).
Step parse_number(Graph &graph, const Tokens &tokens, std::size_t line)
{
	if (tokens.size() != 3)
		return Failure{std::string("expected `number NAME N`")};
	if (auto bad = check_name(tokens[1], "component"); !bad)
		return bad;
	const std::string_view digits = tokens[2];
	const std::string range = "expected a decimal number from 1 to " + std::to_string(max_component_number);
	if (digits.find_first_not_of("0123456789") != std::string_view::npos)
		return Failure{quoted(digits) + " is not a number: " + range};
	if (digits.front() == '0')
		return Failure{quoted(digits) +
			       (digits.find_first_not_of('0') == std::string_view::npos ? " is out of range: "
											 : " has a leading zero: ") +
			       range};
	std::uint32_t number = 0;
	for (char c : digits) {
		number = number * 10 + static_cast<std::uint32_t>(c - '0');
		if (number > max_component_number)
			return Failure{quoted(digits) + " is out of range: " + range};
	}
	graph.numbers.push_back({std::string(tokens[1]), number, line});
	return Done{};
}

Step parse_entry(Graph &graph, const Tokens &tokens, std::size_t line)
{
	if (tokens.size() != 2)
		return Failure{std::string("expected `entry NAME` or `entry NAME.FUNCTION`")};
	auto target = split_qualified(tokens[1]);
	if (!target)
		return Failure{target.error()};
	const Qualified &q = target.value();
	graph.entries.push_back({std::string(q.component),
				 q.function.empty() ? std::string("main") : std::string(q.function),
				 line});
	return Done{};
}

Step parse_binding(Graph &graph, const Tokens &tokens, std::size_t line)
{
	if (tokens.size() != 3)
		return Failure{std::string("a binding names one provider: expected "
					   "`NAME.FUNCTION -> NAME`")};
	auto import = split_qualified(tokens[0]);
	if (!import)
		return Failure{import.error()};
	if (auto bad = check_name(tokens[2], "component"); !bad)
		return bad;
	const Qualified &q = import.value();
	graph.bindings.push_back({std::string(q.component), std::string(q.function),
				  std::string(tokens[2]), line});
	return Done{};
}

Step parse_dependency(Graph &graph, const Tokens &tokens, std::size_t line)
{
	if (tokens.size() < 3)
		return Failure{std::string("a dependency needs at least one callee: expected "
					   "`NAME -> NAME [NAME ...]`")};
	Dependency dependency;
	dependency.line = line;
	if (auto bad = check_name(tokens[0], "component"); !bad)
		return bad;
	dependency.from = tokens[0];
	if (auto bad = append_names(tokens, 2, "component", dependency.to); !bad)
		return bad;
	graph.dependencies.push_back(std::move(dependency));
	return Done{};
}

Step parse_statement(Graph &graph, const Tokens &tokens, std::size_t line)
{
	const std::string_view first = tokens[0];
	if (first == "component")
		return parse_component(graph, tokens, line);
	if (first == "pd")
		return parse_pd(graph, tokens, line);
	if (first == "immutable")
		return parse_immutable(graph, tokens, line);
	if (first == "grant")
		return parse_grant(graph, tokens, line);
	if (first == "config")
		return parse_config(graph, tokens, line);
	if (first == "share")
		return parse_share(graph, tokens, line);
	if (first == "nic")
		return parse_nic(graph, tokens, line);
	if (first == "files")
		return parse_files(graph, tokens, line);
	if (first == "number")
		return parse_number(graph, tokens, line);
	if (first == "entry")
		return parse_entry(graph, tokens, line);
	if (tokens.size() >= 2 && tokens[1] == "->") {
		if (first.find('.') != std::string_view::npos)
			return parse_binding(graph, tokens, line);
		return parse_dependency(graph, tokens, line);
	}
	// `a->b` is one token; say so rather than call it an unknown keyword.
	for (auto token : tokens)
		if (token.find("->") != std::string_view::npos)
			return Failure{"expected whitespace around `->` in " + quoted(token)};
	return Failure{"unknown keyword " + quoted(first) + ": " + std::string(expected_statement)};
}

} // namespace

Attempt<Graph, Graph_error> parse_graph(std::string_view text, std::string file_name)
{
	Graph graph;
	graph.directory = std::filesystem::path(file_name).parent_path().string();
	if (graph.directory.empty())
		graph.directory = ".";
	graph.file = std::move(file_name);

	std::size_t line = 0;
	while (!text.empty()) {
		++line;
		const auto newline = text.find('\n');
		const auto content = text.substr(0, newline);
		text.remove_prefix(newline == std::string_view::npos ? text.size() : newline + 1);
		if (content.size() > max_graph_line_bytes)
			return Failure{Graph_error{Graph_error_kind::syntax, graph.file, line,
						   "line longer than " + std::to_string(max_graph_line_bytes) + " bytes"}};

		const Tokens tokens = split(content);
		if (tokens.empty())
			continue;
		if (auto step = parse_statement(graph, tokens, line); !step)
			return Failure{Graph_error{Graph_error_kind::syntax, graph.file, line, step.error()}};
	}
	return graph;
}

Attempt<Graph, Graph_error> load_graph_file(const std::string &path)
{
	auto refuse = [&path](const std::string &problem) {
		return Failure{Graph_error{Graph_error_kind::io, path, 0, problem}};
	};
	auto cannot_read = [&refuse](int error) {
		return refuse("cannot read graph file: " + std::string(std::strerror(error)));
	};

	// Closed on every way out.
	struct File {
		int fd;
		~File()
		{
			if (fd >= 0)
				::close(fd);
		}
	} file{::open(path.c_str(), O_RDONLY | O_CLOEXEC)};
	if (file.fd < 0)
		return cannot_read(errno);
	struct stat st {};
	if (fstat(file.fd, &st) != 0)
		return cannot_read(errno);
	// A directory fails only on read, a device (/dev/zero) never ends: neither is a graph. A pipe
	// is (`cos load <(generate)`), read up to the bound.
	if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode))
		return refuse(S_ISDIR(st.st_mode) ? "is a directory, not a graph file"
						  : "not a regular file or a pipe");
	std::string text;
	char buffer[4096];
	for (;;) {
		const ssize_t got = ::read(file.fd, buffer, sizeof buffer);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0)
			return cannot_read(errno);
		if (got == 0)
			break;
		text.append(buffer, static_cast<std::size_t>(got));
		if (text.size() > max_graph_file_bytes)
			return refuse("larger than " + std::to_string(max_graph_file_bytes) + " bytes, not a graph file");
	}
	return parse_graph(text, path);
}

} // namespace cosk::loader
