// SPDX-License-Identifier: GPL-2.0
/*
 * Host threads: a Linux thread that runs component code, and its migrating invocations.
 *
 * COS_IOC_RUN turns the calling thread into the system's host thread: the module saves the
 * thread's registers, writes the system's entry state (the first invocation frame among it),
 * points the registers at the component's upcall entry, loads the component's protection domain,
 * takes the CPU's entry points (hijack.c) and returns to user mode, into the component. From then
 * on component code reaches the component kernel through the entry code: invocations and returns
 * stay there (the fast path), and only ioctls on /dev/cos come here (the slow path: invoke,
 * return, console, fault), each rewriting the saved user registers and, where the domain
 * changes, CR3. When the first frame returns, the thread's own registers come back and
 * COS_IOC_RUN returns to the host.
 *
 * While the thread runs components its CPU holds a domain's page tables and the module's entry
 * points, which Linux knows nothing of: preempt notifiers give the CPU back (the host's CR3,
 * Linux's entry points) whenever the thread is switched out, and take it again when it is
 * switched in. If the thread dies running components (killed), the host's address space going
 * or its last switch-out gives the CPU back for good, and the freeing is deferred to process
 * context.
 *
 * Everything here runs on the host thread itself, so the frames need no lock; the system's lock
 * only keeps set-up out while the thread runs.
 */
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/sched/task_stack.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/tlbflush.h>
#include <asm/trapnr.h>
#include <asm/ucontext.h>
#include "cos.h"

extern const u8 cos_fault_entry_code[], cos_fault_entry_code_end[];

static struct workqueue_struct *cos_reaper;
static struct preempt_ops cos_preempt_ops;

/*
 * Loads @cr3 on this CPU. With PCID, translations of the previous tables may survive a CR3
 * write in other PCIDs (the user half's under PTI): flush them all.
 */
static void cos_load_cr3(unsigned long cr3)
{
	native_write_cr3(cr3);
	if (cpu_feature_enabled(X86_FEATURE_PCID) && (__read_cr4() & X86_CR4_PCIDE))
		__flush_tlb_all();
}

static struct cos_es_frame *cos_top(struct cos_host *h)
{
	struct cos_entry_state *es = h->sys->es;

	return &es->frames[es->depth - 1];
}

/* The domain a frame runs in. */
static struct cos_pd *cos_frame_pd(struct cos_host *h, struct cos_es_frame *frame)
{
	return h->sys->pds[frame->pd];
}

/* The CR3 that runs @pd on this CPU: the domain's tables, the PCID Linux gave the host here. */
static unsigned long cos_cr3_of(struct cos_host *h, struct cos_pd *pd)
{
	return cos_pd_cr3(pd) | (h->host_cr3 & ~PAGE_MASK);
}

static void cos_sched_in(struct preempt_notifier *pn, int cpu)
{
	struct cos_host *h = container_of(pn, struct cos_host, notifier);
	unsigned long flags;

	local_irq_save(flags);
	h->host_cr3 = __read_cr3();
	if (!READ_ONCE(h->leaving)) {
		/* Announced before the tables are read: merges and splits then wait for this CPU. */
		cpumask_set_cpu(cpu, &h->sys->hosting);
		cos_load_cr3(cos_cr3_of(h, cos_frame_pd(h, cos_top(h))));
		cos_hijack_install();
	}
	local_irq_restore(flags);
}

/*
 * The host's address space is being torn down (its last thread exits, typically killed while
 * running components): its page tables, which every domain's kernel view points at, are about
 * to be freed. The thread leaves the domain now, not at its last switch-out.
 */
static void cos_host_mm_release(struct mmu_notifier *mn, struct mm_struct *mm)
{
	struct cos_host *h = container_of(mn, struct cos_host, host_mm);
	unsigned long flags;

	WRITE_ONCE(h->leaving, true);
	if (h->task != current)
		return;
	local_irq_save(flags);
	cos_hijack_restore();
	cos_load_cr3(h->host_cr3);
	cpumask_clear_cpu(smp_processor_id(), &h->sys->hosting);
	local_irq_restore(flags);
}

