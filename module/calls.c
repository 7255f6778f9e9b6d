// SPDX-License-Identifier: GPL-2.0
/*
 * The calls component code makes through Linux: ioctls on the host's /dev/cos, issued only by
 * the host thread while it runs component code. Invoke and return are the slow path of what the
 * entry code does itself (host_frames.c); the others need Linux (a fault report, console output,
 * reshaping the domains, the scheduler's calls).
 *
 * One table, by call number, says for each call its handler and who may make it: any code of the
 * run (the handler finds its caller itself, if it needs one), or code of a component of the
 * running domain, holding the COS_COMPONENT_* privileges the row names. The dispatcher checks
 * both before the handler runs, and refuses with -EPERM.
 *
 * An ioctl's result reaches user mode truncated to an int (fs/ioctl.c): calls that must put a
 * full word in %rax (resuming an instruction) have the host thread's exit work put it there.
 */
#include <linux/ktime.h>
#include <linux/sched.h>
#include "host.h"

/**
 * struct cos_call - one row of the component-call table
 * @fn: the handler (host.h); NULL where no call has the number
 * @named: the caller must be code of a component that the running domain maps; @fn gets it
 * @privilege: COS_COMPONENT_* flags that component must have been created with (@named rows only)
 */
struct cos_call {
	long (*fn)(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs);
	bool named;
	u32 privilege;
};

#define COS_CALL(name) [COS_IOC_##name##_NR - COS_IOC_COMPONENT_CALL_FIRST_NR]

static const struct cos_call cos_calls[COS_IOC_COMPONENT_CALL_LAST_NR - COS_IOC_COMPONENT_CALL_FIRST_NR + 1] = {
	COS_CALL(INVOKE) = { cos_host_invoke },
	COS_CALL(RETURN) = { cos_host_return },
	COS_CALL(FAULT) = { cos_fault_call },
	COS_CALL(CONSOLE) = { cos_console_call, true, COS_COMPONENT_CONSOLE },
	COS_CALL(CALL_SELF) = { cos_control_call_self, true, COS_COMPONENT_MPD },
	COS_CALL(CALL_MERGE) = { cos_control_call_merge, true, COS_COMPONENT_MPD },
	COS_CALL(CALL_SPLIT) = { cos_control_call_split, true, COS_COMPONENT_MPD },
	COS_CALL(CALL_PD_OF) = { cos_control_call_pd_of, true, COS_COMPONENT_MPD },
	COS_CALL(CALL_EDGES) = { cos_control_call_edges, true, COS_COMPONENT_MPD },
	COS_CALL(CALL_SCHED_SETUP) = { cos_threads_setup, true, COS_COMPONENT_SCHED },
	COS_CALL(CALL_THREAD_CREATE) = { cos_threads_create, true, COS_COMPONENT_SCHED },
	COS_CALL(CALL_SWITCH) = { cos_threads_switch, true, COS_COMPONENT_SCHED },
	COS_CALL(CALL_SCHED_IDLE) = { cos_threads_idle_for, true, COS_COMPONENT_SCHED },
	COS_CALL(CALL_TIME) = { cos_calls_time, true, 0 },
	COS_CALL(CALL_CLIENT) = { cos_calls_client, true, 0 },
	COS_CALL(CALL_NIC_SEND) = { cos_nic_send, true, COS_COMPONENT_NIC },
};

/**
 * cos_calls_match() - whether @cmd is one of the calls component code makes
 * @cmd: an ioctl command
 *
 * They are _IO(COS_IOC_TYPE, nr) with nr in one range (module/uapi/cos.h).
 *
 * Return: true when it is.
 */
bool cos_calls_match(unsigned int cmd)
{
	return _IOC_TYPE(cmd) == COS_IOC_TYPE && _IOC_DIR(cmd) == _IOC_NONE && !_IOC_SIZE(cmd) &&
	       _IOC_NR(cmd) >= COS_IOC_COMPONENT_CALL_FIRST_NR && _IOC_NR(cmd) <= COS_IOC_COMPONENT_CALL_LAST_NR;
}

