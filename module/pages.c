// SPDX-License-Identifier: GPL-2.0
/*
 * The pages the module owns. Every page the module allocates for components, page tables or
 * protection domains comes from here and is counted, so that user space can check that a run,
 * however it ended, gave every page back (COS_IOC_INFO.pages_in_use).
 */
#include <linux/atomic.h>
#include <linux/gfp.h>
#include <linux/mm.h>
#include "cos.h"

static atomic64_t cos_pages = ATOMIC64_INIT(0);

/**
 * cos_pages_alloc() - allocate 2^order zeroed, naturally aligned pages
 * @order: 0 for one page, 1 for the 8 KiB-aligned pair a PTI protection domain needs
 *
 * Charged to the calling process's memory cgroup: a host that loads components pays for them.
 *
 * Return: the first page, or NULL.
 */
struct page *cos_pages_alloc(unsigned int order)
{
	struct page *page = alloc_pages(GFP_KERNEL_ACCOUNT | __GFP_ZERO, order);

	if (page)
		atomic64_add(1 << order, &cos_pages);
	return page;
}

/**
 * cos_pages_copy() - allocate 2^order pages holding a copy of @src's
 * @src: the first of 2^order pages from cos_pages_alloc()
 * @order: as @src was allocated
 *
 * Copied page by page, never zeroed first: a protection domain made from another (merge and
 * split) costs one copy of its top level and nothing more.
 *
 * Return: the first page, or NULL.
 */
struct page *cos_pages_copy(struct page *src, unsigned int order)
{
	struct page *page = alloc_pages(GFP_KERNEL_ACCOUNT, order);
	unsigned int i;

	if (!page)
		return NULL;
	for (i = 0; i < 1U << order; i++)
		copy_page(page_address(page + i), page_address(src + i));
	atomic64_add(1 << order, &cos_pages);
	return page;
}

/**
 * cos_pages_free() - give back pages from cos_pages_alloc()
 * @page: the first page, or NULL
 * @order: as allocated
 */
void cos_pages_free(struct page *page, unsigned int order)
{
	if (!page)
		return;
	__free_pages(page, order);
	atomic64_sub(1 << order, &cos_pages);
}

/**
 * cos_pages_in_use() - pages the module owns right now
 *
 * Return: the number of pages allocated through the module and not yet freed.
 */
u64 cos_pages_in_use(void)
{
	return atomic64_read(&cos_pages);
}
