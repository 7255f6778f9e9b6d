// SPDX-License-Identifier: GPL-2.0
// The entry of the fault test: runs every attack of the injector and checks that each one faults
// (the invocation returns COS_INVOKE_FAULTED) and leaves the victim's secret as it was.
#include <cos/component.hpp>
#include <cos/system/print.hpp>

#include "module/uapi/cos.h"

COS_IMPORT(attack);
COS_IMPORT(victim_get);
COS_IMPORT(victim_set);

namespace {

// Indexed by the injector's attack kinds.
constexpr const char *attack_names[] = {
	"read_secret", "write_secret", "execute_victim", "wild_jump",
	"invalid_opcode", "host_read", "divide_by_zero", "host_read_mapped", "host_write_mapped",
};

// The last attack does not fault: it asks the module to write into the host's memory, which the
// module must refuse (-EPERM) to component code.
constexpr cos_word host_write_via_module = 9;
constexpr cos_word refused = static_cast<cos_word>(-1); // -EPERM

constexpr cos_word attack_count = sizeof(attack_names) / sizeof(attack_names[0]);

} // namespace

// host_address, the first argument, is an address where the host has writable memory (the test
// knows one); without it the attacks on such memory are skipped. Returns the number of attacks
// that were not contained or that changed the victim.
extern "C" cos_word main(cos_word host_address, cos_word, cos_word, cos_word)
{
	cos_word failures = 0;
	const cos_word kinds = host_address ? attack_count : attack_count - 2;
	for (cos_word kind = 0; kind < kinds; kind++) {
		// A fresh value each time, so that an earlier attack's leftovers cannot pass for it.
		const cos_word known = 0x5afe000000000000ULL | (kind << 16) | 0x5afe;
		victim_set(known);
		const bool contained = attack(kind, host_address) == COS_INVOKE_FAULTED;
		const bool intact = victim_get() == known;
		if (!contained || !intact)
			failures++;
		cos_printf("attack %s: %s, victim %s\n", attack_names[kind],
			   contained ? "contained" : "NOT CONTAINED", intact ? "intact" : "CHANGED");
	}
	cos_printf("fault_main: %lu of %lu attacks contained with the victim intact\n",
		   kinds - failures, kinds);
	if (host_address) {
		const bool was_refused = attack(host_write_via_module, host_address) == refused;
		if (!was_refused)
			failures++;
		cos_printf("attack host_write_via_module: %s\n", was_refused ? "refused" : "NOT REFUSED");
	}
	return failures;
}
COS_EXPORT(main);