/**
 * cos_calls_caller() - the component whose code made the current call
 * @h: the host, on its own thread
 * @regs: the registers of the call
 *
 * Return: the component owning the calling code (the stub it called through), if the running
 * domain maps it; NULL otherwise.
 */
struct cos_component *cos_calls_caller(struct cos_host *h, struct pt_regs *regs)
{
	struct cos_component *c = cos_system_component_at(h->sys, regs->ip);

	return c && cos_pd_maps(cos_frame_pd(h, cos_top(h)), c->slot) ? c : NULL;
}

/**
 * cos_calls_reaches() - whether a buffer of the caller's lies in its domain's memory
 * @h: the host, on its own thread
 * @addr: the buffer's first byte
 * @len: its length, not zero
 *
 * Return: true when [@addr, @addr + @len) lies in the slot of one component of the domain the
 * caller runs in (whether it is mapped there, a copy finds out).
 */
bool cos_calls_reaches(struct cos_host *h, unsigned long addr, unsigned long len)
{
	struct cos_component *c = cos_system_component_at(h->sys, addr);

	return c && cos_pd_maps(cos_frame_pd(h, cos_top(h)), c->slot) && cos_component_owns(c, addr + len - 1);
}

/**
 * cos_calls_dispatch() - a component call (cos_calls_match() is true of @cmd)
 * @sys: the file's own system
 * @cmd: the call
 *
 * Return: what the call returns (module/uapi/cos.h); -EPERM when the caller is not component
 * code running on @sys's host thread, or lacks what the table's row asks of it.
 */
long cos_calls_dispatch(struct cos_system *sys, unsigned int cmd)
{
	const struct cos_call *row = &cos_calls[_IOC_NR(cmd) - COS_IOC_COMPONENT_CALL_FIRST_NR];
	struct cos_host *h = cos_host_current(sys);
	struct pt_regs *regs = task_pt_regs(current);
	struct cos_component *caller = NULL;

	if (!h)
		return -EPERM;
	if (!row->fn)
		return -ENOTTY;
	if (row->named) {
		caller = cos_calls_caller(h, regs);
		if (!caller || (caller->flags & row->privilege) != row->privilege)
			return -EPERM;
	}
	return row->fn(h, caller, regs);
}

/**
 * cos_calls_time() - COS_IOC_CALL_TIME: the guest's monotonic clock
 * @h: the host, on its own thread
 * @caller: the calling component
 * @regs: unused
 *
 * Return: 0; the exit work puts the time in nanoseconds, a full word, in %rax.
 */
long cos_calls_time(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs)
{
	return cos_host_result64(h, ktime_get_ns());
}

/**
 * cos_calls_client() - COS_IOC_CALL_CLIENT: who called the caller's current export
 * @h: the host, on its own thread
 * @caller: the calling component
 * @regs: in %rdx, the return address of the export's own call (where it returns to)
 *
 * An export entered by an invocation (the thread's top frame entered @caller) serves the component
 * the invocation's capability belongs to. An export called directly, as calls inside one
 * protection domain are, left no frame: its client is the code it returns to, which must be a
 * component of the domain the thread runs in (and so could write @caller's memory anyway:
 * claiming to be another member is no power a member lacks). A component of another domain it
 * can never name.
 *
 * Return: the client's component id, or -EINVAL when there is none (the thread entered the
 * caller directly, or the return address lies in no other component of the caller's domain).
 */
long cos_calls_client(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs)
{
	struct cos_es_frame *top = cos_top(h);
	struct cos_component *client;

	if (h->sys->by_slot[top->component] == caller) {
		client = top->cap == ~0ULL ? NULL : h->sys->by_slot[top->cap / COS_MAX_CAPS];
		return client ? client->id : -EINVAL;
	}
	/* The domain the thread runs in, stale or live: a split mid-call leaves the thread there. */
	client = cos_system_component_at(h->sys, regs->dx);
	if (!client || client == caller || !cos_pd_maps(cos_frame_pd(h, top), client->slot))
		return -EINVAL;
	return client->id;
}
