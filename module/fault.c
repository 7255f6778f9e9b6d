// SPDX-License-Identifier: GPL-2.0
/*
 * COS_IOC_FAULT: a fault in component code, which the entry code recorded and sent to the
 * runtime page's fault entry. The module resolves what it can (a thread's stack page on first
 * touch, a stale domain reaching a component merged in since) and resumes the instruction;
 * anything else ends the invocation it happened in, and is reported.
 */
#include <linux/sched.h>
#include <asm/trapnr.h>
#include "host.h"

/* Takes the fault the entry code recorded, and names the component it happened in. */
static bool cos_fault_read(struct cos_host *h, struct cos_fault_report *report, struct cos_es_regs *regs)
{
	struct cos_es_pending *pending = &h->sys->es->pending;
	struct cos_component *c;

	if (!pending->valid)
		return false;
	memset(report, 0, sizeof(*report));
	report->vector = pending->vector;
	report->error_code = pending->error_code;
	report->address = pending->address;
	report->ip = pending->ip;
	*regs = pending->regs;
	regs->saved.ip = pending->ip;
	pending->valid = 0;
	/*
	 * The component whose code ran: the one owning the instruction if the domain maps it (a
	 * direct call may have left the invoked component), else the invoked one (it jumped out).
	 */
	c = cos_system_component_at(h->sys, report->ip);
	if (!c || !cos_pd_maps(cos_frame_pd(h, cos_top(h)), c->slot))
		c = cos_system_component_at(h->sys, cos_slot_base(cos_top(h)->component));
	report->component = c ? c->id : ~0U;
	return true;
}

/*
 * Whether a page fault is one the module resolves: the first touch of a page of a thread's own
 * stack (threads.c), or a thread in a stale domain reaching a component merged in since (mpd.c).
 */
static bool cos_fault_resolve(struct cos_host *h, struct cos_fault_report *report)
{
	struct cos_system *sys = h->sys;
	bool resolved;

	if (report->vector != X86_TRAP_PF)
		return false;
	mutex_lock(&sys->lock);
	resolved = cos_threads_stack_fault(h, report->address) ||
		   cos_mpd_repair(sys, cos_frame_pd(h, cos_top(h)), report->address);
	mutex_unlock(&sys->lock);
	return resolved;
}

/**
 * cos_fault_call() - COS_IOC_FAULT from the runtime page's fault entry
 * @h: the host, on its own thread
 * @caller: unused: the fault entry is no component's code
 * @regs: rewritten: the faulting instruction's, or the code that runs next
 *
 * Resolves the fault if the module can (a stack page, a stale domain's missing entry) and
 * resumes the faulting instruction with every register the entry code saved; otherwise ends the
 * invocation the fault happened in: its client sees COS_INVOKE_FAULTED; if it was the first of
 * thread 0, the run ends with the report.
 *
 * Return: what the thread that runs next expects, as cos_host_pop(); 0 when it resumes, or
 * -EINVAL when no fault was recorded.
 */
long cos_fault_call(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs)
{
	struct cos_system *sys = h->sys;
	struct cos_fault_report report;
	struct cos_es_regs saved;

	if (!cos_fault_read(h, &report, &saved))
		return -EINVAL;
	if (cos_fault_resolve(h, &report)) {
		cos_host_regs_load(regs, &saved.saved, &saved.scratch);
		return cos_host_result64(h, saved.scratch.ax);
	}
	mutex_lock(&sys->lock);
	sys->fault_log[sys->faults % COS_FAULT_LOG_SIZE] = report;
	sys->faults++;
	mutex_unlock(&sys->lock);
	pr_info_ratelimited("component %u faulted: vector %u at ip %#llx, address %#llx\n",
			    report.component, report.vector, report.ip, report.address);
	if (cos_current_thread(h)->depth == 1 && sys->es->running == cos_es_thread_address(0)) {
		h->run.status = COS_RUN_FAULTED;
		h->run.fault = report;
	}
	return cos_host_pop(h, COS_INVOKE_FAULTED);
}
