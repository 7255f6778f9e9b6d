// SPDX-License-Identifier: GPL-2.0
// `cos`: the command-line tool. Dispatches git-style subcommands; the only place where errors
// become a message and an exit status.
#include <array>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "loader/cli/command.hpp"
#include "module/uapi/cos.h"

namespace cosk::cli {
namespace {

constexpr std::array commands = {
	Command{"info", "show what the loaded module sees of the CPU and kernel", run_info},
	Command{"load", "load a component graph and run its entry (--dry-run: print its layout)", run_load},
	Command{"systems", "list the systems that are running components", run_systems},
	Command{"pd", "show which protection domain each component of a system is in", run_pd},
	Command{"merge", "join the protection domains of two components", run_merge},
	Command{"split", "move a component into a protection domain of its own", run_split},
	Command{"stat", "show the calls between components since the last read", run_stat},
	Command{"graph", "print the components, domains and calls for Graphviz (--dot)", run_graph},
};

void print_usage(std::ostream &out)
{
	out << "usage: cos [--help] [--version] <command> [<args>]\n\n"
	       "Hosts a graph of components with mutable protection domains, with the cos kernel module.\n\n"
	       "commands:\n";
	for (const Command &c : commands)
		out << "  " << c.name << std::string(10 - std::string_view(c.name).size(), ' ') << c.summary << '\n';
	out << "\n`cos <command> --help` describes one command.\n";
}

const Command *find_command(std::string_view name)
{
	for (const Command &c : commands) {
		if (name == c.name)
			return &c;
	}
	return nullptr;
}

int dispatch(const std::vector<std::string> &args)
{
	if (args.empty()) {
		print_usage(std::cerr);
		return exit_usage;
	}
	const std::string &first = args.front();
	if (first == "--help" || first == "-h" || first == "help") {
		if (args.size() > 1 && first == "help") {
			if (const Command *c = find_command(args[1])) {
				std::vector<std::string> help{"--help"};
				return c->run(help);
			}
			throw Usage_error("no command '" + args[1] + "'");
		}
		print_usage(std::cout);
		return exit_ok;
	}
	if (first == "--version") {
		std::cout << "cos (ABI " << COS_ABI_VERSION << ")\n";
		return exit_ok;
	}
	const Command *command = find_command(first);
	if (!command)
		throw Usage_error("no command '" + first + "'");
	return command->run(std::span<const std::string>(args).subspan(1));
}

} // namespace
} // namespace cosk::cli

int main(int argc, char **argv)
{
	using namespace cosk::cli;
	std::vector<std::string> args(argv + 1, argv + argc);
	try {
		return dispatch(args);
	} catch (const Usage_error &e) {
		std::cerr << "cos: " << e.what() << " (see cos --help)\n";
		return exit_usage;
	} catch (const Command_failure &e) {
		std::cerr << "cos: " << e.what() << '\n';
		return e.status;
	} catch (const std::exception &e) {
		std::cerr << "cos: " << e.what() << '\n';
		return exit_failure;
	}
}