static const struct mmu_notifier_ops cos_host_mm_ops = {
	.release = cos_host_mm_release,
};

static void cos_sched_out(struct preempt_notifier *pn, struct task_struct *next)
{
	struct cos_host *h = container_of(pn, struct cos_host, notifier);

	cos_hijack_restore();
	cos_load_cr3(h->host_cr3);
	cpumask_clear_cpu(smp_processor_id(), &h->sys->hosting);
	/* The task's last switch: it died running components. Free it from process context. */
	if (READ_ONCE(current->__state) == TASK_DEAD)
		irq_work_queue(&h->dead_irq_work);
}

static struct preempt_ops cos_preempt_ops = {
	.sched_in = cos_sched_in,
	.sched_out = cos_sched_out,
};

/*
 * The host thread of @sys, if the caller is it; component code calls only from there. A thread
 * that is not the caller's may be freed meanwhile (its task died): RCU keeps it readable here.
 * The caller's own cannot be: only the thread itself, or its death, frees it.
 */
static struct cos_host *cos_current_host(struct cos_system *sys)
{
	struct cos_host *h;
	bool mine;

	rcu_read_lock();
	h = READ_ONCE(sys->running);
	mine = h && h->task == current;
	rcu_read_unlock();
	return mine ? h : NULL;
}

/**
 * cos_host_hosting() - whether the caller is @sys's host thread, running components
 * @sys: the system
 *
 * Return: true when it is: the call comes from component code.
 */
bool cos_host_hosting(struct cos_system *sys)
{
	return cos_current_host(sys);
}

/*
 * Points the user registers at @c's upcall entry, to run @fn(@args) on @c's stack. Every other
 * register is cleared: a component learns nothing of its caller's. orig_ax = -1 tells the
 * syscall exit path that no system call is to be restarted here.
 */
static void cos_upcall(struct pt_regs *regs, struct cos_component *c, unsigned long fn, const u64 args[4])
{
	unsigned long cs = regs->cs, ss = regs->ss;

	memset(regs, 0, sizeof(*regs));
	regs->ip = c->upcall_entry;
	regs->sp = c->stack_top;
	regs->cs = cs;
	regs->ss = ss;
	regs->flags = X86_EFLAGS_IF | X86_EFLAGS_FIXED;
	regs->di = args[0];
	regs->si = args[1];
	regs->dx = args[2];
	regs->r10 = args[3];
	regs->r8 = fn;
	regs->orig_ax = -1;
}

static void cos_host_free(struct cos_host *h)
{
	struct cos_system *sys = h->sys;

	if (h->mm)
		mmu_notifier_unregister(&h->host_mm, h->mm);
	mutex_lock(&sys->lock);
	WRITE_ONCE(sys->running, NULL);
	/* No thread runs the system now: every stale domain can go. */
	cos_mpd_reap(sys, true);
	mutex_unlock(&sys->lock);
	kfree_rcu(h, rcu);
	cos_system_put(sys);
}

static void cos_host_reap(struct work_struct *work)
{
	struct cos_host *h = container_of(work, struct cos_host, dead_work);

	cos_host_free(h);
	module_put(THIS_MODULE);
}

static void cos_host_dead(struct irq_work *work)
{
	struct cos_host *h = container_of(work, struct cos_host, dead_irq_work);

	queue_work(cos_reaper, &h->dead_work);
}

/* Ends the run: the host's CR3 and registers back, the outcome to the host. */
static long cos_host_finish(struct cos_host *h)
{
	struct cos_run __user *uarg = h->run_arg;
	struct cos_run run = h->run;
	unsigned long flags;

	local_irq_save(flags);
	preempt_notifier_unregister(&h->notifier);
	cos_hijack_restore();
	cos_load_cr3(h->host_cr3);
	cpumask_clear_cpu(smp_processor_id(), &h->sys->hosting);
	local_irq_restore(flags);
	cos_host_free(h);
	module_put(THIS_MODULE);
	return copy_to_user(uarg, &run, sizeof(run)) ? -EFAULT : 0;
}

