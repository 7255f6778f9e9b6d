// SPDX-License-Identifier: GPL-2.0
// What the MPD test components wait on: a user-level capability's path, which the module flips
// between a direct call and the stub into the module when it merges or splits domains. A test
// signals a component by merging or splitting the two ends of one of its capabilities.
#pragma once

#include <cos/component.hpp>

extern "C" void __cos_inv_stub();

// Whether calls through ucap cross a protection-domain boundary now.
static inline bool cos_crosses_domains(const Cos_ucap &ucap)
{
	return __atomic_load_n(&ucap.fn, __ATOMIC_RELAXED) == reinterpret_cast<cos_word>(&__cos_inv_stub);
}

// Waits until the callee of ucap is split away from the caller's domain.
static inline void cos_await_split(const Cos_ucap &ucap)
{
	while (!cos_crosses_domains(ucap))
		asm volatile("pause");
}

// Waits until the callee of ucap is merged into the caller's domain.
static inline void cos_await_merge(const Cos_ucap &ucap)
{
	while (cos_crosses_domains(ucap))
		asm volatile("pause");
}
