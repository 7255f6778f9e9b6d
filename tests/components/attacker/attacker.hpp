// SPDX-License-Identifier: GPL-2.0
// The attacker's groups of attacks (attacks.hpp numbers them), one source file each. Each returns
// what the attack left when it did not fault: the value it read, cosk::attacks::worked for an
// attack that is meant to work, or survived() for one that should have faulted.
#pragma once

#include <cos/component.hpp>

#include "tests/components/attacker/attacks.hpp"

namespace cosk::attacks {

// What an attack that should have faulted returns when it did not.
constexpr cos_word survived(Attack a)
{
	return 0xbad00000 + static_cast<cos_word>(a);
}

// The module's pages, the runtime page, and the component's own memory (memory.cpp).
cos_word memory_attack(Attack a);

// Privileged instructions and privilege-changing returns (privileged.cpp).
cos_word privileged_attack(Attack a);

// The single-step flag and MOV SS around the entry instructions (single_step.cpp). cap is the
// kernel capability number of victim_get, known the value the victim holds.
cos_word single_step_attack(Attack a, cos_word cap, cos_word known);

} // namespace cosk::attacks

// The far jumps into 32-bit code (compat.S); they never return.
extern "C" cos_word cos_attack_far_jump_to_32_bit_syscall();
extern "C" cos_word cos_attack_far_jump_to_32_bit_int80();
