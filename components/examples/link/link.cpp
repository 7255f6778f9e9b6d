// SPDX-License-Identifier: GPL-2.0
// A link of a chain: passes step on to the next component untouched, both ways. One image serves
// every link; the graph gives each instance its own name and its own next component.
#include <cos/component.hpp>

COS_IMPORT_AS(next_step, step);

extern "C" cos_word step(cos_word a0, cos_word a1, cos_word a2, cos_word a3)
{
	return next_step(a0, a1, a2, a3);
}
COS_EXPORT(step);
