// SPDX-License-Identifier: GPL-2.0
// The measurements the benchmarks share.
#include "bench/measure.hpp"

#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <numeric>

#include "loader/run/runner.hpp"

namespace cosk::bench {

namespace {

constexpr int batches = 7;
constexpr std::uint64_t invocations_per_batch = 20000;
constexpr std::uint64_t syscalls_per_batch = 20000;
constexpr std::uint64_t pipe_trips_per_batch = 2000;

} // namespace

std::uint64_t now()
{
	timespec t{};
	clock_gettime(CLOCK_MONOTONIC, &t);
	return static_cast<std::uint64_t>(t.tv_sec) * 1000000000ULL + static_cast<std::uint64_t>(t.tv_nsec);
}

double median(std::vector<double> v)
{
	if (v.empty())
		return 0;
	std::sort(v.begin(), v.end());
	return v[v.size() / 2];
}

double mean(const std::vector<double> &v)
{
	return v.empty() ? 0 : std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

void pin_to_cpu0()
{
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(0, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

std::optional<bool> icount_argument(int argc, char **argv, int graphs, const char *usage)
{
	const bool icount = argc == graphs + 2 && !std::strcmp(argv[graphs + 1], "--icount");
	if (argc != graphs + 1 && !icount) {
		std::fprintf(stderr, "usage: %s\n", usage);
		return std::nullopt;
	}
	return icount;
}

std::optional<loader::Load_plan> load_plan(const char *graph)
{
	auto plan = loader::make_load_plan(graph);
	if (!plan) {
		std::fprintf(stderr, "cos-bench: %s\n", loader::describe(plan.error()).c_str());
		return std::nullopt;
	}
	return std::move(plan.value());
}

double invocation_cost(const loader::Load_plan &plan, Path path)
{
	std::vector<std::array<std::uint64_t, 4>> runs;
	for (int i = 0; i < batches; i++) {
		runs.push_back({0, static_cast<std::uint64_t>(path), 0, 0});
		runs.push_back({invocations_per_batch, static_cast<std::uint64_t>(path), 0, 0});
	}
	auto times = loader::time_runs(plan, runs);
	if (!times) {
		std::fprintf(stderr, "cos-bench: %s\n", times.error().message.c_str());
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

double pipe_rpc_cost()
{
	int to_child[2], to_parent[2];
	if (pipe(to_child) || pipe(to_parent))
		return -1;
	pid_t child = fork();
	if (child < 0)
		return -1;
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
	bool ok = true;
	for (int b = 0; ok && b < batches; b++) {
		std::uint64_t start = now();
		for (std::uint64_t i = 0; ok && i < pipe_trips_per_batch; i++) {
			std::uint64_t word = i;
			ok = write(to_child[1], &word, sizeof(word)) == sizeof(word) &&
			     read(to_parent[0], &word, sizeof(word)) == sizeof(word) && word == i + 1;
		}
		per_op.push_back(static_cast<double>(now() - start) / static_cast<double>(pipe_trips_per_batch));
	}
	close(to_child[1]);
	close(to_parent[0]);
	waitpid(child, nullptr, 0);
	return ok ? median(per_op) : -1;
}

} // namespace cosk::bench
