// SPDX-License-Identifier: GPL-2.0
/*
 * The count of pages the module owns. Every page the module allocates for components, page
 * tables or protection domains is counted here, so that user space can check that a run, however
 * it ended, gave every page back (COS_IOC_INFO.pages_in_use).
 */
#include <linux/atomic.h>
#include "cos.h"

static atomic64_t cos_pages = ATOMIC64_INIT(0);

/**
 * cos_pages_in_use() - pages the module owns right now
 *
 * Return: the number of pages allocated through the module and not yet freed.
 */
u64 cos_pages_in_use(void)
{
	return atomic64_read(&cos_pages);
}
