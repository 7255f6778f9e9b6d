// SPDX-License-Identifier: GPL-2.0
/*
 * Inspecting and reshaping a system: merge, split, the component-to-domain map, the edges and
 * their counters, the counters of the whole system and its faults. Tools reach these through the
 * host's file or a file attached to the system (COS_IOC_ATTACH); a policy component through its
 * own calls (COS_IOC_CALL_*, rows of calls.c's table). Each decodes its request completely before
 * anything changes.
 */
#include <linux/ktime.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "host.h"

/* A system that has no domain yet has nothing to inspect or reshape. */
static bool cos_control_ready(struct cos_system *sys)
{
	return sys->es && sys->ncomponents;
}

/* How a control ioctl takes its request and gives its answer (cos_control_ioctl()). */
#define COS_CONTROL_ZEROES (1U << 0)	/* a query: takes nothing in but zeroes */
#define COS_CONTROL_ANYTIME (1U << 1)	/* answers a system without domains or components too */
#define COS_CONTROL_ALWAYS_OUT (1U << 2)	/* its answer goes out even when it is refused */

union cos_control_request {
	struct cos_mpd_op op;
	struct cos_pd_list pds;
	struct cos_edge_list edges;
	struct cos_stats stats;
	struct cos_fault_log faults;
};

static int cos_control_mpd(struct cos_system *sys, bool merge, struct cos_mpd_op *op)
{
	struct cos_component *a = cos_system_component(sys, op->a);
	struct cos_component *b = cos_system_component(sys, op->b);
	bool reused = false;
	u64 start;
	int ret;

	/* decode */
	if (!a || op->pd || op->reused || op->reserved0 || op->cost_ns ||
	    memchr_inv(op->reserved, 0, sizeof(op->reserved)))
		return -EINVAL;
	if (merge ? (!b || op->flags) : (op->b || op->flags & ~COS_MPD_OP_VALID))
		return -EINVAL;

	/* invoke */
	start = ktime_get_ns();
	if (merge)
		ret = cos_mpd_merge(sys, a, b);
	else
		ret = cos_mpd_split(sys, a, op->flags & COS_SPLIT_FRESH, &reused);
	op->cost_ns = ktime_get_ns() - start;
	op->pd = a->pd->id;
	op->reused = reused;
	return ret;
}

static int cos_control_merge(struct cos_system *sys, union cos_control_request *req)
{
	return cos_control_mpd(sys, true, &req->op);
}

static int cos_control_split(struct cos_system *sys, union cos_control_request *req)
{
	return cos_control_mpd(sys, false, &req->op);
}

static int cos_control_pds(struct cos_system *sys, union cos_control_request *req)
{
	struct cos_pd_list *list = &req->pds;
	u32 i;

	for (i = 0; i < sys->ncomponents; i++) {
		struct cos_component *c = sys->components[i];
		struct cos_component_state *out = &list->components[list->ncomponents++];

		out->id = c->id;
		out->slot = c->slot;
		out->pd = c->pd->id;
		out->flags = c->flags;
		memcpy(out->name, c->name, sizeof(out->name));
		out->number = c->number;
	}
	for (i = 0; i < COS_MAX_PDS; i++) {
		struct cos_pd *pd = sys->pds[i];
		struct cos_pd_state *out;

		if (!pd)
			continue;
		out = &list->pds[list->npds++];
		out->id = pd->id;
		out->flags = pd->stale ? COS_PD_STALE : 0;
		out->members = pd->members;
		out->frames = READ_ONCE(sys->es->pds[i].frames);
	}
	return 0;
}

/* Fills @out with up to @capacity edges for @reader; returns how many the system has. */
static u32 cos_control_edges(struct cos_system *sys, enum cos_edge_reader reader, struct cos_edge *out,
			     u32 capacity)
{
	u32 i, j, n = 0;

	for (i = 0; i < sys->ncomponents; i++) {
		struct cos_component *c = sys->components[i];

		for (j = 0; j < c->ncaps; j++, n++) {
			if (n < capacity)
				cos_mpd_edge(sys, c, j, reader, &out[n]);
		}
	}
	return n;
}

static int cos_control_edge_list(struct cos_system *sys, union cos_control_request *request)
{
	struct cos_edge_list *req = &request->edges;
	struct cos_edge *edges;
	u32 filled;
	int ret = 0;

	if (req->count || memchr_inv(req->reserved, 0, sizeof(req->reserved)))
		return -EINVAL;
	filled = min_t(u32, req->capacity, cos_mpd_edge_count(sys));
	edges = kvcalloc(filled, sizeof(*edges), GFP_KERNEL);
	if (filled && !edges)
		return -ENOMEM;
	req->count = cos_control_edges(sys, COS_EDGES_TOOLS, edges, filled);
	if (filled && copy_to_user(u64_to_user_ptr(req->edges), edges, filled * sizeof(*edges)))
		ret = -EFAULT;
	kvfree(edges);
	return ret;
}

