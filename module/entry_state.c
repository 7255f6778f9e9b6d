// SPDX-License-Identifier: GPL-2.0
/*
 * A system's entry state (entry_state.h): kernel-only pages in slot 0 of every domain, which the
 * entry code reads and writes on the component side and the module through a kernel mapping.
 * The tables (domains, components, capabilities) are written from the system's objects when a
 * run starts; while it runs, set-up is refused, and merges and splits (mpd.c) publish what they
 * change here, in an order the entry code can follow.
 */
#include <linux/build_bug.h>
#include <linux/mm.h>
#include <linux/vmalloc.h>
#include "cos.h"

#define COS_ES_PAGES (PAGE_ALIGN(ES_SIZE) >> PAGE_SHIFT)

static_assert(offsetof(struct cos_entry_state, running) == ES_CURRENT);
static_assert(offsetof(struct cos_entry_state, switches) == ES_SWITCHES);
static_assert(offsetof(struct cos_entry_state, sched_slot) == ES_SCHED_SLOT);
static_assert(offsetof(struct cos_entry_state, event_thread) == ES_EVENT_THREAD);
static_assert(offsetof(struct cos_entry_state, threads) == ES_THREADS);
static_assert(sizeof(struct cos_es_thread) == ES_THREAD_SIZE);
static_assert(offsetof(struct cos_es_thread, state) == ES_THREAD_STATE);
static_assert(offsetof(struct cos_es_thread, stack) == ES_THREAD_STACK);
static_assert(offsetof(struct cos_es_thread, ctx) == ES_THREAD_CTX);
static_assert(offsetof(struct cos_es_thread, frames) == ES_THREAD_FRAMES);
static_assert(offsetof(struct cos_es_regs, saved.ip) == ES_REG_IP);
static_assert(offsetof(struct cos_es_regs, saved.r15) == ES_REG_R15);
static_assert(offsetof(struct cos_es_regs, scratch.ax) == ES_REG_RAX);
static_assert(offsetof(struct cos_es_regs, scratch.r11) == ES_REG_R11);
static_assert(offsetof(struct cos_es_regs, saved.sp) == ES_REG_RSP);
static_assert(offsetof(struct cos_entry_state, fd) == ES_FD);
static_assert(offsetof(struct cos_entry_state, invocations) == ES_INVOCATIONS);
static_assert(offsetof(struct cos_entry_state, flush_kernel_pcid) == ES_FLUSH_KERNEL_PCID);
static_assert(offsetof(struct cos_entry_state, pending) == ES_PENDING);
static_assert(offsetof(struct cos_entry_state, pds) == ES_PDS);
static_assert(offsetof(struct cos_entry_state, components) == ES_COMPONENTS);
static_assert(offsetof(struct cos_entry_state, caps) == ES_CAPS);
static_assert(sizeof(struct cos_entry_state) == ES_SIZE);
static_assert(sizeof(struct cos_es_pd) == ES_PD_SIZE);
static_assert(sizeof(struct cos_es_component) == ES_COMP_SIZE && ES_COMP_SIZE == 1 << ES_COMP_SHIFT);
static_assert(sizeof(struct cos_es_frame) == ES_FRAME_SIZE && ES_FRAME_SIZE == 1 << 7);
static_assert(sizeof(struct cos_es_cap) == ES_CAP_SIZE && ES_CAP_SIZE == 1 << ES_CAP_SHIFT);
static_assert(COS_MAX_CAPS == 1 << 6 && ES_PD_SIZE == 1 << 5);
static_assert(offsetof(struct cos_es_frame, component) == ES_FRAME_COMPONENT);
static_assert(offsetof(struct cos_es_frame, pd) == ES_FRAME_PD);
static_assert(offsetof(struct cos_es_frame, cap) == ES_FRAME_CAP);
static_assert(offsetof(struct cos_es_frame, saved.r15) == ES_FRAME_R15);
static_assert(offsetof(struct cos_es_frame, saved.bx) == ES_FRAME_RBX);
static_assert(offsetof(struct cos_es_frame, saved.flags) == ES_FRAME_FLAGS);
static_assert(offsetof(struct cos_es_cap, invocations) == ES_CAP_INVOCATIONS);
static_assert(offsetof(struct cos_es_pending, ip) == ES_PENDING_IP);
static_assert(offsetof(struct cos_es_pending, regs) == ES_PENDING_REGS);
static_assert(offsetof(struct cos_es_regs, scratch.r8) == ES_REG_R8);
static_assert(offsetof(struct cos_es_regs, saved.flags) == ES_REG_FLAGS);
static_assert(sizeof(struct cos_es_regs) == ES_REG_R11 + 8);
static_assert(offsetof(struct cos_es_pd, flags) == ES_PD_FLAGS);
static_assert(ES_PENDING + sizeof(struct cos_es_pending) <= ES_PDS);
static_assert(ES_COMPONENTS + COS_REGION_SLOTS * ES_COMP_SIZE <= ES_CAPS);
static_assert(COS_ENTRY_STATE + ES_SIZE <= COS_REGION_BASE + COS_STACK_TOP_OFFSET);

/**
 * cos_entry_state_create() - the entry state pages of @sys, mapped into its slot 0
 * @sys: the system; its runtime subtree exists
 *
 * The pages belong to the subtree (freed with it); @sys->es maps them for the kernel.
 *
 * Return: 0, or -ENOMEM.
 */
