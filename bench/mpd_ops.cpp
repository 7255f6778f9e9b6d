// SPDX-License-Identifier: GPL-2.0
// Merge and split sequences on an idle and on a running system.
#include "bench/mpd_ops.hpp"

#include <sched.h>
#include <unistd.h>

#include <cstdio>
#include <functional>
#include <string>
#include <thread>

#include "loader/run/host_guards.hpp"

namespace cosk::bench {

namespace {

constexpr int repetitions = 100;

// The load's main(0, spin): trips down the chain until stopped, spin loop iterations before each
// (most of its time in its own domain, so that splits often find no frame in theirs).
constexpr std::uint64_t load_spin = 2000;

// The module ids of c0 .. c9, by name.
std::optional<std::vector<std::uint32_t>> ten_components(const loader::Load_plan &plan,
							   const loader::Built_system &built)
{
	std::vector<std::uint32_t> ids;
	for (int i = 0; i < 10; i++) {
		const std::string name = "c" + std::to_string(i);
		for (std::size_t j = 0; j < plan.components.size(); j++) {
			if (plan.components[j].name == name)
				ids.push_back(built.component_ids[j]);
		}
	}
	if (ids.size() != 10) {
		std::fprintf(stderr, "cos-bench-mpd: the graph must name its components c0 to c9\n");
		return std::nullopt;
	}
	return ids;
}

// c0 merged with c1, the result with c2, ... c9; then c9 split off, c8, ... c1; as often as asked,
// every other time asking for new domains (COS_SPLIT_FRESH). An idle system must split as asked;
// a running one reuses a domain only where no frame runs in it, and a split that could not is
// recorded apart. between() runs before each round and says whether to go on.
std::optional<Mpd_samples> mpd_sequence(const host::Device &device, const std::vector<std::uint32_t> &c, int rounds,
					bool live, const std::function<bool()> &between)
{
	Mpd_samples samples;
	for (int r = 0; r < 2 * rounds; r++) {
		const bool fresh = r % 2;
		if (!between())
			return std::nullopt;
		for (std::size_t i = 1; i < 10; i++) {
			const std::uint64_t start = now();
			auto op = device.merge(c[0], c[i]);
			const std::uint64_t took = now() - start;
			if (!op) {
				std::fprintf(stderr, "cos-bench-mpd: merge: %s\n", host::describe(op.error()).c_str());
				return std::nullopt;
			}
			samples.merges.push_back(static_cast<double>(op.value().cost_ns));
			samples.merge_ioctls.push_back(static_cast<double>(took));
		}
		for (std::size_t i = 9; i >= 1; i--) {
			auto op = device.split(c[i], fresh ? COS_SPLIT_FRESH : 0);
			if (!op || (op.value().reused && fresh) || (!live && op.value().reused == fresh)) {
				std::fprintf(stderr, "cos-bench-mpd: split did not go as asked\n");
				return std::nullopt;
			}
			auto &kind = fresh ? samples.fresh_splits
					   : op.value().reused ? samples.reused_splits : samples.fallen_back;
			kind.push_back(static_cast<double>(op.value().cost_ns));
		}
	}
	return samples;
}

std::optional<std::uint64_t> invocations(const host::Device &device)
{
	auto stats = device.stats();
	if (!stats)
		return std::nullopt;
	return stats.value().invocations;
}

// Waits, yielding the CPU, until the system has carried more invocations than seen; false when
// it does not within a few seconds.
bool wait_for_progress(const host::Device &device, std::uint64_t seen)
{
	const std::uint64_t give_up = now() + 5000000000ULL;
	for (;;) {
		auto n = invocations(device);
		if (!n)
			return false;
		if (*n > seen)
			return true;
		if (now() > give_up) {
			std::fprintf(stderr, "cos-bench-mpd: the system made no progress\n");
			return false;
		}
		sched_yield();
	}
}

void pin_to(int cpu)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(static_cast<std::size_t>(cpu), &set);
	sched_setaffinity(0, sizeof(set), &set);
}

} // namespace

std::optional<Mpd_samples> mpd_idle(const Options &options, const loader::Load_plan &plan)
{
	auto device = host::Device::open();
	if (!device) {
		std::fprintf(stderr, "cos-bench-mpd: %s\n", host::describe(device.error()).c_str());
		return std::nullopt;
	}
	auto built = loader::build_system(device.value(), plan);
	if (!built) {
		std::fprintf(stderr, "cos-bench-mpd: %s\n", built.error().message.c_str());
		return std::nullopt;
	}
	auto c = ten_components(plan, built.value());
	if (!c)
		return std::nullopt;
	return mpd_sequence(device.value(), *c, static_cast<int>(scaled(options, repetitions)), false, [] { return true; });
}

std::optional<Mpd_samples> mpd_live(const Options &options, const loader::Load_plan &plan)
{
	loader::Region_reservation region;
	if (!region.ok()) {
		std::fprintf(stderr, "cos-bench-mpd: the host has memory where the component region must go\n");
		return std::nullopt;
	}
	auto device = host::Device::open();
	if (!device) {
		std::fprintf(stderr, "cos-bench-mpd: %s\n", host::describe(device.error()).c_str());
		return std::nullopt;
	}
	auto built = loader::build_system(device.value(), plan);
	if (!built) {
		std::fprintf(stderr, "cos-bench-mpd: %s\n", built.error().message.c_str());
		return std::nullopt;
	}
	auto c = ten_components(plan, built.value());
	if (!c)
		return std::nullopt;

	// The host thread: on the other CPU when there is one, so that the module's synchronisation
	// with the CPU that runs the system is paid; with one CPU it is preempted while we work.
	const std::uint32_t entry = built.value().component_ids[plan.entry.component];
	std::optional<cos_run> ran;
	std::string run_error = "it faulted: a wrong answer, or worse";
	std::thread host_thread([&] {
		pin_to(static_cast<int>(sysconf(_SC_NPROCESSORS_ONLN) > 1 ? 1 : 0));
		auto run = device.value().run(entry, plan.entry.address, {0, load_spin, 0, 0});
		if (run)
			ran = run.value();
		else
			run_error = host::describe(run.error());
	});

	std::optional<Mpd_samples> samples;
	const auto before = invocations(device.value());
	if (before && wait_for_progress(device.value(), *before)) {
		samples = mpd_sequence(device.value(), *c, static_cast<int>(scaled(options, repetitions)), true,
				       [&device] {
					       auto seen = invocations(device.value());
					       return seen && wait_for_progress(device.value(), *seen);
				       });
	}
	const auto after = invocations(device.value());
	auto stopped = device.value().stop();
	host_thread.join();
	if (!stopped || !ran || ran->status != COS_RUN_STOPPED) {
		std::fprintf(stderr, "cos-bench-mpd: the live system did not run until stopped (%s)\n",
			     ran && ran->status == COS_RUN_RETURNED ? "it returned" : run_error.c_str());
		return std::nullopt;
	}
	if (samples && before && after)
		samples->invocations = *after - *before;
	return samples;
}

} // namespace cosk::bench
