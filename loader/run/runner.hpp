// SPDX-License-Identifier: GPL-2.0
// Running a load plan: hand it to the module and run the entry on the calling thread.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "cos/attempt.hpp"
#include "loader/image/plan.hpp"
#include "module/uapi/cos.h"
#include "runtime/host/device.hpp"

namespace cosk::loader {

enum class Run_error {
	module,		// /dev/cos could not be opened or used (message says why)
	region_taken,	// the host has memory where the region must go
};

struct Run_failure {
	Run_error kind;
	std::string message;
};

struct Run_outcome {
	bool faulted = false;
	std::uint64_t result = 0;	// the entry's result, when it returned
	cos_fault_report fault{};	// what went wrong, when it faulted
	bool stopped = false;		// COS_IOC_STOP ended it (stopped_by says which signal asked)
	int stopped_by = 0;
	std::uint32_t threads = 0;	// component threads alive when it ended
	cos_stats stats{};		// the system's counters after the run
	cos_fault_log faults{};		// the latest faults the module contained, the run's own last
	std::uint64_t pages_before = 0;	// the module's page count before the system was built
};

// The system as the module knows it: the module's id of each plan component, by plan index.
struct Built_system {
	std::vector<std::uint32_t> component_ids;
};

// Builds the plan's system in the module through device, without running it: a domain per
// group, each component in its slot with its name and memory, the shares and the network
// device, the immutable boundaries, a capability per binding. It lives as long as device stays open.
[[nodiscard]] Attempt<Built_system, Run_failure> build_system(const host::Device &device, const Load_plan &plan);

// Builds the plan's system in the module (build_system) and runs the entry with args. Everything is freed when
// this returns: the module owns it only while /dev/cos is open.
[[nodiscard]] Attempt<Run_outcome, Run_failure> run_plan(const Load_plan &plan, const std::array<std::uint64_t, 4> &args);

// One run of time_runs: how long COS_IOC_RUN took (CLOCK_MONOTONIC in nanoseconds; instructions
// under QEMU's -icount), what the entry returned, and the system's counters after it.
struct Timed_run {
	std::uint64_t elapsed = 0;
	std::uint64_t result = 0;
	cos_stats stats{};
};

// Runs the plan's entry once per element of args_list, each time on a system built afresh (a
// run never finds the memory or the counters another left) and timing COS_IOC_RUN alone. A run
// that faults or is stopped fails the whole measurement: its time is not that of the work.
[[nodiscard]] Attempt<std::vector<Timed_run>, Run_failure>
time_runs(const Load_plan &plan, const std::vector<std::array<std::uint64_t, 4>> &args_list);

// One line naming the component, the kind of fault, the address and the instruction.
[[nodiscard]] std::string describe_fault(const Load_plan &plan, const cos_fault_report &fault);

} // namespace cosk::loader
