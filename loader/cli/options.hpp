// SPDX-License-Identifier: GPL-2.0
// A subcommand's command line, parsed with Boost.Program_options: its usage and own options, the
// options several subcommands share (--json, --system ID), positional arguments, and --help.
// Wrong arguments become a Usage_error. Every subcommand includes Boost through this header.
#pragma once

#include <iostream>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

// Boost's typed_value<std::string>::notify dereferences an any_cast result that GCC cannot prove
// non-null once inlined: a false positive in library headers, silenced for them only (GCC files
// it under the header's line, which the pragmas cover).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <boost/program_options.hpp>
#pragma GCC diagnostic pop

namespace cosk::cli {

namespace po = boost::program_options;

class Command_line {
public:
	// usage: the help text's head (`cos pd [--system ID] [--json]`, a blank line, what it does).
	explicit Command_line(const std::string &usage) : options_(usage + "\n\noptions") {}

	// The subcommand's own options, shown in --help before the shared ones.
	po::options_description_easy_init add() { return options_.add_options(); }
	// --json: one JSON object instead of the text for people.
	Command_line &json();
	// --system ID: the running system to act on (system_choice.hpp).
	Command_line &system();
	// The next positional argument: one word, or (many) all that are left as a list. With a
	// missing message, parse() throws it as a Usage_error when the argument is not given.
	Command_line &positional(const char *name, const char *what, bool many = false,
				 const char *missing = nullptr);

	// The values, or nothing when --help was asked for and printed (the subcommand then returns
	// exit_ok without doing anything else).
	[[nodiscard]] std::optional<po::variables_map> parse(std::span<const std::string> args);

private:
	po::options_description options_;
	po::options_description hidden_;
	po::positional_options_description positional_;
	std::vector<std::pair<const char *, const char *>> required_; // name, message when missing
};

// With --json, json() and a newline; else text(), which ends its own lines.
template <class Json, class Text>
void print_chosen(const po::variables_map &vm, Json json, Text text)
{
	if (vm.count("json"))
		std::cout << json() << '\n';
	else
		std::cout << text();
}

} // namespace cosk::cli