/*
 * Pops the top frame: the registers its caller saved come back (the callee-saved ones, the stack
 * and where to resume), with @result in %rdx and %rax and every other register cleared; the
 * caller's domain is loaded if it differs. Popping the first frame ends the run: the host gets its
 * registers back as they were, and the result in its struct cos_run. The frame count and CR3
 * change with interrupts off, as in the entry code, so that merges and splits can wait it out;
 * the last frame to leave a stale domain frees it.
 */
static long cos_host_pop(struct cos_host *h, u64 result)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct cos_system *sys = h->sys;
	struct cos_entry_state *es = sys->es;
	unsigned long cs = regs->cs, ss = regs->ss, flags;
	struct cos_es_frame *frame;
	struct cos_pd *left;

	local_irq_save(flags);
	frame = &es->frames[--es->depth];
	left = cos_frame_pd(h, frame);
	es->pds[frame->pd].frames--;
	if (!es->depth) {
		local_irq_restore(flags);
		*regs = h->host_regs;
		regs->orig_ax = -1;
		return cos_host_finish(h);
	}
	if (cos_top(h)->pd != frame->pd)
		cos_load_cr3(cos_cr3_of(h, cos_frame_pd(h, cos_top(h))));
	local_irq_restore(flags);

	memset(regs, 0, sizeof(*regs));
	regs->ip = frame->ip;
	regs->sp = frame->sp;
	regs->flags = (frame->flags & ES_USER_FLAGS) | ES_UPCALL_FLAGS;
	regs->bx = frame->rbx;
	regs->bp = frame->rbp;
	regs->r12 = frame->r12;
	regs->r13 = frame->r13;
	regs->r14 = frame->r14;
	regs->r15 = frame->r15;
	regs->cs = cs;
	regs->ss = ss;
	regs->orig_ax = -1;
	regs->dx = result;
	if (READ_ONCE(left->stale)) {
		mutex_lock(&sys->lock);
		cos_mpd_reap(sys, false);
		mutex_unlock(&sys->lock);
	}
	return result;
}

static int cos_match_file(const void *file, struct file *candidate, unsigned int fd)
{
	return candidate == file ? fd + 1 : 0;
}

static int cos_run_decode(struct cos_system *sys, struct cos_run *run, struct cos_component **out)
{
	struct cos_component *c = cos_system_component(sys, run->component);

	if (run->flags || run->reserved0 || run->result || run->status ||
	    memchr_inv(&run->fault, 0, sizeof(run->fault)) ||
	    memchr_inv(run->reserved, 0, sizeof(run->reserved)))
		return -EINVAL;
	if (!c || !cos_component_owns(c, run->fn))
		return -EINVAL;
	*out = c;
	return 0;
}

/**
 * cos_host_run() - COS_IOC_RUN: make the caller the host thread and enter a component
 * @sys: the system
 * @file: the /dev/cos file (its descriptor goes into the runtime page)
 * @uarg: the request
 *
 * Return: 0 to the component on success (the host sees its result when the run ends), or an
 * error to the host: -EINVAL, -EFAULT, -EBUSY (a thread runs already, or the host has memory in
 * the region), -ENOMEM.
 */
