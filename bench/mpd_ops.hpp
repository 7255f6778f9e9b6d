// SPDX-License-Identifier: GPL-2.0
// Table 1 of the MPD paper as the MPD benchmark measures it: ten components merged one by one
// and split again, many times, on a system that is only built (idle) or on one that runs
// (live), each operation timed by the module itself (cos_mpd_op.cost_ns).
#pragma once

#include <optional>
#include <vector>

#include "bench/measure.hpp"

namespace cosk::bench {

struct Mpd_samples {
	std::vector<double> merges;		// the module's timing of each merge
	std::vector<double> merge_ioctls;	// each merge as an ioctl round trip, from user space
	std::vector<double> reused_splits;	// splits that reused the domain in place
	std::vector<double> fresh_splits;	// splits that built new domains, as asked (COS_SPLIT_FRESH)
	std::vector<double> fallen_back;	// splits asked to reuse that found a frame in the domain:
						// they waited for the running CPU, then built new ones
	std::uint64_t invocations = 0;		// across domains, while the operations were done
};

// On a system built from plan (ten components named c0 to c9) that never runs.
std::optional<Mpd_samples> mpd_idle(const Options &options, const loader::Load_plan &plan);

// On a system built from plan that runs meanwhile: its entry (bench_mpd_load) keeps invoking a
// chain c0 -> ... -> c9, on a CPU of its own when there are two, and has run between any two
// rounds of operations. The run must end only when stopped, with no fault: every answer of the
// chain was right.
std::optional<Mpd_samples> mpd_live(const Options &options, const loader::Load_plan &plan);

} // namespace cosk::bench
