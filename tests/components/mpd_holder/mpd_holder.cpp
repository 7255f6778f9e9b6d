// SPDX-License-Identifier: GPL-2.0
// The lifetime test's holder (tests/graphs/mpd-lifetime.cosg): shares a protection domain with the
// helper. Its hold() announces itself and waits, inside that domain, until the test splits the
// helper away and then merges the holder with the gate; the domain it runs in has gone stale
// meanwhile, and must stay whole until hold() returns.
#include <cos/component.hpp>
#include <cos/system/print.hpp>

#include "tests/components/mpd_test/await.hpp"

COS_IMPORT(poke);
COS_IMPORT(open);

extern "C" cos_word hold(cos_word, cos_word, cos_word, cos_word)
{
	cos_printf("holder: inside\n");
	cos_await_split(__cos_import_poke);
	cos_printf("holder: split seen\n");
	cos_await_merge(__cos_import_open);
	return poke() + open();
}
COS_EXPORT(hold);
