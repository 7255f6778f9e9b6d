// SPDX-License-Identifier: GPL-2.0
// The region reservation of a run.
#include "loader/run/host_guards.hpp"

#include <cstddef>

#include <pthread.h>
#include <time.h>
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

namespace {

// The watcher's own signal, to end it when the run ends without a stop.
constexpr int watcher_done = SIGUSR1;

sigset_t stop_signals()
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, watcher_done);
	return set;
}

} // namespace

Stop_on_signals::Stop_on_signals(const host::Device &device)
{
	const sigset_t set = stop_signals();
	pthread_sigmask(SIG_BLOCK, &set, &old_mask_);
	// Created after the mask: the watcher blocks them too, and takes them with sigwait().
	watcher_ = std::thread([this, &device, set] {
		int caught = 0;
		while (sigwait(&set, &caught) == 0 && caught != watcher_done) {
			signal_.store(caught);
			(void)device.stop();
		}
	});
}

Stop_on_signals::~Stop_on_signals()
{
	pthread_kill(watcher_.native_handle(), watcher_done);
	watcher_.join();
	// A stop signal may come again while the run is ending and after (timeout(1) signals the
	// process and then its group; people press Ctrl-C twice). It asks for the stop already
	// made: the ones pending are taken here, and after a stop by signal, SIGINT and SIGTERM stay
	// blocked, since the host then only reports the stop and exits with 128 + the signal, which
	// another of them must not cut short.
	const sigset_t set = stop_signals();
	const timespec now{};
	for (int caught; (caught = sigtimedwait(&set, nullptr, &now)) > 0;) {
		if (caught != watcher_done && !signal_.load())
			signal_.store(caught);
	}
	if (signal_.load()) {
		sigaddset(&old_mask_, SIGINT);
		sigaddset(&old_mask_, SIGTERM);
	}
	pthread_sigmask(SIG_SETMASK, &old_mask_, nullptr);
}

} // namespace cosk::loader
