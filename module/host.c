// SPDX-License-Identifier: GPL-2.0
/*
 * Host threads: a Linux thread that runs component code, and its migrating invocations.
 *
 * COS_IOC_RUN turns the calling thread into the system's host thread: the module saves the
 * thread's registers, writes the system's entry state (component thread 0's first invocation
 * frame among it), points the registers at the component's upcall entry, loads the component's
 * protection domain, takes the CPU's entry points (hijack.c) and returns to user mode, into the
 * component. From then on component code reaches the component kernel through the entry code:
 * invocations, returns and the scheduler's switches stay there (the fast path), and only ioctls
 * on /dev/cos come to the module (calls.c), each rewriting the saved user registers and, where
 * the domain changes, CR3. When thread 0's first frame returns, the host's own registers come
 * back and COS_IOC_RUN returns to the host.
 *
 * While the thread runs components its CPU holds a domain's page tables and the module's entry
 * points, which Linux knows nothing of: preempt notifiers give the CPU back (the host's CR3,
 * Linux's entry points) whenever the thread is switched out, and take it again when it is
 * switched in. If the thread dies running components (killed), the host's address space going
 * or its last switch-out gives the CPU back for good, and the freeing is deferred to process
 * context.
 *
 * What must happen on the host thread's way back to user mode, and cannot be done where it is
 * decided, is its exit work (a task work): a full word in %rax (an ioctl's result is an int),
 * a tick that preempts the running component thread, a stop.
 */
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <asm/tlbflush.h>
#include "host.h"

extern const u8 cos_fault_entry_code[], cos_fault_entry_code_end[];

static struct workqueue_struct *cos_reaper;
static struct preempt_ops cos_preempt_ops;

/**
 * cos_load_cr3() - load @cr3 on this CPU
 * @cr3: a domain's tables, or the host's
 *
 * With PCID, translations of the previous tables may survive a CR3 write in other PCIDs (the
 * user half's under PTI): flush them all. Interrupts off.
 */
void cos_load_cr3(unsigned long cr3)
{
	native_write_cr3(cr3);
	if (cpu_feature_enabled(X86_FEATURE_PCID) && (__read_cr4() & X86_CR4_PCIDE))
		__flush_tlb_all();
}

static void cos_sched_in(struct preempt_notifier *pn, int cpu)
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
		cos_load_cr3(cos_cr3_of(h, cos_frame_pd(h, cos_top(h))));
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
	cos_load_cr3(h->host_cr3);
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

static void cos_sched_out(struct preempt_notifier *pn, struct task_struct *next)
{
	struct cos_host *h = container_of(pn, struct cos_host, notifier);

	cos_hijack_restore();
	cos_load_cr3(h->host_cr3);
	cpumask_clear_cpu(smp_processor_id(), &h->sys->hosting);
	cos_quiet_point(h->sys);
	/* The task's last switch: it died running components. Free it from process context. */
	if (READ_ONCE(current->__state) == TASK_DEAD)
		irq_work_queue(&h->dead_irq_work);
}

static struct preempt_ops cos_preempt_ops = {
	.sched_in = cos_sched_in,
	.sched_out = cos_sched_out,
};

/**
 * cos_current_host() - the host thread of @sys, if the caller is it
 * @sys: the system
 *
 * Component code calls only from there. A host that is not the caller's may be freed meanwhile
 * (its task died): RCU keeps it readable here. The caller's own cannot be: only the thread
 * itself, or its death, frees it.
 *
 * Return: the host, or NULL.
 */
struct cos_host *cos_current_host(struct cos_system *sys)
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

/**
 * cos_upcall() - point the user registers at @c's upcall entry, to run @fn(@args)
 * @regs: the registers to rewrite
 * @c: the component
 * @stack: the running thread's distance from thread 0's stacks (cos_es_thread.stack)
 * @fn: the function
 * @args: its arguments
 *
 * Every other register is cleared: a component learns nothing of its caller's. orig_ax = -1
 * tells the syscall exit path that no system call is to be restarted here.
 */
