// SPDX-License-Identifier: GPL-2.0
/*
 * Running component threads (threads.c keeps them): switches, the scheduler's events, ticks that
 * preempt, idling.
 *
 * The module only keeps the threads and gives the scheduler its events: once the scheduler has
 * set up (COS_IOC_CALL_SCHED_SETUP), a timer ticks, and every tick, every raising of interrupt
 * lines (interrupt.c), and every thread that ends, is an upcall into the scheduler's event
 * handler, on a thread of its own (the event thread): handler(kind, thread, arg, lines) answers
 * with the thread to run next. A tick or a line preempts whatever component code runs, unless
 * that code is the scheduler's or a component's that asked not to be preempted
 * (COS_COMPONENT_NO_PREEMPT: the system components' short critical sections); then it waits for
 * the next tick that finds the thread elsewhere. The scheduler switches threads itself
 * (COS_CALL_SWITCH), in the entry code when the thread it switches to left the same way, here
 * otherwise. When nothing is runnable the host thread sleeps in Linux until the next tick or line.
 *
 * A thread that does not run keeps its registers in its record of the entry state: what a call
 * preserves, when it left by a switch of its own, whichever path carried it (ES_THREAD_SWITCHED),
 * or all of them, when a tick preempted it (ES_THREAD_SAVED). The entry code switches only to
 * threads of the first kind: had the module's path saved a switching thread whole, a ping-pong
 * that once went through the module would have stayed there. Everything here runs on the host thread; a thread's frames and
 * CR3 change with interrupts off, so that merges and splits can wait it out (mpd.c), and so
 * that a preemption of the host thread never finds the running thread without a frame.
 */
#include <linux/ktime.h>
#include <linux/math64.h>
#include <linux/sched/signal.h>
#include "host.h"

static u32 cos_threads_current_id(struct cos_host *h)
{
	return cos_es_thread_id(h->sys->es->running);
}

/* The running thread stops running: every register of @regs kept. */
static void cos_threads_save(struct cos_host *h, struct pt_regs *regs)
{
	struct cos_es_thread *rec = cos_current_thread(h);

	cos_host_regs_save(regs, &rec->ctx.saved, &rec->ctx.scratch);
	rec->state = ES_THREAD_SAVED;
}

/*
 * The running thread called COS_CALL_SWITCH and the entry code handed the switch here: like the
 * entry code's own switch, it keeps what a call preserves and where to resume, so that the
 * next switch to it can again be the entry code's (which takes only threads that left so).
 */
static void cos_threads_save_switched(struct cos_host *h, struct pt_regs *regs)
{
	struct cos_es_thread *rec = cos_current_thread(h);

	cos_host_regs_save(regs, &rec->ctx.saved, NULL);
	rec->state = ES_THREAD_SWITCHED;
}

/*
 * Thread @t runs: its registers in @regs, its domain on this CPU. A new thread starts at its
 * function, in its first frame. Interrupts off. Returns what %rax must hold (a switched thread's
 * COS_CALL_SWITCH returns 0).
 */
static u64 cos_threads_resume(struct cos_host *h, u32 t, struct pt_regs *regs)
{
	struct cos_entry_state *es = h->sys->es;
	struct cos_es_thread *rec = cos_thread(h, t);
	u64 ax = 0;

	if (rec->state == ES_THREAD_NEW) {
		struct cos_component *c = h->sys->by_slot[rec->frames[0].component];
		struct cos_pd *pd = READ_ONCE(c->pd);
		u64 args[4] = { rec->ctx.scratch.di, 0, 0, 0 };

		rec->frames[0].pd = pd->id;
		rec->depth = 1;
		es->pds[pd->id].frames++;
		cos_host_upcall(regs, c, rec->stack, rec->ctx.saved.ip, args);
	} else if (rec->state == ES_THREAD_SWITCHED) {
		cos_host_regs_load(regs, &rec->ctx.saved, NULL);
	} else {
		cos_host_regs_load(regs, &rec->ctx.saved, &rec->ctx.scratch);
		ax = rec->ctx.scratch.ax;
	}
	rec->state = ES_THREAD_RUNNING;
	es->running = cos_es_thread_address(t);
	cos_host_load_cr3(cos_cr3_of(h, cos_frame_pd(h, cos_top(h))));
	return ax;
}

/*
 * The scheduler's event handler runs on the event thread: handler(kind, thread, arg, lines), in
 * its first frame, in the scheduler's domain. Interrupts off.
 */
