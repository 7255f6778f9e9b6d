// SPDX-License-Identifier: GPL-2.0
// The region reservation of a run.
#include "loader/run/host_guards.hpp"

#include <cstddef>

#include <sys/mman.h>

#include "module/uapi/cos.h"

namespace cosk::loader {

namespace {
constexpr std::size_t region_size = COS_REGION_SLOTS * COS_SLOT_SIZE;
} // namespace

Region_reservation::Region_reservation()
{
	void *want = reinterpret_cast<void *>(COS_REGION_BASE);
	void *got = mmap(want, region_size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE,
			 -1, 0);
	base_ = got == want ? got : nullptr;
	if (got != MAP_FAILED && got != want)
		munmap(got, region_size); // an old kernel that took the address as a hint
}

Region_reservation::~Region_reservation()
{
	if (base_)
		munmap(base_, region_size);
}

} // namespace cosk::loader
