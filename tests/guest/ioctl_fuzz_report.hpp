// SPDX-License-Identifier: GPL-2.0
// What the ioctl fuzzer (ioctl_fuzz.cpp) counts: the requests it knows, by name, and what each
// fuzzing process reached (runs that came back, merges of a running system...), added up over the
// processes and printed for tests/guest/cases/ioctl_fuzz.sh to check against its minimums.
#pragma once

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <map>

#include "module/uapi/cos.h"

namespace ioctl_fuzz {

// Every request the module answers, by name; the component calls are refused to the host (EPERM).
struct Known {
	const char *name;
	unsigned long nr;
};
#define KNOWN(request) Known{#request, request}
constexpr std::array<Known, 34> known_requests = {
	KNOWN(COS_IOC_INFO),	      KNOWN(COS_IOC_PD_CREATE),		KNOWN(COS_IOC_COMPONENT_CREATE),
	KNOWN(COS_IOC_MAP),	      KNOWN(COS_IOC_CAP_CREATE),	KNOWN(COS_IOC_RUN),
	KNOWN(COS_IOC_STATS),	      KNOWN(COS_IOC_FAULTS),		KNOWN(COS_IOC_IMMUTABLE),
	KNOWN(COS_IOC_MERGE),	      KNOWN(COS_IOC_SPLIT),		KNOWN(COS_IOC_PDS),
	KNOWN(COS_IOC_EDGES),	      KNOWN(COS_IOC_STOP),		KNOWN(COS_IOC_SYSTEMS),
	KNOWN(COS_IOC_ATTACH),	      KNOWN(COS_IOC_INVOKE),		KNOWN(COS_IOC_RETURN),
	KNOWN(COS_IOC_CONSOLE),	      KNOWN(COS_IOC_FAULT),		KNOWN(COS_IOC_CALL_SELF),
	KNOWN(COS_IOC_CALL_MERGE),    KNOWN(COS_IOC_CALL_SPLIT),	KNOWN(COS_IOC_CALL_PD_OF),
	KNOWN(COS_IOC_CALL_EDGES),    KNOWN(COS_IOC_CALL_SCHED_SETUP),	KNOWN(COS_IOC_CALL_THREAD_CREATE),
	KNOWN(COS_IOC_CALL_SWITCH),   KNOWN(COS_IOC_CALL_TIME),		KNOWN(COS_IOC_CALL_CLIENT),
	KNOWN(COS_IOC_CALL_SCHED_IDLE), KNOWN(COS_IOC_NIC_ATTACH),	KNOWN(COS_IOC_CALL_NIC_SEND),
	KNOWN(COS_IOC_SHARE),
};
#undef KNOWN

// The index of @nr in known_requests, or known_requests.size().
inline std::size_t known_index(unsigned long nr)
{
	std::size_t i = 0;
	while (i < known_requests.size() && known_requests[i].nr != nr)
		i++;
	return i;
}

// What a fuzzing process saw, written to its report file as it goes: whether it reached the
// states it means to test, and not only what the module answered.
struct Report {
	std::array<std::uint32_t, 256> errors;				// requests by errno (0: success)
	std::array<std::uint32_t, 3> runs;				// runs that came back, by COS_RUN_*
	std::array<std::uint32_t, known_requests.size()> successes;	// successful requests, by kind
	std::uint32_t attached_running;	// 1: its control file attached to a running system at the start
	// Merges and splits of another process's system while it ran (its threads alive before and
	// after), and runs of other systems it stopped.
	std::uint32_t merges_running;
	std::uint32_t splits_running;
	std::uint32_t stops;
};

// The reports of every fuzzing process, added up.
struct Totals {
	std::map<int, std::uint64_t> errors;
	std::array<std::uint64_t, 3> runs{};
	std::array<std::uint64_t, known_requests.size()> successes{};
	std::uint64_t attached_running = 0, merges_running = 0, splits_running = 0, stops = 0;

	void add(const Report &r);
	// Prints how the runs ended, the successes by request, and the counts the case checks
	// against its minimums, as `  reached NAME COUNT`.
	void print(std::uint64_t killed_part_way) const;
};

inline void Totals::add(const Report &r)
{
	for (std::size_t e = 0; e < r.errors.size(); e++)
		if (r.errors[e])
			errors[static_cast<int>(e)] += r.errors[e];
	for (std::size_t i = 0; i < runs.size(); i++)
		runs[i] += r.runs[i];
	for (std::size_t i = 0; i < successes.size(); i++)
		successes[i] += r.successes[i];
	attached_running += r.attached_running;
	merges_running += r.merges_running;
	splits_running += r.splits_running;
	stops += r.stops;
}

// One count the case checks against its minimum.
inline void reached(const char *name, std::uint64_t count)
{
	std::printf("  reached %s %llu\n", name, static_cast<unsigned long long>(count));
}

inline void Totals::print(std::uint64_t killed_part_way) const
{
	std::printf("  runs that came back: %llu returned, %llu faulted, %llu stopped\n",
		    static_cast<unsigned long long>(runs[COS_RUN_RETURNED]),
		    static_cast<unsigned long long>(runs[COS_RUN_FAULTED]),
		    static_cast<unsigned long long>(runs[COS_RUN_STOPPED]));
	std::printf("  successes:");
	for (std::size_t i = 0; i < known_requests.size(); i++)
		if (successes[i])
			std::printf(" %s %llu", known_requests[i].name + std::strlen("COS_IOC_"),
				    static_cast<unsigned long long>(successes[i]));
	std::printf("\n");
	reached("runs_that_came_back", runs[0] + runs[1] + runs[2]);
	reached("runs_that_returned", runs[COS_RUN_RETURNED]);
	reached("capabilities_created", successes[known_index(COS_IOC_CAP_CREATE)]);
	reached("processes_killed_part_way", killed_part_way);
	reached("attached_to_a_running_system", attached_running);
	reached("merges_of_a_running_system", merges_running);
	reached("splits_of_a_running_system", splits_running);
	reached("stops_of_a_running_system", stops);
}

} // namespace ioctl_fuzz
