// SPDX-License-Identifier: GPL-2.0
/*
 * A system: what one open /dev/cos holds. The host process builds it through set-up ioctls
 * (domains, components, memory, capabilities) and then runs it on one of its threads; closing
 * the file, or the death of the process, frees all of it once no thread runs in it. The module
 * keeps a list of its systems, so that other processes can find one and attach to it.
 */
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/idr.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "cos.h"

static DEFINE_MUTEX(cos_systems_lock);
static LIST_HEAD(cos_systems);
static DEFINE_IDA(cos_system_ids);

/**
 * cos_system_create() - an empty system
 *
 * Return: the system with one reference (the file's), or NULL when out of memory. It owns no
 * page until its first protection domain: opening /dev/cos to ask COS_IOC_INFO costs nothing.
 */
struct cos_system *cos_system_create(void)
{
	struct cos_system *sys = kzalloc(sizeof(*sys), GFP_KERNEL_ACCOUNT);
	int id;

	if (!sys)
		return NULL;
	id = ida_alloc(&cos_system_ids, GFP_KERNEL);
	if (id < 0) {
		kfree(sys);
		return NULL;
	}
	kref_init(&sys->ref);
	mutex_init(&sys->lock);
	sys->id = id;
	sys->host_pid = task_tgid_nr(current);
	cos_mpd_init(sys);
	mutex_lock(&cos_systems_lock);
	list_add_tail(&sys->node, &cos_systems);
	mutex_unlock(&cos_systems_lock);
	return sys;
}

/* The runtime page in slot 0, which every domain maps; made with the first domain. */
static int cos_system_runtime_init(struct cos_system *sys)
{
	int ret;

	if (sys->runtime_page)
		return 0;
	ret = cos_subtree_init(&sys->runtime, cos_slot_base(0));
	if (ret)
		return ret;
	sys->runtime_page = cos_pages_alloc(0);
	if (!sys->runtime_page)
		goto err_tree;
	if (cos_subtree_map(&sys->runtime, COS_RUNTIME_PAGE, sys->runtime_page, COS_PROT_READ | COS_PROT_EXEC))
		goto err_page;
	if (cos_hijack_map(&sys->runtime) || cos_entry_state_create(sys))
		goto err_mapped;
	return 0;

err_page:
	cos_pages_free(sys->runtime_page, 0);
err_mapped:
	sys->runtime_page = NULL;
	cos_entry_state_destroy(sys);
err_tree:
	cos_subtree_destroy(&sys->runtime);	/* with every page it maps and owns */
	return -ENOMEM;
}

static void cos_system_release(struct kref *ref)
{
	struct cos_system *sys = container_of(ref, struct cos_system, ref);
	u32 i;

	cos_quiet_exit(sys);
	mutex_lock(&cos_systems_lock);
	list_del(&sys->node);
	mutex_unlock(&cos_systems_lock);
	ida_free(&cos_system_ids, sys->id);
	if (sys->target)
		cos_system_put(sys->target);
	for (i = 0; i < sys->ncomponents; i++)
		cos_component_destroy(sys->components[i]);
	cos_nic_release(sys);	/* after the components: they map its ring */
	cos_share_release(sys);	/* after the components: they map the shares */
	for (i = 0; i < COS_MAX_PDS; i++) {
		if (sys->pds[i])
			cos_pd_recycle(NULL, sys->pds[i]);
	}
	cos_pd_reserve_drain(&sys->pd_reserve);
	cos_entry_state_destroy(sys);
	cos_subtree_destroy(&sys->runtime);	/* frees the runtime page and entry state too */
	kfree(sys);
}

/**
 * cos_system_put() - drop a reference; the last frees everything the system holds
 * @sys: the system
 */
void cos_system_put(struct cos_system *sys)
{
	kref_put(&sys->ref, cos_system_release);
}

/* @sys's file controls system @id from now on. */
static int cos_system_attach(struct cos_system *sys, u32 id)
{
	struct cos_system *target = NULL, *s;
	int ret = 0;

	mutex_lock(&cos_systems_lock);
	list_for_each_entry(s, &cos_systems, node) {
		if (s->id == id && s->ncomponents)
			target = s;
	}
	/*
	 * A system whose last reference is gone stays listed while its release runs (it waits for
	 * its quiet points first): it is gone already, and must not be taken again.
	 */
	if (target == sys)
		ret = -EINVAL;
	else if (!target || !kref_get_unless_zero(&target->ref))
		ret = -ESRCH;
	mutex_unlock(&cos_systems_lock);
	if (ret)
		return ret;

	mutex_lock(&sys->lock);
	if (sys->target || sys->runtime_page) {
		ret = -EBUSY;
	} else {
		WRITE_ONCE(sys->target, target);
		target = NULL;
	}
	mutex_unlock(&sys->lock);
	if (target)
		cos_system_put(target);
	return ret;
}

/* Fills in @req->count and the caller's array. */
static int cos_system_list(struct cos_system_list *req)
{
	struct cos_system_entry __user *out = u64_to_user_ptr(req->systems);
	struct cos_system_entry *entries;
	struct cos_system *s;
	u32 n = 0, filled;
	int ret = 0;

	entries = kcalloc(req->capacity, sizeof(*entries), GFP_KERNEL);
	if (req->capacity && !entries)
		return -ENOMEM;
	mutex_lock(&cos_systems_lock);
	list_for_each_entry(s, &cos_systems, node) {
		if (!READ_ONCE(s->ncomponents))
			continue;
		if (n < req->capacity) {
			entries[n].id = s->id;
			entries[n].host_pid = s->host_pid;
			entries[n].components = READ_ONCE(s->ncomponents);
			entries[n].running = READ_ONCE(s->running) != NULL;
		}
		n++;
	}
	mutex_unlock(&cos_systems_lock);
	filled = min_t(u32, n, req->capacity);
	if (filled && copy_to_user(out, entries, filled * sizeof(*entries)))
		ret = -EFAULT;
	kfree(entries);
	req->count = n;
	return ret;
}

