// SPDX-License-Identifier: GPL-2.0
// `cos graph --dot`: a running system's components, domains and calls, for Graphviz.
#include <iostream>

#include "loader/cli/command.hpp"
#include "loader/cli/edge_format.hpp"
#include "loader/cli/options.hpp"
#include "loader/cli/system_choice.hpp"

namespace cosk::cli {

int run_graph(std::span<const std::string> args)
{
	Command_line line("cos graph --dot [--system ID]\n\n"
			  "Prints a running system as a Graphviz digraph: each protection domain a\n"
			  "cluster of its components, each edge labelled with the calls made along it.\n"
			  "Reading the calls starts the next period of cos stat.\n"
			  "Try: cos graph --dot | dot -Tsvg > system.svg");
	line.add()("dot", "print the graph in Graphviz's dot language (the only format)");
	const auto vm = line.system().parse(args);
	if (!vm)
		return exit_ok;
	if (!vm->count("dot"))
		throw Usage_error("cos graph needs --dot, the only format it prints");

	host::Device device = open_attached(requested_system(*vm));
	const auto list = device_result(device.pds(), "reading the components");
	const auto edges = device_result(device.edges(), "reading the capabilities");
	std::cout << format_graph_dot(list, edges);
	return exit_ok;
}

} // namespace cosk::cli
