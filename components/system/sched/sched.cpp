// SPDX-License-Identifier: GPL-2.0
// The scheduler: fixed-priority round-robin over the component threads (section 4.1.1 of the
// MPD paper). The component kernel has no scheduler of its own: it gives this component its
// events (ticks, interrupt lines raised, threads that end) on a thread of their own, runs the
// thread the event handler returns, and switches threads when this component asks (cos_switch).
//
// Priorities run from 0 (least urgent) to 31; a runnable thread of a higher priority always
// runs before any of a lower one, and threads of one priority take turns, a tick each. A thread
// may wait for an interrupt line (COS_INTERRUPT_*): the line's raising wakes it, or, with nobody
// waiting, is kept for the next wait. The scheduler's own code is never preempted, so its state
// needs no lock.
#include <cos/component.hpp>
#include <cos/kernel.hpp>
#include <cos/system/sched.hpp>
#include <cos/thread.hpp>

COS_SCHEDULER();

namespace {

constexpr cos_word tick_ns = 1000000;
constexpr cos_word default_priority = 16;
using cosk::sched::Error;
using cosk::sched::max_priority;
constexpr cos_word none = COS_THREAD_IDLE;
constexpr cos_word lines = 64; // interrupt lines: bit n of the tick event's fourth word is line n

enum class State : cos_word { unused, runnable, blocked };

struct Thread {
	State state = State::unused;
	cos_word priority = default_priority;
	cos_word turn = 0;	// among runnable threads of one priority, the lowest turn runs first
	cos_word wake_at = 0;	// blocked: the tick to wake at, 0 for never
	cos_word awaits = lines; // blocked in sched_interrupt_wait: the line it waits for, else lines
	bool timed_out = false;
};

cos_word sched_event(cos_word kind, cos_word thread, cos_word arg, cos_word);

struct Scheduler {
	Thread threads[COS_MAX_THREADS];
	bool ready = false;
	cos_word now = 0;	// ticks since set-up
	cos_word turns = 0;
	cos_word pending = 0;	// interrupt lines raised while no thread waited for them

	// Set up on the first call, by whichever thread makes it (thread 0, the run's).
	void start()
	{
		if (ready)
			return;
		ready = true;
		// Refused only to a component that is not the scheduler, which no graph makes this.
		static_cast<void>(cosk::kernel::sched_setup(&sched_event, tick_ns));
		make_runnable(cos_thread_self());
	}

	void make_runnable(cos_word t)
	{
		threads[t].state = State::runnable;
		threads[t].wake_at = 0;
		threads[t].awaits = lines;
		threads[t].turn = ++turns;
	}

	// The runnable thread to run: the most urgent, the longest waiting among equals.
	cos_word pick() const
	{
		cos_word best = none;
		for (cos_word t = 0; t < COS_MAX_THREADS; t++) {
			const Thread &c = threads[t];
			if (c.state != State::runnable)
				continue;
			if (best == none || c.priority > threads[best].priority ||
			    (c.priority == threads[best].priority && c.turn < threads[best].turn))
				best = t;
		}
		return best;
	}

	// Nothing runnable: the host thread may sleep until the first timed wake-up (or for good).
	void idle_until_due() const
	{
		cos_word due = 0;
		for (const Thread &t : threads) {
			if (t.state == State::blocked && t.wake_at && (!due || t.wake_at < due))
				due = t.wake_at;
		}
		static_cast<void>(cosk::kernel::sched_idle(due ? (due - now) * tick_ns : 0));
	}

	// The thread to run next; when there is none, the idle sleep is set first.
	cos_word next()
	{
		const cos_word t = pick();
		if (t == none)
			idle_until_due();
		return t;
	}

	// Runs the most urgent runnable thread if it is not the caller; the caller resumes here.
	void reschedule(cos_word self)
	{
		const cos_word t = next();
		// Refused only for a thread that cannot run, which pick() never returns.
		if (t != self)
			static_cast<void>(cosk::kernel::switch_to(t));
	}

	void tick(cos_word ticks)
	{
		now += ticks;
		for (cos_word t = 0; t < COS_MAX_THREADS; t++) {
			Thread &c = threads[t];
			if (c.state == State::blocked && c.wake_at && c.wake_at <= now) {
				make_runnable(t);
				c.timed_out = true;
			}
		}
	}

	// The thread blocked waiting for interrupt line `line`, or none.
	cos_word waiter(cos_word line) const
	{
		for (cos_word t = 0; t < COS_MAX_THREADS; t++) {
			if (threads[t].state == State::blocked && threads[t].awaits == line)
				return t;
		}
		return none;
	}

	// Interrupt lines raised (bit n: line n): each wakes its waiter, or is kept for the next.
	void raise(cos_word raised)
	{
		for (cos_word line = 0; line < lines; line++) {
			if (!(raised & (1ULL << line)))
				continue;
			const cos_word t = waiter(line);
			if (t != none)
				make_runnable(t);
			else
				pending |= 1ULL << line;
		}
	}
};

Scheduler scheduler;

// The component kernel's events, on the event thread: returns the thread to run next.
cos_word sched_event(cos_word kind, cos_word thread, cos_word arg, cos_word raised)
{
	if (kind == COS_SCHED_EVENT_TICK) {
		scheduler.tick(arg);
		scheduler.raise(raised);
		// The thread a tick interrupted had its turn: it goes behind its equals. One that only
		// interrupt lines interrupted keeps its place.
		if (arg && thread != none && scheduler.threads[thread].state == State::runnable)
			scheduler.threads[thread].turn = ++scheduler.turns;
	} else if (kind == COS_SCHED_EVENT_EXIT) {
		scheduler.threads[thread] = Thread{};
	}
	return scheduler.next();
}

} // namespace