void cos_upcall(struct pt_regs *regs, struct cos_component *c, unsigned long stack, unsigned long fn,
		const u64 args[4])
{
	unsigned long cs = regs->cs, ss = regs->ss;

	memset(regs, 0, sizeof(*regs));
	regs->ip = c->upcall_entry;
	regs->sp = c->stack_top + stack;
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

static void cos_host_release(struct kref *ref)
{
	struct cos_host *h = container_of(ref, struct cos_host, ref);

	put_task_struct(h->task);
	kfree_rcu(h, rcu);
	module_put(THIS_MODULE);
}

/**
 * cos_host_put() - drop a reference on @h; the last frees it
 * @h: the host
 */
void cos_host_put(struct cos_host *h)
{
	kref_put(&h->ref, cos_host_release);
}

/*
 * The run is over: the system forgets its host thread. The host itself may live on a little, if
 * its exit work is still queued on the task (a task work cannot be cancelled from a module).
 */
static void cos_host_free(struct cos_host *h)
{
	struct cos_system *sys = h->sys;

	cos_threads_exit(h);
	if (h->mm)
		mmu_notifier_unregister(&h->host_mm, h->mm);
	mutex_lock(&sys->lock);
	WRITE_ONCE(sys->running, NULL);
	/* No thread runs the system now: every stale domain can go. */
	cos_mpd_reap(sys, true);
	mutex_unlock(&sys->lock);
	cos_system_put(sys);
	cos_host_put(h);
}

static void cos_host_reap(struct work_struct *work)
{
	struct cos_host *h = container_of(work, struct cos_host, dead_work);

	cos_host_free(h);
}

static void cos_host_dead(struct irq_work *work)
{
	struct cos_host *h = container_of(work, struct cos_host, dead_irq_work);

	queue_work(cos_reaper, &h->dead_work);
}

/* The host thread gives its CPU back to Linux for good. Interrupts off. */
static void cos_host_leave(struct cos_host *h)
{
	if (h->ended)
		return;
	WRITE_ONCE(h->ended, true);
	preempt_notifier_unregister(&h->notifier);
	cos_hijack_restore();
	cos_load_cr3(h->host_cr3);
	cpumask_clear_cpu(smp_processor_id(), &h->sys->hosting);
}

/* Ends the run: the host's CR3 and registers back, the outcome to the host. */
static long cos_host_finish(struct cos_host *h)
{
	struct cos_run __user *uarg = h->run_arg;
	struct cos_run run = h->run;
	unsigned long flags;

	local_irq_save(flags);
	cos_host_leave(h);
	local_irq_restore(flags);
	cos_host_free(h);
	return copy_to_user(uarg, &run, sizeof(run)) ? -EFAULT : 0;
}

/**
 * cos_host_end() - end the run now, whatever the component threads were doing
 * @h: the host, on its own thread
 * @status: COS_RUN_* for the host's struct cos_run
 *
 * The host gets its registers back; COS_IOC_RUN returns to it.
 *
 * Return: what COS_IOC_RUN returns (0, or -EFAULT when the outcome cannot be copied out).
 */
long cos_host_end(struct cos_host *h, u32 status)
{
	struct pt_regs *regs = task_pt_regs(current);

	h->run.status = status;
	h->run.threads = cos_host_threads(h->sys);
	*regs = h->host_regs;
	regs->orig_ax = -1;
	return cos_host_finish(h);
}

/*
 * Runs on the host thread on its way back to user mode (a task work), with the user registers
 * as they will be loaded: applies what cos_host_request() asked for, unless the run is over.
 */
static void cos_host_exit_work(struct callback_head *work)
{
	struct cos_host *h = container_of(work, struct cos_host, exit_work);
	struct pt_regs *regs = task_pt_regs(current);
	unsigned int what;

	atomic_set(&h->exit_work_queued, 0);
	what = atomic_xchg(&h->exit_work_flags, 0);
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
 * cos_host_request() - have the host thread do @what on its way back to user mode
 * @h: the host
 * @what: COS_EXIT_WORK_* bits
 * @notify: TWA_RESUME from the host thread itself, TWA_SIGNAL to interrupt it from elsewhere
 *
 * Any context, hard interrupts included (the tick).
 */
void cos_host_request(struct cos_host *h, unsigned int what, int notify)
{
	atomic_or(what, &h->exit_work_flags);
	if (atomic_xchg(&h->exit_work_queued, 1))
		return;
	kref_get(&h->ref);
	if (task_work_add(h->task, &h->exit_work, notify)) {
		/* The task is exiting: nothing will run in component code again. */
		atomic_set(&h->exit_work_queued, 0);
		cos_host_put(h);
	}
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
	h->fixup_ax = value;
	cos_host_request(h, COS_EXIT_WORK_FIXUP_AX, TWA_RESUME);
	return 0;
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
 * (threads.c). The frame count and CR3 change with interrupts off, as in the entry code, so that
 * merges and splits can wait it out; the last frame to leave a stale domain frees it.
 *
 * Return: what the ioctl returns to the code that runs next.
 */
long cos_host_pop(struct cos_host *h, u64 result)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct cos_system *sys = h->sys;
	struct cos_entry_state *es = sys->es;
	struct cos_es_thread *t = cos_current_thread(h);
	unsigned long cs = regs->cs, ss = regs->ss, flags;
	struct cos_es_frame *frame;
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
	if (left_stale) {
		/* The host thread is here, not in the entry code: a quiet point of its own. */
		cos_quiet_point(sys);
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

	if (run->flags || run->threads || run->result || run->status ||
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

	kref_init(&h->ref);
	/* The timer and tools reach the task (task_work_add()) until the host is freed, dead or not. */
	h->task = get_task_struct(current);
	h->sys = sys;
	h->run_arg = uarg;
	h->run = run;
	init_irq_work(&h->dead_irq_work, cos_host_dead);
	INIT_WORK(&h->dead_work, cos_host_reap);
	init_task_work(&h->exit_work, cos_host_exit_work);
	cos_threads_init(h);
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
	cos_upcall(regs, c, 0, run.fn, run.args);
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
	if (h->task)
		put_task_struct(h->task);
	kfree(h);
	return ret;
}

/**
 * cos_host_stop() - COS_IOC_STOP: end @sys's run at the host thread's next chance
 * @sys: the system
 *
 * From any thread but the host thread: the host's Ctrl-C handler, a tool.
 *
 * Return: 0, or -ESRCH when nothing runs.
 */
long cos_host_stop(struct cos_system *sys)
{
	struct cos_host *h;

	rcu_read_lock();
	h = READ_ONCE(sys->running);
	if (h && (h->task == current || !kref_get_unless_zero(&h->ref)))
		h = NULL;
	rcu_read_unlock();
	if (!h)
		return -ESRCH;
	WRITE_ONCE(h->stopping, true);
	wake_up(&h->sched.wait);
	cos_host_request(h, COS_EXIT_WORK_STOP, TWA_SIGNAL);
	cos_host_put(h);
	return 0;
}

/**
 * cos_host_threads() - the component threads of @sys's run
 * @sys: the system
 *
 * Return: their number, the scheduler's event thread among them; 0 when nothing runs.
 */
u32 cos_host_threads(struct cos_system *sys)
{
	u32 t, n = 0;

	if (!READ_ONCE(sys->running) || !sys->es)
		return 0;
	for (t = 0; t < COS_MAX_THREADS; t++)
		n += READ_ONCE(sys->es->threads[t].state) != ES_THREAD_FREE;
	return n;
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
