// SPDX-License-Identifier: GPL-2.0
// The invocation benchmark's client: main(n, path) invokes the adder n times, through the fast
// path (path 0: the entry code carries it) or the slow one (path 1: Linux's system-call path).
// The host times whole runs; a run of 0 invocations is the baseline it subtracts.
#include <cos/component.hpp>

COS_IMPORT(add);

// Returns the sum of the results, so that no invocation can be optimised away.
extern "C" cos_word main(cos_word n, cos_word path, cos_word, cos_word)
{
	cos_word sum = 0;

	for (cos_word i = 0; i < n; i++)
		sum += path ? cos_invoke_slow(&__cos_import_add, i, 1, 0, 0) : add(i, 1);
	return sum;
}
COS_EXPORT(main);
