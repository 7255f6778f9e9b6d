// SPDX-License-Identifier: GPL-2.0
/*
 * Mutable protection domains (sections 3.1 to 3.3 of the MPD paper): merging the domains of two
 * components, splitting a component into a domain of its own, and the stale domains both leave
 * behind while threads still run in them.
 *
 * Everything here runs with the system's lock held, from whichever thread asked: a tool attached
 * to the system, a policy component on the host thread, or the host before it runs. The host
 * thread meanwhile goes on invoking through the entry code, which takes no lock and reads three
 * things: which domain a component is in (components[].pd), a domain's page tables and members,
 * and whether a domain is stale. The rules that keep the two in step:
 *
 * - A domain only ever gains entries while threads may run in it. The one change that takes
 *   entries away (a split that reuses the domain in place) happens only when no frame runs in
 *   it, after waiting out every entry-code pass that may have been routing into it.
 * - A domain that no component points at any more is retired (stale) with a stamp of the host
 *   thread's quiet points (quiet.c), and freed once a quiet point has passed and no frame runs
 *   in it: no pass that read the old component-to-domain map is left then, so a frame count of
 *   zero stays zero. Nothing waits for that: merges and fresh splits return at once, and the
 *   domain is freed by the next operation, by the reaper that the quiet point's interrupt
 *   queues, or by the host thread's return from it (the entry code sends every return from a
 *   stale domain to the module, entry_code.S), all under the lock.
 *
 * The lifetime rule of section 3.2 then holds: a thread keeps every component that was
 * accessible when its invocation entered a domain until the invocation returns, because that
 * domain never loses an entry while the frame runs in it.
 */
#include <linux/bitops.h>
#include "cos.h"

/* Bit of slot 0, which every domain maps (the runtime page and the module's pages). */
#define COS_RUNTIME_SLOT BIT_ULL(0)

static u64 cos_component_slots(u64 members)
{
	return members & ~COS_RUNTIME_SLOT;
}

/* Each component of @pd joins it as the entry code sees it, and calls the way it now must. */
static void cos_mpd_adopt(struct cos_system *sys, struct cos_pd *pd)
{
	u64 slots = cos_component_slots(pd->members);
	unsigned int slot;

	for_each_set_bit(slot, (unsigned long *)&slots, COS_REGION_SLOTS) {
		struct cos_component *c = sys->by_slot[slot];

		c->pd = pd;
		cos_entry_state_publish_component(sys, c);
	}
}

/* The capabilities of every component of @pd, and of those calling into it, follow the domains. */
static void cos_mpd_refresh_caps(struct cos_system *sys, u64 slots)
{
	u32 i, j;

	for (i = 0; i < sys->ncomponents; i++) {
		struct cos_component *c = sys->components[i];
		bool touched = slots & BIT_ULL(c->slot);

		for (j = 0; !touched && j < c->ncaps; j++)
			touched = slots & BIT_ULL(c->caps[j].server->slot);
		if (touched)
			cos_cap_refresh(c);
	}
}

/*
 * Before @c leaves the other members of its domain: every capability between it and them goes
 * through the module first. A thread that finds @c in its new domain (the entry code routes by
 * the published map at once) then calls nothing directly there that the new domain does not map.
 */
static void cos_mpd_unlink(struct cos_system *sys, struct cos_component *c)
{
	u32 i;

	cos_cap_through_module(c, NULL);
	for (i = 0; i < sys->ncomponents; i++) {
		if (sys->components[i] != c)
			cos_cap_through_module(sys->components[i], c);
	}
}

/*
 * @pd has no component any more: it lives on, stale, while frames run in it. Its threads call,
 * directly, whatever their components' capabilities say, and a capability may have been read
 * just before a merge or split changed it: what they may come to call (its reach) is everything
 * its members share a domain with now, and grows with every later merge that joins any of that
 * to more (cos_mpd_widen).
 */
