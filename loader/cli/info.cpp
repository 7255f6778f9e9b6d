// SPDX-License-Identifier: GPL-2.0
// `cos info`: what the loaded module reports about itself, the CPU and the kernel.
#include <iostream>

#include <boost/program_options.hpp>

#include "loader/cli/command.hpp"
#include "loader/cli/info_format.hpp"
#include "loader/cli/options.hpp"
#include "loader/cli/system_choice.hpp"

namespace po = boost::program_options;

namespace cosk::cli {

int run_info(std::span<const std::string> args)
{
	po::options_description options("cos info [--json]\n\n"
					"Asks the loaded module what it sees of the CPU and the kernel.\n\n"
					"options");
	options.add_options()
		("json", "print one JSON object instead of a table")
		("help,h", "this text");
	po::variables_map vm = parse_options(options, args);
	if (answered_help(options, vm))
		return exit_ok;

	const host::Device device = open_device();
	const auto info = device_result(device.info());
	if (vm.count("json"))
		std::cout << format_info_json(info) << '\n';
	else
		std::cout << format_info_text(info);
	return exit_ok;
}

} // namespace cosk::cli
