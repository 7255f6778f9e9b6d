// SPDX-License-Identifier: GPL-2.0
/*
 * Shared memory (COS_IOC_SHARE): pages a system allocates once, zeroed, and maps read-write into
 * the slots of several of its components, each at an address of its own, so that they pass data
 * by reference whatever domains they are in.
 *
 * A share's pages hang under each receiving component's own subtree, borrowed (the share owns
 * them, not the slot). Merges and splits only point domains' top-level entries at subtrees, so
 * they never change who reaches a share: the components it was mapped into, and, as for the rest
 * of a component's memory, whatever shares a domain with one of them. A share lives as long as its
 * system and is freed after the components, which map it.
 */
#include <linux/mm.h>
#include <linux/overflow.h>
#include <linux/slab.h>
#include "cos.h"

/**
 * struct cos_shared - one share of a system
 * @npages: its size in pages
 * @mapped: the ids of the components it is mapped into: each at most once
 * @pages: its pages, from cos_pages_alloc()
 */
struct cos_shared {
	u32 npages;
	DECLARE_BITMAP(mapped, COS_MAX_COMPONENTS);
	struct page *pages[];
};

static void cos_shared_free(struct cos_shared *s)
{
	u32 i;

	for (i = 0; i < s->npages; i++)
		cos_pages_free(s->pages[i], 0);
	kvfree(s);
}

/* A share of @npages fresh zeroed pages, mapped nowhere yet; NULL when out of memory. */
static struct cos_shared *cos_shared_create(u32 npages)
{
	struct cos_shared *s = kvzalloc(struct_size(s, pages, npages), GFP_KERNEL_ACCOUNT);

	if (!s)
		return NULL;
	for (s->npages = 0; s->npages < npages; s->npages++) {
		s->pages[s->npages] = cos_pages_alloc(0);
		if (!s->pages[s->npages]) {
			cos_shared_free(s);
			return NULL;
		}
	}
	return s;
}

/*
 * Checks every field of @req against the system; finds the component and the share (NULL for a
 * new one). Nothing changes here: a refused request leaves the system as it was.
 */
static int cos_share_decode(struct cos_system *sys, struct cos_share *req, struct cos_component **cp,
			    struct cos_shared **sp)
{
	struct cos_component *c = cos_system_component(sys, req->component);
	unsigned long addr = req->address, size = req->size, off;
	struct cos_shared *s = NULL;

	if (req->flags || req->reserved0 || memchr_inv(req->reserved, 0, sizeof(req->reserved)))
		return -EINVAL;
	if (!c || !size || !PAGE_ALIGNED(size) || size > COS_SHARE_MAX_SIZE)
		return -EINVAL;
	if (req->share) {
		if (req->share > sys->nshares)
			return -EINVAL;
		s = sys->shares[req->share - 1];
		if (size != (unsigned long)s->npages << PAGE_SHIFT)
			return -EINVAL;
	}
	if (!PAGE_ALIGNED(addr) || !cos_component_owns(c, addr) || size > COS_SLOT_SIZE - (addr - c->tree.base))
		return -EINVAL;
	if (s && test_bit(c->id, s->mapped))
		return -EBUSY;
	for (off = 0; off < size; off += PAGE_SIZE) {
		if (cos_subtree_page(&c->tree, addr + off))
			return -EEXIST;
	}
	if (!s && sys->nshares == COS_MAX_SHARES)
		return -ENOSPC;
	*cp = c;
	*sp = s;
	return 0;
}

/**
 * cos_share_map() - COS_IOC_SHARE, already copied in
 * @sys: the system, locked
 * @r: the request (a struct cos_share); the share's id is filled in
 *
 * A new share is the system's as soon as its pages exist. The pages are mapped one by one; if a
 * page table cannot be allocated, the pages mapped so far stay mapped, as COS_IOC_MAP leaves
 * them: everything is freed with the system, which the loader gives up on at any error.
 *
 * Return: 0 or -errno as module/uapi/cos.h describes.
 */
int cos_share_map(struct cos_system *sys, union cos_setup_request *r)
{
	struct cos_share *req = &r->share;
	struct cos_component *c;
	struct cos_shared *s;
	u32 i;
	int ret;

	/* decode */
	ret = cos_share_decode(sys, req, &c, &s);
	if (ret)
		return ret;

	/* invoke */
	if (!s) {
		s = cos_shared_create(req->size >> PAGE_SHIFT);
		if (!s)
			return -ENOMEM;
		sys->shares[sys->nshares++] = s;
		req->share = sys->nshares;
	}
	set_bit(c->id, s->mapped);
	for (i = 0; i < s->npages; i++) {
		ret = cos_subtree_map(&c->tree, req->address + (unsigned long)i * PAGE_SIZE, s->pages[i],
				      COS_PROT_READ | COS_PROT_WRITE | COS_PROT_BORROWED);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * cos_share_release() - free @sys's shares
 * @sys: a system being freed, whose components are gone (nothing maps a share any more)
 */
void cos_share_release(struct cos_system *sys)
{
	u32 i;

	for (i = 0; i < sys->nshares; i++)
		cos_shared_free(sys->shares[i]);
	sys->nshares = 0;
}
