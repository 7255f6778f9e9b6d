// SPDX-License-Identifier: GPL-2.0
/*
 * The host thread's invocation frames: entering a component at its upcall entry, the slow path
 * of invoke and return (what the entry code's fast path does, on the registers Linux saved), and
 * popping a frame, which ends a component thread or the run when it is the thread's first.
 *
 * Registers move between Linux's saved user registers (struct pt_regs) and what the entry state
 * keeps (a frame's caller, a thread that does not run) through one pair of helpers only:
 * cos_host_regs_save() and cos_host_regs_load().
 */
#include <linux/sched.h>
#include "host.h"

/**
 * cos_host_regs_save() - keep the user registers @regs
 * @regs: Linux's saved user registers
 * @saved: takes what a call preserves and where the code resumes
 * @scratch: takes every other register; NULL when only @saved is kept
 */
void cos_host_regs_save(const struct pt_regs *regs, struct cos_es_saved *saved, struct cos_es_scratch *scratch)
{
	saved->ip = regs->ip;
	saved->sp = regs->sp;
	saved->flags = regs->flags;
	saved->bx = regs->bx;
	saved->bp = regs->bp;
	saved->r12 = regs->r12;
	saved->r13 = regs->r13;
	saved->r14 = regs->r14;
	saved->r15 = regs->r15;
	if (!scratch)
		return;
	scratch->ax = regs->ax;
	scratch->cx = regs->cx;
	scratch->dx = regs->dx;
	scratch->si = regs->si;
	scratch->di = regs->di;
	scratch->r8 = regs->r8;
	scratch->r9 = regs->r9;
	scratch->r10 = regs->r10;
	scratch->r11 = regs->r11;
}

/**
 * cos_host_regs_load() - the user registers become what cos_host_regs_save() kept
 * @regs: Linux's saved user registers, rewritten
 * @saved: what a call preserves and where to resume
 * @scratch: every other register; NULL to clear them (a component learns nothing it should not)
 *
 * Only the user flags the entry code restores come back (never TF, NT or IOPL). orig_ax = -1
 * tells the system-call exit path that no system call is to be restarted here. %rax is the
 * ioctl's result whatever it is set to here: callers return it (cos_host_result64() for a full word).
 */
void cos_host_regs_load(struct pt_regs *regs, const struct cos_es_saved *saved,
			const struct cos_es_scratch *scratch)
{
	unsigned long cs = regs->cs, ss = regs->ss;

	memset(regs, 0, sizeof(*regs));
	regs->ip = saved->ip;
	regs->sp = saved->sp;
	regs->flags = (saved->flags & ES_USER_FLAGS) | ES_UPCALL_FLAGS;
	regs->bx = saved->bx;
	regs->bp = saved->bp;
	regs->r12 = saved->r12;
	regs->r13 = saved->r13;
	regs->r14 = saved->r14;
	regs->r15 = saved->r15;
	regs->cs = cs;
	regs->ss = ss;
	regs->orig_ax = -1;
	if (!scratch)
		return;
	regs->ax = scratch->ax;
	regs->cx = scratch->cx;
	regs->dx = scratch->dx;
	regs->si = scratch->si;
	regs->di = scratch->di;
	regs->r8 = scratch->r8;
	regs->r9 = scratch->r9;
	regs->r10 = scratch->r10;
	regs->r11 = scratch->r11;
}

/**
 * cos_host_upcall() - point the user registers at @c's upcall entry, to run @fn(@args)
 * @regs: the registers to rewrite
 * @c: the component
 * @stack: the running thread's distance from thread 0's stacks (cos_es_thread.stack)
 * @fn: the function
 * @args: its arguments
 *
 * Every other register is cleared: a component learns nothing of its caller's.
 */
void cos_host_upcall(struct pt_regs *regs, struct cos_component *c, unsigned long stack, unsigned long fn,
		     const u64 args[4])
{
	struct cos_es_saved entry = {
		.ip = c->upcall_entry,
		.sp = c->stack_top + stack,
		.flags = X86_EFLAGS_IF | X86_EFLAGS_FIXED,
	};

	cos_host_regs_load(regs, &entry, NULL);
	regs->di = args[0];
	regs->si = args[1];
	regs->dx = args[2];
	regs->r10 = args[3];
	regs->r8 = fn;
}

/* An invocation the module will not carry: the client sees @err as the result, in %rdx. */
static long cos_invoke_refused(struct pt_regs *regs, long err)
{
	regs->dx = err;
	return err;
}

/**
 * cos_host_invoke() - COS_IOC_INVOKE: COS_CALL_INVOKE through Linux (the slow path)
 * @h: the host, on its own thread
 * @caller: unused: the client is found here, and refused otherwise than by the call table
 * @regs: the client's registers: the capability number in %rdx, the arguments in %r8, %r9,
 *	%r10 and %r12
 *
 * Does what the entry code's fast path does, on the registers Linux saved.
 *
 * Return: 0 to the server (its upcall entry ignores it), or an error to the client (also its
 * result, in %rdx): -EINVAL for a capability it does not hold (or no client), -ELOOP when the
 * invocation stack is full.
 */
