// SPDX-License-Identifier: GPL-2.0
/*
 * Protection domains: top-level page tables whose user range maps only member slots.
 *
 * Under PTI the kernel runs on the first page of an 8 KiB-aligned pair and user mode on the
 * second (the entry code flips bit 12 of CR3), so a domain is such a pair: the kernel half copies
 * the kernel entries of the host's kernel page table, the user half those of the host's user page
 * table (the entry trampolines and the CPU entry area, nothing more). As Linux does, the kernel
 * half's user entries carry NX, the user half's do not. Under 5-level paging the slots live one
 * level down, in a P4D page of the domain's own that PML5 entry 0 points at.
 */
#include <linux/io.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <asm/pgtable.h>
#include "cos.h"

static bool cos_pti(void)
{
	return boot_cpu_has(X86_FEATURE_PTI);
}

static unsigned long *cos_pd_half(struct cos_pd *pd, bool user)
{
	return (unsigned long *)page_address(pd->top) + (user ? PTRS_PER_PGD : 0);
}

/*
 * Sets top-level entry @index in both halves; @entry is a user-range entry. The kernel half
 * cannot execute it unless @kernel_exec: slot 0, where the module's entry code lives.
 */
static void cos_pd_set_top(struct cos_pd *pd, unsigned int index, unsigned long entry, bool kernel_exec)
{
	unsigned long *kernel = cos_pd_half(pd, false);

	if (!pd->order || kernel_exec || !(entry & _PAGE_PRESENT)) {
		WRITE_ONCE(kernel[index], entry);
		if (!pd->order)
			return;
	} else {
		WRITE_ONCE(kernel[index], entry | _PAGE_NX);
	}
	WRITE_ONCE(cos_pd_half(pd, true)[index], entry);
}

/**
 * cos_pd_create() - a protection domain with no member
 * @id: its id in the system
 *
 * Copies the kernel's part of the calling process's page tables, which is the same in every
 * process and never changes after boot (x86-64 preallocates the top levels of the kernel range).
 *
 * Return: the domain with one reference, or NULL when out of memory.
 */
struct cos_pd *cos_pd_create(u32 id)
{
	pgd_t *host = current->mm->pgd;
	struct cos_pd *pd;
	unsigned int i;

	pd = kzalloc(sizeof(*pd), GFP_KERNEL_ACCOUNT);
	if (!pd)
		goto err;
	pd->id = id;
	pd->order = cos_pti() ? 1 : 0;
	pd->top = cos_pages_alloc(pd->order);
	if (!pd->top)
		goto err_pd;

	for (i = KERNEL_PGD_BOUNDARY; i < PTRS_PER_PGD; i++) {
		cos_pd_half(pd, false)[i] = pgd_val(host[i]);
#ifdef CONFIG_PAGE_TABLE_ISOLATION
		if (pd->order)
			cos_pd_half(pd, true)[i] = pgd_val(kernel_to_user_pgdp(host)[i]);
#endif
	}

	if (pgtable_l5_enabled()) {
		pd->p4d = cos_pages_alloc(0);
		if (!pd->p4d)
			goto err_top;
		cos_pd_set_top(pd, 0, page_to_phys(pd->p4d) | _PAGE_TABLE, false);
	}
	return pd;

err_top:
	cos_pages_free(pd->top, pd->order);
err_pd:
	kfree(pd);
err:
	return NULL;
}

/**
 * cos_pd_set_slot() - point the domain's entry for region @slot at a subtree, or clear it
 * @pd: the domain
 * @slot: 0 .. COS_REGION_SLOTS - 1
 * @entry: cos_subtree_entry() of the subtree, or 0
 *
 * The caller flushes the TLB of every CPU that may run on @pd when it removes an entry.
 */
void cos_pd_set_slot(struct cos_pd *pd, unsigned int slot, unsigned long entry)
{
	unsigned long addr = cos_slot_base(slot);

	if (pd->p4d)
		WRITE_ONCE(((unsigned long *)page_address(pd->p4d))[(addr >> 39) & 511], entry);
	else
		cos_pd_set_top(pd, (addr >> 39) & 511, entry, slot == 0);
	if (entry)
		pd->members |= BIT_ULL(slot);
	else
		pd->members &= ~BIT_ULL(slot);
}