int cos_entry_state_create(struct cos_system *sys)
{
	struct page *pages[COS_ES_PAGES];
	unsigned int i;

	for (i = 0; i < COS_ES_PAGES; i++) {
		pages[i] = cos_pages_alloc(0);
		if (!pages[i])
			goto err;
		if (cos_subtree_map(&sys->runtime, COS_ENTRY_STATE + i * PAGE_SIZE, pages[i],
				    COS_PROT_READ | COS_PROT_WRITE | COS_PROT_KERNEL)) {
			cos_pages_free(pages[i], 0);
			goto err;
		}
	}
	sys->es = vmap(pages, COS_ES_PAGES, VM_MAP, PAGE_KERNEL);
	return sys->es ? 0 : -ENOMEM;

err:	/* the pages mapped so far go with the subtree */
	return -ENOMEM;
}

/**
 * cos_entry_state_destroy() - drop the kernel mapping; the subtree frees the pages
 * @sys: the system
 */
void cos_entry_state_destroy(struct cos_system *sys)
{
	if (sys->es)
		vunmap(sys->es);
	sys->es = NULL;
}

/* The CR3 user mode runs @pd on: under PTI, the user half of the pair. */
static u64 cos_es_cr3(struct cos_pd *pd)
{
	return cos_pd_cr3(pd) + (pd->order ? PAGE_SIZE : 0);
}

/**
 * cos_entry_state_publish_pd() - write @pd's entry: its page tables, members and staleness
 * @sys: the system
 * @pd: the domain
 *
 * The frame count is the entry code's and the host thread's; it is left alone.
 */
void cos_entry_state_publish_pd(struct cos_system *sys, struct cos_pd *pd)
{
	struct cos_es_pd *e = &sys->es->pds[pd->id];

	WRITE_ONCE(e->cr3, cos_es_cr3(pd));
	WRITE_ONCE(e->members, pd->members);
	WRITE_ONCE(e->flags, pd->stale ? ES_PD_STALE : 0);
}

/**
 * cos_entry_state_publish_component() - write which domain @c is in
 * @sys: the system
 * @c: the component
 */
void cos_entry_state_publish_component(struct cos_system *sys, struct cos_component *c)
{
	WRITE_ONCE(sys->es->components[c->slot].pd, c->pd->id);
}

/**
 * cos_entry_state_clear_pd() - forget domain @id, which is freed; its frame count is zero
 * @sys: the system
 * @id: the domain's id
 */
void cos_entry_state_clear_pd(struct cos_system *sys, u32 id)
{
	memset(&sys->es->pds[id], 0, sizeof(sys->es->pds[id]));
}

/**
 * cos_entry_state_load() - write @sys's tables for a run that enters @first
 * @sys: the system, locked, not running
 * @fd: the host's descriptor of /dev/cos
 * @first: the component the run enters; the first frame is its
 */
void cos_entry_state_load(struct cos_system *sys, int fd, struct cos_component *first)
{
	struct cos_entry_state *es = sys->es;
	u32 i, j;

	es->fd = fd;
	es->flush_kernel_pcid = boot_cpu_has(X86_FEATURE_PTI) && boot_cpu_has(X86_FEATURE_PCID);
	memset(&es->pending, 0, sizeof(es->pending));
	memset(es->pds, 0, sizeof(es->pds));
	memset(es->components, 0, sizeof(es->components));
	for (i = 0; i < COS_MAX_PDS; i++) {
		if (sys->pds[i])
			cos_entry_state_publish_pd(sys, sys->pds[i]);
	}
	for (i = 0; i < sys->ncomponents; i++) {
		struct cos_component *c = sys->components[i];
		struct cos_es_component *ec = &es->components[c->slot];

		ec->upcall_entry = c->upcall_entry;
		ec->stack_top = c->stack_top;
		ec->pd = c->pd->id;
		ec->ncaps = c->ncaps;
		for (j = 0; j < c->ncaps; j++) {
			struct cos_es_cap *cap = &es->caps[c->slot * COS_MAX_CAPS + j];

			cap->fn = c->caps[j].fn;
			cap->server = c->caps[j].server->slot;
		}
	}
	es->switches = 0;
	es->sched_slot = ~0ULL;
	es->event_thread = 0;
	for (i = 0; i < COS_MAX_THREADS; i++) {
		struct cos_es_thread *t = &es->threads[i];

		t->depth = 0;
		t->state = ES_THREAD_FREE;
		t->stack = i * COS_STACK_STRIDE;
	}
	/* Thread 0 is the host's call into @first. */
	memset(&es->threads[0].frames[0], 0, sizeof(es->threads[0].frames[0]));
	es->threads[0].frames[0].component = first->slot;
	es->threads[0].frames[0].pd = first->pd->id;
	es->threads[0].frames[0].cap = ~0ULL;
	es->threads[0].depth = 1;
	es->threads[0].state = ES_THREAD_RUNNING;
	es->pds[first->pd->id].frames = 1;
	es->running = cos_es_thread_address(0);
}

/**
 * cos_es_thread_address() - where thread @t's record is in slot 0, as the entry code sees it
 * @t: the thread's id
 *
 * Return: the address.
 */
u64 cos_es_thread_address(u32 t)
{
	return COS_ENTRY_STATE + ES_THREADS + (u64)t * ES_THREAD_SIZE;
}

/**
 * cos_es_thread_id() - the id of the thread whose record is at @address in slot 0
 * @address: ES_CURRENT or ES_EVENT_THREAD
 *
 * Return: the id.
 */
u32 cos_es_thread_id(u64 address)
{
	return (address - COS_ENTRY_STATE - ES_THREADS) / ES_THREAD_SIZE;
}
