// SPDX-License-Identifier: GPL-2.0
// The event manager: edge-triggered events. A thread waits on an event until some thread
// triggers it; a trigger with nobody waiting is kept (once) for the next wait, so that a producer
// that triggers just before its consumer waits loses nothing.
#include <cos/component.hpp>
#include <cos/thread.hpp>

COS_NO_PREEMPT();
COS_IMPORT(sched_block);
COS_IMPORT(sched_wakeup);

namespace {

constexpr cos_word max_events = 64;

struct Event {
	bool used = false;
	bool pending = false;
	cos_word waiters = 0;	// bit t: thread t waits
};

Event events[max_events];

} // namespace

// evt_create(): a new event's id, or ~0 when none is left.
extern "C" cos_word evt_create(cos_word, cos_word, cos_word, cos_word)
{
	for (cos_word i = 0; i < max_events; i++) {
		if (!events[i].used) {
			events[i] = Event{};
			events[i].used = true;
			return i;
		}
	}
	return ~0ULL;
}
COS_EXPORT(evt_create);

// evt_wait(id): returns once the event is triggered (at once if a trigger is pending); 1 for no
// such event.
extern "C" cos_word evt_wait(cos_word id, cos_word, cos_word, cos_word)
{
	if (id >= max_events || !events[id].used)
		return 1;
	Event &e = events[id];
	if (e.pending) {
		e.pending = false;
		return 0;
	}
	const cos_word self = 1ULL << cos_thread_self();
	e.waiters |= self;
	while (e.waiters & self)
		sched_block(0);
	return 0;
}
COS_EXPORT(evt_wait);

// evt_trigger(id): wakes every waiter, or keeps the trigger for the next wait; 1 for no such event.
extern "C" cos_word evt_trigger(cos_word id, cos_word, cos_word, cos_word)
{
	if (id >= max_events || !events[id].used)
		return 1;
	Event &e = events[id];
	const cos_word waiters = e.waiters;
	if (!waiters) {
		e.pending = true;
		return 0;
	}
	e.waiters = 0;
	for (cos_word t = 0; t < 64; t++) {
		if (waiters & (1ULL << t))
			sched_wakeup(t);
	}
	return 0;
}
COS_EXPORT(evt_trigger);