/**
 * cos_pd_maps() - whether @pd maps region @slot
 * @pd: the domain
 * @slot: 0 .. COS_REGION_SLOTS - 1
 *
 * Return: true when it does.
 */
bool cos_pd_maps(struct cos_pd *pd, unsigned int slot)
{
	return pd->members & BIT_ULL(slot);
}

/**
 * cos_pd_cr3() - the CR3 value that runs on @pd (kernel half, no PCID bits)
 * @pd: the domain
 *
 * Return: the physical address of its top-level page.
 */
unsigned long cos_pd_cr3(struct cos_pd *pd)
{
	return page_to_phys(pd->top);
}

/* A copy of @template's top page(s), and of its P4D page if it has one, from @reserve if it can. */
static bool cos_pd_copy_pages(struct cos_pd_reserve *reserve, struct cos_pd *pd, struct cos_pd *template)
{
	unsigned int i;

	if (reserve->count) {
		reserve->count--;
		pd->top = reserve->pages[reserve->count].top;
		pd->p4d = reserve->pages[reserve->count].p4d;
		for (i = 0; i < 1U << pd->order; i++)
			copy_page(page_address(pd->top + i), page_address(template->top + i));
		if (pd->p4d)
			copy_page(page_address(pd->p4d), page_address(template->p4d));
		return true;
	}
	pd->top = cos_pages_copy(template->top, pd->order);
	if (!pd->top)
		return false;
	if (template->p4d) {
		pd->p4d = cos_pages_copy(template->p4d, 0);
		if (!pd->p4d) {
			cos_pages_free(pd->top, pd->order);
			return false;
		}
	}
	return true;
}

/**
 * cos_pd_clone() - a domain like @template, keeping only some of its members
 * @reserve: the system's reserve of freed domains' pages, used first
 * @template: the domain to copy
 * @id: the new domain's id
 * @keep: the member slots the copy keeps; the others are cleared in it
 *
 * Copies the top-level page (pair), and the P4D page under 5-level paging, whole: the kernel's
 * entries and the kernel-only view of the host's memory come along, and nothing below is copied
 * (section 3.3 of the MPD paper: one page is manufactured, the subtrees are shared).
 *
 * Return: the new domain, or NULL when out of memory.
 */
struct cos_pd *cos_pd_clone(struct cos_pd_reserve *reserve, struct cos_pd *template, u32 id, u64 keep)
{
	struct cos_pd *pd;
	unsigned int slot;

	pd = kzalloc(sizeof(*pd), GFP_KERNEL_ACCOUNT);
	if (!pd)
		return NULL;
	pd->id = id;
	pd->order = template->order;
	if (!cos_pd_copy_pages(reserve, pd, template)) {
		kfree(pd);
		return NULL;
	}
	if (pd->p4d)
		cos_pd_set_top(pd, 0, page_to_phys(pd->p4d) | _PAGE_TABLE, false);
	pd->members = template->members;
	for (slot = 0; slot < COS_REGION_SLOTS; slot++) {
		if ((pd->members & ~keep) & BIT_ULL(slot))
			cos_pd_set_slot(pd, slot, 0);
	}
	return pd;
}

/**
 * cos_pd_recycle() - free @pd, keeping its pages in @reserve if there is room
 * @reserve: the system's reserve, or NULL to free the pages
 * @pd: a domain no CPU runs on; its subtrees belong to their components and are not freed here
 */
void cos_pd_recycle(struct cos_pd_reserve *reserve, struct cos_pd *pd)
{
	if (reserve && reserve->count < COS_PD_RESERVE) {
		reserve->pages[reserve->count].top = pd->top;
		reserve->pages[reserve->count].p4d = pd->p4d;
		reserve->count++;
	} else {
		cos_pages_free(pd->p4d, 0);
		cos_pages_free(pd->top, pd->order);
	}
	kfree(pd);
}

