// SPDX-License-Identifier: GPL-2.0
/*
 * Component threads: many per host thread, each with its own invocation stack and its own stack
 * in every component, switched by the scheduler component (section 4.1.1 of the MPD paper: the
 * kernel has no scheduler; policy lives in a component).
 *
 * The module only keeps the threads and gives the scheduler its events: once the scheduler has
 * set up (COS_IOC_CALL_SCHED_SETUP), a timer ticks, and every tick, and every thread that ends,
 * is an upcall into the scheduler's event handler, on a thread of its own (the event thread):
 * handler(kind, thread, arg) answers with the thread to run next. A tick preempts whatever
 * component code runs, unless that code is the scheduler's or a component's that asked not to be
 * preempted (COS_COMPONENT_NO_PREEMPT: the system components' short critical sections); then it
 * waits for the next tick that finds the thread elsewhere. The scheduler switches threads itself
 * (COS_CALL_SWITCH), in the entry code when the thread it switches to left the same way, here
 * otherwise. When nothing is runnable the host thread sleeps in Linux until the next tick.
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

/* The event thread's record, while no event runs on it. */
#define ES_THREAD_EVENT 5

static struct cos_es_thread *cos_thread(struct cos_host *h, u32 t)
{
	return &h->sys->es->threads[t];
}

static u32 cos_current_id(struct cos_host *h)
{
	return cos_es_thread_id(h->sys->es->running);
}

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
 * @regs: the component's id in %rdx, the function in %r8, its argument in %r9
 *
 * Return: the new thread's id, or -EINVAL, -ENOSPC.
 */
long cos_threads_create(struct cos_host *h, struct pt_regs *regs)
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
	rec->ctx.ip = regs->r8;
	rec->ctx.di = regs->r9;
	memset(&rec->frames[0], 0, sizeof(rec->frames[0]));
	rec->frames[0].component = c->slot;
	rec->frames[0].cap = ~0ULL;
	rec->state = ES_THREAD_NEW;
	return t;
}

/* Whether the scheduler may switch to @t: a thread that exists and waits to run. */
static bool cos_threads_runnable(struct cos_host *h, u64 t)
{
	u64 state;

	if (t >= COS_MAX_THREADS || t == h->sched.event_thread)
		return false;
	state = cos_thread(h, t)->state;
	return state == ES_THREAD_SWITCHED || state == ES_THREAD_SAVED || state == ES_THREAD_NEW;
}

/* The running thread stops running: every register of @regs, with @ax for %rax, kept. */
static void cos_threads_save(struct cos_host *h, struct pt_regs *regs, u64 ax)
{
	struct cos_es_thread *rec = cos_current_thread(h);
	struct cos_es_regs *ctx = &rec->ctx;

	ctx->ax = ax;
	ctx->bx = regs->bx;
	ctx->cx = regs->cx;
	ctx->dx = regs->dx;
	ctx->si = regs->si;
	ctx->di = regs->di;
	ctx->bp = regs->bp;
	ctx->sp = regs->sp;
	ctx->r8 = regs->r8;
	ctx->r9 = regs->r9;
	ctx->r10 = regs->r10;
	ctx->r11 = regs->r11;
	ctx->r12 = regs->r12;
	ctx->r13 = regs->r13;
	ctx->r14 = regs->r14;
	ctx->r15 = regs->r15;
	ctx->flags = regs->flags;
	ctx->ip = regs->ip;
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
	struct cos_es_regs *ctx = &rec->ctx;

	ctx->ip = regs->ip;
	ctx->flags = regs->flags;
	ctx->sp = regs->sp;
	ctx->bx = regs->bx;
	ctx->bp = regs->bp;
	ctx->r12 = regs->r12;
	ctx->r13 = regs->r13;
	ctx->r14 = regs->r14;
	ctx->r15 = regs->r15;
	rec->state = ES_THREAD_SWITCHED;
}