// The errors are cosk::sched::Error, in <cos/system/sched.hpp>.

// sched_create(fn, arg, priority): a thread that runs fn(arg) in the calling component; it runs
// at once if it is more urgent than the caller. Returns its id.
extern "C" cos_word sched_create(cos_word fn, cos_word arg, cos_word priority, cos_word)
{
	const void *return_address = COS_RETURN_ADDRESS();
	scheduler.start();
	auto client = cosk::kernel::client(return_address);
	if (!client)
		return cosk::reply_error(Error::refused);
	auto created = cosk::kernel::thread_create(client.value(), reinterpret_cast<Cos_export_fn>(fn), arg);
	if (!created)
		return cosk::reply_error(created.error() == cosk::kernel::Error::no_space ? Error::no_thread_left
											   : Error::refused);
	const cos_word t = created.value();
	if (t >= COS_MAX_THREADS)
		return cosk::reply_error(Error::refused);
	scheduler.threads[t].priority = priority > max_priority ? max_priority : priority;
	scheduler.make_runnable(t);
	scheduler.reschedule(cos_thread_self());
	return t;
}
COS_EXPORT(sched_create);

// sched_yield(): the caller goes behind the runnable threads of its priority.
extern "C" cos_word sched_yield(cos_word, cos_word, cos_word, cos_word)
{
	scheduler.start();
	const cos_word self = cos_thread_self();
	scheduler.threads[self].turn = ++scheduler.turns;
	scheduler.reschedule(self);
	return 0;
}
COS_EXPORT(sched_yield);

// sched_block(ticks): the caller sleeps until sched_wakeup, or until ticks ticks have passed
// (0: no limit). Returns 0 when woken, timed_out when the time ran out.
extern "C" cos_word sched_block(cos_word ticks, cos_word, cos_word, cos_word)
{
	scheduler.start();
	const cos_word self = cos_thread_self();
	Thread &t = scheduler.threads[self];
	t.state = State::blocked;
	t.wake_at = ticks ? scheduler.now + ticks : 0;
	t.timed_out = false;
	scheduler.reschedule(self);
	return t.timed_out ? cosk::reply_error(Error::timed_out) : 0;
}
COS_EXPORT(sched_block);

// sched_wakeup(thread): a blocked thread becomes runnable, and runs at once if it is more
// urgent than the caller. Returns 0, or not_blocked (or no_such_thread).
extern "C" cos_word sched_wakeup(cos_word thread, cos_word, cos_word, cos_word)
{
	scheduler.start();
	if (thread >= COS_MAX_THREADS)
		return cosk::reply_error(Error::no_such_thread);
	if (scheduler.threads[thread].state != State::blocked)
		return cosk::reply_error(Error::not_blocked);
	scheduler.make_runnable(thread);
	scheduler.reschedule(cos_thread_self());
	return 0;
}
COS_EXPORT(sched_wakeup);

// sched_interrupt_wait(line): the caller sleeps until interrupt line `line` (COS_INTERRUPT_*) is
// raised, or returns at once if it was raised since the last wait for it. One thread waits for a
// line at a time. Returns 0 when the line came (or on a sched_wakeup), no_such_line for a line
// over 63, busy when another thread waits for it already.
extern "C" cos_word sched_interrupt_wait(cos_word line, cos_word, cos_word, cos_word)
{
	scheduler.start();
	if (line >= lines)
		return cosk::reply_error(Error::no_such_line);
	const cos_word bit = 1ULL << line;
	if (scheduler.pending & bit) {
		scheduler.pending &= ~bit;
		return 0;
	}
	if (scheduler.waiter(line) != none)
		return cosk::reply_error(Error::busy);
	const cos_word self = cos_thread_self();
	Thread &t = scheduler.threads[self];
	t.state = State::blocked;
	t.wake_at = 0;
	t.timed_out = false;
	t.awaits = line;
	scheduler.reschedule(self);
	return 0;
}
COS_EXPORT(sched_interrupt_wait);

// sched_set_priority(thread, priority): and the most urgent runnable thread runs.
extern "C" cos_word sched_set_priority(cos_word thread, cos_word priority, cos_word, cos_word)
{
	scheduler.start();
	if (thread >= COS_MAX_THREADS || scheduler.threads[thread].state == State::unused)
		return cosk::reply_error(Error::no_such_thread);
	scheduler.threads[thread].priority = priority > max_priority ? max_priority : priority;
	scheduler.reschedule(cos_thread_self());
	return 0;
}
COS_EXPORT(sched_set_priority);

// sched_now(): ticks since the scheduler set up; sched_tick_ns(): the length of one.
extern "C" cos_word sched_now(cos_word, cos_word, cos_word, cos_word)
{
	scheduler.start();
	return scheduler.now;
}
COS_EXPORT(sched_now);

extern "C" cos_word sched_tick_ns(cos_word, cos_word, cos_word, cos_word)
{
	return tick_ns;
}
COS_EXPORT(sched_tick_ns);
