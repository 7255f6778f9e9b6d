// SPDX-License-Identifier: GPL-2.0
// The lifetime test's entry (tests/graphs/mpd-lifetime.cosg): invokes the holder, which waits inside
// its protection domain while the test splits that domain, then reports what came back and
// waits until the test merges it with the holder, so that the test can read the module's
// counters while the system still runs.
#include <cos/component.hpp>
#include <cos/system/print.hpp>

#include "tests/components/mpd_test/await.hpp"

COS_IMPORT(hold);

extern "C" cos_word main(cos_word, cos_word, cos_word, cos_word)
{
	const cos_word got = hold();
	cos_printf("watcher: hold returned %lu\n", got);
	cos_await_merge(__cos_import_hold);
	cos_printf("watcher: released\n");
	return got == 49 ? 0 : 1;
}
COS_EXPORT(main);
