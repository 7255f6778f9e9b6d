// SPDX-License-Identifier: GPL-2.0
// `cos systems`: the systems the module holds that have components.
#include <iostream>

#include <boost/program_options.hpp>

#include "loader/cli/command.hpp"
#include "loader/cli/options.hpp"
#include "loader/cli/system_choice.hpp"

namespace po = boost::program_options;

namespace cosk::cli {

int run_systems(std::span<const std::string> args)
{
	po::options_description options("cos systems [--json]\n\n"
					"Lists the systems that have components: their ids (for --system), the\n"
					"process that built each, how many components it has, whether it runs.\n\n"
					"options");
	options.add_options()
		("json", "print one JSON object instead of a table")
		("help,h", "this text");
	po::variables_map vm = parse_options(options, args);
	if (answered_help(options, vm))
		return exit_ok;

	host::Device device = open_device();
	const auto systems = device_result(device.systems(), "listing the systems");
	if (vm.count("json"))
		std::cout << format_systems_json(systems) << '\n';
	else
		std::cout << format_systems_text(systems);
	return exit_ok;
}

} // namespace cosk::cli