long cos_host_invoke(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs)
{
	struct cos_entry_state *es = h->sys->es;
	struct cos_es_thread *t = cos_current_thread(h);
	struct cos_component *client = cos_calls_caller(h, regs), *server;
	struct cos_es_frame *frame;
	struct cos_es_cap *ecap;
	struct cos_pd *pd;
	unsigned long flags;
	u64 args[4], caller_pd;

	/* decode */
	if (!client || regs->dx >= client->ncaps)
		return cos_invoke_refused(regs, -EINVAL);
	if (t->depth == COS_MAX_INVOCATION_DEPTH)
		return cos_invoke_refused(regs, -ELOOP);

	/* invoke */
	server = client->caps[regs->dx].server;
	ecap = &es->caps[client->slot * COS_MAX_CAPS + regs->dx];
	ecap->invocations++;
	es->invocations++;
	caller_pd = cos_top(h)->pd;
	args[0] = regs->r8;
	args[1] = regs->r9;
	args[2] = regs->r10;
	args[3] = regs->r12;

	/* Like the entry code, with interrupts off from reading the server's domain to loading it. */
	local_irq_save(flags);
	pd = READ_ONCE(server->pd);
	frame = &t->frames[t->depth++];
	cos_host_regs_save(regs, &frame->saved, NULL);
	frame->component = server->slot;
	frame->pd = pd->id;
	frame->cap = client->slot * COS_MAX_CAPS + regs->dx;
	es->pds[frame->pd].frames++;
	if (frame->pd != caller_pd)
		cos_host_load_cr3(cos_cr3_of(h, pd));
	local_irq_restore(flags);

	cos_host_upcall(regs, server, t->stack, client->caps[frame->cap % COS_MAX_CAPS].fn, args);
	return 0;
}

/**
 * cos_host_return() - COS_IOC_RETURN from a component's upcall entry
 * @h: the host, on its own thread
 * @caller: unused
 * @regs: the result in %rdx
 *
 * Return: the result, to the client the thread returns to (also in %rdx); what the next thread
 * to run expects when a thread's first invocation returns; 0 to the host when the run ends.
 */
long cos_host_return(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs)
{
	u64 result = regs->dx;

	if (h->sys->es->running == cos_es_thread_address(0)) {
		h->run.status = COS_RUN_RETURNED;
		h->run.result = result;
	}
	return cos_host_pop(h, result);
}

/**
 * cos_host_pop() - pop the running thread's top frame
 * @h: the host, on its own thread
 * @result: the invocation's result
 *
 * The registers the caller saved come back (the callee-saved ones, the stack and where to
 * resume), with @result in %rdx and %rax and every other register cleared; the caller's domain is
 * loaded if it differs. Popping a thread's first frame ends the thread: thread 0's ends the run
 * (the host gets its registers back and the result in its struct cos_run), the scheduler's event
 * thread's gives the scheduler's answer, any other's tells the scheduler it exited
 * (threads_run.c). The frame count and CR3 change with interrupts off, as in the entry code, so
 * that merges and splits can wait it out; the last frame to leave a stale domain frees it.
 *
 * Return: what the ioctl returns to the code that runs next.
 */
long cos_host_pop(struct cos_host *h, u64 result)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct cos_system *sys = h->sys;
	struct cos_entry_state *es = sys->es;
	struct cos_es_thread *t = cos_current_thread(h);
	struct cos_es_frame *frame;
	unsigned long flags;
	bool left_stale;

	local_irq_save(flags);
	frame = &t->frames[--t->depth];
	/* Read while the frame still counts: once it does not, a reaper may free the domain. */
	left_stale = READ_ONCE(cos_frame_pd(h, frame)->stale);
	cos_mpd_leave(sys, frame->pd);
	if (!t->depth) {
		/* Nothing may find the thread without a frame: interrupts stay off until it is gone. */
		if (es->running != cos_es_thread_address(0))
			return cos_threads_ended(h, cos_es_thread_id(es->running), result);
		cos_host_leave(h);
		local_irq_restore(flags);
		return cos_host_end(h, h->run.status);
	}
	if (cos_top(h)->pd != frame->pd)
		cos_host_load_cr3(cos_cr3_of(h, cos_frame_pd(h, cos_top(h))));
	local_irq_restore(flags);

	cos_host_regs_load(regs, &frame->saved, NULL);
	regs->dx = result;
	if (left_stale) {
		/* The host thread is here, not in the entry code: a quiet point of its own. */
		cos_quiet_point(sys);
		mutex_lock(&sys->lock);
		cos_mpd_reap(sys, false);
		mutex_unlock(&sys->lock);
	}
	return result;
}
