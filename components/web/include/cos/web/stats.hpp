// SPDX-License-Identifier: GPL-2.0
// The statistics gatherer's interface (components/web/stats): named counters that components put
// (absolute values, so a lost put costs nothing), printed as one line every `period_ms` when
// they moved, and read back by number.
#pragma once

#include <cos/component.hpp>
#include <cos/reply.hpp>

namespace cosk::stats {

enum class Key : cos_word {
	connections = 0,	// accepted by the connection manager
	requests = 1,
	status_2xx = 2,
	status_4xx = 3,
	status_5xx = 4,
	timeouts = 5,		// connections closed for idling or a request too slow
	body_bytes = 6,
	count,
};

COS_IMPORT_ON_CALL(stats_put);
COS_IMPORT_ON_CALL(stats_get);

inline void put(Key key, cos_word value)
{
	static_cast<void>(stats_put(static_cast<cos_word>(key), value));
}

inline cos_word get(Key key)
{
	return stats_get(static_cast<cos_word>(key));
}

} // namespace cosk::stats
