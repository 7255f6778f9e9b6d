// SPDX-License-Identifier: GPL-2.0
/*
 * Component threads: many per host thread, each with its own invocation stack and its own stack
 * in every component, switched by the scheduler component (section 4.1.1 of the MPD paper: the
 * kernel has no scheduler; policy lives in a component).
 *
 * This file keeps the threads: their records in the entry state, the scheduler's set-up and its
 * timer, creating threads, and the pages of their stacks. Running them (switches, the
 * scheduler's events, ticks that preempt, idling) is threads_run.c's.
 */
#include <linux/ktime.h>
#include "host.h"

static enum hrtimer_restart cos_threads_timer(struct hrtimer *timer)
{
	struct cos_sched *s = container_of(timer, struct cos_sched, timer);
	struct cos_host *h = container_of(s, struct cos_host, sched);

	atomic_inc(&s->ticks);
	if (READ_ONCE(s->idle))
		wake_up(&s->wait);
	else
		cos_host_request(h, COS_EXIT_WORK_TICK, TWA_SIGNAL);
	hrtimer_forward_now(timer, ns_to_ktime(s->period_ns));
	return HRTIMER_RESTART;
}

/**
 * cos_threads_init() - a host's scheduler state, before any scheduler sets up
 * @h: the host
 */
void cos_threads_init(struct cos_host *h)
{
	hrtimer_init(&h->sched.timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	h->sched.timer.function = cos_threads_timer;
	init_waitqueue_head(&h->sched.wait);
}

/**
 * cos_threads_exit() - stop the timer; the run is over
 * @h: the host
 */
void cos_threads_exit(struct cos_host *h)
{
	hrtimer_cancel(&h->sched.timer);
}

/* A free thread record, or -ENOSPC. Thread 0 is the run's own. */
static int cos_threads_alloc(struct cos_host *h)
{
	u32 t;

	for (t = 1; t < COS_MAX_THREADS; t++) {
		if (cos_thread(h, t)->state == ES_THREAD_FREE)
			return t;
	}
	return -ENOSPC;
}

/**
 * cos_threads_setup() - COS_IOC_CALL_SCHED_SETUP: @caller is the scheduler from now on
 * @h: the host, on its own thread
 * @caller: the scheduler component
 * @regs: the event handler in %rdx, the tick period in nanoseconds in %r8
 *
 * Return: the event thread's id, or -EBUSY (set up already), -EINVAL, -ENOSPC.
 */
long cos_threads_setup(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs)
{
	struct cos_sched *s = &h->sched;
	struct cos_entry_state *es = h->sys->es;
	int t;

	if (s->component)
		return -EBUSY;
	if (!cos_component_owns(caller, regs->dx) || regs->r8 < 100000 || regs->r8 > NSEC_PER_SEC)
		return -EINVAL;
	t = cos_threads_alloc(h);
	if (t < 0)
		return t;
	cos_thread(h, t)->state = ES_THREAD_EVENT;
	s->component = caller;
	s->event_fn = regs->dx;
	s->event_thread = t;
	s->period_ns = regs->r8;
	WRITE_ONCE(es->sched_slot, caller->slot);
	WRITE_ONCE(es->event_thread, cos_es_thread_address(t));
	hrtimer_start(&s->timer, ns_to_ktime(s->period_ns), HRTIMER_MODE_REL);
	return t;
}

/**
 * cos_threads_create() - COS_IOC_CALL_THREAD_CREATE: a thread to run a function of a component
 * @h: the host, on its own thread
 * @caller: the scheduler
 * @regs: the component's id in %rdx, the function in %r8, its argument in %r9
 *
 * Return: the new thread's id, or -EINVAL, -ENOSPC.
 */
long cos_threads_create(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs)
{
	struct cos_component *c = regs->dx < U32_MAX ? cos_system_component(h->sys, regs->dx) : NULL;
	struct cos_es_thread *rec;
	int t;

	if (!c || !cos_component_owns(c, regs->r8))
		return -EINVAL;
	t = cos_threads_alloc(h);
	if (t < 0)
		return t;
	rec = cos_thread(h, t);
	rec->depth = 0;
	memset(&rec->ctx, 0, sizeof(rec->ctx));
	rec->ctx.saved.ip = regs->r8;
	rec->ctx.scratch.di = regs->r9;
	memset(&rec->frames[0], 0, sizeof(rec->frames[0]));
	rec->frames[0].component = c->slot;
	rec->frames[0].cap = ~0ULL;
	rec->state = ES_THREAD_NEW;
	return t;
}

/**
 * cos_threads_runnable() - whether the scheduler may switch to thread @t
 * @h: the host
 * @t: a thread id, as the scheduler gave it
 *
 * Return: true for a thread that exists and waits to run.
 */
bool cos_threads_runnable(struct cos_host *h, u64 t)
{
	u64 state;

	if (t >= COS_MAX_THREADS || t == h->sched.event_thread)
		return false;
	state = cos_thread(h, t)->state;
	return state == ES_THREAD_SWITCHED || state == ES_THREAD_SAVED || state == ES_THREAD_NEW;
}

/**
 * cos_threads_stack_fault() - map a page of the running thread's own stack on its first touch
 * @h: the host, on its own thread; the system locked
 * @addr: the page fault's address
 *
 * Thread t's stack in a component lies COS_STACK_TOP_OFFSET + t * COS_STACK_STRIDE above the
 * component's base, COS_STACK_SIZE long (module/uapi/cos.h). Thread 0's are the loader's.
 *
 * Return: true when a zeroed page now backs @addr: the faulting instruction can run again.
 */
bool cos_threads_stack_fault(struct cos_host *h, unsigned long addr)
{
	struct cos_es_thread *rec = cos_current_thread(h);
	struct cos_component *c = cos_system_component_at(h->sys, addr);
	struct page *page;
	unsigned long top;

	if (!c || !rec->stack || !cos_pd_maps(cos_frame_pd(h, cos_top(h)), c->slot))
		return false;
	top = c->stack_top + rec->stack;
	if (addr >= top || addr < top - COS_STACK_SIZE || cos_subtree_page(&c->tree, addr))
		return false;
	page = cos_pages_alloc(0);
	if (!page)
		return false;
	if (cos_subtree_map(&c->tree, addr & PAGE_MASK, page, COS_PROT_READ | COS_PROT_WRITE)) {
		cos_pages_free(page, 0);
		return false;
	}
	return true;
}