/**
 * cos_system_attach_ioctl() - COS_IOC_ATTACH: the file controls another system from now on
 * @sys: the file's own system
 * @file: unused
 * @cmd: COS_IOC_ATTACH
 * @uarg: its struct cos_attach
 *
 * Return: 0, -EFAULT, -EINVAL for a reserved word or attaching to itself, -ESRCH for no such
 * system (or a system without components), -EBUSY when the file is attached already or has a
 * domain of its own.
 */
long cos_system_attach_ioctl(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg)
{
	struct cos_attach req;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	if (req.reserved0 || memchr_inv(req.reserved, 0, sizeof(req.reserved)))
		return -EINVAL;
	return cos_system_attach(sys, req.system);
}

/**
 * cos_system_list_ioctl() - COS_IOC_SYSTEMS: the systems that have components
 * @sys: unused: the list is the module's
 * @file: unused
 * @cmd: COS_IOC_SYSTEMS
 * @uarg: its struct cos_system_list
 *
 * Return: 0, -EFAULT, -ENOMEM, or -EINVAL for a reserved word, a count given in or a capacity
 * over 4096.
 */
long cos_system_list_ioctl(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg)
{
	struct cos_system_list req;
	int ret;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	if (req.count || memchr_inv(req.reserved, 0, sizeof(req.reserved)) || req.capacity > 4096)
		return -EINVAL;
	ret = cos_system_list(&req);
	if (!ret && copy_to_user(uarg, &req, sizeof(req)))
		ret = -EFAULT;
	return ret;
}

/**
 * cos_system_new_pd_id() - a free domain id
 * @sys: the system, locked
 *
 * Return: the id, or -ENOSPC.
 */
int cos_system_new_pd_id(struct cos_system *sys)
{
	u32 i;

	for (i = 0; i < COS_MAX_PDS; i++) {
		if (!sys->pds[i])
			return i;
	}
	return -ENOSPC;
}

/**
 * cos_system_pd() - the domain with id @id
 * @sys: the system
 * @id: from COS_IOC_PD_CREATE, or a domain merging or splitting made
 *
 * Return: the domain, or NULL.
 */
struct cos_pd *cos_system_pd(struct cos_system *sys, u32 id)
{
	return id < COS_MAX_PDS ? sys->pds[id] : NULL;
}

/**
 * cos_system_component() - the component with id @id
 * @sys: the system
 * @id: from COS_IOC_COMPONENT_CREATE
 *
 * Return: the component, or NULL.
 */
struct cos_component *cos_system_component(struct cos_system *sys, u32 id)
{
	return id < sys->ncomponents ? sys->components[id] : NULL;
}

/**
 * cos_system_component_at() - the component whose slot holds @addr
 * @sys: the system
 * @addr: any address
 *
 * Return: the component, or NULL.
 */
struct cos_component *cos_system_component_at(struct cos_system *sys, unsigned long addr)
{
	u32 i;

	for (i = 0; i < sys->ncomponents; i++) {
		if (cos_component_owns(sys->components[i], addr))
			return sys->components[i];
	}
	return NULL;
}

/**
 * cos_system_pd_create() - COS_IOC_PD_CREATE, already copied in
 * @sys: the system, locked
 * @r: the request (a struct cos_pd_create); its id is filled in
 *
 * The first domain makes the system's runtime page too.
 *
 * Return: 0, -EINVAL for a reserved word or an id given in, -ENOSPC, -ENOMEM.
 */
int cos_system_pd_create(struct cos_system *sys, union cos_setup_request *r)
{
	struct cos_pd_create *req = &r->pd;
	struct cos_pd *pd;
	int id;

	if (req->id || req->reserved0 || memchr_inv(req->reserved, 0, sizeof(req->reserved)))
		return -EINVAL;
	id = cos_system_new_pd_id(sys);
	if (id < 0)
		return id;
	if (cos_system_runtime_init(sys))
		return -ENOMEM;
	pd = cos_pd_create(id);
	if (!pd)
		return -ENOMEM;
	cos_pd_set_slot(pd, 0, cos_subtree_entry(&sys->runtime));
	sys->pds[id] = pd;
	req->id = id;
	return 0;
}

/**
 * cos_system_setup() - a set-up ioctl: copy in, act under the lock, copy out
 * @sys: the file's own system
 * @cmd: the ioctl
 * @uarg: its argument
 * @setup: what it does, with the request copied in (its decode and invoke)
 *
 * Set-up is refused while a thread runs the system: the entry state is written from the
 * module's objects when a run starts.
 *
 * Return: what @setup returns, -EFAULT, or -EBUSY while the system runs.
 */
long cos_system_setup(struct cos_system *sys, unsigned int cmd, void __user *uarg,
		      int (*setup)(struct cos_system *sys, union cos_setup_request *req))
{
	union cos_setup_request req;
	size_t size = _IOC_SIZE(cmd);
	long ret;

	if (size > sizeof(req))
		return -ENOTTY;
	if (copy_from_user(&req, uarg, size))
		return -EFAULT;

	mutex_lock(&sys->lock);
	ret = sys->running ? -EBUSY : setup(sys, &req);
	mutex_unlock(&sys->lock);
	if (!ret && (_IOC_DIR(cmd) & _IOC_READ) && copy_to_user(uarg, &req, size))
		ret = -EFAULT;
	return ret;
}
