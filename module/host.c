// SPDX-License-Identifier: GPL-2.0
/*
 * Host threads: a Linux thread that runs component code; its run, from COS_IOC_RUN to its end,
 * a stop, or its death.
 *
 * COS_IOC_RUN turns the calling thread into the system's host thread: the module saves the
 * thread's registers, writes the system's entry state (component thread 0's first invocation
 * frame among it), points the registers at the component's upcall entry (host_frames.c), takes
 * the CPU (host_cpu.c: the component's protection domain, the module's entry points) and returns
 * to user mode, into the component. From then on component code reaches the component kernel
 * through the entry code: invocations, returns and the scheduler's switches stay there (the fast
 * path), and only ioctls on /dev/cos come to the module (calls.c), each rewriting the saved user
 * registers and, where the domain changes, CR3. When thread 0's first frame returns, the host's
 * own registers come back and COS_IOC_RUN returns to the host.
 *
 * If the thread dies running components (killed), its last switch-out (host_cpu.c) has the host
 * freed from process context, here.
 */
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "host.h"

extern const u8 cos_fault_entry_code[], cos_fault_entry_code_end[];

static struct workqueue_struct *cos_reaper;

/**
 * cos_host_current() - the host thread of @sys, if the caller is it
 * @sys: the system
 *
 * Component code calls only from there. A host that is not the caller's may be freed meanwhile
 * (its task died): RCU keeps it readable here. The caller's own cannot be: only the thread
 * itself, or its death, frees it.
 *
 * Return: the host, or NULL.
 */
struct cos_host *cos_host_current(struct cos_system *sys)
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
	return cos_host_current(sys);
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
	cos_host_unwatch_mm(h);
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
 * @cmd: COS_IOC_RUN
 * @uarg: the request (a struct cos_run)
 *
 * Return: 0 to the component on success (the host sees its result when the run ends), or an
 * error to the host: -EINVAL, -EFAULT, -EBUSY (a thread runs already, or the host has memory in
 * the region), -ENOMEM.
 */
long cos_host_run(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg)
{
	struct pt_regs *regs = task_pt_regs(current);
	struct cos_component *c;
	struct cos_host *h;
	struct cos_run run;
	int fd, ret;
	u32 i;

	/* decode: everything that can fail, before anything the system or the thread can see */
	if (copy_from_user(&run, uarg, sizeof(run)))
		return -EFAULT;
	h = kzalloc(sizeof(*h), GFP_KERNEL_ACCOUNT);
	if (!h)
		return -ENOMEM;
	kref_init(&h->ref);
	/* The timer and tools reach the task (task_work_add()) until the host is freed, dead or not. */
	h->task = get_task_struct(current);
	h->sys = sys;
	h->run_arg = uarg;
	init_irq_work(&h->dead_irq_work, cos_host_dead);
	INIT_WORK(&h->dead_work, cos_host_reap);
	cos_host_exit_init(h);
	cos_threads_init(h);

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
	ret = cos_host_watch_mm(h);
	if (ret)
		goto err_unlock;

	/* invoke */
	h->run = run;
	h->host_regs = *regs;
	*(u64 *)(page_address(sys->runtime_page) + COS_RUNTIME_FD_OFFSET) = fd - 1;
	memcpy(page_address(sys->runtime_page) + COS_RUNTIME_FAULT_OFFSET, cos_fault_entry_code,
	       cos_fault_entry_code_end - cos_fault_entry_code);
	cos_mpd_reap(sys, true);
	for (i = 0; i < COS_MAX_PDS; i++) {
		if (sys->pds[i])
			cos_pd_mirror_host(sys->pds[i], current->mm);
	}
	cos_entry_state_load(sys, fd - 1, c);
	kref_get(&sys->ref);
	__module_get(THIS_MODULE);
	WRITE_ONCE(sys->running, h);
	mutex_unlock(&sys->lock);

	cos_host_upcall(regs, c, 0, run.fn, run.args);
	cos_host_enter(h, c->pd);
	return 0;

err_unlock:
	mutex_unlock(&sys->lock);
	put_task_struct(h->task);
	kfree(h);
	return ret;
}

/**
 * cos_host_stop() - COS_IOC_STOP: end @sys's run at the host thread's next chance
 * @sys: the system (the file's own, or the one it is attached to)
 * @file: unused
 * @cmd: COS_IOC_STOP
 * @uarg: unused
 *
 * From any thread but the host thread: the host's Ctrl-C handler, a tool.
 *
 * Return: 0, or -ESRCH when nothing runs.
 */
long cos_host_stop(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg)
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
