// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupt lines (COS_INTERRUPT_*): how what the module does for a system outside its host
 * thread (the network interface's rx_handler, in softirq on any CPU) tells the scheduler
 * component, which wakes the thread waiting for the line.
 *
 * A line is a bit of the running host's scheduler state, set here and taken, all lines at once,
 * by the host thread with the scheduler's next event (threads_run.c): a burst of frames before
 * that event is one raising. Only the raising that sets the bit kicks the host thread, as the
 * tick does: out of its idle sleep, or into its exit work, which preempts the running component
 * thread unless its code may not be (then the next tick delivers). A line raised before the
 * scheduler set up waits for it; one raised while no run is on is dropped: there is no thread to
 * wake, and what the line announced (frames in the ring) is still there for the next run to see.
 */
#include "host.h"

/**
 * cos_interrupt_raise() - raise interrupt line @line of @sys
 * @sys: the system; it outlives the caller (the interface is freed before it, after a grace
 *	period)
 * @line: COS_INTERRUPT_*, below 64
 *
 * Any context but NMI; the host may be ending meanwhile: it is found under RCU and held, as
 * cos_host_stop() does.
 */
void cos_interrupt_raise(struct cos_system *sys, unsigned int line)
{
	u64 bit = BIT_ULL(line);
	struct cos_sched *s;
	struct cos_host *h;

	if (WARN_ON_ONCE(line >= 64))
		return;
	rcu_read_lock();
	h = READ_ONCE(sys->running);
	if (h && !kref_get_unless_zero(&h->ref))
		h = NULL;
	rcu_read_unlock();
	if (!h)
		return;
	s = &h->sched;
	/*
	 * A full barrier (a value-returning atomic) between setting the line and reading
	 * s->idle; cos_threads_idle() has one between setting s->idle and looking at the lines:
	 * either the host sees the line before it sleeps, or this sees it asleep.
	 */
	if (!(atomic64_fetch_or(bit, &s->lines) & bit)) {
		if (READ_ONCE(s->idle))
			wake_up(&s->wait);
		else
			cos_host_request(h, COS_EXIT_WORK_TICK, TWA_SIGNAL);
	}
	cos_host_put(h);
}
