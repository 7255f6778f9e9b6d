// SPDX-License-Identifier: GPL-2.0
// The stale-domain test's bridge (tests/graphs/mpd-reach.cosg): tells whether its server is in its
// domain now, and calls it.
#include <cos/component.hpp>

#include "tests/components/mpd_test/await.hpp"

COS_IMPORT(value);

// 1 once value's server shares the bridge's domain.
extern "C" cos_word merged(cos_word, cos_word, cos_word, cos_word)
{
	return !cos_crosses_domains(__cos_import_value);
}
COS_EXPORT(merged);

extern "C" cos_word through(cos_word x, cos_word, cos_word, cos_word)
{
	return value(x);
}
COS_EXPORT(through);
