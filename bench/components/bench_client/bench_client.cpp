// SPDX-License-Identifier: GPL-2.0
// The invocation benchmark's client: main(n, path) invokes the adder n times, through the path
// its user-level capability holds (path 0: a plain call inside a domain, the entry code's fast
// path across domains), through Linux's system-call path (path 1: the slow path), or presents a
// capability it does not hold (path 2: one trip into the entry code and out, refused). The host
// times whole runs; a run of 0 invocations is the baseline it subtracts.
#include <cos/component.hpp>

#include "module/uapi/cos.h"

COS_IMPORT(add);

extern "C" void __cos_inv_stub();

namespace {

enum Path : cos_word { fast = 0, slow = 1, refused = 2 };

// A capability number beyond every table: the entry code refuses it with -EINVAL.
Cos_ucap unheld{reinterpret_cast<cos_word>(&__cos_inv_stub), COS_MAX_CAPS, 0, 0};

} // namespace

// Returns the sum of the results, so that no invocation can be optimised away.
extern "C" cos_word main(cos_word n, cos_word path, cos_word, cos_word)
{
	cos_word sum = 0;

	for (cos_word i = 0; i < n; i++) {
		switch (path) {
		case fast: sum += add(i, 1); break;
		case slow: sum += cos_invoke_slow(&__cos_import_add, i, 1, 0, 0); break;
		default: sum += cos_invoke(&unheld, i, 1, 0, 0); break;
		}
	}
	return sum;
}
COS_EXPORT(main);
