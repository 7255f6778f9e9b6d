// SPDX-License-Identifier: GPL-2.0
// cos-bench-invoke GRAPH ONE_PD_GRAPH [--icount]: the cost of one inter-domain invocation round
// trip on the component kernel's fast and slow paths, next to Linux's null system call (getppid)
// and a pipe round trip between two processes on one CPU; and where the fast path spends it.
// Everything runs pinned to CPU 0.
//
// The graphs are graphs/bench-invoke.cosg (bench_client and the adder in two domains) and
// graphs/bench-invoke-one-pd.cosg (the two in one): bench_client's main(n, path) invokes the
// adder n times. The breakdown of the fast path compares it with the same invocation as a plain
// call (one domain) and with a capability the entry code refuses (one trip into the entry code
// and out, no server). Prints a table, then as its last line one JSON object.
#include <cstdio>

#include "bench/measure.hpp"

using namespace cosk::bench;

int main(int argc, char **argv)
{
	const auto icount_given = icount_argument(argc, argv, 2, "cos-bench-invoke GRAPH ONE_PD_GRAPH [--icount]");
	if (!icount_given)
		return 2;
	const bool icount = *icount_given;
	pin_to_cpu0();
	auto split = load_plan(argv[1]);
	auto merged = load_plan(argv[2]);
	if (!split || !merged)
		return 1;
	const double fast = invocation_cost(*split, Path::fast);
	const double slow = invocation_cost(*split, Path::slow);
	const double refused = invocation_cost(*split, Path::refused);
	const double direct = invocation_cost(*merged, Path::fast);
	const double getppid = getppid_cost();
	const double pipe_rpc = pipe_rpc_cost();
	if (fast < 0 || slow < 0 || refused < 0 || direct < 0 || pipe_rpc < 0)
		return 1;

	const char *unit = icount ? "instructions" : "ns";
	std::printf("%-44s %14s\n", "operation (median per operation)", unit);
	std::printf("%-44s %14.1f\n", "inter-PD round trip, fast path", fast);
	std::printf("%-44s %14.1f\n", "inter-PD round trip, slow path", slow);
	std::printf("%-44s %14.1f\n", "Linux getppid", getppid);
	std::printf("%-44s %14.1f\n", "Linux pipe RPC round trip", pipe_rpc);
	std::printf("%-44s %14.2f\n", "pipe RPC / fast round trip", pipe_rpc / fast);
	std::printf("%-44s %14.2f\n", "2 x getppid / fast round trip", 2 * getppid / fast);
	std::printf("\nwhere the fast round trip goes\n");
	std::printf("%-44s %14.1f\n", "the client's loop and the adder (plain call)", direct);
	std::printf("%-44s %14.1f\n", "stub, entry, frame push, caller check, SYSRET", refused - direct);
	std::printf("%-44s %14.1f\n", "capability, domain switches, server's trip", fast - refused);
	std::printf("{\"fast_roundtrip\": %.1f, \"slow_roundtrip\": %.1f, \"getppid\": %.1f, \"pipe_rpc\": %.1f, "
		    "\"icount\": %s}\n",
		    fast, slow, getppid, pipe_rpc, icount ? "true" : "false");
	return 0;
}
