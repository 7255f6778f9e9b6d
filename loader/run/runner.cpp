// SPDX-License-Identifier: GPL-2.0
// Building a system in the module from a load plan, and running its entry.
#include "loader/run/runner.hpp"

#include <cstdio>
#include <ctime>
#include <utility>
#include <vector>

#include "loader/run/area_setup.hpp"
#include "loader/run/host_guards.hpp"
#include "runtime/host/device.hpp"

namespace cosk::loader {

namespace {

Failure<Run_failure> module_failure(const std::string &what, const host::Device_failure &failure)
{
	return Failure{Run_failure{Run_error::module, what + ": " + host::describe(failure)}};
}

} // namespace

Attempt<Built_system, Run_failure> build_system(const host::Device &device, const Load_plan &plan)
{
	std::vector<std::uint32_t> pd_of(plan.components.size());
	for (const auto &group : plan.pd_groups) {
		auto pd = device.create_pd();
		if (!pd)
			return module_failure("creating a protection domain", pd.error());
		for (std::size_t member : group)
			pd_of[member] = pd.value();
	}

	Built_system built;
	for (std::size_t i = 0; i < plan.components.size(); i++) {
		const Plan_component &c = plan.components[i];
		// The privileges are the module's flags: it enforces what the graph granted.
		auto id = device.create_component(c.slot, c.privileges, c.upcall_entry, c.inv_stub, pd_of[i], c.name,
						  c.number);
		if (!id)
			return module_failure("creating component " + c.name, id.error());
		built.component_ids.push_back(id.value());
		for (const Initialized_range &r : c.ranges) {
			auto mapped = device.map(id.value(), r.range.address, r.range.size, r.range.prot, r.bytes);
			if (!mapped)
				return module_failure("giving memory to component " + c.name, mapped.error());
		}
	}

	// With every component's memory in place, so that an area overlapping it is refused.
	if (auto areas = set_up_areas(device, plan, built.component_ids); !areas)
		return Failure{areas.error()};

	// Before any capability, as the graph's immutable lines are part of the system's shape; the
	// checker made sure no pd line joins such a pair.
	for (const auto &[a, b] : plan.immutable_pairs) {
		auto made = device.immutable(built.component_ids[a], built.component_ids[b]);
		if (!made)
			return module_failure("making the boundary between " + plan.components[a].name + " and " +
						      plan.components[b].name + " immutable",
					      made.error());
	}

	for (std::size_t i = 0; i < plan.components.size(); i++) {
		for (const Plan_import &import : plan.components[i].imports) {
			auto cap = device.create_cap(built.component_ids[i], built.component_ids[import.provider],
						     import.function, import.ucap);
			if (!cap)
				return module_failure("binding " + plan.components[i].name + "." + import.name,
						      cap.error());
		}
	}
	return built;
}

namespace {

const char *fault_kind(std::uint32_t vector)
{
	switch (vector) {
	case 0: return "divide error";
	case 1: return "debug trap";
	case 3: return "breakpoint";
	case 6: return "invalid instruction";
	case 13: return "general protection fault";
	case 14: return "page fault";
	case 17: return "alignment check";
	case COS_FAULT_SYSCALL: return "refused system call";
	default: return "exception";
	}
}

// /dev/cos, for a run in the region the host keeps free of its own memory.
Attempt<host::Device, Run_failure> open_for_run(const Region_reservation &region)
{
	if (!region.ok())
		return Failure{Run_failure{Run_error::region_taken,
					   "the host has memory where the component region must go"}};
	auto device = host::Device::open();
	if (!device)
		return Failure{Run_failure{Run_error::module, host::describe(device.error())}};
	return std::move(device.value());
}

} // namespace

Attempt<Run_outcome, Run_failure> run_plan(const Load_plan &plan, const std::array<std::uint64_t, 4> &args)
{
	Region_reservation region;
	auto device = open_for_run(region);
	if (!device)
		return Failure{device.error()};
	auto info = device.value().info();
	if (!info)
		return Failure{Run_failure{Run_error::module, host::describe(info.error())}};

	Run_outcome outcome;
	outcome.pages_before = info.value().pages_in_use;
	auto built = build_system(device.value(), plan);
	if (!built)
		return Failure{built.error()};

	std::uint32_t entry = built.value().component_ids[plan.entry.component];
	auto run = [&] {
		Stop_on_signals stop(device.value());
		auto ran = device.value().run(entry, plan.entry.address, args);
		outcome.stopped_by = stop.signal();
		return ran;
	}();
	if (!run)
		return module_failure("running " + plan.components[plan.entry.component].name, run.error());

	outcome.faulted = run.value().status == COS_RUN_FAULTED;
	outcome.stopped = run.value().status == COS_RUN_STOPPED;
	outcome.threads = run.value().threads;
	outcome.result = run.value().result;
	outcome.fault = run.value().fault;
	auto stats = device.value().stats();
	if (stats)
		outcome.stats = stats.value();
	auto faults = device.value().faults();
	if (faults)
		outcome.faults = faults.value();
	return outcome;
}

Attempt<std::vector<Timed_run>, Run_failure>
time_runs(const Load_plan &plan, const std::vector<std::array<std::uint64_t, 4>> &args_list)
{
	Region_reservation region;
	std::vector<Timed_run> runs;
	for (const auto &args : args_list) {
		auto device = open_for_run(region);
		if (!device)
			return Failure{device.error()};
		auto built = build_system(device.value(), plan);
		if (!built)
			return Failure{built.error()};

		const std::uint32_t entry = built.value().component_ids[plan.entry.component];
		timespec start{}, end{};
		clock_gettime(CLOCK_MONOTONIC, &start);
		auto run = device.value().run(entry, plan.entry.address, args);
		clock_gettime(CLOCK_MONOTONIC, &end);
		if (!run)
			return module_failure("running " + plan.components[plan.entry.component].name, run.error());
		if (run.value().status == COS_RUN_FAULTED)
			return Failure{Run_failure{Run_error::module, describe_fault(plan, run.value().fault)}};
		if (run.value().status != COS_RUN_RETURNED)
			return Failure{Run_failure{Run_error::module, "the run was stopped before it returned"}};
		auto stats = device.value().stats();
		if (!stats)
			return module_failure("reading the system's counters", stats.error());
		runs.push_back(Timed_run{
			static_cast<std::uint64_t>(end.tv_sec - start.tv_sec) * 1000000000ULL +
				static_cast<std::uint64_t>(end.tv_nsec) - static_cast<std::uint64_t>(start.tv_nsec),
			run.value().result, stats.value()});
	}
	return runs;
}

std::string describe_fault(const Load_plan &plan, const cos_fault_report &fault)
{
	std::string who = fault.component < plan.components.size() ? plan.components[fault.component].name
								   : std::string("an unknown component");
	char where[160];
	if (fault.vector == COS_FAULT_SYSCALL)
		std::snprintf(where, sizeof(where), " (number %llu) at %#llx",
			      static_cast<unsigned long long>(fault.address), static_cast<unsigned long long>(fault.ip));
	else if (fault.vector == 14)
		std::snprintf(where, sizeof(where), " at address %#llx (instruction %#llx, error code %#llx)",
			      static_cast<unsigned long long>(fault.address), static_cast<unsigned long long>(fault.ip),
			      static_cast<unsigned long long>(fault.error_code));
	else if (fault.vector == 13)
		// The error code tells a selector or a gate (a far return to ring 0, int $2) from a
		// plain privileged instruction (0).
		std::snprintf(where, sizeof(where), " at %#llx (error code %#llx)",
			      static_cast<unsigned long long>(fault.ip), static_cast<unsigned long long>(fault.error_code));
	else
		std::snprintf(where, sizeof(where), " at %#llx", static_cast<unsigned long long>(fault.ip));
	return "component " + who + " faulted: " + fault_kind(fault.vector) + where;
}

} // namespace cosk::loader
