// SPDX-License-Identifier: GPL-2.0
// `cos stat`: the calls between a running system's components since the last read.
#include <iostream>

#include <boost/program_options.hpp>

#include "loader/cli/command.hpp"
#include "loader/cli/edge_format.hpp"
#include "loader/cli/options.hpp"
#include "loader/cli/system_choice.hpp"

namespace po = boost::program_options;

namespace cosk::cli {

int run_stat(std::span<const std::string> args)
{
	po::options_description options("cos stat [--system ID] [--json] [--all]\n\n"
					"Shows a running system's counters, then the calls from each component to\n"
					"each other since the last read, busiest first, with the total since the\n"
					"system was built and how many of those crossed protection domains. Every\n"
					"read (cos stat, cos graph) starts the next period.\n\n"
					"options");
	options.add_options()
		("json", "print one JSON object instead of the table")
		("all", "list every pair of components that has a capability, not only the ones called");
	add_system_option(options);
	options.add_options()("help,h", "this text");
	po::variables_map vm = parse_options(options, args);
	if (answered_help(options, vm))
		return exit_ok;

	host::Device device = open_attached(requested_system(vm));
	const auto stats = device_result(device.stats(), "reading the counters");
	const auto list = device_result(device.pds(), "reading the components");
	const auto edges = device_result(device.edges(), "reading the capabilities");

	const bool all = vm.count("all") != 0;
	if (vm.count("json"))
		std::cout << format_stat_json(stats, list, edges, all) << '\n';
	else
		std::cout << format_stat_text(stats, list, edges, all);
	return exit_ok;
}

} // namespace cosk::cli
