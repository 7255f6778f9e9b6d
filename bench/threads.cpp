// SPDX-License-Identifier: GPL-2.0
// cos-bench-threads GRAPH [--icount] [--short]: a thread switch through the scheduler component
// and an uncontended lock (bench/graphs/threads.cosg, bench/components/bench_threads), next to their
// Linux equivalents in the same run: two threads of one process yielding to each other on one
// CPU (sched_yield), and an uncontended pthread mutex. Everything runs pinned to CPU 0. Each
// figure is the median, over batches, of the cost of one operation: a switch, or a take and
// release. Prints a table, then one JSON object.
//
// Every run is of a system built afresh and is checked before its time counts: the yields the
// component made, and the switches the module made, exactly those the yields asked for (ticks
// never preempt the benchmark's threads; check_switches); for the lock, that no take or release
// reached the lock component.
#include <pthread.h>
#include <sched.h>

#include <atomic>
#include <cstdio>
#include <thread>
#include <vector>

#include "bench/measure.hpp"

using namespace cosk;
using namespace cosk::bench;

namespace {

constexpr std::uint64_t switches_per_batch = 5000;
constexpr std::uint64_t locks_per_batch = 50000;

// main(n, 0): n yields by each thread's loop, one yield of main's waiting for the partner to end,
// and the partner's end, each a switch: 2n + 2, and nothing else, since ticks never preempt the
// benchmark's threads (bench/components/bench_threads).
std::string check_switches(const loader::Timed_run &run, std::uint64_t n)
{
	const std::uint64_t yields = run.result & 0xffffffff, waits = run.result >> 32;
	if (yields != 2 * n || waits != 1)
		return std::to_string(yields) + " yields in the loops and " + std::to_string(waits) +
		       " waiting, wanted " + std::to_string(2 * n) + " and 1";
	if (run.stats.preemptions)
		return std::to_string(run.stats.preemptions) + " preemptions, wanted none";
	if (run.stats.switches != 2 * n + 2)
		return "the module made " + std::to_string(run.stats.switches) + " switches, wanted " +
		       std::to_string(2 * n + 2) + " (2n for the loops, main's wait and the partner's end)";
	return "";
}

// main(n, 1): n takes, the lock free at the end, and the only invocation lock_alloc: no take
// or release reached the lock component.
std::string check_locks(const loader::Timed_run &run, std::uint64_t n)
{
	if (run.result != n)
		return std::to_string(run.result) + " takes and releases, wanted " + std::to_string(n);
	if (run.stats.invocations != 1)
		return std::to_string(run.stats.invocations) + " invocations, wanted 1 (lock_alloc)";
	return "";
}

// main(n, 2): n yields, each an invocation of the scheduler, and no switch.
std::string check_lone_yields(const loader::Timed_run &run, std::uint64_t n)
{
	if (run.result != n)
		return std::to_string(run.result) + " yields, wanted " + std::to_string(n);
	if (run.stats.invocations != n)
		return std::to_string(run.stats.invocations) + " invocations, wanted " + std::to_string(n);
	if (run.stats.switches)
		return std::to_string(run.stats.switches) + " switches, wanted none";
	return "";
}

// Two threads of this process on CPU 0, each yielding n times: every yield switches.
double linux_yield_cost(const Options &options)
{
	const std::uint64_t n = scaled(options, switches_per_batch);
	std::vector<double> per_switch;
	for (int b = 0; b < batches(options); b++) {
		std::atomic<int> ready{0};
		auto yielder = [&ready, n] {
			pin_to_cpu0();
			ready++;
			while (ready.load() < 2)
				sched_yield();
			for (std::uint64_t i = 0; i < n; i++)
				sched_yield();
		};
		std::thread partner(yielder);
		pin_to_cpu0();
		ready++;
		while (ready.load() < 2)
			sched_yield();
		const std::uint64_t start = now();
		for (std::uint64_t i = 0; i < n; i++)
			sched_yield();
		partner.join();
		per_switch.push_back(static_cast<double>(now() - start) / (2.0 * static_cast<double>(n)));
	}
	return median(per_switch);
}

double linux_mutex_cost(const Options &options)
{
	const std::uint64_t n = scaled(options, locks_per_batch);
	pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
	std::vector<double> per_pair;
	for (int b = 0; b < batches(options); b++) {
		const std::uint64_t start = now();
		for (std::uint64_t i = 0; i < n; i++) {
			pthread_mutex_lock(&mutex);
			pthread_mutex_unlock(&mutex);
		}
		per_pair.push_back(static_cast<double>(now() - start) / static_cast<double>(n));
	}
	return median(per_pair);
}

double mean_of(const std::vector<loader::Timed_run> &runs, __u64 cos_stats::*counter)
{
	std::vector<double> v;
	for (const auto &run : runs)
		v.push_back(static_cast<double>(run.stats.*counter));
	return mean(v);
}

} // namespace

