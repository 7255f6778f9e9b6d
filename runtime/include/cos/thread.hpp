// SPDX-License-Identifier: GPL-2.0
// Which component thread is running, read from the stack pointer: every thread has its own stack
// in every component, at a place that names it (module/uapi/cos.h), and a direct call runs on the
// caller's, so the stack pointer tells the thread in any code, without asking the kernel.
#pragma once

#include <cos/component.hpp>

#include "module/uapi/cos.h"

// The running thread's id.
static inline cos_word cos_thread_self()
{
	cos_word sp;
	asm volatile("movq %%rsp, %0" : "=r"(sp));
	const cos_word in_slot = sp & (COS_SLOT_SIZE - 1);
	return (in_slot - (COS_STACK_TOP_OFFSET - COS_STACK_SIZE)) / COS_STACK_STRIDE;
}

// The base of the calling component's slot, where its image starts: the address of any of its
// own code, rounded down to the slot. What the loader's settings give as offsets (the `share.*`
// and `nic.*` keys) are from here.
static inline cos_word cos_component_base()
{
	cos_word ip;
	asm("leaq 0(%%rip), %0" : "=r"(ip));
	return ip & ~(COS_SLOT_SIZE - 1);
}