/**
 * cos_pd_reserve_pages() - the pages @reserve holds
 * @reserve: a system's reserve
 *
 * Return: their number.
 */
u64 cos_pd_reserve_pages(struct cos_pd_reserve *reserve)
{
	u64 per_pd = (boot_cpu_has(X86_FEATURE_PTI) ? 2 : 1) + (pgtable_l5_enabled() ? 1 : 0);

	return reserve->count * per_pd;
}

/**
 * cos_pd_reserve_drain() - free every page @reserve holds
 * @reserve: a system's reserve
 */
void cos_pd_reserve_drain(struct cos_pd_reserve *reserve)
{
	while (reserve->count) {
		reserve->count--;
		cos_pages_free(reserve->pages[reserve->count].p4d, 0);
		cos_pages_free(reserve->pages[reserve->count].top, boot_cpu_has(X86_FEATURE_PTI) ? 1 : 0);
	}
}

/* The range of top-level (4-level) or P4D (5-level) indices the region occupies. */
static bool cos_region_index(unsigned int i)
{
	unsigned int first = (COS_REGION_BASE >> COS_SLOT_SHIFT) & 511;

	return i >= first && i < first + COS_REGION_SLOTS;
}

/* A host entry as the domain holds it: for the kernel only (no U/S), never executable. */
static unsigned long cos_supervisor_only(unsigned long entry)
{
	return (entry & _PAGE_PRESENT) ? (entry & ~_PAGE_USER) | _PAGE_NX : 0;
}

/* The host's table of the level that holds the region's slots. */
static unsigned long *cos_host_slot_table(struct mm_struct *mm)
{
	unsigned long top0;

	if (!pgtable_l5_enabled())
		return (unsigned long *)mm->pgd;
	top0 = pgd_val(mm->pgd[0]);
	return (top0 & _PAGE_PRESENT) ? __va(top0 & PTE_PFN_MASK) : NULL;
}

/**
 * cos_pd_host_overlaps() - whether the host has memory in the region
 * @mm: the host's address space
 *
 * The loader reserves the region before it runs anything; memory of the host there would be
 * hidden by the components' and is refused.
 *
 * Return: true when some region slot of the host's page tables is populated.
 */
bool cos_pd_host_overlaps(struct mm_struct *mm)
{
	unsigned long *host = cos_host_slot_table(mm);
	unsigned int i;

	for (i = 0; host && i < PTRS_PER_PGD; i++) {
		if (cos_region_index(i) && (READ_ONCE(host[i]) & _PAGE_PRESENT))
			return true;
	}
	return false;
}

/**
 * cos_pd_mirror_host() - let the kernel, and only the kernel, reach the host's memory on @pd
 * @pd: the domain
 * @mm: the host's address space
 *
 * While a host thread runs components, Linux still touches the host's memory on that thread's
 * behalf (signal frames, restartable sequences, the robust futex list at exit). The domain
 * therefore points at the host's own lower-level tables, but with the U/S bit clear at the top:
 * user mode, where the components run, cannot reach any of it. Called before every run, since
 * the host may have grown new top-level entries since the last.
 */
void cos_pd_mirror_host(struct cos_pd *pd, struct mm_struct *mm)
{
	unsigned long *host = cos_host_slot_table(mm);
	unsigned long *slots = pd->p4d ? page_address(pd->p4d) : cos_pd_half(pd, false);
	unsigned int i, last = pd->p4d ? PTRS_PER_P4D : KERNEL_PGD_BOUNDARY;

	for (i = 0; i < last; i++) {
		if (!cos_region_index(i))
			WRITE_ONCE(slots[i], host ? cos_supervisor_only(host[i]) : 0);
	}
	if (!pd->p4d)
		return;
	for (i = 1; i < KERNEL_PGD_BOUNDARY; i++)
		WRITE_ONCE(cos_pd_half(pd, false)[i], cos_supervisor_only(pgd_val(mm->pgd[i])));
}
