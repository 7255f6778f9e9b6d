// SPDX-License-Identifier: GPL-2.0
/*
 * The CPU a host thread runs component code on: taking it (a domain's page tables, the module's
 * entry points) and giving it back to Linux, which knows nothing of either.
 *
 * Preempt notifiers give the CPU back (the host's CR3, Linux's entry points) whenever the thread
 * is switched out, and take it again when it is switched in. If the thread dies running
 * components (killed), the host's address space going or its last switch-out gives the CPU back
 * for good, and the freeing is deferred to process context (host.c).
 */
#include <linux/sched.h>
#include <asm/tlbflush.h>
#include "host.h"

/**
 * cos_host_load_cr3() - load @cr3 on this CPU
 * @cr3: a domain's tables, or the host's
 *
 * With PCID, translations of the previous tables may survive a CR3 write in other PCIDs (the
 * user half's under PTI): flush them all. Interrupts off.
 */
void cos_host_load_cr3(unsigned long cr3)
{
	native_write_cr3(cr3);
	if (cpu_feature_enabled(X86_FEATURE_PCID) && (__read_cr4() & X86_CR4_PCIDE))
		__flush_tlb_all();
}

static void cos_host_sched_in(struct preempt_notifier *pn, int cpu)
{
	struct cos_host *h = container_of(pn, struct cos_host, notifier);
	unsigned long flags;

	local_irq_save(flags);
	h->host_cr3 = __read_cr3();
	/*
	 * Announced before the tables and the leaving mark are read (the set is a full barrier):
	 * merges and splits then wait for this CPU, and a release of the host's address space sends
	 * it an interrupt unless this sees the mark (cos_host_mm_release).
	 */
	cpumask_set_cpu(cpu, &h->sys->hosting);
	if (READ_ONCE(h->leaving)) {
		cpumask_clear_cpu(cpu, &h->sys->hosting);
	} else {
		cos_host_load_cr3(cos_cr3_of(h, cos_frame_pd(h, cos_top(h))));
		cos_hijack_install();
	}
	local_irq_restore(flags);
}

/* On a CPU where the host thread holds a domain and the entry points: give both back. */
static void cos_host_leave_cpu(void *info)
{
	struct cos_host *h = info;

	if (current != h->task)
		return;
	cos_hijack_restore();
	cos_host_load_cr3(h->host_cr3);
	cpumask_clear_cpu(smp_processor_id(), &h->sys->hosting);
}

/*
 * The host's address space is being torn down (its last thread exits, typically killed while
 * running components): its page tables, which every domain's kernel view points at, are about
 * to be freed. The host thread leaves the domain now, not at its last switch-out, wherever it
 * is. When another thread of the host is the last to go, the host thread, exiting too, may still
 * hold a domain and the entry points on its CPU, which Linux (its TLB lazy since the thread left
 * the address space) is about to switch to init_mm's page tables, where the module's IDT is not
 * mapped: the next interrupt there would triple-fault. An interrupt to that CPU gives them back
 * first. The mark keeps a switch-in from taking them again.
 */
static void cos_host_mm_release(struct mmu_notifier *mn, struct mm_struct *mm)
{
	struct cos_host *h = container_of(mn, struct cos_host, host_mm);
	unsigned long flags;

	WRITE_ONCE(h->leaving, true);
	smp_mb();	/* the mark, then the CPUs it holds: a switch-in in between sees the mark */
	if (h->task == current) {
		local_irq_save(flags);
		cos_host_leave_cpu(h);
		local_irq_restore(flags);
		return;
	}
	on_each_cpu_mask(&h->sys->hosting, cos_host_leave_cpu, h, true);
}

static const struct mmu_notifier_ops cos_host_mm_ops = {
	.release = cos_host_mm_release,
};

static void cos_host_sched_out(struct preempt_notifier *pn, struct task_struct *next)
{
	struct cos_host *h = container_of(pn, struct cos_host, notifier);

	cos_hijack_restore();
	cos_host_load_cr3(h->host_cr3);
	cpumask_clear_cpu(smp_processor_id(), &h->sys->hosting);
	cos_quiet_point(h->sys);
	/* The task's last switch: it died running components. Free it from process context. */
	if (READ_ONCE(current->__state) == TASK_DEAD)
		irq_work_queue(&h->dead_irq_work);
}

static struct preempt_ops cos_host_preempt_ops = {
	.sched_in = cos_host_sched_in,
	.sched_out = cos_host_sched_out,
};

/**
 * cos_host_watch_mm() - have the host told when its address space goes
 * @h: the host, not running yet; the caller is its thread
 *
 * Return: 0, or the error of mmu_notifier_register().
 */
int cos_host_watch_mm(struct cos_host *h)
{
	int ret;

	h->host_mm.ops = &cos_host_mm_ops;
	ret = mmu_notifier_register(&h->host_mm, current->mm);
	if (!ret)
		h->mm = current->mm;
	return ret;
}

/**
 * cos_host_unwatch_mm() - undo cos_host_watch_mm(), if it succeeded
 * @h: the host
 */
void cos_host_unwatch_mm(struct cos_host *h)
{
	if (h->mm)
		mmu_notifier_unregister(&h->host_mm, h->mm);
}

/**
 * cos_host_enter() - the host thread takes its CPU: @pd's tables, the module's entry points
 * @h: the host, on its own thread, about to return to component code
 * @pd: the domain the run starts in
 *
 * From here on, every switch of the thread gives the CPU back and takes it again.
 */
void cos_host_enter(struct cos_host *h, struct cos_pd *pd)
{
	preempt_notifier_init(&h->notifier, &cos_host_preempt_ops);
	preempt_disable();
	preempt_notifier_register(&h->notifier);
	h->host_cr3 = __read_cr3();
	local_irq_disable();
	cpumask_set_cpu(smp_processor_id(), &h->sys->hosting);
	cos_host_load_cr3(cos_cr3_of(h, pd));
	cos_hijack_install();
	local_irq_enable();
	preempt_enable();
}

/**
 * cos_host_leave() - the host thread gives its CPU back to Linux for good
 * @h: the host, on its own thread
 *
 * Interrupts off. Once only: later calls do nothing.
 */
void cos_host_leave(struct cos_host *h)
{
	if (h->ended)
		return;
	WRITE_ONCE(h->ended, true);
	preempt_notifier_unregister(&h->notifier);
	cos_hijack_restore();
	cos_host_load_cr3(h->host_cr3);
	cpumask_clear_cpu(smp_processor_id(), &h->sys->hosting);
}
