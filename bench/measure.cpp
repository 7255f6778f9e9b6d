// SPDX-License-Identifier: GPL-2.0
// The measurements the benchmarks share.
#include "bench/measure.hpp"

#include <sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <numeric>

namespace cosk::bench {

namespace {

constexpr std::uint64_t invocations_per_batch = 20000;
constexpr std::uint64_t syscalls_per_batch = 20000;
constexpr std::uint64_t pipe_trips_per_batch = 2000;

} // namespace

std::optional<Options> parse_options(int argc, char **argv, int graphs, const char *usage)
{
	Options options;
	for (int i = 1; i < argc; i++) {
		if (!std::strcmp(argv[i], "--icount"))
			options.icount = true;
		else if (!std::strcmp(argv[i], "--short"))
			options.short_run = true;
		else if (argv[i][0] != '-')
			options.graphs.push_back(argv[i]);
		else
			graphs = -1;	// an option it does not know: the usage line
	}
	if (static_cast<int>(options.graphs.size()) != graphs) {
		std::fprintf(stderr, "usage: %s\n", usage);
		return std::nullopt;
	}
	return options;
}

int batches(const Options &options)
{
	return options.short_run ? 3 : 7;
}

std::uint64_t scaled(const Options &options, std::uint64_t count)
{
	return options.short_run ? std::max<std::uint64_t>(count / 20, 10) : count;
}

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

std::optional<loader::Load_plan> load_plan(const char *graph)
{
	auto plan = loader::make_load_plan(graph);
	if (!plan) {
		std::fprintf(stderr, "cos-bench: %s\n", loader::describe(plan.error()).c_str());
		return std::nullopt;
	}
	return std::move(plan.value());
}

std::optional<Batch_cost> batch_cost(const Options &options, const loader::Load_plan &plan, const Batch_spec &spec)
{
	const std::uint64_t n = spec.args[0];
	std::array<std::uint64_t, 4> none = spec.args;
	none[0] = 0;
	std::vector<std::array<std::uint64_t, 4>> args;
	for (int i = 0; i < batches(options); i++) {
		args.push_back(none);
		args.push_back(spec.args);
	}
	auto runs = loader::time_runs(plan, args);
	if (!runs) {
		std::fprintf(stderr, "cos-bench: %s: %s\n", spec.what, runs.error().message.c_str());
		return std::nullopt;
	}
	Batch_cost cost;
	std::vector<double> per_op;
	for (std::size_t i = 0; i + 1 < runs.value().size(); i += 2) {
		const loader::Timed_run &base = runs.value()[i], &full = runs.value()[i + 1];
		for (const auto &[run, ops] : {std::pair{&base, std::uint64_t{0}}, std::pair{&full, n}}) {
			const std::string wrong = spec.check(*run, ops);
			if (!wrong.empty()) {
				std::fprintf(stderr, "cos-bench: %s: a run of %llu did not do its work: %s\n", spec.what,
					     static_cast<unsigned long long>(ops), wrong.c_str());
				return std::nullopt;
			}
		}
		per_op.push_back((static_cast<double>(full.elapsed) - static_cast<double>(base.elapsed)) /
				 (static_cast<double>(n) * spec.per_n));
		cost.runs.push_back(full);
	}
	cost.median = median(per_op);
	return cost;
}

std::optional<double> invocation_cost(const Options &options, const loader::Load_plan &plan, Path path,
				      Placement placement)
{
	const std::uint64_t n = scaled(options, invocations_per_batch);
	const bool carried = placement == Placement::across && path != Path::refused;
	auto check = [path, carried](const loader::Timed_run &run, std::uint64_t ops) -> std::string {
		// add(i, 1) for i < ops sums to ops (ops + 1) / 2; a refusal answers -EINVAL each time.
		const std::uint64_t want = path == Path::refused ? ops * static_cast<std::uint64_t>(-EINVAL)
								 : ops * (ops + 1) / 2;
		if (run.result != want)
			return "sum " + std::to_string(run.result) + ", wanted " + std::to_string(want);
		const std::uint64_t invocations = carried ? ops : 0;
		if (run.stats.invocations != invocations)
			return std::to_string(run.stats.invocations) + " invocations carried by the module, wanted " +
			       std::to_string(invocations);
		return "";
	};
	static const char *const names[] = {"invocations (fast path)", "invocations (slow path)",
					    "refused invocations"};
	auto cost = batch_cost(options, plan,
			       Batch_spec{names[static_cast<int>(path)], {n, static_cast<std::uint64_t>(path), 0, 0}, 1,
					  check});
	if (!cost)
		return std::nullopt;
	return cost->median;
}

double getppid_cost(const Options &options)
{
	const std::uint64_t n = scaled(options, syscalls_per_batch);
	std::vector<double> per_op;
	for (int b = 0; b < batches(options); b++) {
		std::uint64_t start = now();
		for (std::uint64_t i = 0; i < n; i++)
			syscall(SYS_getppid);
		per_op.push_back(static_cast<double>(now() - start) / static_cast<double>(n));
	}
	return median(per_op);
}

std::optional<double> pipe_rpc_cost(const Options &options)
{
	const std::uint64_t n = scaled(options, pipe_trips_per_batch);
	int to_child[2], to_parent[2];
	if (pipe(to_child) || pipe(to_parent))
		return std::nullopt;
	pid_t child = fork();
	if (child < 0)
		return std::nullopt;
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
	for (int b = 0; ok && b < batches(options); b++) {
		std::uint64_t start = now();
		for (std::uint64_t i = 0; ok && i < n; i++) {
			std::uint64_t word = i;
			ok = write(to_child[1], &word, sizeof(word)) == sizeof(word) &&
			     read(to_parent[0], &word, sizeof(word)) == sizeof(word) && word == i + 1;
		}
		per_op.push_back(static_cast<double>(now() - start) / static_cast<double>(n));
	}
	close(to_child[1]);
	close(to_parent[0]);
	waitpid(child, nullptr, 0);
	if (!ok) {
		std::fprintf(stderr, "cos-bench: the pipe RPC's child did not answer right\n");
		return std::nullopt;
	}
	return median(per_op);
}

const char *unit(const Options &options)
{
	return options.icount ? "instructions" : "ns";
}

std::string json_mode(const Options &options)
{
	return std::string("\"unit\": \"") + unit(options) + "\", \"icount\": " + (options.icount ? "true" : "false") +
	       ", \"short\": " + (options.short_run ? "true" : "false");
}

} // namespace cosk::bench
