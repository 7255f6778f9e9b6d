// SPDX-License-Identifier: GPL-2.0
// `cos info`: what the loaded module reports about itself, the CPU and the kernel.
#include <iostream>

#include <boost/program_options.hpp>

#include "loader/cli/command.hpp"
#include "loader/cli/info_format.hpp"
#include "loader/cli/options.hpp"

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
	if (vm.count("help")) {
		std::cout << options;
		return exit_ok;
	}

	auto device = host::Device::open();
	if (!device)
		throw Command_failure(host::describe(device.error()), exit_failure);
	auto info = device.value().info();
	if (!info)
		throw Command_failure(host::describe(info.error()), exit_failure);

	if (vm.count("json"))
		std::cout << format_info_json(info.value()) << '\n';
	else
		std::cout << format_info_text(info.value());
	return exit_ok;
}

} // namespace cosk::cli
