// SPDX-License-Identifier: GPL-2.0
/*
 * Inspecting and reshaping a system: merge, split, the component-to-domain map, the edges and
 * their counters, the counters of the whole system and its faults. Tools reach these through the
 * host's file or a file attached to the system (COS_IOC_ATTACH); a policy component through its
 * own calls (COS_IOC_CALL_*). Each decodes its request completely before anything changes.
 */
#include <linux/ktime.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "cos.h"

/* A system that has no domain yet has nothing to inspect or reshape. */
static bool cos_control_ready(struct cos_system *sys)
{
	return sys->es && sys->ncomponents;
}

static int cos_control_mpd(struct cos_system *sys, unsigned int cmd, struct cos_mpd_op *op)
{
	struct cos_component *a = cos_system_component(sys, op->a);
	struct cos_component *b = cos_system_component(sys, op->b);
	bool merge = cmd == COS_IOC_MERGE, reused = false;
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

static void cos_control_pds(struct cos_system *sys, struct cos_pd_list *list)
{
	u32 i;

	for (i = 0; i < sys->ncomponents; i++) {
		struct cos_component *c = sys->components[i];
		struct cos_component_state *out = &list->components[list->ncomponents++];

		out->id = c->id;
		out->slot = c->slot;
		out->pd = c->pd->id;
		out->flags = c->flags;
		memcpy(out->name, c->name, sizeof(out->name));
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

static int cos_control_edge_list(struct cos_system *sys, struct cos_edge_list *req)
{
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

static void cos_control_stats(struct cos_system *sys, struct cos_stats *stats)
{
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
}

static void cos_control_faults(struct cos_system *sys, struct cos_fault_log *log)
{
	u64 first, i;

	log->total = sys->faults;
	first = sys->faults > COS_FAULT_LOG_SIZE ? sys->faults - COS_FAULT_LOG_SIZE : 0;
	for (i = first; i < sys->faults; i++)
		log->reports[i - first] = sys->fault_log[i % COS_FAULT_LOG_SIZE];
}

/**
 * cos_control_ioctl() - COS_IOC_MERGE, _SPLIT, _PDS, _EDGES, _STATS and _FAULTS
 * @sys: the system they act on (the file's own, or the one it is attached to)
 * @cmd: the ioctl
 * @uarg: its argument
 *
 * Return: 0 or -errno as module/uapi/cos.h describes.
 */
long cos_control_ioctl(struct cos_system *sys, unsigned int cmd, void __user *uarg)
{
	union {
		struct cos_mpd_op op;
		struct cos_pd_list pds;
		struct cos_edge_list edges;
		struct cos_stats stats;
		struct cos_fault_log faults;
	} *req;
	size_t size = _IOC_SIZE(cmd);
	long ret = 0;

	req = kmalloc(sizeof(*req), GFP_KERNEL);
	if (!req)
		return -ENOMEM;
	if (copy_from_user(req, uarg, size)) {
		ret = -EFAULT;
		goto out;
	}
	/* The read-only queries take nothing in but zeroes. */
	if ((cmd == COS_IOC_PDS || cmd == COS_IOC_STATS || cmd == COS_IOC_FAULTS) && memchr_inv(req, 0, size)) {
		ret = -EINVAL;
		goto out;
	}

	mutex_lock(&sys->lock);
	if (!cos_control_ready(sys) && cmd != COS_IOC_STATS && cmd != COS_IOC_FAULTS)
		ret = -EINVAL;
	else if (cmd == COS_IOC_MERGE || cmd == COS_IOC_SPLIT)
		ret = cos_control_mpd(sys, cmd, &req->op);
	else if (cmd == COS_IOC_PDS)
		cos_control_pds(sys, &req->pds);
	else if (cmd == COS_IOC_EDGES)
		ret = cos_control_edge_list(sys, &req->edges);
	else if (cmd == COS_IOC_STATS)
		cos_control_stats(sys, &req->stats);
	else
		cos_control_faults(sys, &req->faults);
	mutex_unlock(&sys->lock);

	/* A merge or split reports what it cost and where the component is, refused or not. */
	if ((!ret || cmd == COS_IOC_MERGE || cmd == COS_IOC_SPLIT) && copy_to_user(uarg, req, size))
		ret = -EFAULT;
out:
	kfree(req);
	return ret;
}

/**
 * cos_control_call() - a policy component's COS_IOC_CALL_*, its arguments in registers
 * @sys: its system
 * @caller: the policy component
 * @cmd: the call
 * @regs: the registers it made the call with (%rdx, %r8)
 *
 * Return: what module/uapi/cos.h says of the call.
 */
long cos_control_call(struct cos_system *sys, struct cos_component *caller, unsigned int cmd,
		      struct pt_regs *regs)
{
	struct cos_component *a = regs->dx < U32_MAX ? cos_system_component(sys, regs->dx) : NULL;
	struct cos_component *b = regs->r8 < U32_MAX ? cos_system_component(sys, regs->r8) : NULL;
	struct cos_edge *edges;
	bool reused;
	long ret;

	switch (cmd) {
	case COS_IOC_CALL_SELF:
		return caller->id;
	case COS_IOC_CALL_PD_OF:
		return a ? READ_ONCE(a->pd)->id : -EINVAL;
	case COS_IOC_CALL_MERGE:
	case COS_IOC_CALL_SPLIT:
		if (!a || (cmd == COS_IOC_CALL_MERGE && !b))
			return -EINVAL;
		mutex_lock(&sys->lock);
		if (cmd == COS_IOC_CALL_MERGE)
			ret = cos_mpd_merge(sys, a, b);
		else
			ret = cos_mpd_split(sys, a, false, &reused);
		mutex_unlock(&sys->lock);
		return ret;
	case COS_IOC_CALL_EDGES:
		edges = kvcalloc(regs->dx, sizeof(*edges), GFP_KERNEL);
		if (regs->dx && !edges)
			return -ENOMEM;
		mutex_lock(&sys->lock);
		ret = cos_control_edges(sys, COS_EDGES_POLICY, edges, regs->dx);
		mutex_unlock(&sys->lock);
		if (regs->dx && copy_to_user((void __user *)regs->r8, edges,
					     min_t(u64, regs->dx, ret) * sizeof(*edges)))
			ret = -EFAULT;
		kvfree(edges);
		return ret;
	default:
		return -ENOTTY;
	}
}
