/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the host thread's files (host*.c), the component calls (calls.c, fault.c, console.c) and
 * the component threads (threads*.c) share: the host thread, the scheduler's side of it, and the
 * small helpers all of them use on the running component thread's invocation frames.
 */
#ifndef COS_HOST_H
#define COS_HOST_H

#include <linux/hrtimer.h>
#include <linux/kref.h>
#include <linux/sched/task_stack.h>
#include <linux/task_work.h>
#include <linux/wait.h>
#include "cos.h"

/*
 * threads.c: the scheduler component, once it has set up (COS_IOC_CALL_SCHED_SETUP): the
 * function the module upcalls with its events, the thread it runs them on, the timer whose ticks
 * are such events, and the interrupt lines (interrupt.c) those events carry too.
 */
struct cos_sched {
	struct cos_component *component;	/* NULL until the scheduler sets up */
	unsigned long event_fn;
	u32 event_thread;
	u64 period_ns;
	struct hrtimer timer;
	atomic_t ticks;			/* due, not yet given to the scheduler */
	atomic64_t lines;		/* interrupt lines raised, not yet given to it: bit n, line n */
	wait_queue_head_t wait;		/* the host thread idles here for a tick, a line or a stop */
	bool idle;
	bool idle_for_set;		/* the next idle lasts idle_for_ns, not one tick */
	u64 idle_for_ns;
	u64 ticks_delivered;
	u64 preemptions;
};

/* What the host thread's exit work (host_exit.c) does when it next returns to user mode. */
#define COS_EXIT_WORK_FIXUP_AX (1U << 0)	/* put fixup_ax in %rax: ioctl results are ints */
#define COS_EXIT_WORK_TICK (1U << 1)		/* ticks or lines are due: preempt if the code allows */
#define COS_EXIT_WORK_STOP (1U << 2)		/* COS_IOC_STOP: end the run */

/*
 * host*.c: a host thread: the Linux thread that runs component code, and the CPU state it takes
 * over while it does (a domain's page tables, the entry points). The component threads it runs
 * keep their invocation frames in the system's entry state, shared with the entry code.
 */
struct cos_host {
	struct rcu_head rcu;	/* first: kfree_rcu() needs it within the first page */
	struct kref ref;	/* the run, and the exit work while it is queued on the task */
	struct task_struct *task;
	struct cos_system *sys;
	struct preempt_notifier notifier;
	unsigned long host_cr3;		/* what Linux loaded for the host on this CPU */
	struct pt_regs host_regs;	/* the host's, to return to when the run ends */
	struct cos_run __user *run_arg;
	struct cos_run run;
	struct irq_work dead_irq_work;	/* the task died running components */
	struct work_struct dead_work;
	struct mmu_notifier host_mm;	/* tells when the host's page tables go */
	struct mm_struct *mm;
	bool leaving;			/* they go: never load a domain again */
	bool ended;			/* the run is over: nothing more to do in component code */
	struct callback_head exit_work;
	raw_spinlock_t exit_work_lock;	/* the two below, and adding the work */
	bool exit_work_queued;		/* on the task's list */
	unsigned int exit_work_flags;	/* COS_EXIT_WORK_* */
	u64 fixup_ax;
	bool stopping;
	struct cos_sched sched;
};

/* host.c: the run, from COS_IOC_RUN to its end */
struct cos_host *cos_host_current(struct cos_system *sys);
void cos_host_put(struct cos_host *h);
long cos_host_end(struct cos_host *h, u32 status);

/* host_cpu.c: taking the CPU and giving it back */
void cos_host_load_cr3(unsigned long cr3);
int cos_host_watch_mm(struct cos_host *h);
void cos_host_unwatch_mm(struct cos_host *h);
void cos_host_enter(struct cos_host *h, struct cos_pd *pd);
void cos_host_leave(struct cos_host *h);

/* host_exit.c: the exit work */
void cos_host_exit_init(struct cos_host *h);
void cos_host_request(struct cos_host *h, unsigned int what, int notify);
long cos_host_result64(struct cos_host *h, u64 value);

/* host_frames.c: registers, upcalls, invocation frames */
void cos_host_regs_save(const struct pt_regs *regs, struct cos_es_saved *saved, struct cos_es_scratch *scratch);
void cos_host_regs_load(struct pt_regs *regs, const struct cos_es_saved *saved,
			const struct cos_es_scratch *scratch);
void cos_host_upcall(struct pt_regs *regs, struct cos_component *c, unsigned long stack, unsigned long fn,
		     const u64 args[4]);
long cos_host_pop(struct cos_host *h, u64 result);

/*
 * The component calls (calls.c's table): each handler gets the host (the caller is its thread),
 * the calling component when the table's row names one (else NULL), and the registers the call
 * was made with, which it may rewrite.
 */
struct cos_component *cos_calls_caller(struct cos_host *h, struct pt_regs *regs);
bool cos_calls_reaches(struct cos_host *h, unsigned long addr, unsigned long len);
long cos_calls_time(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs);
long cos_calls_client(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs);
long cos_host_invoke(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs);
long cos_host_return(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs);
long cos_fault_call(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs);
long cos_console_call(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs);
long cos_nic_send(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs);
long cos_control_call_self(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs);
long cos_control_call_merge(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs);
long cos_control_call_split(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs);
long cos_control_call_pd_of(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs);
long cos_control_call_edges(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs);
long cos_threads_setup(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs);
long cos_threads_create(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs);
long cos_threads_switch(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs);
long cos_threads_idle_for(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs);

/* threads.c: the threads and their stacks */
void cos_threads_init(struct cos_host *h);
void cos_threads_exit(struct cos_host *h);
bool cos_threads_runnable(struct cos_host *h, u64 t);
bool cos_threads_stack_fault(struct cos_host *h, unsigned long addr);

/* threads_run.c: running them: switches, the scheduler's events, ticks, idling */
long cos_threads_ended(struct cos_host *h, u32 t, u64 result);
void cos_threads_tick(struct cos_host *h, struct pt_regs *regs);

/* Whether the scheduler has an event due: ticks, or interrupt lines. */
static inline bool cos_threads_due(struct cos_sched *s)
{
	return atomic_read(&s->ticks) || atomic64_read(&s->lines);
}

/* A thread record's state beyond ES_THREAD_*: the event thread's, while no event runs on it. */
#define ES_THREAD_EVENT 5

/* Thread @t's record, through the kernel's mapping. */
static inline struct cos_es_thread *cos_thread(struct cos_host *h, u32 t)
{
	return &h->sys->es->threads[t];
}

/* The running component thread's record, through the kernel's mapping. */
static inline struct cos_es_thread *cos_current_thread(struct cos_host *h)
{
	return &h->sys->es->threads[cos_es_thread_id(h->sys->es->running)];
}

/* The top frame of the running thread: the invocation it is in. */
static inline struct cos_es_frame *cos_top(struct cos_host *h)
{
	struct cos_es_thread *t = cos_current_thread(h);

	return &t->frames[t->depth - 1];
}

/* The domain a frame runs in. */
static inline struct cos_pd *cos_frame_pd(struct cos_host *h, struct cos_es_frame *frame)
{
	return h->sys->pds[frame->pd];
}

/* The CR3 that runs @pd on this CPU: the domain's tables, the PCID Linux gave the host here. */
static inline unsigned long cos_cr3_of(struct cos_host *h, struct cos_pd *pd)
{
	return cos_pd_cr3(pd) | (h->host_cr3 & ~PAGE_MASK);
}

#endif /* COS_HOST_H */
