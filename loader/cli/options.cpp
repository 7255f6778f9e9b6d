// SPDX-License-Identifier: GPL-2.0
// Subcommand argument parsing.
#include "loader/cli/options.hpp"

#include <iostream>
#include <vector>

#include "loader/cli/command.hpp"

namespace po = boost::program_options;

namespace cosk::cli {

po::variables_map parse_options(const po::options_description &options, std::span<const std::string> args,
				const po::positional_options_description *positional)
{
	std::vector<std::string> argv(args.begin(), args.end());
	po::variables_map vm;
	try {
		po::command_line_parser parser(argv);
		parser.options(options);
		if (positional)
			parser.positional(*positional);
		po::store(parser.run(), vm);
		po::notify(vm);
	} catch (const po::error &e) {
		throw Usage_error(e.what());
	}
	return vm;
}

bool answered_help(const po::options_description &options, const po::variables_map &vm)
{
	if (!vm.count("help"))
		return false;
	std::cout << options;
	return true;
}

} // namespace cosk::cli