/* @regs takes what @ctx holds; only what a call preserves if @callee_saved (the rest is 0). */
static void cos_threads_load_regs(struct pt_regs *regs, struct cos_es_regs *ctx, bool callee_saved)
{
	unsigned long cs = regs->cs, ss = regs->ss;

	memset(regs, 0, sizeof(*regs));
	regs->bx = ctx->bx;
	regs->bp = ctx->bp;
	regs->sp = ctx->sp;
	regs->r12 = ctx->r12;
	regs->r13 = ctx->r13;
	regs->r14 = ctx->r14;
	regs->r15 = ctx->r15;
	regs->ip = ctx->ip;
	regs->flags = (ctx->flags & ES_USER_FLAGS) | ES_UPCALL_FLAGS;
	regs->cs = cs;
	regs->ss = ss;
	regs->orig_ax = -1;
	if (callee_saved)
		return;
	regs->cx = ctx->cx;
	regs->dx = ctx->dx;
	regs->si = ctx->si;
	regs->di = ctx->di;
	regs->r8 = ctx->r8;
	regs->r9 = ctx->r9;
	regs->r10 = ctx->r10;
	regs->r11 = ctx->r11;
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
		u64 args[4] = { rec->ctx.di, 0, 0, 0 };

		rec->frames[0].pd = pd->id;
		rec->depth = 1;
		es->pds[pd->id].frames++;
		cos_upcall(regs, c, rec->stack, rec->ctx.ip, args);
	} else {
		cos_threads_load_regs(regs, &rec->ctx, rec->state == ES_THREAD_SWITCHED);
		if (rec->state == ES_THREAD_SAVED)
			ax = rec->ctx.ax;
	}
	rec->state = ES_THREAD_RUNNING;
	es->running = cos_es_thread_address(t);
	cos_load_cr3(cos_cr3_of(h, cos_frame_pd(h, cos_top(h))));
	return ax;
}

/*
 * The scheduler's event handler runs on the event thread: handler(kind, thread, arg), in its
 * first frame, in the scheduler's domain. Interrupts off.
 */
static void cos_threads_event(struct cos_host *h, u64 kind, u64 thread, u64 arg, struct pt_regs *regs)
{
	struct cos_sched *s = &h->sched;
	struct cos_entry_state *es = h->sys->es;
	struct cos_es_thread *rec = cos_thread(h, s->event_thread);
	struct cos_pd *pd = READ_ONCE(s->component->pd);
	u64 args[4] = { kind, thread, arg, 0 };

	memset(&rec->frames[0], 0, sizeof(rec->frames[0]));
	rec->frames[0].component = s->component->slot;
	rec->frames[0].pd = pd->id;
	rec->frames[0].cap = ~0ULL;
	rec->depth = 1;
	es->pds[pd->id].frames++;
	rec->state = ES_THREAD_RUNNING;
	es->running = cos_es_thread_address(s->event_thread);
	cos_upcall(regs, s->component, rec->stack, s->event_fn, args);
	cos_load_cr3(cos_cr3_of(h, pd));
}

/* Gives the scheduler the ticks due, @thread being the one that was to run. Interrupts off. */
static void cos_threads_deliver_ticks(struct cos_host *h, u64 thread, struct pt_regs *regs)
{
	u64 ticks = atomic_xchg(&h->sched.ticks, 0);

	h->sys->ticks += ticks;
	cos_threads_event(h, COS_SCHED_EVENT_TICK, thread, ticks, regs);
}

/*
 * Nothing is runnable: the host thread sleeps in Linux until the next tick (or a stop), which it
 * then gives the scheduler. The event thread takes its first frame before the sleep, so that the
 * host thread, switched back in meanwhile, finds the scheduler's domain to load. Entered with
 * interrupts off, which it turns on.
 */
