// SPDX-License-Identifier: GPL-2.0
/*
 * Components: each owns one slot of the region, the subtree of page tables under it, and the
 * pages mapped there. The loader creates a component, gives it memory with its image's contents
 * (COS_IOC_MAP), and never touches that memory again: only the component's domain maps it.
 */
#include <linux/highmem.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "cos.h"

/**
 * cos_component_owns() - whether @addr lies in @c's slot
 * @c: the component
 * @addr: any address
 *
 * Return: true when it does.
 */
bool cos_component_owns(struct cos_component *c, unsigned long addr)
{
	return addr - c->tree.base < COS_SLOT_SIZE;
}

/**
 * cos_component_create() - COS_IOC_COMPONENT_CREATE, already copied in
 * @sys: the system, locked
 * @r: the request (a struct cos_component_create); its id is filled in
 *
 * Return: 0, -EINVAL for a bad slot, flag, domain or address, -EBUSY for a taken slot, -ENOSPC
 * when the system is full, or -ENOMEM.
 */
int cos_component_create(struct cos_system *sys, union cos_setup_request *r)
{
	struct cos_component_create *req = &r->component;
	struct cos_component *c;
	struct cos_pd *pd;
	int ret;

	/* decode */
	if (req->flags & ~COS_COMPONENT_VALID || req->id || req->reserved0 ||
	    memchr_inv(req->reserved, 0, sizeof(req->reserved)))
		return -EINVAL;
	if (!memchr(req->name, 0, sizeof(req->name)))
		return -EINVAL;
	if (req->slot < COS_FIRST_COMPONENT_SLOT || req->slot >= COS_REGION_SLOTS)
		return -EINVAL;
	pd = cos_system_pd(sys, req->pd);
	if (!pd || pd->stale)
		return -EINVAL;
	if (sys->by_slot[req->slot])
		return -EBUSY;
	if (sys->ncomponents == COS_MAX_COMPONENTS)
		return -ENOSPC;

	/* invoke */
	c = kzalloc(sizeof(*c), GFP_KERNEL_ACCOUNT);
	if (!c)
		return -ENOMEM;
	ret = cos_subtree_init(&c->tree, cos_slot_base(req->slot));
	if (ret) {
		kfree(c);
		return ret;
	}
	if (!cos_component_owns(c, req->upcall_entry) || !cos_component_owns(c, req->inv_stub)) {
		cos_subtree_destroy(&c->tree);
		kfree(c);
		return -EINVAL;
	}
	c->id = sys->ncomponents;
	c->slot = req->slot;
	c->flags = req->flags;
	memcpy(c->name, req->name, sizeof(c->name));
	c->number = req->number;
	c->upcall_entry = req->upcall_entry;
	c->inv_stub = req->inv_stub;
	c->stack_top = c->tree.base + COS_STACK_TOP_OFFSET;
	c->pd = pd;
	cos_pd_set_slot(pd, c->slot, cos_subtree_entry(&c->tree));
	sys->components[sys->ncomponents++] = c;
	sys->by_slot[c->slot] = c;
	req->id = c->id;
	return 0;
}

static int cos_map_decode(struct cos_system *sys, struct cos_map *req, struct cos_component **out)
{
	struct cos_component *c = cos_system_component(sys, req->component);
	unsigned long addr = req->addr, size = req->size;

	if (!c || memchr_inv(req->reserved, 0, sizeof(req->reserved)))
		return -EINVAL;
	if (req->prot & ~COS_PROT_VALID || !(req->prot & COS_PROT_READ) ||
	    (req->prot & COS_PROT_WRITE && req->prot & COS_PROT_EXEC))
		return -EINVAL;
	if (!size || !PAGE_ALIGNED(addr) || !PAGE_ALIGNED(size) || req->src_size > size)
		return -EINVAL;
	if (!cos_component_owns(c, addr) || size > COS_SLOT_SIZE - (addr - c->tree.base))
		return -EINVAL;
	if (req->src_size && !access_ok(u64_to_user_ptr(req->src), req->src_size))
		return -EFAULT;
	*out = c;
	return 0;
}

/**
 * cos_component_map() - COS_IOC_MAP, already copied in
 * @sys: the system, locked
 * @r: the request (a struct cos_map)
 *
 * Pages are mapped one by one; if a later one fails, the earlier ones stay mapped and owned by
 * the component (freed with it): the loader gives up on the whole system on any error anyway.
 *
 * Return: 0, -EINVAL, -EEXIST when part of the range is mapped, -EFAULT, or -ENOMEM.
 */
int cos_component_map(struct cos_system *sys, union cos_setup_request *r)
{
	struct cos_map *req = &r->map;
	struct cos_component *c;
	unsigned long off;
	int ret;

	ret = cos_map_decode(sys, req, &c);
	if (ret)
		return ret;
	for (off = 0; off < req->size; off += PAGE_SIZE) {
		if (cos_subtree_page(&c->tree, req->addr + off))
			return -EEXIST;
	}

	for (off = 0; off < req->size; off += PAGE_SIZE) {
		struct page *page = cos_pages_alloc(0);
		u64 copy = 0;

		if (!page)
			return -ENOMEM;
		if (off < req->src_size)
			copy = min_t(u64, PAGE_SIZE, req->src_size - off);
		if (copy && copy_from_user(page_address(page), u64_to_user_ptr(req->src + off), copy)) {
			cos_pages_free(page, 0);
			return -EFAULT;
		}
		ret = cos_subtree_map(&c->tree, req->addr + off, page, req->prot);
		if (ret) {
			cos_pages_free(page, 0);
			return ret;
		}
	}
	return 0;
}

/**
 * cos_component_destroy() - free @c, its memory and its page tables
 * @c: a component no domain that can still run maps; its domains are the system's to free
 */
void cos_component_destroy(struct cos_component *c)
{
	cos_subtree_destroy(&c->tree);
	kfree(c);
}

/**
 * cos_component_immutable() - COS_IOC_IMMUTABLE, already copied in
 * @sys: the system, locked
 * @r: the request (a struct cos_immutable)
 *
 * Return: 0, or -EINVAL for a bad id, a reserved word, or two components sharing a domain.
 */
int cos_component_immutable(struct cos_system *sys, union cos_setup_request *r)
{
	struct cos_immutable *req = &r->immutable;
	struct cos_component *a = cos_system_component(sys, req->a);
	struct cos_component *b = cos_system_component(sys, req->b);

	if (!a || !b || a->pd == b->pd || memchr_inv(req->reserved, 0, sizeof(req->reserved)))
		return -EINVAL;
	a->immutable |= BIT_ULL(b->slot);
	b->immutable |= BIT_ULL(a->slot);
	return 0;
}
