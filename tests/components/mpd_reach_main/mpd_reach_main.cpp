// SPDX-License-Identifier: GPL-2.0
// The stale-domain test's entry (tests/graphs/mpd-reach.cosg): invokes the reacher, in a domain of its
// own, and reports what came back.
#include <cos/component.hpp>
#include <cos/system/print.hpp>

COS_IMPORT(reach);

extern "C" cos_word main(cos_word, cos_word, cos_word, cos_word)
{
	const cos_word got = reach(5);
	cos_printf("reach_main: reach returned %lu\n", got);
	return got == 5003 ? 0 : 1;
}
COS_EXPORT(main);
