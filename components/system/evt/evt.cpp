// SPDX-License-Identifier: GPL-2.0
// The event manager: edge-triggered events. A thread waits on an event until some thread
// triggers it; a trigger with nobody waiting is kept (once) for the next wait, so that a producer
// that triggers just before its consumer waits loses nothing.
#include <cos/component.hpp>
#include <cos/slot_table.hpp>
#include <cos/system/evt.hpp>
#include <cos/system/sched.hpp>
#include <cos/thread.hpp>

COS_NO_PREEMPT();

namespace {

using cosk::evt::Error;

struct Event {
	bool pending = false;
	cos_word waiters = 0;	// bit t: thread t waits
};

cosk::Slot_table<Event, 64> events;

} // namespace

// The errors are cosk::evt::Error, in <cos/system/evt.hpp>.

// evt_create(): a new event's id.
extern "C" cos_word evt_create(cos_word, cos_word, cos_word, cos_word)
{
	auto id = events.allocate();
	return id ? id.value() : cosk::reply_error(Error::no_event_left);
}
COS_EXPORT(evt_create);

// evt_wait(id): returns once the event is triggered (at once if a trigger is pending).
extern "C" cos_word evt_wait(cos_word id, cos_word, cos_word, cos_word)
{
	Event *e = events.lookup(id);
	if (!e)
		return cosk::reply_error(Error::no_such_event);
	if (e->pending) {
		e->pending = false;
		return 0;
	}
	const cos_word self = 1ULL << cos_thread_self();
	e->waiters |= self;
	while (e->waiters & self)
		cosk::sched::block();
	return 0;
}
COS_EXPORT(evt_wait);

// evt_trigger(id): wakes every waiter, or keeps the trigger for the next wait.
extern "C" cos_word evt_trigger(cos_word id, cos_word, cos_word, cos_word)
{
	Event *e = events.lookup(id);
	if (!e)
		return cosk::reply_error(Error::no_such_event);
	const cos_word waiters = e->waiters;
	if (!waiters) {
		e->pending = true;
		return 0;
	}
	e->waiters = 0;
	cosk::sched::wake_all(waiters);
	return 0;
}
COS_EXPORT(evt_trigger);
