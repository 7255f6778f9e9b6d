// SPDX-License-Identifier: GPL-2.0
/*
 * Quiet points of a system's host thread: moments at which it is certainly not in the entry
 * code, which reads a system's tables without a lock (entry_code.S, mpd.c). Once a quiet point
 * has passed after a table changed, no pass of the entry code that read the old table is left,
 * and what the change replaced (a domain no component points at any more) can be freed.
 *
 * The host thread passes a quiet point when Linux switches it out (its preempt notifier) and when
 * it is in the module to return from a stale domain. While it runs component code, a quiet point
 * is asked for: an interrupt to its CPU (an asynchronous function call), which the entry code,
 * running with interrupts off, cannot be in the middle of. Nobody waits for it: whoever changed
 * the tables takes a stamp and goes on, and what the stamp protects is freed later, by whoever
 * next finds the stamp passed (the reaper that the interrupt queues, the next merge or split,
 * the host thread itself). Only a change that must know at once that nothing uses the old
 * table, the split that reuses a domain in place, waits (cos_quiet_wait).
 *
 * Ordering: a writer publishes its tables, then (full barrier) reads the count of quiet points
 * and which CPUs the host thread holds; the host thread counts a quiet point, then (full
 * barrier) reads the tables on its next pass. Either the writer sees the new count, or the host
 * thread's later passes see the new tables.
 */
#include <linux/smp.h>
#include <linux/workqueue.h>
#include <asm/tlbflush.h>
#include "cos.h"

/*
 * In an interrupt on the CPU the request went to. The entry code cannot be running here; if the
 * host thread runs component code on another CPU now (it moved since the request was sent), it
 * may be in the middle of a pass there, and the request goes on to that CPU. Otherwise the host
 * thread is in no pass: a quiet point. The request is taken off first: a stamp that still finds
 * it on its way then knows that this quiet point comes after it.
 */
static void cos_quiet_kicked(void *info)
{
	struct cos_system *sys = info;
	unsigned int cpu;

	for_each_cpu(cpu, &sys->hosting) {
		if (cpu != smp_processor_id() && !smp_call_function_single_async(cpu, &sys->quiet_kick))
			return;	/* the request, and its count of running ones, go on there */
	}
	atomic_set(&sys->quiet_kick_pending, 0);
	smp_mb__after_atomic();
	cos_quiet_point(sys);
	queue_work(system_wq, &sys->reap_work);
	atomic_dec_return_release(&sys->quiet_kicks_running);	/* the last touch of @sys */
}

/**
 * cos_quiet_init() - a new system's quiet points
 * @sys: the system
 * @reap: what the interrupt that marks a quiet point has run afterwards, in process context
 */
void cos_quiet_init(struct cos_system *sys, work_func_t reap)
{
	atomic64_set(&sys->quiet, 0);
	atomic_set(&sys->quiet_kick_pending, 0);
	atomic_set(&sys->quiet_kicks_running, 0);
	INIT_CSD(&sys->quiet_kick, cos_quiet_kicked, sys);
	INIT_WORK(&sys->reap_work, reap);
}

/**
 * cos_quiet_exit() - nothing of @sys's quiet points may run any more
 * @sys: the system, whose last reference is gone: nobody asks for a quiet point again
 */
void cos_quiet_exit(struct cos_system *sys)
{
	while (atomic_read_acquire(&sys->quiet_kicks_running))
		cpu_relax();
	cancel_work_sync(&sys->reap_work);
}

/**
 * cos_quiet_point() - the host thread of @sys is not in the entry code now
 * @sys: the system
 *
 * Called by the host thread (or on its CPU, in an interrupt) after its last pass of the entry
 * code and before its next.
 */
void cos_quiet_point(struct cos_system *sys)
{
	atomic64_inc(&sys->quiet);
	smp_mb__after_atomic();	/* the count, then the tables the next pass reads */
}

/**
 * cos_quiet_stamp() - a stamp for what @sys's tables no longer lead to; asks for a quiet point
 * @sys: the system, locked (which keeps the request for a quiet point to one at a time); its
 *	tables are published
 *
 * Return: the stamp, for cos_quiet_passed().
 */
struct cos_quiet_stamp cos_quiet_stamp(struct cos_system *sys)
{
	struct cos_quiet_stamp stamp;
	int cpu;

	smp_mb();	/* the tables, then the count and the CPUs */
	stamp.count = atomic64_read(&sys->quiet);
	cpu = cpumask_first(&sys->hosting);
	/* Not in component code, or the host thread itself, in the module (a policy's call). */
	stamp.idle = cpu >= nr_cpu_ids || cos_host_hosting(sys);
	/*
	 * One request on its way at a time: one that has not begun makes its quiet point after
	 * this stamp too. The interrupt's function may still be finishing a request taken off
	 * already: the function call data is free by then (asynchronous calls release it first).
	 */
	if (!stamp.idle && !atomic_xchg(&sys->quiet_kick_pending, 1)) {
		atomic_inc(&sys->quiet_kicks_running);
		if (smp_call_function_single_async(cpu, &sys->quiet_kick)) {
			/* The CPU went offline: it runs nothing now. */
			atomic_dec(&sys->quiet_kicks_running);
			atomic_set(&sys->quiet_kick_pending, 0);
		}
	}
	return stamp;
}

/**
 * cos_quiet_passed() - whether a quiet point of @sys's host thread came after @stamp
 * @sys: the system
 * @stamp: from cos_quiet_stamp()
 *
 * Return: true when no pass of the entry code that read the tables of before the stamp is left;
 * what such a pass would have written (frame counts) is then visible.
 */
bool cos_quiet_passed(struct cos_system *sys, struct cos_quiet_stamp stamp)
{
	bool passed = stamp.idle || atomic64_read(&sys->quiet) != stamp.count;

	smp_rmb();	/* the count, then what the passes before it wrote */
	return passed;
}

static void cos_quiet_flush_local(void *unused)
{
	native_write_cr3(__native_read_cr3());
	if (cpu_feature_enabled(X86_FEATURE_PCID) && (__read_cr4() & X86_CR4_PCIDE))
		__flush_tlb_all();
}

static void cos_quiet_nothing(void *unused)
{
}

/**
 * cos_quiet_wait() - wait until the host thread of @sys is past a quiet point
 * @sys: the system; its tables are published
 * @flush: the CPU it holds drops the translations it cached, too
 *
 * Waits for an interrupt to be taken on the CPU the host thread holds, if any. A CPU that takes
 * the host thread afterwards reads the tables afresh: switching it in loads CR3 anew.
 */
void cos_quiet_wait(struct cos_system *sys, bool flush)
{
	smp_mb();	/* the tables, then the CPUs */
	on_each_cpu_mask(&sys->hosting, flush ? cos_quiet_flush_local : cos_quiet_nothing, NULL, true);
}