static long cos_threads_idle(struct cos_host *h, struct pt_regs *regs)
{
	struct cos_sched *s = &h->sched;
	bool tickless = s->idle_for_set;
	u64 start = ktime_get_ns(), ticks;

	cos_threads_event(h, COS_SCHED_EVENT_TICK, COS_THREAD_IDLE, 0, regs);
	local_irq_enable();
	WRITE_ONCE(s->idle, true);
	if (tickless) {
		/* The scheduler needs no tick before then: the timer fires once, at the end. */
		s->idle_for_set = false;
		hrtimer_cancel(&s->timer);
		if (s->idle_for_ns)
			hrtimer_start(&s->timer, ns_to_ktime(s->idle_for_ns), HRTIMER_MODE_REL);
	}
	wait_event_killable(s->wait, atomic_read(&s->ticks) || READ_ONCE(h->stopping));
	WRITE_ONCE(s->idle, false);
	if (tickless) {
		hrtimer_cancel(&s->timer);
		hrtimer_start(&s->timer, ns_to_ktime(s->period_ns), HRTIMER_MODE_REL);
	}
	if (READ_ONCE(h->stopping))
		return cos_host_end(h, COS_RUN_STOPPED);
	if (fatal_signal_pending(current))
		return 0;	/* the host dies on its way out; its teardown frees everything */
	/* The upcall prepared before the sleep carries the ticks it spanned (its third word). */
	ticks = atomic_xchg(&s->ticks, 0);
	if (tickless)
		ticks = max(ticks, div64_u64(ktime_get_ns() - start, s->period_ns));
	h->sys->ticks += ticks;
	regs->dx = ticks;
	return 0;
}

/**
 * cos_threads_idle_for() - COS_IOC_CALL_SCHED_IDLE: the next idle sleep's length
 * @h: the host, on its own thread
 * @ns: how long the host thread may sleep when nothing is runnable; 0 until a stop
 *
 * Return: 0.
 */
long cos_threads_idle_for(struct cos_host *h, u64 ns)
{
	h->sched.idle_for_ns = ns;
	h->sched.idle_for_set = true;
	return 0;
}

/*
 * The scheduler answered @next: ticks that came meanwhile go to it first, then @next runs, or
 * the host idles. An answer that names no runnable thread is taken as idle, with a complaint.
 * Entered with interrupts off, which it turns on.
 */
static long cos_threads_dispatch(struct cos_host *h, u64 next, struct pt_regs *regs)
{
	u64 ax;

	if (next != COS_THREAD_IDLE && !cos_threads_runnable(h, next)) {
		pr_info_ratelimited("the scheduler chose thread %llu, which cannot run: idling\n", next);
		next = COS_THREAD_IDLE;
	}
	if (atomic_read(&h->sched.ticks)) {
		cos_threads_deliver_ticks(h, next, regs);
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
	cos_threads_event(h, COS_SCHED_EVENT_EXIT, t, result, regs);
	local_irq_enable();
	return 0;
}

/**
 * cos_threads_switch() - COS_IOC_CALL_SWITCH: the scheduler's switch, when the entry code hands
 * it over (the thread to run did not leave by a switch of its own, or there is none)
 * @h: the host, on its own thread
 * @regs: the scheduler's registers; the thread to run in %rdx
 *
 * Return: -EINVAL to the scheduler for a thread that cannot run, or a switch from the event
 * handler; otherwise what the thread that runs next expects in %rax.
 */
long cos_threads_switch(struct cos_host *h, struct pt_regs *regs)
{
	u64 next = regs->dx;
	u32 self = cos_current_id(h);
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
 * cos_threads_tick() - ticks are due: preempt the running thread, if its code allows
 * @h: the host, on its way back to user mode (its exit work)
 * @regs: the user registers it would return to
 *
 * The preempted thread keeps every register; the scheduler's event handler gets the ticks. When
 * the code may not be preempted, the ticks wait for the next tick that finds it elsewhere.
 */
void cos_threads_tick(struct cos_host *h, struct pt_regs *regs)
{
	struct cos_sched *s = &h->sched;
	u32 self = cos_current_id(h);

	if (!s->component || self == s->event_thread || !atomic_read(&s->ticks) ||
	    !cos_threads_preemptible(h, regs->ip))
		return;
	local_irq_disable();
	cos_threads_save(h, regs, regs->ax);
	h->sys->preemptions++;
	cos_threads_deliver_ticks(h, self, regs);
	local_irq_enable();
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
