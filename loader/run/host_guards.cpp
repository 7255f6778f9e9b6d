// SPDX-License-Identifier: GPL-2.0
// The region reservation and the fault-signal routing of a run.
#include "loader/run/host_guards.hpp"

#include <sys/mman.h>

#include "module/uapi/cos.h"

namespace cosk::loader {

namespace {
constexpr std::size_t region_size = COS_REGION_SLOTS * COS_SLOT_SIZE;
constexpr std::size_t fault_stack_size = 64 * 1024;
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

Fault_signals::Fault_signals() : stack_(new char[fault_stack_size])
{
	stack_t stack{};
	stack.ss_sp = stack_.get();
	stack.ss_size = fault_stack_size;
	if (sigaltstack(&stack, &previous_stack_) != 0)
		return;

	struct sigaction action {};
	// The runtime page's fault entry runs in component mode: it needs its own view of the
	// signal frame (SA_SIGINFO), must not leave the signal blocked since it never returns
	// (SA_NODEFER), and must not touch a component's stack, which may be what faulted (SA_ONSTACK).
	action.sa_sigaction = reinterpret_cast<void (*)(int, siginfo_t *, void *)>(COS_RUNTIME_PAGE +
										    COS_RUNTIME_FAULT_OFFSET);
	action.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;
	sigemptyset(&action.sa_mask);
	for (std::size_t i = 0; i < signals.size(); i++) {
		if (sigaction(signals[i], &action, &previous_[i]) != 0)
			return;
	}
	ok_ = true;
}

Fault_signals::~Fault_signals()
{
	for (std::size_t i = 0; i < signals.size(); i++)
		sigaction(signals[i], &previous_[i], nullptr);
	sigaltstack(&previous_stack_, nullptr);
}

} // namespace cosk::loader
