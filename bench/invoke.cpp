// SPDX-License-Identifier: GPL-2.0
// cos-bench-invoke GRAPH [--icount]: the cost of one inter-domain invocation round trip on the
// component kernel's fast and slow paths, next to Linux's null system call (getppid) and a pipe
// round trip between two processes on one CPU. Everything runs pinned to CPU 0. Each figure is
// the median, over several batches, of a batch's time per operation as the guest clock reads it:
// nanoseconds, or instructions when QEMU counts them (-icount shift=0, --icount here).
//
// The graph is graphs/bench-invoke.cosg: bench_client's main(n, path) invokes the adder n times.
// A batch of invocations is timed as a run of n minus a run of none, so that entering and leaving
// the system is not counted. Prints a table, then as its last line one JSON object.
#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
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

// Per-invocation cost on @path (0 fast, 1 slow), or a negative number after printing why not.
double invocation_cost(const cosk::loader::Load_plan &plan, std::uint64_t path)
{
	std::vector<std::array<std::uint64_t, 4>> runs;
	for (int i = 0; i < batches; i++) {
		runs.push_back({0, path, 0, 0});
		runs.push_back({invocations_per_batch, path, 0, 0});
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

} // namespace

int main(int argc, char **argv)
{
	if (argc < 2 || (argc == 3 && std::strcmp(argv[2], "--icount")) || argc > 3) {
		std::fprintf(stderr, "usage: cos-bench-invoke GRAPH [--icount]\n");
		return 2;
	}
	const bool icount = argc == 3;
	pin_to_cpu0();
	auto plan = cosk::loader::make_load_plan(argv[1]);
	if (!plan) {
		std::fprintf(stderr, "cos-bench-invoke: %s\n", cosk::loader::describe(plan.error()).c_str());
		return 1;
	}
	const double fast = invocation_cost(plan.value(), 0);
	const double slow = invocation_cost(plan.value(), 1);
	const double getppid = getppid_cost();
	const double pipe_rpc = pipe_rpc_cost();
	if (fast < 0 || slow < 0 || pipe_rpc < 0)
		return 1;

	const char *unit = icount ? "instructions" : "ns";
	std::printf("%-34s %14s\n", "operation (median per operation)", unit);
	std::printf("%-34s %14.1f\n", "inter-PD round trip, fast path", fast);
	std::printf("%-34s %14.1f\n", "inter-PD round trip, slow path", slow);
	std::printf("%-34s %14.1f\n", "Linux getppid", getppid);
	std::printf("%-34s %14.1f\n", "Linux pipe RPC round trip", pipe_rpc);
	std::printf("%-34s %14.2f\n", "pipe RPC / fast round trip", pipe_rpc / fast);
	std::printf("%-34s %14.2f\n", "2 x getppid / fast round trip", 2 * getppid / fast);
	std::printf("{\"fast_roundtrip\": %.1f, \"slow_roundtrip\": %.1f, \"getppid\": %.1f, \"pipe_rpc\": %.1f, "
		    "\"icount\": %s}\n",
		    fast, slow, getppid, pipe_rpc, icount ? "true" : "false");
	return 0;
}