long cos_host_run(struct cos_system *sys, struct file *file, struct cos_run __user *uarg)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct cos_component *c;
	struct cos_host *h;
	struct cos_run run;
	int fd, ret;
	u32 i;

	if (copy_from_user(&run, uarg, sizeof(run)))
		return -EFAULT;
	h = kzalloc(sizeof(*h), GFP_KERNEL_ACCOUNT);
	if (!h)
		return -ENOMEM;

	mutex_lock(&sys->lock);
	ret = cos_run_decode(sys, &run, &c);
	if (ret)
		goto err_unlock;
	ret = -EBUSY;
	if (sys->running || !current->mm || cos_pd_host_overlaps(current->mm))
		goto err_unlock;
	fd = iterate_fd(current->files, 0, cos_match_file, file);
	if (!fd)
		goto err_unlock;
	*(u64 *)(page_address(sys->runtime_page) + COS_RUNTIME_FD_OFFSET) = fd - 1;
	memcpy(page_address(sys->runtime_page) + COS_RUNTIME_FAULT_OFFSET, cos_fault_entry_code,
	       cos_fault_entry_code_end - cos_fault_entry_code);
	cos_mpd_reap(sys, true);
	for (i = 0; i < COS_MAX_PDS; i++) {
		if (sys->pds[i])
			cos_pd_mirror_host(sys->pds[i], current->mm);
	}

	h->task = current;
	h->sys = sys;
	h->run_arg = uarg;
	h->run = run;
	init_irq_work(&h->dead_irq_work, cos_host_dead);
	INIT_WORK(&h->dead_work, cos_host_reap);
	h->host_mm.ops = &cos_host_mm_ops;
	ret = mmu_notifier_register(&h->host_mm, current->mm);
	if (ret)
		goto err_unlock;
	h->mm = current->mm;
	h->host_regs = *regs;
	cos_entry_state_load(sys, fd - 1, c);
	kref_get(&sys->ref);
	__module_get(THIS_MODULE);
	WRITE_ONCE(sys->running, h);
	mutex_unlock(&sys->lock);

	preempt_notifier_init(&h->notifier, &cos_preempt_ops);
	cos_upcall(regs, c, run.fn, run.args);
	preempt_disable();
	preempt_notifier_register(&h->notifier);
	h->host_cr3 = __read_cr3();
	local_irq_disable();
	cpumask_set_cpu(smp_processor_id(), &sys->hosting);
	cos_load_cr3(cos_cr3_of(h, c->pd));
	cos_hijack_install();
	local_irq_enable();
	preempt_enable();
	return 0;

err_unlock:
	mutex_unlock(&sys->lock);
	kfree(h);
	return ret;
}

/* The component whose code made the current call: the one owning the calling stub. */
static struct cos_component *cos_caller(struct cos_host *h, struct pt_regs *regs)
{
	struct cos_component *c = cos_system_component_at(h->sys, regs->ip);

	return c && cos_pd_maps(cos_frame_pd(h, cos_top(h)), c->slot) ? c : NULL;
}

/* An invocation the module will not carry: the client sees @err as the result, in %rdx. */
static long cos_invoke_refused(struct pt_regs *regs, long err)
{
	regs->dx = err;
	return err;
}

/**
 * cos_host_invoke() - COS_IOC_INVOKE: COS_CALL_INVOKE through Linux (the slow path)
 * @sys: the system
 *
 * Does what the entry code's fast path does, on the registers Linux saved.
 *
 * Return: 0 to the server (its upcall entry ignores it), or an error to the client (also its
 * result, in %rdx): -EPERM when not called from component code, -EINVAL for a capability it does
 * not hold, -ELOOP when the invocation stack is full.
 */
long cos_host_invoke(struct cos_system *sys)
{
	struct cos_host *h = cos_current_host(sys);
	struct pt_regs *regs = task_pt_regs(current);
	struct cos_entry_state *es = sys->es;
	struct cos_component *client, *server;
	struct cos_es_frame *frame;
	struct cos_es_cap *ecap;
	struct cos_pd *pd;
	unsigned long flags;
	u64 args[4], caller_pd;

	if (!h)
		return -EPERM;
	client = cos_caller(h, regs);
	if (!client || regs->dx >= client->ncaps)
		return cos_invoke_refused(regs, -EINVAL);
	if (es->depth == COS_MAX_INVOCATION_DEPTH)
		return cos_invoke_refused(regs, -ELOOP);

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
	frame = &es->frames[es->depth++];
	frame->ip = regs->ip;
	frame->sp = regs->sp;
	frame->flags = regs->flags;
	frame->rbx = regs->bx;
	frame->rbp = regs->bp;
	frame->r12 = regs->r12;
	frame->r13 = regs->r13;
	frame->r14 = regs->r14;
	frame->r15 = regs->r15;
	frame->component = server->slot;
	frame->pd = pd->id;
	frame->cap = client->slot * COS_MAX_CAPS + regs->dx;
	es->pds[frame->pd].frames++;
	if (frame->pd != caller_pd)
		cos_load_cr3(cos_cr3_of(h, pd));
	local_irq_restore(flags);

	cos_upcall(regs, server, client->caps[frame->cap % COS_MAX_CAPS].fn, args);
	return 0;
}

