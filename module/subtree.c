// SPDX-License-Identifier: GPL-2.0
/*
 * A slot's page-table subtree: the tables below one top-level entry (a PUD page and what hangs
 * under it) and the pages they map. A component owns one; every protection domain that holds the
 * component points a top-level entry at the same subtree, so merging and splitting domains never
 * copies more than that entry.
 */
#include <linux/io.h>
#include <linux/mm.h>
#include <asm/pgtable.h>
#include "cos.h"

/**
 * cos_subtree_init() - an empty subtree for the slot at @base
 * @tree: the subtree to set up
 * @base: the slot's first address (COS_SLOT_SIZE aligned)
 *
 * Return: 0 or -ENOMEM.
 */
int cos_subtree_init(struct cos_subtree *tree, unsigned long base)
{
	tree->base = base;
	tree->pud = cos_pages_alloc(0);
	return tree->pud ? 0 : -ENOMEM;
}

/* A software bit of the PTE: the page is not the subtree's to free. */
#define COS_PTE_BORROWED _PAGE_SOFTW1

static void *cos_table(struct page *page)
{
	return page_address(page);
}

/* The next level's table under @entry, allocating it if @alloc. */
static struct page *cos_next_table(unsigned long *entry, bool alloc)
{
	struct page *page;

	if (*entry & _PAGE_PRESENT)
		return pfn_to_page((*entry & PTE_PFN_MASK) >> PAGE_SHIFT);
	if (!alloc)
		return NULL;
	page = cos_pages_alloc(0);
	if (page)
		WRITE_ONCE(*entry, page_to_phys(page) | _PAGE_TABLE);
	return page;
}

/* The PTE for @addr, allocating the tables on the way if @alloc. */
static pte_t *cos_subtree_pte(struct cos_subtree *tree, unsigned long addr, bool alloc)
{
	unsigned long *pud = cos_table(tree->pud);
	unsigned long *pmd;
	struct page *page;

	page = cos_next_table(&pud[pud_index(addr)], alloc);
	if (!page)
		return NULL;
	pmd = cos_table(page);
	page = cos_next_table(&pmd[pmd_index(addr)], alloc);
	if (!page)
		return NULL;
	return (pte_t *)cos_table(page) + pte_index(addr);
}

/**
 * cos_subtree_map() - map @page at @addr with COS_PROT_* @prot, for user mode
 * @tree: the subtree covering @addr
 * @addr: page-aligned address inside the slot
 * @page: the page; the subtree owns it from now on
 * @prot: COS_PROT_* bits (READ always; WRITE and EXEC as asked)
 *
 * Return: 0, -EEXIST when @addr is mapped already, or -ENOMEM (then @page is still the caller's).
 */
int cos_subtree_map(struct cos_subtree *tree, unsigned long addr, struct page *page, u32 prot)
{
	pgprot_t pgprot = __pgprot(_PAGE_PRESENT | _PAGE_ACCESSED |
				   ((prot & COS_PROT_KERNEL) ? 0 : _PAGE_USER) |
				   ((prot & COS_PROT_WRITE) ? _PAGE_RW | _PAGE_DIRTY : 0) |
				   ((prot & COS_PROT_EXEC) ? 0 : _PAGE_NX) |
				   ((prot & COS_PROT_BORROWED) ? COS_PTE_BORROWED : 0));
	pte_t *pte = cos_subtree_pte(tree, addr, true);

	if (!pte)
		return -ENOMEM;
	if (pte_present(*pte))
		return -EEXIST;
	WRITE_ONCE(*pte, pfn_pte(page_to_pfn(page), pgprot));
	return 0;
}

/**
 * cos_subtree_page() - the page mapped at @addr
 * @tree: the subtree covering @addr
 * @addr: any address inside the slot
 *
 * Return: the page, or NULL when nothing is mapped there.
 */
struct page *cos_subtree_page(struct cos_subtree *tree, unsigned long addr)
{
	pte_t *pte = cos_subtree_pte(tree, addr, false);

	if (!pte || !pte_present(*pte))
		return NULL;
	return pte_page(*pte);
}

/**
 * cos_subtree_destroy() - free every table and every mapped page of @tree
 * @tree: a subtree no protection domain points at any more
 */
void cos_subtree_destroy(struct cos_subtree *tree)
{
	unsigned long *pud, *pmd, *pte;
	int i, j, k;

	if (!tree->pud)
		return;
	pud = cos_table(tree->pud);
	for (i = 0; i < PTRS_PER_PUD; i++) {
		struct page *pmd_page = cos_next_table(&pud[i], false);

		if (!pmd_page)
			continue;
		pmd = cos_table(pmd_page);
		for (j = 0; j < PTRS_PER_PMD; j++) {
			struct page *pte_page = cos_next_table(&pmd[j], false);

			if (!pte_page)
				continue;
			pte = cos_table(pte_page);
			for (k = 0; k < PTRS_PER_PTE; k++) {
				if ((pte[k] & _PAGE_PRESENT) && !(pte[k] & COS_PTE_BORROWED))
					cos_pages_free(pfn_to_page((pte[k] & PTE_PFN_MASK) >> PAGE_SHIFT), 0);
			}
			cos_pages_free(pte_page, 0);
		}
		cos_pages_free(pmd_page, 0);
	}
	cos_pages_free(tree->pud, 0);
	tree->pud = NULL;
}

/**
 * cos_subtree_entry() - the value of a top-level (or, under 5-level paging, P4D) entry that
 * points at @tree
 * @tree: the subtree
 *
 * Return: the entry, present, user-accessible and writable: the leaves decide the access.
 */
unsigned long cos_subtree_entry(struct cos_subtree *tree)
{
	return page_to_phys(tree->pud) | _PAGE_TABLE;
}