static void cos_threads_event(struct cos_host *h, u64 kind, u64 thread, u64 arg, u64 lines,
			      struct pt_regs *regs)
{
	struct cos_sched *s = &h->sched;
	struct cos_entry_state *es = h->sys->es;
	struct cos_es_thread *rec = cos_thread(h, s->event_thread);
	struct cos_pd *pd = READ_ONCE(s->component->pd);
	u64 args[4] = { kind, thread, arg, lines };

	memset(&rec->frames[0], 0, sizeof(rec->frames[0]));
	rec->frames[0].component = s->component->slot;
	rec->frames[0].pd = pd->id;
	rec->frames[0].cap = ~0ULL;
	rec->depth = 1;
	es->pds[pd->id].frames++;
	rec->state = ES_THREAD_RUNNING;
	es->running = cos_es_thread_address(s->event_thread);
	cos_host_upcall(regs, s->component, rec->stack, s->event_fn, args);
	cos_host_load_cr3(cos_cr3_of(h, pd));
}

/* The interrupt lines raised since the last event, for it; they count as delivered. */
static u64 cos_threads_take_lines(struct cos_host *h)
{
	u64 lines = atomic64_xchg(&h->sched.lines, 0);

	h->sys->interrupts += hweight64(lines);
	return lines;
}

/*
 * Gives the scheduler the ticks and interrupt lines due, @thread being the one that was to run.
 * Interrupts off.
 */
static void cos_threads_deliver_due(struct cos_host *h, u64 thread, struct pt_regs *regs)
{
	u64 ticks = atomic_xchg(&h->sched.ticks, 0);
	u64 lines = cos_threads_take_lines(h);

	h->sys->ticks += ticks;
	cos_threads_event(h, COS_SCHED_EVENT_TICK, thread, ticks, lines, regs);
}

/*
 * Nothing is runnable: the host thread sleeps in Linux until the next tick or interrupt line (or
 * a stop), which it then gives the scheduler. The event thread takes its first frame before the
 * sleep, so that the host thread, switched back in meanwhile, finds the scheduler's domain to
 * load. Entered with interrupts off, which it turns on.
 */
static long cos_threads_idle(struct cos_host *h, struct pt_regs *regs)
{
	struct cos_sched *s = &h->sched;
	bool tickless = s->idle_for_set;
	u64 start = ktime_get_ns(), ticks;

	cos_threads_event(h, COS_SCHED_EVENT_TICK, COS_THREAD_IDLE, 0, 0, regs);
	local_irq_enable();
	/*
	 * A full barrier before the wait looks at the lines: cos_interrupt_raise() sets a line,
	 * then reads s->idle, and only the raising that sets it wakes anyone.
	 */
	smp_store_mb(s->idle, true);
	if (tickless) {
		/* The scheduler needs no tick before then: the timer fires once, at the end. */
		s->idle_for_set = false;
		hrtimer_cancel(&s->timer);
		if (s->idle_for_ns)
			hrtimer_start(&s->timer, ns_to_ktime(s->idle_for_ns), HRTIMER_MODE_REL);
	}
	wait_event_killable(s->wait, cos_threads_due(s) || READ_ONCE(h->stopping));
	WRITE_ONCE(s->idle, false);
	if (tickless) {
		hrtimer_cancel(&s->timer);
		hrtimer_start(&s->timer, ns_to_ktime(s->period_ns), HRTIMER_MODE_REL);
	}
	if (READ_ONCE(h->stopping))
		return cos_host_end(h, COS_RUN_STOPPED);
	if (fatal_signal_pending(current))
		return 0;	/* the host dies on its way out; its teardown frees everything */
	/*
	 * The upcall prepared before the sleep carries the ticks it spanned (its third word) and
	 * the lines raised (its fourth: %r10, which the upcall entry moves to %rcx).
	 */
	ticks = atomic_xchg(&s->ticks, 0);
	if (tickless)
		ticks = max(ticks, div64_u64(ktime_get_ns() - start, s->period_ns));
	h->sys->ticks += ticks;
	regs->dx = ticks;
	regs->r10 = cos_threads_take_lines(h);
	return 0;
}

/**
 * cos_threads_idle_for() - COS_IOC_CALL_SCHED_IDLE: the next idle sleep's length
 * @h: the host, on its own thread
 * @caller: the scheduler
 * @regs: in %rdx, how long the host thread may sleep when nothing is runnable; 0 until a stop
 *
 * Return: 0.
 */
long cos_threads_idle_for(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs)
{
	h->sched.idle_for_ns = regs->dx;
	h->sched.idle_for_set = true;
	return 0;
}

