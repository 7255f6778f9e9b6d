// SPDX-License-Identifier: GPL-2.0
// `cos load`: check a component graph and its images, lay them out, and (later) run the entry.

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "loader/cli/command.hpp"
#include "loader/cli/edge_format.hpp"
#include "loader/cli/layout_print.hpp"
#include "loader/cli/options.hpp"
#include "loader/graph/graph_error.hpp"
#include "loader/graph/nic_check.hpp"
#include "loader/image/plan.hpp"
#include "loader/run/runner.hpp"

namespace cosk::cli {

namespace {

// Up to four integers (decimal, or hexadecimal with 0x), as the entry's word arguments.
std::array<std::uint64_t, 4> entry_arguments(const std::vector<std::string> &words)
{
	if (words.size() > 4)
		throw Usage_error("an entry takes at most four arguments");
	std::array<std::uint64_t, 4> args{};
	for (std::size_t i = 0; i < words.size(); i++) {
		std::size_t used = 0;
		try {
			args[i] = std::stoull(words[i], &used, 0);
		} catch (const std::exception &) {
			used = 0;
		}
		if (used == 0 || used != words[i].size())
			throw Usage_error("argument '" + words[i] + "' is not an integer");
	}
	return args;
}

// Every fault the module contained during the run, one line each, on standard error: the ones
// that ended an invocation but not the run (the run's own is the failure cos load reports).
void print_contained_faults(const loader::Load_plan &plan, const loader::Run_outcome &o)
{
	const std::uint64_t kept = std::min<std::uint64_t>(o.faults.total, COS_FAULT_LOG_SIZE);
	const std::uint64_t shown = o.faulted && kept ? kept - 1 : kept;
	const std::uint64_t contained = o.faulted ? o.faults.total - 1 : o.faults.total;
	if (contained > shown)
		std::cerr << "cos: " << contained - shown << " earlier contained faults not shown\n";
	for (std::uint64_t i = 0; i < shown; i++)
		std::cerr << "cos: contained: " << loader::describe_fault(plan, o.faults.reports[i]) << '\n';
}

// `--nic IFNAME`: the device the nic line's component gets instead of the one the line names, so
// that one graph runs on whichever interface a machine has.
void use_nic_device(loader::Load_plan &plan, const std::string &ifname)
{
	if (!plan.nic)
		throw Usage_error("--nic " + ifname + ": the graph " + plan.graph_file +
				  " has no `nic` line, so no component would get the device: add "
				  "`nic COMPONENT IFNAME MAC` to it");
	plan.nic->ifname = ifname;
}

} // namespace

int run_load(std::span<const std::string> args)
{
	Command_line line("cos load [--dry-run] [--stats] [--nic IFNAME] GRAPH [ARG...]\n\n"
			  "Loads the components of the graph file GRAPH (docs/graph-format.md) and runs\n"
			  "its entry on this thread with up to four integer arguments ARG. Exits with the\n"
			  "entry's result (its low byte), or 40 when a component's fault ends the run.\n"
			  "Graph and image errors exit with the statuses the format documents.");
	line.add()
		("dry-run", "check the graph and its images and print where everything would go; load nothing")
		("stats", "after the run, print the module's counters of it on standard error")
		("nic", po::value<std::string>()->value_name("IFNAME"),
		 "attach the Linux network device IFNAME instead of the one the graph's nic line names");
	line.positional("graph", "the graph file", false, "cos load needs a graph file");
	line.positional("arg", "the entry's arguments", true);
	const auto vm = line.parse(args);
	if (!vm)
		return exit_ok;

	auto entry_args = entry_arguments(vm->count("arg") ? (*vm)["arg"].as<std::vector<std::string>>()
						      : std::vector<std::string>{});
	if (vm->count("nic"))
		if (auto problem = loader::ifname_problem((*vm)["nic"].as<std::string>()))
			throw Usage_error("--nic: " + *problem);
	auto plan = loader::make_load_plan((*vm)["graph"].as<std::string>());
	if (!plan)
		throw Command_failure(loader::describe(plan.error()), loader::exit_status(plan.error().kind));
	if (vm->count("nic"))
		use_nic_device(plan.value(), (*vm)["nic"].as<std::string>());
	if (vm->count("dry-run")) {
		std::cout << format_load_plan(plan.value());
		return exit_ok;
	}
	// Whatever the components print goes out before the host's own lines.
	std::cout.flush();
	auto outcome = loader::run_plan(plan.value(), entry_args);
	if (!outcome)
		throw Command_failure(outcome.error().message, exit_failure);
	const loader::Run_outcome &o = outcome.value();
	print_contained_faults(plan.value(), o);
	if (vm->count("stats")) {
		std::cerr << "cos: " << format_stats_line(o.stats) << '\n';
		if (o.stats.ticks || o.stats.switches)
			std::cerr << "cos: " << format_thread_stats_line(o.stats) << '\n';
	}
	if (o.stopped) {
		// As a shell reports a process the signal ended: 128 + its number.
		std::cerr << "cos: stopped" << (o.stopped_by ? std::string(" by SIG") + sigabbrev_np(o.stopped_by) : "")
			  << ": " << o.threads << (o.threads == 1 ? " thread, " : " threads, ") << o.stats.invocations
			  << " invocations across protection domains, " << o.stats.pds << " protection domains\n";
		return o.stopped_by ? 128 + o.stopped_by : exit_failure;
	}
	if (o.faulted)
		throw Command_failure(loader::describe_fault(plan.value(), o.fault), exit_component_fault);
	return static_cast<int>(o.result & 0xff);
}

} // namespace cosk::cli
