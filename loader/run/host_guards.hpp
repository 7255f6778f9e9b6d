// SPDX-License-Identifier: GPL-2.0
// What the host process sets up around a run: the region kept free of its own memory, and the
// component-fault signals routed to the runtime page's fault entry.
#pragma once

#include <array>
#include <csignal>
#include <memory>

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

// For as long as it lives, the signals a faulting component raises go to the runtime page's
// fault entry, on an alternate stack, instead of killing the host (module/uapi/cos.h,
// COS_RUNTIME_FAULT_OFFSET). The previous handlers and stack come back on destruction.
class Fault_signals {
public:
	Fault_signals();
	~Fault_signals();
	Fault_signals(const Fault_signals &) = delete;
	Fault_signals &operator=(const Fault_signals &) = delete;

	bool ok() const { return ok_; }

private:
	static constexpr std::array<int, 5> signals = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP};
	std::array<struct sigaction, signals.size()> previous_{};
	stack_t previous_stack_{};
	std::unique_ptr<char[]> stack_;
	bool ok_ = false;
};

} // namespace cosk::loader
