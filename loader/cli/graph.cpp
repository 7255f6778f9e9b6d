// SPDX-License-Identifier: GPL-2.0
// `cos graph --dot`: a running system's components, domains and calls, for Graphviz.
#include <iostream>

#include <boost/program_options.hpp>

#include "loader/cli/command.hpp"
#include "loader/cli/edge_format.hpp"
#include "loader/cli/options.hpp"
#include "loader/cli/system_choice.hpp"

namespace po = boost::program_options;

namespace cosk::cli {

int run_graph(std::span<const std::string> args)
{
	po::options_description options("cos graph --dot [--system ID]\n\n"
					"Prints a running system as a Graphviz digraph: each protection domain a\n"
					"cluster of its components, each edge labelled with the calls made along it.\n"
					"Reading the calls starts the next period of cos stat.\n"
					"Try: cos graph --dot | dot -Tsvg > system.svg\n\n"
					"options");
	options.add_options()("dot", "print the graph in Graphviz's dot language (the only format)");
	add_system_option(options);
	options.add_options()("help,h", "this text");
	po::variables_map vm = parse_options(options, args);
	if (vm.count("help")) {
		std::cout << options;
		return exit_ok;
	}
	if (!vm.count("dot"))
		throw Usage_error("cos graph needs --dot, the only format it prints");

	host::Device device = open_attached(requested_system(vm));
	auto list = device.pds();
	if (!list)
		throw Command_failure("reading the components: " + host::describe(list.error()), exit_failure);
	auto edges = device.edges();
	if (!edges)
		throw Command_failure("reading the capabilities: " + host::describe(edges.error()), exit_failure);
	std::cout << format_graph_dot(list.value(), edges.value());
	return exit_ok;
}

} // namespace cosk::cli
