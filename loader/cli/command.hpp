// SPDX-License-Identifier: GPL-2.0
// A subcommand of the `cos` tool: its name, one line of help, and how it runs.
#pragma once

#include <span>
#include <stdexcept>
#include <string>

namespace cosk::cli {

// The exit statuses every subcommand shares; graph errors have their own (docs/graph-format.md).
enum Exit_status : int {
	exit_ok = 0,
	exit_failure = 1,	// the operation failed (the module missing, a device error)
	exit_usage = 2,		// the command line was wrong
	exit_component_fault = 40, // cos load: a component's fault ended the run
};

// Thrown for a wrong command line; main prints it with the usage hint and exits exit_usage.
struct Usage_error : std::runtime_error {
	using std::runtime_error::runtime_error;
};

// Thrown for a failed operation; main prints the one line and exits with the status.
struct Command_failure : std::runtime_error {
	Command_failure(const std::string &what, int exit_status) : std::runtime_error(what), status(exit_status) {}
	int status;
};

struct Command {
	const char *name;
	const char *summary;
	// Runs with the arguments after the subcommand's name; returns the exit status.
	int (*run)(std::span<const std::string> args);
};

int run_info(std::span<const std::string> args);
int run_load(std::span<const std::string> args);
// On a running system (mutable protection domains).
int run_systems(std::span<const std::string> args);
int run_pd(std::span<const std::string> args);
int run_merge(std::span<const std::string> args);
int run_split(std::span<const std::string> args);
int run_stat(std::span<const std::string> args);
int run_graph(std::span<const std::string> args);

} // namespace cosk::cli
