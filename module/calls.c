// SPDX-License-Identifier: GPL-2.0
/*
 * The calls component code makes through Linux: ioctls on the host's /dev/cos, issued only by
 * the host thread while it runs component code. Invoke and return are the slow path of what the
 * entry code does itself; the others need Linux (a fault report, console output, reshaping the
 * domains, the scheduler's calls).
 *
 * An ioctl's result reaches user mode truncated to an int (fs/ioctl.c): calls that must put a
 * full word in %rax (resuming an instruction) have the host thread's exit work put it there.
 */
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/sched.h>
#include <linux/uaccess.h>
#include <asm/trapnr.h>
#include "host.h"

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
	struct cos_es_thread *t;
	struct cos_es_frame *frame;
	struct cos_es_cap *ecap;
	struct cos_pd *pd;
	unsigned long flags;
	u64 args[4], caller_pd;

	if (!h)
		return -EPERM;
	t = cos_current_thread(h);
	client = cos_caller(h, regs);
	if (!client || regs->dx >= client->ncaps)
		return cos_invoke_refused(regs, -EINVAL);
	if (t->depth == COS_MAX_INVOCATION_DEPTH)
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
	frame = &t->frames[t->depth++];
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

	cos_upcall(regs, server, t->stack, client->caps[frame->cap % COS_MAX_CAPS].fn, args);
	return 0;
}

/**
 * cos_host_return() - COS_IOC_RETURN from a component's upcall entry
 * @sys: the system
 *
 * Return: the result, to the client the thread returns to (also in %rdx); what the next thread
 * to run expects when a thread's first invocation returns; 0 to the host when the run ends.
 */
long cos_host_return(struct cos_system *sys)
{
	struct cos_host *h = cos_current_host(sys);
	u64 result = task_pt_regs(current)->dx;

	if (!h)
		return -EPERM;
	if (sys->es->running == cos_es_thread_address(0)) {
		h->run.status = COS_RUN_RETURNED;
		h->run.result = result;
	}
	return cos_host_pop(h, result);
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
	regs->ip = pending->ip;
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

/* Resumes the faulting instruction with every register the entry code saved. */
static long cos_fault_resume(struct cos_host *h, struct cos_es_regs *saved)
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
	regs->ip = saved->ip;
	regs->flags = (saved->flags & ES_USER_FLAGS) | ES_UPCALL_FLAGS;
	regs->orig_ax = -1;
	return cos_host_result64(h, saved->ax);
}

/**
 * cos_host_fault() - COS_IOC_FAULT from the runtime page's fault entry
 * @sys: the system
 *
 * Resolves the fault if the module can (a stack page, a stale domain's missing entry);
 * otherwise ends the invocation the fault happened in: its client sees COS_INVOKE_FAULTED; if it
 * was the first of thread 0, the run ends with the report.
 *
 * Return: what the thread that runs next expects, as cos_host_pop(); 0 when it resumes.
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
	if (cos_fault_resolve(h, &report))
		return cos_fault_resume(h, &saved);
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

/* The client of the running thread's current invocation, or NULL when it entered directly. */
static struct cos_component *cos_client(struct cos_host *h)
{
	u64 cap = cos_top(h)->cap;

	return cap == ~0ULL ? NULL : h->sys->by_slot[cap / COS_MAX_CAPS];
}

/* The calls only the policy component (COS_COMPONENT_MPD) may make. */
static long cos_host_policy_call(struct cos_host *h, struct cos_component *c, unsigned int cmd,
				 struct pt_regs *regs)
{
	if (!(c->flags & COS_COMPONENT_MPD))
		return -EPERM;
	/* The policy's own memory only: the module writes the edges there on its behalf. */
	if (cmd == COS_IOC_CALL_EDGES && regs->dx &&
	    (regs->dx > COS_MAX_COMPONENTS * COS_MAX_CAPS || !cos_component_owns(c, regs->r8) ||
	     !cos_component_owns(c, regs->r8 + regs->dx * sizeof(struct cos_edge) - 1)))
		return -EFAULT;
	return cos_control_call(h->sys, c, cmd, regs);
}

/**
 * cos_host_control() - the component kernel's other calls (COS_IOC_CALL_*)
 * @sys: the system
 * @cmd: the call
 *
 * Return: what the call returns (module/uapi/cos.h), or -EPERM when the caller may not make it
 * (or is not component code running on the host thread).
 */
long cos_host_control(struct cos_system *sys, unsigned int cmd)
{
	struct cos_host *h = cos_current_host(sys);
	struct pt_regs *regs = task_pt_regs(current);
	struct cos_component *c, *client;

	if (!h)
		return -EPERM;
	c = cos_caller(h, regs);
	if (!c)
		return -EPERM;
	switch (cmd) {
	case COS_IOC_CALL_TIME:
		return cos_host_result64(h, ktime_get_ns());
	case COS_IOC_CALL_CLIENT:
		client = cos_client(h);
		return client ? client->id : -EINVAL;
	case COS_IOC_CALL_SCHED_SETUP:
	case COS_IOC_CALL_THREAD_CREATE:
	case COS_IOC_CALL_SWITCH:
	case COS_IOC_CALL_SCHED_IDLE:
		if (!(c->flags & COS_COMPONENT_SCHED))
			return -EPERM;
		if (cmd == COS_IOC_CALL_SCHED_SETUP)
			return cos_threads_setup(h, c, regs);
		if (cmd == COS_IOC_CALL_THREAD_CREATE)
			return cos_threads_create(h, regs);
		if (cmd == COS_IOC_CALL_SCHED_IDLE)
			return cos_threads_idle_for(h, regs->dx);
		return cos_threads_switch(h, regs);
	default:
		return cos_host_policy_call(h, c, cmd, regs);
	}
}
