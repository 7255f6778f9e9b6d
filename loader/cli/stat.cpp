// SPDX-License-Identifier: GPL-2.0
// `cos stat`: the calls between a running system's components since the last read.
#include "loader/cli/command.hpp"
#include "loader/cli/edge_format.hpp"
#include "loader/cli/options.hpp"
#include "loader/cli/system_choice.hpp"

namespace cosk::cli {

int run_stat(std::span<const std::string> args)
{
	Command_line line("cos stat [--system ID] [--json] [--all] [--numbers]\n\n"
			  "Shows a running system's counters, then the calls from each component to\n"
			  "each other since the last read, busiest first, with the total since the\n"
			  "system was built and how many of those crossed protection domains. Every\n"
			  "read (cos stat, cos graph) starts the next period. The JSON gives both ends'\n"
			  "numbers from the graph (null when one has none).");
	line.add()("all", "list every pair of components that has a capability, not only the ones called");
	line.add()("numbers", "name components by their graph's numbers, e.g. 7 -> 17 (as Table 3 of the MPD "
			      "paper); one without a number keeps its name");
	const auto vm = line.json().system().parse(args);
	if (!vm)
		return exit_ok;

	host::Device device = open_attached(requested_system(*vm));
	const auto stats = device_result(device.stats(), "reading the counters");
	const auto list = device_result(device.pds(), "reading the components");
	const auto edges = device_result(device.edges(), "reading the capabilities");
	const bool all = vm->count("all") != 0;
	const Naming naming = vm->count("numbers") ? Naming::numbers : Naming::names;
	print_chosen(*vm, [&] { return format_stat_json(stats, list, edges, all); },
		     [&] { return format_stat_text(stats, list, edges, all, naming); });
	return exit_ok;
}

} // namespace cosk::cli