static void cos_mpd_retire(struct cos_system *sys, struct cos_pd *pd)
{
	u64 members = cos_component_slots(pd->members);
	unsigned int slot;

	pd->reach = pd->members;
	for_each_set_bit(slot, (unsigned long *)&members, COS_REGION_SLOTS)
		pd->reach |= sys->by_slot[slot]->pd->members;
	pd->stale = true;
	pd->left_at = -1;
	cos_entry_state_publish_pd(sys, pd);
	set_bit(pd->id, sys->stale_pds);
	pd->retired = cos_quiet_stamp(sys);
}

/**
 * cos_mpd_leave() - the host thread's slow path takes a frame out of domain @id
 * @sys: the system
 * @id: the domain of the frame; interrupts are off, and the frame still counts
 *
 * The entry code leaves a domain's page tables in the pass that takes its last frame out; the
 * module's paths may run a little longer on them (the kernel half, under PTI) before loading the
 * next domain's. A stale domain whose last frame the module took out is therefore freed only
 * after a quiet point that follows: by then the host thread has loaded other page tables.
 */
void cos_mpd_leave(struct cos_system *sys, u32 id)
{
	struct cos_pd *pd = sys->pds[id];

	if (READ_ONCE(pd->stale)) {
		WRITE_ONCE(pd->left_at, atomic64_read(&sys->quiet));
		smp_wmb();	/* the mark, then the count that lets a reaper look at it */
	}
	sys->es->pds[id].frames--;
}

/* A merge made @pd: every stale domain that could reach part of it can reach all of it. */
static void cos_mpd_widen(struct cos_system *sys, struct cos_pd *pd)
{
	unsigned int id;

	for_each_set_bit(id, sys->stale_pds, COS_MAX_PDS) {
		struct cos_pd *stale = sys->pds[id];

		if (cos_component_slots(stale->reach) & pd->members)
			stale->reach |= pd->members;
	}
}

/**
 * cos_mpd_reap() - free the stale domains no frame runs in any more
 * @sys: the system, locked
 * @all: free every stale domain: no thread runs the system
 */
void cos_mpd_reap(struct cos_system *sys, bool all)
{
	unsigned int id;

	for_each_set_bit(id, sys->stale_pds, COS_MAX_PDS) {
		struct cos_pd *pd = sys->pds[id];

		if (!all && (!cos_quiet_passed(sys, pd->retired) || READ_ONCE(sys->es->pds[id].frames)))
			continue;
		smp_rmb();	/* the count, then the mark of the frame that left last */
		if (!all && READ_ONCE(pd->left_at) == atomic64_read(&sys->quiet))
			continue;
		clear_bit(id, sys->stale_pds);
		sys->pds[id] = NULL;
		cos_entry_state_clear_pd(sys, id);
		cos_pd_recycle(&sys->pd_reserve, pd);
	}
}

/* After a quiet point the host thread did not make itself: what it lets go. */
static void cos_mpd_reap_work(struct work_struct *work)
{
	struct cos_system *sys = container_of(work, struct cos_system, reap_work);

	mutex_lock(&sys->lock);
	cos_mpd_reap(sys, false);
	mutex_unlock(&sys->lock);
}

/**
 * cos_mpd_init() - a new system's merging and splitting
 * @sys: the system
 */
void cos_mpd_init(struct cos_system *sys)
{
	cos_quiet_init(sys, cos_mpd_reap_work);
}

/* Whether any member of one slot set may never share a domain with one of the other. */
static bool cos_mpd_immutable(struct cos_system *sys, u64 ours, u64 theirs)
{
	u64 slots = cos_component_slots(ours);
	unsigned int slot;

	for_each_set_bit(slot, (unsigned long *)&slots, COS_REGION_SLOTS) {
		if (sys->by_slot[slot]->immutable & theirs)
			return true;
	}
	return false;
}

/**
 * cos_mpd_merge() - put the components of @a's and @b's domains into one
 * @sys: the system, locked
 * @a: a component
 * @b: another
 *
 * Allocates nothing: the domain with more members gains the other's top-level entries, and the
 * other is freed, or kept stale (subordinate, in the paper's words) while frames run in it.
 *
 * Return: 0, -EALREADY when they share a domain, or -EPERM when a boundary between the two
 * groups is immutable.
 */
