// SPDX-License-Identifier: GPL-2.0
// What the benchmarks share: the guest clock, statistics, pinning, and the measurements more
// than one benchmark reports (an invocation through a component graph, Linux's baselines).
//
// Every figure is a cost per operation as the guest clock reads it: nanoseconds, or instructions
// when QEMU counts them (-icount shift=0).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "loader/image/plan.hpp"

namespace cosk::bench {

// CLOCK_MONOTONIC in nanoseconds.
std::uint64_t now();

double median(std::vector<double> v);
double mean(const std::vector<double> &v);

// Runs the calling process on CPU 0 only, beside whatever else the benchmark pins there.
void pin_to_cpu0();

// A benchmark's command line, `NAME GRAPH... [--icount]` with `graphs` graph files: whether
// --icount was given, or nullopt after printing the usage line (the caller exits 2).
std::optional<bool> icount_argument(int argc, char **argv, int graphs, const char *usage);

// The graph file's load plan, or nullopt after printing why not.
std::optional<loader::Load_plan> load_plan(const char *graph);

// bench_client's paths (components/bench_client).
enum class Path : std::uint64_t { fast = 0, slow = 1, refused = 2 };

// The median cost of one of bench_client's invocations of the adder on path, or a negative
// number after printing why not. Each batch is a run of many invocations minus a run of none.
double invocation_cost(const loader::Load_plan &plan, Path path);

// A Linux null system call.
double getppid_cost();

// A word to a child process and back through two pipes, both processes on CPU 0; negative on
// failure.
double pipe_rpc_cost();

} // namespace cosk::bench
