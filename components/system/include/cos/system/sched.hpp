// SPDX-License-Identifier: GPL-2.0
// The scheduler's interface (components/system/sched): its errors and their numbers on the wire,
// and, for clients, the typed calls that replace invoking sched_* by hand.
#pragma once

#include <cos/component.hpp>
#include <cos/reply.hpp>

namespace cosk::sched {

// Priorities run from 0 (least urgent) to max_priority; a larger one is taken as max_priority.
inline constexpr cos_word max_priority = 31;

enum class Error : cos_word {
	no_thread_left = 1,	// every thread id is taken
	no_such_thread = 2,	// not a thread that exists (sched_set_priority)
	not_blocked = 3,	// sched_wakeup: the thread is not blocked (woken already, or running)
	timed_out = 4,		// sched_block: the time ran out before a wake-up
	refused = 5,		// the component kernel refused to create the thread
	no_such_line = 6,	// sched_interrupt_wait: not an interrupt line (0 to 63)
	busy = 7,		// sched_interrupt_wait: another thread waits for the line already
};

// The raw calls, which a client makes through the typed ones below: a component imports those it
// calls, so the component that serves them, including this for the errors, imports none.
COS_IMPORT_ON_CALL(sched_create);
COS_IMPORT_ON_CALL(sched_yield);
COS_IMPORT_ON_CALL(sched_block);
COS_IMPORT_ON_CALL(sched_wakeup);
COS_IMPORT_ON_CALL(sched_set_priority);
COS_IMPORT_ON_CALL(sched_now);
COS_IMPORT_ON_CALL(sched_tick_ns);
COS_IMPORT_ON_CALL(sched_interrupt_wait);

// A thread that runs fn(arg) in the calling component, at priority; it runs at once if it is
// more urgent than the caller. Its id.
inline Attempt<cos_word, Error> create(Cos_export_fn fn, cos_word arg, cos_word priority)
{
	return decode<Error>(sched_create(reinterpret_cast<cos_word>(fn), arg, priority));
}

// The caller goes behind the runnable threads of its priority.
inline void yield()
{
	sched_yield();
}

// The caller sleeps until a sched_wakeup.
inline void block()
{
	sched_block(0);
}

// The caller sleeps until a sched_wakeup or for ticks ticks (at least 1), whichever comes first.
inline Attempt<Done, Error> block_for(cos_word ticks)
{
	return decode<Error, Done>(sched_block(ticks ? ticks : 1));
}

// A blocked thread becomes runnable, and runs at once if it is more urgent than the caller.
inline Attempt<Done, Error> wakeup(cos_word thread)
{
	return decode<Error, Done>(sched_wakeup(thread));
}

// Wakes every thread whose bit is set in threads (bit t: thread t), as the components that keep
// their waiters in a word do. A thread no longer blocked (a timed block ran out) is passed over.
inline void wake_all(cos_word threads)
{
	for (cos_word t = 0; t < 64; t++) {
		if (threads & (1ULL << t))
			static_cast<void>(wakeup(t));
	}
}

// And the most urgent runnable thread runs.
inline Attempt<Done, Error> set_priority(cos_word thread, cos_word priority)
{
	return decode<Error, Done>(sched_set_priority(thread, priority));
}

// The caller sleeps until interrupt line `line` (COS_INTERRUPT_*, module/uapi/cos.h) is raised,
// or returns at once if it was raised since the last wait for it: a raising with nobody waiting
// is kept, and several raisings before a wait are one. Check what the line announces (frames in
// the receive ring) before waiting, and wait again once it is all taken.
inline Attempt<Done, Error> wait_interrupt(cos_word line)
{
	return decode<Error, Done>(sched_interrupt_wait(line));
}

// Ticks since the scheduler set up, and the length of one in nanoseconds.
inline cos_word now()
{
	return sched_now();
}

inline cos_word tick_ns()
{
	return sched_tick_ns();
}

} // namespace cosk::sched

