// SPDX-License-Identifier: GPL-2.0
// Timed block's interface (components/system/tblock): its errors and their numbers on the wire,
// and, for clients, the typed calls: sleeps that never end early, and periodic wake-ups whose
// deadlines are kept in the component kernel's clock.
#pragma once

#include <cos/component.hpp>
#include <cos/reply.hpp>

namespace cosk::tblock {

// Timed block's name for a periodic wake-up.
enum class Periodic_id : cos_word {};

enum class Error : cos_word {
	no_periodic_left = 1,	// tblock_periodic: every periodic wake-up is taken
	no_such_periodic = 2,	// an id tblock_periodic never gave
};

// The raw calls, which a client makes through the typed ones below: a component imports those it
// calls, so the component that serves them, including this for the errors, imports none.
COS_IMPORT_ON_CALL(tblock_sleep);
COS_IMPORT_ON_CALL(tblock_periodic);
COS_IMPORT_ON_CALL(tblock_wait);

// Returns after at least ns nanoseconds, on the first tick after.
inline void sleep(cos_word ns)
{
	tblock_sleep(ns);
}

// A periodic wake-up, the first one period_ns from now.
inline Attempt<Periodic_id, Error> periodic(cos_word period_ns)
{
	return decode<Error, Periodic_id>(tblock_periodic(period_ns));
}

// Sleeps until the next wake-up of id; how many were missed (0 when on time).
inline Attempt<cos_word, Error> wait(Periodic_id id)
{
	return decode<Error>(tblock_wait(static_cast<cos_word>(id)));
}

} // namespace cosk::tblock

