// SPDX-License-Identifier: GPL-2.0
// The stale-domain test's reacher (tests/graphs/mpd-reach.cosg). It shares a domain with the bridge
// and a third component; reach() waits inside that domain until the test splits the third away
// (the domain goes stale under it), then until the test merges the bridge with a component the
// stale domain never mapped, and finally calls through the bridge, directly, into that
// component: the module must map it into the stale domain (section 3.2 of the MPD paper).
#include <cos/component.hpp>
#include <cos/system/print.hpp>

#include "tests/components/mpd_test/await.hpp"

COS_IMPORT(poke);
COS_IMPORT(merged);
COS_IMPORT(through);

extern "C" cos_word reach(cos_word x, cos_word, cos_word, cos_word)
{
	cos_printf("reacher: inside\n");
	cos_await_split(__cos_import_poke);
	cos_printf("reacher: split seen\n");
	while (!merged())
		asm volatile("pause");
	return through(x);
}
COS_EXPORT(reach);
