// SPDX-License-Identifier: GPL-2.0
// cos-bench-threads GRAPH [--icount]: a thread switch through the scheduler component and an
// uncontended lock (graphs/bench-threads.cosg, components/bench_threads), next to their Linux
// equivalents in the same run: two threads of one process yielding to each other on one CPU
// (sched_yield), and an uncontended pthread mutex. Everything runs pinned to CPU 0. Each figure
// is the median cost of one operation: a switch, or a take and release. Prints a table, then one
// JSON object.
#include <pthread.h>
#include <sched.h>

#include <array>
#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

#include "bench/measure.hpp"
#include "loader/run/runner.hpp"

using namespace cosk;
using namespace cosk::bench;

namespace {

constexpr int batches = 7;
constexpr std::uint64_t switches_per_batch = 5000;
constexpr std::uint64_t locks_per_batch = 50000;

// bench_client's main(n, what) per operation: a run of n minus a run of none, per operation.
double component_cost(const loader::Load_plan &plan, std::uint64_t what, std::uint64_t n, double per_run)
{
	std::vector<std::array<std::uint64_t, 4>> runs;
	for (int i = 0; i < batches; i++) {
		runs.push_back({0, what, 0, 0});
		runs.push_back({n, what, 0, 0});
	}
	auto times = loader::time_runs(plan, runs);
	if (!times) {
		std::fprintf(stderr, "cos-bench-threads: %s\n", times.error().message.c_str());
		return -1;
	}
	std::vector<double> per_op;
	for (std::size_t i = 0; i + 1 < times.value().size(); i += 2) {
		const double base = static_cast<double>(times.value()[i]);
		const double full = static_cast<double>(times.value()[i + 1]);
		per_op.push_back((full - base) / (static_cast<double>(n) * per_run));
	}
	return median(per_op);
}

// Two threads of this process on CPU 0, each yielding n times: every yield switches.
double linux_yield_cost()
{
	std::vector<double> per_switch;
	for (int b = 0; b < batches; b++) {
		std::atomic<int> ready{0};
		auto yielder = [&ready] {
			pin_to_cpu0();
			ready++;
			while (ready.load() < 2)
				sched_yield();
			for (std::uint64_t i = 0; i < switches_per_batch; i++)
				sched_yield();
		};
		std::thread partner(yielder);
		pin_to_cpu0();
		ready++;
		while (ready.load() < 2)
			sched_yield();
		const std::uint64_t start = now();
		for (std::uint64_t i = 0; i < switches_per_batch; i++)
			sched_yield();
		partner.join();
		per_switch.push_back(static_cast<double>(now() - start) / (2.0 * switches_per_batch));
	}
	return median(per_switch);
}

double linux_mutex_cost()
{
	pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
	std::vector<double> per_pair;
	for (int b = 0; b < batches; b++) {
		const std::uint64_t start = now();
		for (std::uint64_t i = 0; i < locks_per_batch; i++) {
			pthread_mutex_lock(&mutex);
			pthread_mutex_unlock(&mutex);
		}
		per_pair.push_back(static_cast<double>(now() - start) / static_cast<double>(locks_per_batch));
	}
	return median(per_pair);
}

} // namespace

int main(int argc, char **argv)
{
	const auto icount_given = icount_argument(argc, argv, 1, "cos-bench-threads GRAPH [--icount]");
	if (!icount_given)
		return 2;
	const bool icount = *icount_given;
	pin_to_cpu0();
	auto plan = load_plan(argv[1]);
	if (!plan)
		return 1;
	// n yields by each of two threads: 2n switches.
	const double thread_switch = component_cost(*plan, 0, switches_per_batch, 2);
	const double lock = component_cost(*plan, 1, locks_per_batch, 1);
	const double linux_yield = linux_yield_cost();
	const double linux_mutex = linux_mutex_cost();
	if (thread_switch < 0 || lock < 0)
		return 1;

	const char *unit = icount ? "instructions" : "ns";
	std::printf("%-52s %14s\n", "operation (median per operation)", unit);
	std::printf("%-52s %14.1f\n", "thread switch through the scheduler (yield)", thread_switch);
	std::printf("%-52s %14.1f\n", "Linux sched_yield ping-pong, per switch", linux_yield);
	std::printf("%-52s %14.1f\n", "uncontended lock, take and release", lock);
	std::printf("%-52s %14.1f\n", "uncontended Linux pthread mutex, lock and unlock", linux_mutex);
	std::printf("%-52s %14.2f\n", "thread switch / Linux yield switch", thread_switch / linux_yield);
	std::printf("%-52s %14.2f\n", "lock / Linux mutex", lock / linux_mutex);
	std::printf("{\"thread_switch\": %.1f, \"lock_uncontended\": %.1f, \"linux_mutex_uncontended\": %.1f, "
		    "\"linux_yield_pingpong\": %.1f, \"icount\": %s}\n",
		    thread_switch, lock, linux_mutex, linux_yield, icount ? "true" : "false");
	return 0;
}
