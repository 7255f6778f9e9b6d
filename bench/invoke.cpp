// SPDX-License-Identifier: GPL-2.0
// cos-bench-invoke GRAPH ONE_PD_GRAPH [--icount]: the cost of one inter-domain invocation round
// trip on the component kernel's fast and slow paths, next to Linux's null system call (getppid)
// and a pipe round trip between two processes on one CPU; and where the fast path spends it. Everything runs pinned to CPU 0. Each figure is
// the median, over several batches, of a batch's time per operation as the guest clock reads it:
// nanoseconds, or instructions when QEMU counts them (-icount shift=0, --icount here).
//
// The graphs are graphs/bench-invoke.cosg (bench_client and the adder in two domains) and
// graphs/bench-invoke-one-pd.cosg (the two in one): bench_client's main(n, path) invokes the
// adder n times. A batch of invocations is timed as a run of n minus a run of none, so that
// entering and leaving the system is not counted. The breakdown of the fast path compares it
// with the same invocation as a plain call (one domain) and with a capability the entry code
// refuses (one trip into the entry code and out, no server). Prints a table, then as its last
// line one JSON object.
#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <optional>
#include <ctime>
#include <string>
#include <vector>

#include "loader/image/plan.hpp"
#include "loader/run/runner.hpp"

namespace {

constexpr int batches = 7;
constexpr std::uint64_t invocations_per_batch = 20000;
constexpr std::uint64_t syscalls_per_batch = 20000;
constexpr std::uint64_t pipe_trips_per_batch = 2000;

std::uint64_t now()
{
	timespec t{};
	clock_gettime(CLOCK_MONOTONIC, &t);
	return static_cast<std::uint64_t>(t.tv_sec) * 1000000000ULL + static_cast<std::uint64_t>(t.tv_nsec);
}

double median(std::vector<double> v)
{
	std::sort(v.begin(), v.end());
	return v[v.size() / 2];
}

void pin_to_cpu0()
{
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

// bench_client's paths (components/bench_client).
enum class Path : std::uint64_t { fast = 0, slow = 1, refused = 2 };

// Per-invocation cost on @path, or a negative number after printing why not.
double invocation_cost(const cosk::loader::Load_plan &plan, Path path)
{
	std::vector<std::array<std::uint64_t, 4>> runs;
	for (int i = 0; i < batches; i++) {
		runs.push_back({0, static_cast<std::uint64_t>(path), 0, 0});
		runs.push_back({invocations_per_batch, static_cast<std::uint64_t>(path), 0, 0});
	}
	auto times = cosk::loader::time_runs(plan, runs);
	if (!times) {
		std::fprintf(stderr, "cos-bench-invoke: %s\n", times.error().message.c_str());
		return -1;
	}
	std::vector<double> per_op;
	for (std::size_t i = 0; i + 1 < times.value().size(); i += 2) {
		double base = static_cast<double>(times.value()[i]);
		double full = static_cast<double>(times.value()[i + 1]);
		per_op.push_back((full - base) / static_cast<double>(invocations_per_batch));
	}
	return median(per_op);
}

double getppid_cost()
{
	std::vector<double> per_op;
	for (int b = 0; b < batches; b++) {
		std::uint64_t start = now();
		for (std::uint64_t i = 0; i < syscalls_per_batch; i++)
			syscall(SYS_getppid);
		per_op.push_back(static_cast<double>(now() - start) / static_cast<double>(syscalls_per_batch));
	}
	return median(per_op);
}

// A word to a child and back, through two pipes; both processes on CPU 0.
double pipe_rpc_cost()
{
	int to_child[2], to_parent[2];
	if (pipe(to_child) || pipe(to_parent))
		return -1;
	pid_t child = fork();
	if (child == 0) {
		// Only the ends the child uses stay open, so that it sees EOF when the parent is done.
		close(to_child[1]);
		close(to_parent[0]);
		std::uint64_t word;
		while (read(to_child[0], &word, sizeof(word)) == sizeof(word)) {
			word++;
			if (write(to_parent[1], &word, sizeof(word)) != sizeof(word))
				break;
		}
		_exit(0);
	}
	close(to_child[0]);
	close(to_parent[1]);
	std::vector<double> per_op;
	for (int b = 0; b < batches; b++) {
		std::uint64_t start = now();
		for (std::uint64_t i = 0; i < pipe_trips_per_batch; i++) {
			std::uint64_t word = i;
			if (write(to_child[1], &word, sizeof(word)) != sizeof(word) ||
			    read(to_parent[0], &word, sizeof(word)) != sizeof(word) || word != i + 1)
				return -1;
		}
		per_op.push_back(static_cast<double>(now() - start) / static_cast<double>(pipe_trips_per_batch));
	}
	close(to_child[1]);
	close(to_parent[0]);
	waitpid(child, nullptr, 0);
	return median(per_op);
}

std::optional<cosk::loader::Load_plan> load_plan(const char *graph)
{
	auto plan = cosk::loader::make_load_plan(graph);
	if (!plan) {
		std::fprintf(stderr, "cos-bench-invoke: %s\n", cosk::loader::describe(plan.error()).c_str());
		return std::nullopt;
	}
	return std::move(plan.value());
}

} // namespace

int main(int argc, char **argv)
{
	if (argc < 3 || (argc == 4 && std::strcmp(argv[3], "--icount")) || argc > 4) {
		std::fprintf(stderr, "usage: cos-bench-invoke GRAPH ONE_PD_GRAPH [--icount]\n");
		return 2;
	}
	const bool icount = argc == 4;
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
