// SPDX-License-Identifier: GPL-2.0
// The event manager's interface (components/system/evt): its errors and their numbers on the
// wire, and, for clients, the typed calls. Events are edge-triggered: a trigger with nobody
// waiting is kept (once) for the next wait.
#pragma once

#include <cos/component.hpp>
#include <cos/reply.hpp>

namespace cosk::evt {

// The event manager's name for an event.
enum class Evt_id : cos_word {};

enum class Error : cos_word {
	no_event_left = 1,	// evt_create: every event is taken
	no_such_event = 2,	// an id evt_create never gave
};

// The raw calls, which a client makes through the typed ones below: a component imports those it
// calls, so the component that serves them, including this for the errors, imports none.
COS_IMPORT_ON_CALL(evt_create);
COS_IMPORT_ON_CALL(evt_wait);
COS_IMPORT_ON_CALL(evt_trigger);

inline Attempt<Evt_id, Error> create()
{
	return decode<Error, Evt_id>(evt_create());
}

// Returns once the event is triggered (at once if a trigger is pending).
inline Attempt<Done, Error> wait(Evt_id id)
{
	return decode<Error, Done>(evt_wait(static_cast<cos_word>(id)));
}

// Wakes every waiter, or keeps the trigger for the next wait.
inline Attempt<Done, Error> trigger(Evt_id id)
{
	return decode<Error, Done>(evt_trigger(static_cast<cos_word>(id)));
}

} // namespace cosk::evt