int main(int argc, char **argv)
{
	const auto options = parse_options(argc, argv, 1, "cos-bench-threads GRAPH [--icount] [--short]");
	if (!options)
		return 2;
	pin_to_cpu0();
	auto plan = load_plan(options->graphs[0]);
	if (!plan)
		return 1;
	const std::uint64_t switches_n = scaled(*options, switches_per_batch);
	const auto thread_switch =
		batch_cost(*options, *plan, Batch_spec{"thread switches", {switches_n, 0, 0, 0}, 2, check_switches});
	const auto lock = batch_cost(*options, *plan,
				     Batch_spec{"uncontended locks", {scaled(*options, locks_per_batch), 1, 0, 0}, 1,
						check_locks});
	const auto lone_yield =
		batch_cost(*options, *plan, Batch_spec{"yields alone", {switches_n, 2, 0, 0}, 1, check_lone_yields});
	if (!thread_switch || !lock || !lone_yield)
		return 1;
	const double linux_yield = linux_yield_cost(*options);
	const double linux_mutex = linux_mutex_cost(*options);
	const double ticks = mean_of(thread_switch->runs, &cos_stats::ticks);

	std::printf("%-52s %14s\n", "operation (median per operation)", unit(*options));
	std::printf("%-52s %14.1f\n", "thread switch through the scheduler (yield)", thread_switch->median);
	std::printf("%-52s %14.1f\n", "Linux sched_yield ping-pong, per switch", linux_yield);
	std::printf("%-52s %14.1f\n", "uncontended lock, take and release", lock->median);
	std::printf("%-52s %14.1f\n", "uncontended Linux pthread mutex, lock and unlock", linux_mutex);
	std::printf("%-52s %14.2f\n", "thread switch / Linux yield switch", thread_switch->median / linux_yield);
	std::printf("%-52s %14.2f\n", "lock / Linux mutex", lock->median / linux_mutex);
	std::printf("\nwhere a switch goes (difference of medians)\n");
	std::printf("%-52s %14.1f\n", "yield with no switch: invocation, choice, return", lone_yield->median);
	std::printf("%-52s %14.1f\n", "the switch: COS_CALL_SWITCH, the other's resumption",
		    thread_switch->median - lone_yield->median);
	std::printf("\na run of %llu switches took %.1f ticks of the scheduler's 1 ms timer (mean over its batches):\n"
		    "the timer follows the guest clock, which --icount makes count instructions; a tick is an\n"
		    "interrupt and an upcall of the scheduler, never a switch here (ticks do not preempt the\n"
		    "benchmark's threads), and its cost is in the figures\n",
		    static_cast<unsigned long long>(2 * switches_n), ticks);
	std::printf("{\"thread_switch\": %.1f, \"linux_yield_pingpong\": %.1f, \"lock_uncontended\": %.1f, "
		    "\"linux_mutex_uncontended\": %.1f, \"yield_alone\": %.1f, \"switches_per_run\": %llu, "
		    "\"ticks_per_run\": %.1f, \"statistic\": \"median\", %s}\n",
		    thread_switch->median, linux_yield, lock->median, linux_mutex, lone_yield->median,
		    static_cast<unsigned long long>(2 * switches_n), ticks, json_mode(*options).c_str());
	return 0;
}