/*
 * The scheduler answered @next: ticks and lines that came meanwhile go to it first, then @next
 * runs, or the host idles. An answer that names no runnable thread is taken as idle, with a
 * complaint. Entered with interrupts off, which it turns on.
 */
static long cos_threads_dispatch(struct cos_host *h, u64 next, struct pt_regs *regs)
{
	u64 ax;

	if (next != COS_THREAD_IDLE && !cos_threads_runnable(h, next)) {
		pr_info_ratelimited("the scheduler chose thread %llu, which cannot run: idling\n", next);
		next = COS_THREAD_IDLE;
	}
	if (cos_threads_due(&h->sched)) {
		cos_threads_deliver_due(h, next, regs);
		local_irq_enable();
		return 0;
	}
	if (next == COS_THREAD_IDLE)
		return cos_threads_idle(h, regs);
	h->sys->es->switches++;
	ax = cos_threads_resume(h, next, regs);
	local_irq_enable();
	return ax ? cos_host_result64(h, ax) : 0;
}

/**
 * cos_threads_ended() - thread @t's first frame returned
 * @h: the host, on its own thread
 * @t: the thread, not thread 0 (whose end is the run's)
 * @result: what its function returned
 *
 * The event thread's end is the scheduler's answer: the thread to run next. Any other thread is
 * gone; the scheduler hears of it. Entered with interrupts off (the thread has no frame left,
 * and nothing may find it so), which it turns on.
 *
 * Return: what the ioctl returns to the code that runs next.
 */
long cos_threads_ended(struct cos_host *h, u32 t, u64 result)
{
	struct pt_regs *regs = task_pt_regs(current);

	if (t == h->sched.event_thread) {
		cos_thread(h, t)->state = ES_THREAD_EVENT;
		return cos_threads_dispatch(h, result, regs);
	}
	cos_thread(h, t)->state = ES_THREAD_FREE;
	cos_threads_event(h, COS_SCHED_EVENT_EXIT, t, result, 0, regs);
	local_irq_enable();
	return 0;
}

/**
 * cos_threads_switch() - COS_IOC_CALL_SWITCH: the scheduler's switch, when the entry code hands
 * it over (the thread to run did not leave by a switch of its own, or there is none)
 * @h: the host, on its own thread
 * @caller: the scheduler
 * @regs: the scheduler's registers; the thread to run in %rdx
 *
 * Return: -EINVAL to the scheduler for a thread that cannot run, or a switch from the event
 * handler; otherwise what the thread that runs next expects in %rax.
 */
long cos_threads_switch(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs)
{
	u64 next = regs->dx;
	u32 self = cos_threads_current_id(h);
	u64 ax;

	if (self == h->sched.event_thread || (next != COS_THREAD_IDLE && !cos_threads_runnable(h, next)))
		return next == self ? 0 : -EINVAL;
	local_irq_disable();
	cos_threads_save_switched(h, regs);
	h->sys->es->switches++;
	if (next == COS_THREAD_IDLE)
		return cos_threads_idle(h, regs);
	ax = cos_threads_resume(h, next, regs);
	local_irq_enable();
	return ax ? cos_host_result64(h, ax) : 0;
}

/* Whether a tick may preempt the thread running the code at @ip. */
static bool cos_threads_preemptible(struct cos_host *h, unsigned long ip)
{
	struct cos_component *c = cos_system_component_at(h->sys, ip);

	/* No component: the runtime page's fault entry, which holds the entry state's fault record. */
	return c && !(c->flags & (COS_COMPONENT_NO_PREEMPT | COS_COMPONENT_SCHED));
}

/**
 * cos_threads_tick() - ticks or interrupt lines are due: preempt the running thread, if its code
 * allows
 * @h: the host, on its way back to user mode (its exit work)
 * @regs: the user registers it would return to
 *
 * The preempted thread keeps every register; the scheduler's event handler gets the ticks and
 * the lines. When the code may not be preempted, they wait for the next tick that finds it
 * elsewhere (or for the scheduler's next answer, or its idling).
 */
void cos_threads_tick(struct cos_host *h, struct pt_regs *regs)
{
	struct cos_sched *s = &h->sched;
	u32 self = cos_threads_current_id(h);

	if (!s->component || self == s->event_thread || !cos_threads_due(s) ||
	    !cos_threads_preemptible(h, regs->ip))
		return;
	local_irq_disable();
	cos_threads_save(h, regs);
	h->sys->preemptions++;
	cos_threads_deliver_due(h, self, regs);
	local_irq_enable();
}

