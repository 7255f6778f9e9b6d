// SPDX-License-Identifier: GPL-2.0
// cos-bench-invoke GRAPH ONE_PD_GRAPH [--icount] [--short]: the cost of one inter-domain
// invocation round trip on the component kernel's fast and slow paths, next to Linux's null
// system call (getppid) and a pipe round trip between two processes on one CPU; and where the
// fast path spends it. Everything runs pinned to CPU 0.
//
// The graphs are bench/graphs/invoke.cosg (bench_client and the adder in two domains) and
// bench/graphs/invoke-one-pd.cosg (the two in one): bench_client's main(n, path) invokes the
// adder n times and returns the sum of the results, which every run checks, with the number of
// invocations the module carried. The breakdown of the fast path compares it with the same
// invocation as a plain call (one domain) and with a capability the entry code refuses (one trip
// into the entry code and out, no server). Every figure is a median over batches. Prints a
// table, then as its last line one JSON object.
#include <cstdio>

#include "bench/measure.hpp"

using namespace cosk::bench;

int main(int argc, char **argv)
{
	const auto options =
		parse_options(argc, argv, 2, "cos-bench-invoke GRAPH ONE_PD_GRAPH [--icount] [--short]");
	if (!options)
		return 2;
	pin_to_cpu0();
	auto split = load_plan(options->graphs[0]);
	auto merged = load_plan(options->graphs[1]);
	if (!split || !merged)
		return 1;
	const auto fast = invocation_cost(*options, *split, Path::fast, Placement::across);
	const auto slow = invocation_cost(*options, *split, Path::slow, Placement::across);
	const auto refused = invocation_cost(*options, *split, Path::refused, Placement::across);
	const auto direct = invocation_cost(*options, *merged, Path::fast, Placement::within);
	const double getppid = getppid_cost(*options);
	const auto pipe_rpc = pipe_rpc_cost(*options);
	if (!fast || !slow || !refused || !direct || !pipe_rpc)
		return 1;

	std::printf("%-44s %14s\n", "operation (median per operation)", unit(*options));
	std::printf("%-44s %14.1f\n", "inter-PD round trip, fast path", *fast);
	std::printf("%-44s %14.1f\n", "inter-PD round trip, slow path", *slow);
	std::printf("%-44s %14.1f\n", "Linux getppid", getppid);
	std::printf("%-44s %14.1f\n", "Linux pipe RPC round trip", *pipe_rpc);
	std::printf("%-44s %14.2f\n", "pipe RPC / fast round trip", *pipe_rpc / *fast);
	std::printf("%-44s %14.2f\n", "2 x getppid / fast round trip", 2 * getppid / *fast);
	std::printf("\nwhere the fast round trip goes (differences of medians)\n");
	std::printf("%-44s %14.1f\n", "the client's loop and the adder (plain call)", *direct);
	std::printf("%-44s %14.1f\n", "stub, entry, frame push, caller check, SYSRET", *refused - *direct);
	std::printf("%-44s %14.1f\n", "capability, domain switches, server's trip", *fast - *refused);
	std::printf("{\"fast_roundtrip\": %.1f, \"slow_roundtrip\": %.1f, \"direct_call\": %.1f, \"refused\": %.1f, "
		    "\"getppid\": %.1f, \"pipe_rpc\": %.1f, \"statistic\": \"median\", %s}\n",
		    *fast, *slow, *direct, *refused, getppid, *pipe_rpc, json_mode(*options).c_str());
	return 0;
}
