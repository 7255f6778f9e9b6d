// SPDX-License-Identifier: GPL-2.0
/*
 * The host thread's exit work: what must happen on its way back to user mode and cannot be done
 * where it is decided (a task work): a full word in %rax (an ioctl's result is an int), a tick
 * that preempts the running component thread, a stop.
 *
 * The work is one callback, on the task's list at most once; requests from any CPU add bits to
 * what it does next. Whoever finds it not on the list adds it, and a request that finds it there
 * relies on that: so "on the list" must mean on the list. A lock keeps the mark and the adding
 * together. Without it, a tick on another CPU could mark the work queued and be held up (a
 * virtual CPU the emulator does not run for a while) before adding it; the host thread's own
 * request for a full word in %rax then found it marked, returned to user mode without it, and
 * the word was put in %rax later, wherever the thread was by then, while the code it resumed
 * ran with the ioctl's 0 in %rax.
 */
#include <linux/sched.h>
#include "host.h"

/*
 * Runs on the host thread on its way back to user mode (a task work), with the user registers
 * as they will be loaded: applies what cos_host_request() asked for, unless the run is over.
 */
static void cos_host_exit_work(struct callback_head *work)
{
	struct cos_host *h = container_of(work, struct cos_host, exit_work);
	struct pt_regs *regs = task_pt_regs(current);
	unsigned long flags;
	unsigned int what;

	raw_spin_lock_irqsave(&h->exit_work_lock, flags);
	h->exit_work_queued = false;
	what = h->exit_work_flags;
	h->exit_work_flags = 0;
	raw_spin_unlock_irqrestore(&h->exit_work_lock, flags);
	if (!READ_ONCE(h->ended) && !READ_ONCE(h->leaving) && !(current->flags & PF_EXITING) &&
	    user_mode(regs)) {
		if (what & COS_EXIT_WORK_FIXUP_AX)
			regs->ax = h->fixup_ax;
		if (READ_ONCE(h->stopping)) {
			/* Not in a system call: nothing sets %rax on the way out but this. */
			regs->ax = cos_host_end(h, COS_RUN_STOPPED);
		} else if (what & COS_EXIT_WORK_TICK) {
			cos_threads_tick(h, regs);
		}
	}
	cos_host_put(h);
}

/**
 * cos_host_exit_init() - a new host's exit work, not queued
 * @h: the host
 */
void cos_host_exit_init(struct cos_host *h)
{
	raw_spin_lock_init(&h->exit_work_lock);
	init_task_work(&h->exit_work, cos_host_exit_work);
}

/**
 * cos_host_request() - have the host thread do @what on its way back to user mode
 * @h: the host
 * @what: COS_EXIT_WORK_* bits
 * @notify: TWA_RESUME from the host thread itself, TWA_SIGNAL to interrupt it from elsewhere
 *
 * Any context, hard interrupts included (the tick).
 */
void cos_host_request(struct cos_host *h, unsigned int what, int notify)
{
	unsigned long flags;
	bool exiting = false;

	raw_spin_lock_irqsave(&h->exit_work_lock, flags);
	h->exit_work_flags |= what;
	if (!h->exit_work_queued) {
		kref_get(&h->ref);
		/* Fails only when the task is exiting: nothing will run in component code again. */
		exiting = task_work_add(h->task, &h->exit_work, notify);
		h->exit_work_queued = !exiting;
	}
	raw_spin_unlock_irqrestore(&h->exit_work_lock, flags);
	if (exiting)
		cos_host_put(h);	/* the caller holds another reference */
}

/**
 * cos_host_result64() - a call's result that needs all 64 bits of %rax
 * @h: the host, on its own thread, in the call
 * @value: the result
 *
 * Return: what the ioctl returns; the exit work replaces it with @value.
 */
long cos_host_result64(struct cos_host *h, u64 value)
{
	/* Every word asked for before went into %rax on the way out of its own call. */
	WARN_ON_ONCE(READ_ONCE(h->exit_work_flags) & COS_EXIT_WORK_FIXUP_AX);
	h->fixup_ax = value;
	cos_host_request(h, COS_EXIT_WORK_FIXUP_AX, TWA_RESUME);
	return 0;
}