int cos_mpd_merge(struct cos_system *sys, struct cos_component *a, struct cos_component *b)
{
	struct cos_pd *keep = a->pd, *gone = b->pd;
	u64 moving;
	unsigned int slot;

	if (keep == gone)
		return -EALREADY;
	if (cos_mpd_immutable(sys, keep->members, gone->members))
		return -EPERM;
	if (hweight64(gone->members) > hweight64(keep->members))
		swap(keep, gone);

	/* First the entries, then the members: whoever finds a component in @keep finds it mapped. */
	moving = cos_component_slots(gone->members);
	for_each_set_bit(slot, (unsigned long *)&moving, COS_REGION_SLOTS)
		cos_pd_set_slot(keep, slot, cos_subtree_entry(&sys->by_slot[slot]->tree));
	cos_entry_state_publish_pd(sys, keep);
	cos_mpd_adopt(sys, keep);
	/*
	 * Stale before the direct calls appear: a thread left in @gone that calls a component of
	 * @keep directly faults, and the fault is resolved only for a stale domain (cos_mpd_repair).
	 */
	cos_mpd_retire(sys, gone);
	cos_mpd_widen(sys, keep);
	cos_mpd_refresh_caps(sys, keep->members);
	cos_mpd_reap(sys, false);
	sys->merges++;
	return 0;
}

/*
 * Puts back what the first half of a split did, when the second half cannot be done: @c goes
 * back to @old, which still maps it, and @alone ends as a stale domain (a thread may have entered
 * it meanwhile).
 */
static void cos_mpd_unsplit(struct cos_system *sys, struct cos_component *c, struct cos_pd *old,
			    struct cos_pd *alone)
{
	c->pd = old;
	cos_entry_state_publish_component(sys, c);
	cos_mpd_refresh_caps(sys, old->members);
	cos_mpd_retire(sys, alone);
	cos_mpd_reap(sys, false);
}

/* The split's second half when frames run in @old: the others move to a new domain too. */
static int cos_mpd_split_fresh(struct cos_system *sys, struct cos_pd *old, u64 others)
{
	struct cos_pd *rest;
	int id;

	id = cos_system_new_pd_id(sys);
	if (id < 0)
		return id;
	rest = cos_pd_clone(&sys->pd_reserve, old, id, others | COS_RUNTIME_SLOT);
	if (!rest)
		return -ENOMEM;
	sys->pds[id] = rest;
	WRITE_ONCE(sys->es->pds[id].frames, 0);
	cos_entry_state_publish_pd(sys, rest);
	cos_mpd_adopt(sys, rest);
	cos_mpd_retire(sys, old);
	return 0;
}

/**
 * cos_mpd_split() - move @c into a domain of its own
 * @sys: the system, locked
 * @c: the component
 * @fresh: build new domains even if the old one could be reused
 * @reused: set to whether the old domain was reused in place
 *
 * @c's capabilities to and from the others become invocations, and only then does a new domain
 * take @c (cos_mpd_unlink). With @fresh, a new domain is built for the others too and the old one retired. Otherwise,
 * once no entry-code pass can still be routing into the old domain for @c (which takes waiting
 * for the CPU running component code, if any), the old domain is reused in place for the others
 * if no frame runs in it (the paper's optimisation), or else retired for those frames, with a
 * new domain built for the others.
 *
 * Return: 0, -EALREADY when @c is alone, -ENOSPC without a free domain id, or -ENOMEM; on
 * failure nothing has changed.
 */
