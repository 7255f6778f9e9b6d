// SPDX-License-Identifier: GPL-2.0
// The entry of the attack test: main(kind) has the attacker carry out one attack
// (tests/components/attacker/attacks.hpp), then checks that the victim holds what it held and that the
// attacker still answers, and prints one line saying what happened. The test
// (tests/guest/cases/attacks.sh) compares the line and the module's report with what each attack
// must end in.
#include <cos/component.hpp>
#include <cos/system/print.hpp>

#include "tests/components/attacker/attacks.hpp"
#include "module/uapi/cos.h"

COS_IMPORT(attack);
COS_IMPORT(alive);
COS_IMPORT(victim_get);
COS_IMPORT(victim_set);

namespace {

constexpr const char *attack_names[] = {
#define COS_ATTACK_NAME(name) #name,
	COS_ATTACKS(COS_ATTACK_NAME)
#undef COS_ATTACK_NAME
};
static_assert(sizeof(attack_names) / sizeof(attack_names[0]) ==
	      static_cast<cos_word>(cosk::attacks::Attack::count));

} // namespace

// Returns 0 when the line is printed, 1 for a kind there is no attack of.
extern "C" cos_word main(cos_word kind, cos_word, cos_word, cos_word)
{
	if (kind >= static_cast<cos_word>(cosk::attacks::Attack::count)) {
		cos_printf("attack_main: no attack %lu\n", kind);
		return 1;
	}
	// A value of this run's own, so that leftovers of another cannot pass for it.
	const cos_word known = 0x5afe5afe00000000ULL | kind;
	victim_set(known);
	const cos_word result = attack(kind, known);
	const bool intact = victim_get() == known;
	const bool answers = alive() == cosk::attacks::alive_answer;
	if (result == COS_INVOKE_FAULTED)
		cos_printf("attack %s: faulted, victim %s, attacker %s\n", attack_names[kind],
			   intact ? "intact" : "CHANGED", answers ? "answers" : "SILENT");
	else
		cos_printf("attack %s: returned 0x%lx, victim %s, attacker %s\n", attack_names[kind], result,
			   intact ? "intact" : "CHANGED", answers ? "answers" : "SILENT");
	return 0;
}
COS_EXPORT(main);
