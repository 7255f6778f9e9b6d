// SPDX-License-Identifier: GPL-2.0
// The entry of the kernel-call fuzz test: main(seed, shots) has the shooter (components/
// call_fuzzer, in another protection domain) make that many random kernel entries, one per
// invocation, and checks after each that the victim next door is as it was; at the end, that
// invocations still work. Returns the number of shots after which something was wrong.
#include <cos/component.hpp>
#include <cos/system/print.hpp>

#include "module/uapi/cos.h"

COS_IMPORT(shoot);
COS_IMPORT(victim_get);
COS_IMPORT(victim_set);
COS_IMPORT(add);

extern "C" cos_word main(cos_word seed, cos_word shots, cos_word, cos_word)
{
	cos_word faulted = 0, returned = 0, failures = 0;
	for (cos_word i = 0; i < shots; i++) {
		const cos_word known = 0x5afe000000000000ULL ^ (i * 0x10001);
		victim_set(known);
		if (shoot(seed, i) == COS_INVOKE_FAULTED)
			faulted++;
		else
			returned++;
		if (victim_get() != known) {
			cos_printf("call fuzz: after shot %lu (seed %lu) the victim changed\n", i, seed);
			failures++;
		}
	}
	const bool works = add(40, 2) == 42;
	if (!works) {
		cos_printf("call fuzz: invocations fail after the shots\n");
		failures++;
	}
	cos_printf("call fuzz: seed %lu, %lu shots: %lu came back, %lu faulted (contained); victim intact "
		   "after %lu; invocations %s\n",
		   seed, shots, returned, faulted, shots - failures + (works ? 0 : 1), works ? "work" : "FAIL");
	return failures;
}
COS_EXPORT(main);