/**
 * cos_host_return() - COS_IOC_RETURN from a component's upcall entry
 * @sys: the system
 *
 * Return: the result, to the client the thread returns to; 0 to the host when the run ends.
 */
long cos_host_return(struct cos_system *sys)
{
	struct cos_host *h = cos_current_host(sys);

	if (!h)
		return -EPERM;
	h->run.status = COS_RUN_RETURNED;
	h->run.result = task_pt_regs(current)->dx;
	return cos_host_pop(h, h->run.result);
}

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
 * Whether a page fault is one the module resolves: a thread in a stale domain reaching a
 * component merged in since (mpd.c). The instruction then runs again with every register as the
 * fault left it, except when %rax held -ENOIOCTLCMD: the ioctl that resumes it would come back
 * as -ENOTTY (fs/ioctl.c), so that one value is left a contained fault.
 */
static bool cos_fault_resolve(struct cos_host *h, struct cos_fault_report *report,
			      struct cos_es_regs *saved)
{
	struct cos_system *sys = h->sys;
	bool resolved;

	if (report->vector != X86_TRAP_PF || saved->ax == (u64)-ENOIOCTLCMD)
		return false;
	mutex_lock(&sys->lock);
	resolved = cos_mpd_repair(sys, cos_frame_pd(h, cos_top(h)), report->address);
	mutex_unlock(&sys->lock);
	return resolved;
}

/* Resumes the faulting instruction with the registers the entry code saved. */
static long cos_fault_resume(struct cos_es_regs *saved, u64 ip)
{
	struct pt_regs *regs = task_pt_regs(current);

	regs->bx = saved->bx;
	regs->cx = saved->cx;
	regs->dx = saved->dx;
	regs->si = saved->si;
	regs->di = saved->di;
	regs->bp = saved->bp;
	regs->sp = saved->sp;
	regs->r8 = saved->r8;
	regs->r9 = saved->r9;
	regs->r10 = saved->r10;
	regs->r11 = saved->r11;
	regs->r12 = saved->r12;
	regs->r13 = saved->r13;
	regs->r14 = saved->r14;
	regs->r15 = saved->r15;
	regs->ip = ip;
	regs->flags = (saved->flags & ES_USER_FLAGS) | ES_UPCALL_FLAGS;
	regs->orig_ax = -1;
	return saved->ax;	/* the ioctl's result is %rax */
}

/**
 * cos_host_fault() - COS_IOC_FAULT from the runtime page's fault entry
 * @sys: the system
 *
 * Resolves the fault if it is a stale domain's missing entry; otherwise ends the invocation the
 * fault happened in: its client sees COS_INVOKE_FAULTED; if it was the run's first, the run ends
 * with the report.
 *
 * Return: the faulting code's %rax when it resumes, COS_INVOKE_FAULTED to the client, 0 to the
 * host when the run ends.
 */
long cos_host_fault(struct cos_system *sys)
{
	struct cos_host *h = cos_current_host(sys);
	struct cos_fault_report report;
	struct cos_es_regs saved;

	if (!h)
		return -EPERM;
	if (!cos_fault_read(h, &report, &saved))
		return -EINVAL;
	if (cos_fault_resolve(h, &report, &saved))
		return cos_fault_resume(&saved, report.ip);
	mutex_lock(&sys->lock);
	sys->fault_log[sys->faults % COS_FAULT_LOG_SIZE] = report;
	sys->faults++;
	mutex_unlock(&sys->lock);
	pr_info_ratelimited("component %u faulted: vector %u at ip %#llx, address %#llx\n",
			    report.component, report.vector, report.ip, report.address);
	if (sys->es->depth == 1) {
		h->run.status = COS_RUN_FAULTED;
		h->run.fault = report;
	}
	return cos_host_pop(h, COS_INVOKE_FAULTED);
}

