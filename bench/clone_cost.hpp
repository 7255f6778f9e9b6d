// SPDX-License-Identifier: GPL-2.0
// Linux's cost of copying an address space: clone() without CLONE_VM minus clone() with it, in
// the calling process (section 5.1 of the MPD paper compares merge and split with it).
#pragma once

#include <optional>

namespace cosk::bench {

// The median time of one clone() call in this process with flags, over samples calls; the child
// exits at once and is reaped outside the timing. nullopt when a clone or wait failed.
std::optional<double> clone_cost(int flags, int samples);

// Resident pages of this process: what clone() without CLONE_VM copies the page tables of.
long resident_pages();

} // namespace cosk::bench