static int cos_control_stats(struct cos_system *sys, union cos_control_request *req)
{
	struct cos_stats *stats = &req->stats;
	u32 i;

	stats->components = sys->ncomponents;
	for (i = 0; i < COS_MAX_PDS; i++) {
		if (sys->pds[i] && sys->pds[i]->stale)
			stats->stale_pds++;
		else if (sys->pds[i])
			stats->pds++;
	}
	stats->invocations = sys->es ? sys->es->invocations : 0;
	stats->faults = sys->faults;
	stats->merges = sys->merges;
	stats->splits = sys->splits;
	stats->splits_reused = sys->splits_reused;
	stats->stale_repairs = sys->stale_repairs;
	stats->reserve_pages = cos_pd_reserve_pages(&sys->pd_reserve);
	stats->threads = cos_host_threads(sys);
	stats->switches = sys->es ? sys->es->switches : 0;
	stats->ticks = sys->ticks;
	stats->preemptions = sys->preemptions;
	stats->interrupts = sys->interrupts;
	cos_nic_stats(sys, stats);
	return 0;
}

static int cos_control_faults(struct cos_system *sys, union cos_control_request *req)
{
	struct cos_fault_log *log = &req->faults;
	u64 first, i;

	log->total = sys->faults;
	first = sys->faults > COS_FAULT_LOG_SIZE ? sys->faults - COS_FAULT_LOG_SIZE : 0;
	for (i = first; i < sys->faults; i++)
		log->reports[i - first] = sys->fault_log[i % COS_FAULT_LOG_SIZE];
	return 0;
}

