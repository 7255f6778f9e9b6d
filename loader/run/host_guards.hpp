// SPDX-License-Identifier: GPL-2.0
// What the host process sets up around a run: the region kept free of its own memory, and Ctrl-C
// and SIGTERM turned into a clean stop. (Faults of component code never reach the host as
// signals: the module's entry code takes them.)
#pragma once

#include <atomic>
#include <csignal>
#include <thread>

#include "runtime/host/device.hpp"

namespace cosk::loader {

// Reserves the shared region in the host's address space (PROT_NONE, no memory behind it), so
// that Linux never places the host's own mappings where components live. Released on destruction.
class Region_reservation {
public:
	// Fails (ok() false) when something of the host occupies the region already.
	Region_reservation();
	~Region_reservation();
	Region_reservation(const Region_reservation &) = delete;
	Region_reservation &operator=(const Region_reservation &) = delete;

	bool ok() const { return base_ != nullptr; }

private:
	void *base_;
};

// While it lives, SIGINT and SIGTERM to the host process stop the run on device (COS_IOC_STOP)
// instead of killing the process: the host thread is running component code, on component
// stacks, where Linux could not deliver a signal to the host's handler. A thread of its own
// waits for them; every thread of the process blocks them meanwhile, and after a stop by one of
// them, for good: the process is ending, and a second one must not kill it before its report.
class Stop_on_signals {
public:
	explicit Stop_on_signals(const host::Device &device);
	~Stop_on_signals();
	Stop_on_signals(const Stop_on_signals &) = delete;
	Stop_on_signals &operator=(const Stop_on_signals &) = delete;

	// The signal that stopped the run, or 0.
	int signal() const { return signal_.load(); }

private:
	sigset_t old_mask_;
	std::atomic<int> signal_{0};
	std::thread watcher_;
};

} // namespace cosk::loader
