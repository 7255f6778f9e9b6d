// SPDX-License-Identifier: GPL-2.0
// What the benchmarks share: the command line, the guest clock, statistics, pinning, runs of a
// component graph that are checked before they are timed, and the measurements more than one
// benchmark reports (an invocation through a component graph, Linux's baselines).
//
// Every figure is a cost per operation as the guest clock reads it: nanoseconds, or instructions
// when QEMU counts them (-icount shift=0).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "loader/image/plan.hpp"
#include "loader/run/runner.hpp"

namespace cosk::bench {

// A benchmark's command line: `NAME GRAPH... [--icount] [--short]`.
struct Options {
	bool icount = false;	// the guest clock counts instructions
	bool short_run = false;	// a few small batches: a test that the benchmark works, not a figure
	std::vector<const char *> graphs;
};

// The options, or nullopt after printing the usage line (the caller exits 2).
std::optional<Options> parse_options(int argc, char **argv, int graphs, const char *usage);

// Batches each figure is the median of, and a count scaled down for --short.
int batches(const Options &options);
std::uint64_t scaled(const Options &options, std::uint64_t count);

// CLOCK_MONOTONIC in nanoseconds.
std::uint64_t now();

double median(std::vector<double> v);
double mean(const std::vector<double> &v);

// Runs the calling process on CPU 0 only, beside whatever else the benchmark pins there.
void pin_to_cpu0();

// The graph file's load plan, or nullopt after printing why not.
std::optional<loader::Load_plan> load_plan(const char *graph);

// Checks that a run did the work it was timed for, n being the operations it was asked for: ""
// when it did, else what was wrong. A benchmark whose run fails its check prints no figure.
using Run_check = std::function<std::string(const loader::Timed_run &run, std::uint64_t n)>;

// A figure measured as batches of two runs of a freshly built system: the entry with args and
// n = args[0] operations, and the same with n = 0, whose difference divided by n * per_n is the
// cost of one operation.
struct Batch_spec {
	const char *what;	// named in a failed check
	std::array<std::uint64_t, 4> args;
	double per_n = 1;	// operations per unit of n
	Run_check check;
};

struct Batch_cost {
	double median = 0;			// of the per-operation costs of the batches
	std::vector<loader::Timed_run> runs;	// the runs with n operations, checked
};

// The cost of one operation, or nullopt after printing why not (a run failed or its check did).
std::optional<Batch_cost> batch_cost(const Options &options, const loader::Load_plan &plan, const Batch_spec &spec);

// bench_client's paths (bench/components/bench_client).
enum class Path : std::uint64_t { fast = 0, slow = 1, refused = 2 };

// Where an invocation goes: across domains through the module, or a plain call in one domain.
enum class Placement { across, within };

// The median cost of one of bench_client's n invocations of the adder on path, each run checked:
// the sum of the adder's results (or of the refusals), and the invocations the module carried
// (n across domains on the fast and slow paths, none inside one or for a refusal).
std::optional<double> invocation_cost(const Options &options, const loader::Load_plan &plan, Path path,
				      Placement placement);

// A Linux null system call.
double getppid_cost(const Options &options);

// A word to a child process and back through two pipes, both processes on CPU 0; each reply is
// checked; nullopt on failure.
std::optional<double> pipe_rpc_cost(const Options &options);

// The unit of the figures: "instructions" or "ns".
const char *unit(const Options &options);

// The JSON object's fields that say how its figures were measured.
std::string json_mode(const Options &options);

} // namespace cosk::bench