int cos_mpd_split(struct cos_system *sys, struct cos_component *c, bool fresh, bool *reused)
{
	struct cos_pd *old = c->pd, *alone;
	u64 others = cos_component_slots(old->members) & ~BIT_ULL(c->slot);
	int id, ret;

	if (!others)
		return -EALREADY;
	id = cos_system_new_pd_id(sys);
	if (id < 0)
		return id;
	alone = cos_pd_clone(&sys->pd_reserve, old, id, BIT_ULL(c->slot) | COS_RUNTIME_SLOT);
	if (!alone)
		return -ENOMEM;
	sys->pds[id] = alone;
	WRITE_ONCE(sys->es->pds[id].frames, 0);
	cos_entry_state_publish_pd(sys, alone);
	cos_mpd_unlink(sys, c);
	c->pd = alone;
	cos_entry_state_publish_component(sys, c);
	cos_mpd_refresh_caps(sys, old->members);

	*reused = false;
	if (!fresh) {
		cos_quiet_wait(sys, false);
		*reused = !READ_ONCE(sys->es->pds[old->id].frames);
	}
	if (*reused) {
		cos_pd_set_slot(old, c->slot, 0);
		cos_entry_state_publish_pd(sys, old);
		/*
		 * A thread may have entered @old since (for another member) and the CPU may have
		 * cached @c's translations there, speculatively: they go everywhere.
		 */
		cos_quiet_wait(sys, true);
		sys->splits_reused++;
	} else {
		ret = cos_mpd_split_fresh(sys, old, others);
		if (ret) {
			cos_mpd_unsplit(sys, c, old, alone);
			return ret;
		}
	}
	cos_mpd_reap(sys, false);
	sys->splits++;
	return 0;
}

/**
 * cos_mpd_repair() - let a thread in a stale domain reach a component merged in since
 * @sys: the system, locked
 * @pd: the domain the thread faulted in
 * @addr: the address it faulted on
 *
 * A thread that runs in a stale domain calls, directly, whatever its components' capabilities
 * say now, or said when it read them: after a merge, that may be a component the stale domain
 * never mapped. As COMPOSITE did, the missing top-level entry is copied in on the fault, if the
 * component is in the stale domain's reach (cos_mpd_retire). The stale domain thus grows, for as
 * long as it lives, by the components its members were merged with since; no live domain ever
 * does.
 *
 * Return: true when the entry was added: the faulting instruction can run again.
 */
bool cos_mpd_repair(struct cos_system *sys, struct cos_pd *pd, unsigned long addr)
{
	unsigned long slot = (addr - COS_REGION_BASE) >> COS_SLOT_SHIFT;
	struct cos_component *target;

	if (!pd->stale || addr < COS_REGION_BASE || slot >= COS_REGION_SLOTS)
		return false;
	target = sys->by_slot[slot];
	if (!target || (pd->members & BIT_ULL(slot)) || !(pd->reach & BIT_ULL(slot)))
		return false;
	cos_pd_set_slot(pd, slot, cos_subtree_entry(&target->tree));
	cos_entry_state_publish_pd(sys, pd);
	sys->stale_repairs++;
	return true;
}

/**
 * cos_mpd_edge_count() - the capabilities of @sys
 * @sys: the system, locked
 *
 * Return: their number.
 */
u32 cos_mpd_edge_count(struct cos_system *sys)
{
	u32 i, n = 0;

	for (i = 0; i < sys->ncomponents; i++)
		n += sys->components[i]->ncaps;
	return n;
}

/**
 * cos_mpd_edge() - capability @n of @client with its counters, for one reader
 * @sys: the system, locked
 * @client: the component
 * @n: the capability's number
 * @reader: whose "since the last read" this is; the read moves it on
 * @edge: filled in
 *
 * The total comes from the client's user-level capability, which counts every call made through
 * it, direct or not (a client may falsify its own counts, and only its own); so does the path it
 * calls by now, which the flags report.
 */
void cos_mpd_edge(struct cos_system *sys, struct cos_component *client, u32 n,
		  enum cos_edge_reader reader, struct cos_edge *edge)
{
	struct cos_cap *cap = &client->caps[n];
	u64 total = READ_ONCE(cap->ucap_words[2]);
	unsigned long target = READ_ONCE(cap->ucap_words[0]);

	edge->client = client->id;
	edge->server = cap->server->id;
	edge->fn = cap->fn;
	edge->total = total;
	edge->since = total - cap->seen[reader];
	edge->inter_pd = sys->es ? READ_ONCE(sys->es->caps[client->slot * COS_MAX_CAPS + n].invocations) : 0;
	edge->flags = target == cap->fn ? COS_EDGE_DIRECT : target == client->inv_stub ? COS_EDGE_STUB : 0;
	edge->reserved = 0;
	cap->seen[reader] = total;
}