/* Copies the request in, answers it under the system's lock, copies the answer out. */
static long cos_control_ioctl(struct cos_system *sys, unsigned int cmd, void __user *uarg,
			      int (*fn)(struct cos_system *sys, union cos_control_request *req), unsigned int how)
{
	union cos_control_request *req;
	size_t size = _IOC_SIZE(cmd);
	long ret = 0;

	/* decode */
	req = kmalloc(sizeof(*req), GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	if (copy_from_user(req, uarg, size)) {
		ret = -EFAULT;
		goto out;
	}
	if ((how & COS_CONTROL_ZEROES) && memchr_inv(req, 0, size)) {
		ret = -EINVAL;
		goto out;
	}

	/* invoke */
	mutex_lock(&sys->lock);
	if (!cos_control_ready(sys) && !(how & COS_CONTROL_ANYTIME))
		ret = -EINVAL;
	else
		ret = fn(sys, req);
	mutex_unlock(&sys->lock);

	if ((!ret || (how & COS_CONTROL_ALWAYS_OUT)) && copy_to_user(uarg, req, size))
		ret = -EFAULT;
out:
	kfree(req);
	return ret;
}

/**
 * cos_control_merge_ioctl() - COS_IOC_MERGE
 * @sys: the system it acts on (the file's own, or the one it is attached to)
 * @file: unused
 * @cmd: COS_IOC_MERGE
 * @uarg: its struct cos_mpd_op
 *
 * A merge reports what it cost and where the component is, refused or not.
 *
 * Return: 0 or -errno as module/uapi/cos.h describes.
 */
long cos_control_merge_ioctl(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg)
{
	return cos_control_ioctl(sys, cmd, uarg, cos_control_merge, COS_CONTROL_ALWAYS_OUT);
}

/**
 * cos_control_split_ioctl() - COS_IOC_SPLIT
 * @sys: the system it acts on (the file's own, or the one it is attached to)
 * @file: unused
 * @cmd: COS_IOC_SPLIT
 * @uarg: its struct cos_mpd_op
 *
 * A split reports what it cost and where the component is, refused or not.
 *
 * Return: 0 or -errno as module/uapi/cos.h describes.
 */
long cos_control_split_ioctl(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg)
{
	return cos_control_ioctl(sys, cmd, uarg, cos_control_split, COS_CONTROL_ALWAYS_OUT);
}

/**
 * cos_control_pds_ioctl() - COS_IOC_PDS
 * @sys: the system it reads (the file's own, or the one it is attached to)
 * @file: unused
 * @cmd: COS_IOC_PDS
 * @uarg: its struct cos_pd_list
 *
 * Return: 0 or -errno as module/uapi/cos.h describes.
 */
long cos_control_pds_ioctl(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg)
{
	return cos_control_ioctl(sys, cmd, uarg, cos_control_pds, COS_CONTROL_ZEROES);
}

/**
 * cos_control_edges_ioctl() - COS_IOC_EDGES
 * @sys: the system it reads (the file's own, or the one it is attached to)
 * @file: unused
 * @cmd: COS_IOC_EDGES
 * @uarg: its struct cos_edge_list
 *
 * Return: 0 or -errno as module/uapi/cos.h describes.
 */
long cos_control_edges_ioctl(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg)
{
	return cos_control_ioctl(sys, cmd, uarg, cos_control_edge_list, 0);
}

/**
 * cos_control_stats_ioctl() - COS_IOC_STATS
 * @sys: the system it reads (the file's own, or the one it is attached to)
 * @file: unused
 * @cmd: COS_IOC_STATS
 * @uarg: its struct cos_stats
 *
 * Return: 0 or -errno as module/uapi/cos.h describes.
 */
long cos_control_stats_ioctl(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg)
{
	return cos_control_ioctl(sys, cmd, uarg, cos_control_stats, COS_CONTROL_ZEROES | COS_CONTROL_ANYTIME);
}

/**
 * cos_control_faults_ioctl() - COS_IOC_FAULTS
 * @sys: the system it reads (the file's own, or the one it is attached to)
 * @file: unused
 * @cmd: COS_IOC_FAULTS
 * @uarg: its struct cos_fault_log
 *
 * Return: 0 or -errno as module/uapi/cos.h describes.
 */
long cos_control_faults_ioctl(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg)
{
	return cos_control_ioctl(sys, cmd, uarg, cos_control_faults, COS_CONTROL_ZEROES | COS_CONTROL_ANYTIME);
}

/* Component %rdx or %r8 of a policy's call, or NULL. */
static struct cos_component *cos_control_component(struct cos_system *sys, u64 id)
{
	return id < U32_MAX ? cos_system_component(sys, id) : NULL;
}

/**
 * cos_control_call_self() - COS_IOC_CALL_SELF
 * @h: the host, on its own thread
 * @caller: the policy component
 * @regs: unused
 *
 * Return: the caller's own component id.
 */
long cos_control_call_self(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs)
{
	return caller->id;
}

/**
 * cos_control_call_pd_of() - COS_IOC_CALL_PD_OF
 * @h: the host, on its own thread
 * @caller: the policy component
 * @regs: the component in %rdx
 *
 * Return: the live domain it is in, or -EINVAL.
 */
long cos_control_call_pd_of(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs)
{
	struct cos_component *a = cos_control_component(h->sys, regs->dx);

	return a ? READ_ONCE(a->pd)->id : -EINVAL;
}

/**
 * cos_control_call_merge() - COS_IOC_CALL_MERGE
 * @h: the host, on its own thread
 * @caller: the policy component
 * @regs: the components in %rdx and %r8
 *
 * Return: 0 or -errno as COS_IOC_MERGE.
 */
long cos_control_call_merge(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs)
{
	struct cos_system *sys = h->sys;
	struct cos_component *a = cos_control_component(sys, regs->dx);
	struct cos_component *b = cos_control_component(sys, regs->r8);
	long ret;

	if (!a || !b)
		return -EINVAL;
	mutex_lock(&sys->lock);
	ret = cos_mpd_merge(sys, a, b);
	mutex_unlock(&sys->lock);
	return ret;
}

/**
 * cos_control_call_split() - COS_IOC_CALL_SPLIT
 * @h: the host, on its own thread
 * @caller: the policy component
 * @regs: the component in %rdx
 *
 * Return: 0 or -errno as COS_IOC_SPLIT.
 */
long cos_control_call_split(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs)
{
	struct cos_system *sys = h->sys;
	struct cos_component *a = cos_control_component(sys, regs->dx);
	bool reused;
	long ret;

	if (!a)
		return -EINVAL;
	mutex_lock(&sys->lock);
	ret = cos_mpd_split(sys, a, false, &reused);
	mutex_unlock(&sys->lock);
	return ret;
}

/**
 * cos_control_call_edges() - COS_IOC_CALL_EDGES
 * @h: the host, on its own thread
 * @caller: the policy component
 * @regs: up to %rdx struct cos_edge to write at %r8, in the caller's own memory: the module
 *	writes there on its behalf
 *
 * Return: the number of capabilities in the system, or -EFAULT, -ENOMEM.
 */
long cos_control_call_edges(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs)
{
	struct cos_system *sys = h->sys;
	struct cos_edge *edges;
	long ret;

	/* decode */
	if (regs->dx &&
	    (regs->dx > COS_MAX_COMPONENTS * COS_MAX_CAPS || !cos_component_owns(caller, regs->r8) ||
	     !cos_component_owns(caller, regs->r8 + regs->dx * sizeof(struct cos_edge) - 1)))
		return -EFAULT;
	edges = kvcalloc(regs->dx, sizeof(*edges), GFP_KERNEL);
	if (regs->dx && !edges)
		return -ENOMEM;

	/* invoke */
	mutex_lock(&sys->lock);
	ret = cos_control_edges(sys, COS_EDGES_POLICY, edges, regs->dx);
	mutex_unlock(&sys->lock);
	if (regs->dx && copy_to_user((void __user *)regs->r8, edges, min_t(u64, regs->dx, ret) * sizeof(*edges)))
		ret = -EFAULT;
	kvfree(edges);
	return ret;
}