/* Whether [addr, addr + len) lies in the memory of one component of the caller's domain. */
static bool cos_pd_reaches(struct cos_host *h, unsigned long addr, unsigned long len)
{
	struct cos_component *c = cos_system_component_at(h->sys, addr);

	return c && cos_pd_maps(cos_frame_pd(h, cos_top(h)), c->slot) && cos_component_owns(c, addr + len - 1);
}

/**
 * cos_host_console() - COS_IOC_CONSOLE: a console component writes to the host's stdout
 * @sys: the system
 *
 * Return: bytes written, or -EPERM for a component that is not the console, -EFAULT for a
 * buffer outside the caller's domain, or the write's error.
 */
long cos_host_console(struct cos_system *sys)
{
	struct cos_host *h = cos_current_host(sys);
	struct pt_regs *regs = task_pt_regs(current);
	struct cos_component *c;
	unsigned long len = min_t(unsigned long, regs->dx, 512);
	struct file *out;
	char buf[512];
	loff_t pos;
	ssize_t n;

	if (!h)
		return -EPERM;
	c = cos_caller(h, regs);
	if (!c || !(c->flags & COS_COMPONENT_CONSOLE))
		return -EPERM;
	if (!len)
		return 0;
	if (!cos_pd_reaches(h, regs->r8, len) || copy_from_user(buf, (void __user *)regs->r8, len))
		return -EFAULT;
	out = fget(1);
	if (!out)
		return -EBADF;
	pos = out->f_pos;
	n = kernel_write(out, buf, len, &pos);
	if (n > 0 && (out->f_mode & FMODE_ATOMIC_POS))
		out->f_pos = pos;
	fput(out);
	return n;
}

/**
 * cos_host_control() - a policy component's call to reshape its system (COS_IOC_CALL_*)
 * @sys: the system
 * @cmd: the call
 *
 * Return: what the call returns (module/uapi/cos.h), or -EPERM when the caller is not a policy
 * component running on the host thread.
 */
long cos_host_control(struct cos_system *sys, unsigned int cmd)
{
	struct cos_host *h = cos_current_host(sys);
	struct pt_regs *regs = task_pt_regs(current);
	struct cos_component *c;

	if (!h)
		return -EPERM;
	c = cos_caller(h, regs);
	if (!c || !(c->flags & COS_COMPONENT_MPD))
		return -EPERM;
	/* The policy's own memory only: the module writes the edges there on its behalf. */
	if (cmd == COS_IOC_CALL_EDGES && regs->dx &&
	    (regs->dx > COS_MAX_COMPONENTS * COS_MAX_CAPS || !cos_component_owns(c, regs->r8) ||
	     !cos_component_owns(c, regs->r8 + regs->dx * sizeof(struct cos_edge) - 1)))
		return -EFAULT;
	return cos_control_call(sys, c, cmd, regs);
}

/**
 * cos_host_init() - what host threads need for as long as the module is loaded
 *
 * The preempt-notifier static key is turned on here once, not per run: turning a static key
 * on or off patches kernel text on every CPU, which is slow and which a run should not do.
 *
 * Return: 0 or -ENOMEM.
 */
int cos_host_init(void)
{
	cos_reaper = alloc_workqueue("cos_reaper", 0, 0);
	if (!cos_reaper)
		return -ENOMEM;
	preempt_notifier_inc();
	return 0;
}

/**
 * cos_host_exit() - wait for the reaper and free it; mirrors cos_host_init()
 */
void cos_host_exit(void)
{
	preempt_notifier_dec();
	destroy_workqueue(cos_reaper);
}
