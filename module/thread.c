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

static struct cos_es_frame *cos_top(struct cos_thread *t)
{
	struct cos_entry_state *es = t->sys->es;

	return &es->frames[es->depth - 1];
}

/* The domain a frame runs in. */
static struct cos_pd *cos_frame_pd(struct cos_thread *t, struct cos_es_frame *frame)
{
	return t->sys->pds[frame->pd];
}

/* The CR3 that runs @pd on this CPU: the domain's tables, the PCID Linux gave the host here. */
static unsigned long cos_cr3_of(struct cos_thread *t, struct cos_pd *pd)
{
	return cos_pd_cr3(pd) | (t->host_cr3 & ~PAGE_MASK);
}

static void cos_sched_in(struct preempt_notifier *pn, int cpu)
{
	struct cos_thread *t = container_of(pn, struct cos_thread, notifier);
	unsigned long flags;

	local_irq_save(flags);
	t->host_cr3 = __read_cr3();
	if (!READ_ONCE(t->leaving)) {
		/* Announced before the tables are read: merges and splits then wait for this CPU. */
		cpumask_set_cpu(cpu, &t->sys->hosting);
		cos_load_cr3(cos_cr3_of(t, cos_frame_pd(t, cos_top(t))));
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
	struct cos_thread *t = container_of(mn, struct cos_thread, host_mm);
	unsigned long flags;

	WRITE_ONCE(t->leaving, true);
	if (t->task != current)
		return;
	local_irq_save(flags);
	cos_hijack_restore();
	cos_load_cr3(t->host_cr3);
	cpumask_clear_cpu(smp_processor_id(), &t->sys->hosting);
	local_irq_restore(flags);
}

static const struct mmu_notifier_ops cos_host_mm_ops = {
	.release = cos_host_mm_release,
};

static void cos_sched_out(struct preempt_notifier *pn, struct task_struct *next)
{
	struct cos_thread *t = container_of(pn, struct cos_thread, notifier);

	cos_hijack_restore();
	cos_load_cr3(t->host_cr3);
	cpumask_clear_cpu(smp_processor_id(), &t->sys->hosting);
	/* The task's last switch: it died running components. Free it from process context. */
	if (READ_ONCE(current->__state) == TASK_DEAD)
		irq_work_queue(&t->dead_irq_work);
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
static struct cos_thread *cos_current_thread(struct cos_system *sys)
{
	struct cos_thread *t;
	bool mine;

	rcu_read_lock();
	t = READ_ONCE(sys->running);
	mine = t && t->task == current;
	rcu_read_unlock();
	return mine ? t : NULL;
}

/**
 * cos_thread_hosting() - whether the caller is @sys's host thread, running components
 * @sys: the system
 *
 * Return: true when it is: the call comes from component code.
 */
bool cos_thread_hosting(struct cos_system *sys)
{
	return cos_current_thread(sys);
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

static void cos_thread_free(struct cos_thread *t)
{
	struct cos_system *sys = t->sys;

	if (t->mm)
		mmu_notifier_unregister(&t->host_mm, t->mm);
	mutex_lock(&sys->lock);
	WRITE_ONCE(sys->running, NULL);
	/* No thread runs the system now: every stale domain can go. */
	cos_mpd_reap(sys, true);
	mutex_unlock(&sys->lock);
	kfree_rcu(t, rcu);
	cos_system_put(sys);
}

static void cos_thread_reap(struct work_struct *work)
{
	struct cos_thread *t = container_of(work, struct cos_thread, dead_work);

	cos_thread_free(t);
	module_put(THIS_MODULE);
}

static void cos_thread_dead(struct irq_work *work)
{
	struct cos_thread *t = container_of(work, struct cos_thread, dead_irq_work);

	queue_work(cos_reaper, &t->dead_work);
}

/* Ends the run: the host's CR3 and registers back, the outcome to the host. */
static long cos_thread_finish(struct cos_thread *t)
{
	struct cos_run __user *uarg = t->run_arg;
	struct cos_run run = t->run;
	unsigned long flags;

	local_irq_save(flags);
	preempt_notifier_unregister(&t->notifier);
	cos_hijack_restore();
	cos_load_cr3(t->host_cr3);
	cpumask_clear_cpu(smp_processor_id(), &t->sys->hosting);
	local_irq_restore(flags);
	cos_thread_free(t);
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
static long cos_thread_pop(struct cos_thread *t, u64 result)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct cos_system *sys = t->sys;
	struct cos_entry_state *es = sys->es;
	unsigned long cs = regs->cs, ss = regs->ss, flags;
	struct cos_es_frame *frame;
	struct cos_pd *left;

	local_irq_save(flags);
	frame = &es->frames[--es->depth];
	left = cos_frame_pd(t, frame);
	es->pds[frame->pd].frames--;
	if (!es->depth) {
		local_irq_restore(flags);
		*regs = t->host_regs;
		regs->orig_ax = -1;
		return cos_thread_finish(t);
	}
	if (cos_top(t)->pd != frame->pd)
		cos_load_cr3(cos_cr3_of(t, cos_frame_pd(t, cos_top(t))));
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
 * cos_thread_run() - COS_IOC_RUN: make the caller the host thread and enter a component
 * @sys: the system
 * @file: the /dev/cos file (its descriptor goes into the runtime page)
 * @uarg: the request
 *
 * Return: 0 to the component on success (the host sees its result when the run ends), or an
 * error to the host: -EINVAL, -EFAULT, -EBUSY (a thread runs already, or the host has memory in
 * the region), -ENOMEM.
 */
long cos_thread_run(struct cos_system *sys, struct file *file, struct cos_run __user *uarg)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct cos_component *c;
	struct cos_thread *t;
	struct cos_run run;
	int fd, ret;
	u32 i;

	if (copy_from_user(&run, uarg, sizeof(run)))
		return -EFAULT;
	t = kzalloc(sizeof(*t), GFP_KERNEL_ACCOUNT);
	if (!t)
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

	t->task = current;
	t->sys = sys;
	t->run_arg = uarg;
	t->run = run;
	init_irq_work(&t->dead_irq_work, cos_thread_dead);
	INIT_WORK(&t->dead_work, cos_thread_reap);
	t->host_mm.ops = &cos_host_mm_ops;
	ret = mmu_notifier_register(&t->host_mm, current->mm);
	if (ret)
		goto err_unlock;
	t->mm = current->mm;
	t->host_regs = *regs;
	cos_entry_state_load(sys, fd - 1, c);
	kref_get(&sys->ref);
	__module_get(THIS_MODULE);
	WRITE_ONCE(sys->running, t);
	mutex_unlock(&sys->lock);

	preempt_notifier_init(&t->notifier, &cos_preempt_ops);
	cos_upcall(regs, c, run.fn, run.args);
	preempt_disable();
	preempt_notifier_register(&t->notifier);
	t->host_cr3 = __read_cr3();
	local_irq_disable();
	cpumask_set_cpu(smp_processor_id(), &sys->hosting);
	cos_load_cr3(cos_cr3_of(t, c->pd));
	cos_hijack_install();
	local_irq_enable();
	preempt_enable();
	return 0;

err_unlock:
	mutex_unlock(&sys->lock);
	kfree(t);
	return ret;
}

/* The component whose code made the current call: the one owning the calling stub. */
static struct cos_component *cos_caller(struct cos_thread *t, struct pt_regs *regs)
{
	struct cos_component *c = cos_system_component_at(t->sys, regs->ip);

	return c && cos_pd_maps(cos_frame_pd(t, cos_top(t)), c->slot) ? c : NULL;
}

/* An invocation the module will not carry: the client sees @err as the result, in %rdx. */
static long cos_invoke_refused(struct pt_regs *regs, long err)
{
	regs->dx = err;
	return err;
}

/**
 * cos_thread_invoke() - COS_IOC_INVOKE: COS_CALL_INVOKE through Linux (the slow path)
 * @sys: the system
 *
 * Does what the entry code's fast path does, on the registers Linux saved.
 *
 * Return: 0 to the server (its upcall entry ignores it), or an error to the client (also its
 * result, in %rdx): -EPERM when not called from component code, -EINVAL for a capability it does
 * not hold, -ELOOP when the invocation stack is full.
 */
long cos_thread_invoke(struct cos_system *sys)
{
	struct cos_thread *t = cos_current_thread(sys);
	struct pt_regs *regs = task_pt_regs(current);
	struct cos_entry_state *es = sys->es;
	struct cos_component *client, *server;
	struct cos_es_frame *frame;
	struct cos_es_cap *ecap;
	struct cos_pd *pd;
	unsigned long flags;
	u64 args[4], caller_pd;

	if (!t)
		return -EPERM;
	client = cos_caller(t, regs);
	if (!client || regs->dx >= client->ncaps)
		return cos_invoke_refused(regs, -EINVAL);
	if (es->depth == COS_MAX_INVOCATION_DEPTH)
		return cos_invoke_refused(regs, -ELOOP);

	server = client->caps[regs->dx].server;
	ecap = &es->caps[client->slot * COS_MAX_CAPS + regs->dx];
	ecap->invocations++;
	es->invocations++;
	caller_pd = cos_top(t)->pd;
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
		cos_load_cr3(cos_cr3_of(t, pd));
	local_irq_restore(flags);

	cos_upcall(regs, server, client->caps[frame->cap % COS_MAX_CAPS].fn, args);
	return 0;
}

/**
 * cos_thread_return() - COS_IOC_RETURN from a component's upcall entry
 * @sys: the system
 *
 * Return: the result, to the client the thread returns to; 0 to the host when the run ends.
 */
long cos_thread_return(struct cos_system *sys)
{
	struct cos_thread *t = cos_current_thread(sys);

	if (!t)
		return -EPERM;
	t->run.status = COS_RUN_RETURNED;
	t->run.result = task_pt_regs(current)->dx;
	return cos_thread_pop(t, t->run.result);
}

/* Takes the fault the entry code recorded, and names the component it happened in. */
static bool cos_fault_read(struct cos_thread *t, struct cos_fault_report *report, struct cos_es_regs *regs)
{
	struct cos_es_pending *pending = &t->sys->es->pending;
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
	c = cos_system_component_at(t->sys, report->ip);
	if (!c || !cos_pd_maps(cos_frame_pd(t, cos_top(t)), c->slot))
		c = cos_system_component_at(t->sys, cos_slot_base(cos_top(t)->component));
	report->component = c ? c->id : ~0U;
	return true;
}

/*
 * Whether a page fault is one the module resolves: a thread in a stale domain reaching a
 * component merged in since (mpd.c). The instruction then runs again with every register as the
 * fault left it, except when %rax held -ENOIOCTLCMD: the ioctl that resumes it would come back
 * as -ENOTTY (fs/ioctl.c), so that one value is left a contained fault.
 */
static bool cos_fault_resolve(struct cos_thread *t, struct cos_fault_report *report,
			      struct cos_es_regs *saved)
{
	struct cos_system *sys = t->sys;
	bool resolved;

	if (report->vector != X86_TRAP_PF || saved->ax == (u64)-ENOIOCTLCMD)
		return false;
	mutex_lock(&sys->lock);
	resolved = cos_mpd_repair(sys, cos_frame_pd(t, cos_top(t)), report->address);
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
 * cos_thread_fault() - COS_IOC_FAULT from the runtime page's fault entry
 * @sys: the system
 *
 * Resolves the fault if it is a stale domain's missing entry; otherwise ends the invocation the
 * fault happened in: its client sees COS_INVOKE_FAULTED; if it was the run's first, the run ends
 * with the report.
 *
 * Return: the faulting code's %rax when it resumes, COS_INVOKE_FAULTED to the client, 0 to the
 * host when the run ends.
 */
long cos_thread_fault(struct cos_system *sys)
{
	struct cos_thread *t = cos_current_thread(sys);
	struct cos_fault_report report;
	struct cos_es_regs saved;

	if (!t)
		return -EPERM;
	if (!cos_fault_read(t, &report, &saved))
		return -EINVAL;
	if (cos_fault_resolve(t, &report, &saved))
		return cos_fault_resume(&saved, report.ip);
	mutex_lock(&sys->lock);
	sys->fault_log[sys->faults % COS_FAULT_LOG_SIZE] = report;
	sys->faults++;
	mutex_unlock(&sys->lock);
	pr_info_ratelimited("component %u faulted: vector %u at ip %#llx, address %#llx\n",
			    report.component, report.vector, report.ip, report.address);
	if (sys->es->depth == 1) {
		t->run.status = COS_RUN_FAULTED;
		t->run.fault = report;
	}
	return cos_thread_pop(t, COS_INVOKE_FAULTED);
}

/* Whether [addr, addr + len) lies in the memory of one component of the caller's domain. */
static bool cos_pd_reaches(struct cos_thread *t, unsigned long addr, unsigned long len)
{
	struct cos_component *c = cos_system_component_at(t->sys, addr);

	return c && cos_pd_maps(cos_frame_pd(t, cos_top(t)), c->slot) && cos_component_owns(c, addr + len - 1);
}

/**
 * cos_thread_console() - COS_IOC_CONSOLE: a console component writes to the host's stdout
 * @sys: the system
 *
 * Return: bytes written, or -EPERM for a component that is not the console, -EFAULT for a
 * buffer outside the caller's domain, or the write's error.
 */
long cos_thread_console(struct cos_system *sys)
{
	struct cos_thread *t = cos_current_thread(sys);
	struct pt_regs *regs = task_pt_regs(current);
	struct cos_component *c;
	unsigned long len = min_t(unsigned long, regs->dx, 512);
	struct file *out;
	char buf[512];
	loff_t pos;
	ssize_t n;

	if (!t)
		return -EPERM;
	c = cos_caller(t, regs);
	if (!c || !(c->flags & COS_COMPONENT_CONSOLE))
		return -EPERM;
	if (!len)
		return 0;
	if (!cos_pd_reaches(t, regs->r8, len) || copy_from_user(buf, (void __user *)regs->r8, len))
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
 * cos_thread_control() - a policy component's call to reshape its system (COS_IOC_CALL_*)
 * @sys: the system
 * @cmd: the call
 *
 * Return: what the call returns (module/uapi/cos.h), or -EPERM when the caller is not a policy
 * component running on the host thread.
 */
long cos_thread_control(struct cos_system *sys, unsigned int cmd)
{
	struct cos_thread *t = cos_current_thread(sys);
	struct pt_regs *regs = task_pt_regs(current);
	struct cos_component *c;

	if (!t)
		return -EPERM;
	c = cos_caller(t, regs);
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
 * cos_thread_init() - what host threads need for as long as the module is loaded
 *
 * The preempt-notifier static key is turned on here once, not per run: turning a static key
 * on or off patches kernel text on every CPU, which is slow and which a run should not do.
 *
 * Return: 0 or -ENOMEM.
 */
int cos_thread_init(void)
{
	cos_reaper = alloc_workqueue("cos_reaper", 0, 0);
	if (!cos_reaper)
		return -ENOMEM;
	preempt_notifier_inc();
	return 0;
}

/**
 * cos_thread_exit() - wait for the reaper and free it; mirrors cos_thread_init()
 */
void cos_thread_exit(void)
{
	preempt_notifier_dec();
	destroy_workqueue(cos_reaper);
}
