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
	if (vm.count("help")) {
		std::cout << options;
		return exit_ok;
	}

	host::Device device = open_attached(requested_system(vm));
	auto stats = device.stats();
	if (!stats)
		throw Command_failure("reading the counters: " + host::describe(stats.error()), exit_failure);
	auto list = device.pds();
	if (!list)
		throw Command_failure("reading the components: " + host::describe(list.error()), exit_failure);
	auto edges = device.edges();
	if (!edges)
		throw Command_failure("reading the capabilities: " + host::describe(edges.error()), exit_failure);

	const bool all = vm.count("all") != 0;
	if (vm.count("json"))
		std::cout << format_stat_json(stats.value(), list.value(), edges.value(), all) << '\n';
	else
		std::cout << format_stat_text(stats.value(), list.value(), edges.value(), all);
	return exit_ok;
}

} // namespace cosk::cli
