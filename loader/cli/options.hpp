// SPDX-License-Identifier: GPL-2.0
// Parsing a subcommand's arguments with Boost.Program_options; wrong ones become a Usage_error.
#pragma once

#include <span>
#include <string>

#include <boost/program_options.hpp>

namespace cosk::cli {

boost::program_options::variables_map
parse_options(const boost::program_options::options_description &options, std::span<const std::string> args,
	      const boost::program_options::positional_options_description *positional = nullptr);

// True when --help was given, with options printed as the subcommand's help: the caller then
// returns exit_ok without doing anything else.
[[nodiscard]] bool answered_help(const boost::program_options::options_description &options,
				 const boost::program_options::variables_map &vm);

} // namespace cosk::cli
