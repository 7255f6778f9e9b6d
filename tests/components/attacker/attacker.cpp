// SPDX-License-Identifier: GPL-2.0
// The attacker of the attack test (tests/guest/cases/attacks.sh): attack(kind, known) tries one
// thing that every protection domain must refuse its component, or, for a few, must allow
// (attacks.hpp lists them all). alive() answers afterwards, to show the fault ended only the
// invocation that made it.
#include <cos/component.hpp>

#include "tests/components/attacker/attacker.hpp"

// For the attacks that invoke with the single-step flag set: victim_get answers the value the
// victim holds, which the test knows.
COS_IMPORT(victim_get);

namespace cosk::attacks {
namespace {

constexpr cos_word unknown_kind = 0xbadbad;

bool in(Attack a, Attack first, Attack last)
{
	return a >= first && a <= last;
}

} // namespace
} // namespace cosk::attacks

extern "C" cos_word attack(cos_word kind, cos_word known, cos_word, cos_word)
{
	using namespace cosk::attacks;
	if (kind >= static_cast<cos_word>(Attack::count))
		return unknown_kind;
	const auto a = static_cast<Attack>(kind);
	if (in(a, Attack::read_entry_code, Attack::write_rodata))
		return memory_attack(a);
	if (in(a, Attack::cli, Attack::sidt))
		return privileged_attack(a);
	if (in(a, Attack::single_step, Attack::pop_ss))
		return single_step_attack(a, __cos_import_victim_get.cap, known);
	if (a == Attack::far_jump_to_32_bit_syscall)
		return cos_attack_far_jump_to_32_bit_syscall();
	if (a == Attack::far_jump_to_32_bit_int80)
		return cos_attack_far_jump_to_32_bit_int80();
	return unknown_kind;
}
COS_EXPORT(attack);

extern "C" cos_word alive(cos_word, cos_word, cos_word, cos_word)
{
	return cosk::attacks::alive_answer;
}
COS_EXPORT(alive);
