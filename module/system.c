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

/**
 * cos_system_get() - take a reference on @sys
 * @sys: the system
 */
void cos_system_get(struct cos_system *sys)
{
	kref_get(&sys->ref);
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

/**
 * cos_system_attach() - COS_IOC_ATTACH: @sys's file controls system @id from now on
 * @sys: the file's own system
 * @id: the system to control
 *
 * Return: 0, -ESRCH for no such system (or a system without components), -EBUSY when @sys is
 * attached already or has a domain of its own, -EINVAL for attaching to itself.
 */
int cos_system_attach(struct cos_system *sys, u32 id)
{
	struct cos_system *target = NULL, *s;
	int ret = 0;

	mutex_lock(&cos_systems_lock);
	list_for_each_entry(s, &cos_systems, node) {
		if (s->id == id && s->ncomponents)
			target = s;
	}
	if (target == sys)
		ret = -EINVAL;
	else if (!target)
		ret = -ESRCH;
	else
		cos_system_get(target);
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

/**
 * cos_system_list() - COS_IOC_SYSTEMS, already copied in and checked
 * @req: the request; @req->count is filled in, and the caller's array
 *
 * Return: 0, or -EFAULT.
 */
int cos_system_list(struct cos_system_list *req)
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

static int cos_pd_create_ioctl(struct cos_system *sys, struct cos_pd_create *req)
{
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

static int cos_immutable_ioctl(struct cos_system *sys, struct cos_immutable *req)
{
	struct cos_component *a = cos_system_component(sys, req->a);
	struct cos_component *b = cos_system_component(sys, req->b);

	if (!a || !b || a->pd == b->pd || memchr_inv(req->reserved, 0, sizeof(req->reserved)))
		return -EINVAL;
	a->immutable |= BIT_ULL(b->slot);
	b->immutable |= BIT_ULL(a->slot);
	return 0;
}

/* The set-up ioctls: copy in, act under the lock, copy out. */
static long cos_setup_ioctl(struct cos_system *sys, unsigned int cmd, void __user *uarg)
{
	union {
		struct cos_pd_create pd;
		struct cos_component_create component;
		struct cos_map map;
		struct cos_cap_create cap;
		struct cos_immutable immutable;
	} req;
	size_t size = _IOC_SIZE(cmd);
	long ret;

	if (size > sizeof(req))
		return -ENOTTY;
	if (copy_from_user(&req, uarg, size))
		return -EFAULT;

	mutex_lock(&sys->lock);
	if (sys->running) {
		ret = -EBUSY;
		goto out;
	}
	switch (cmd) {
	case COS_IOC_PD_CREATE:
		ret = cos_pd_create_ioctl(sys, &req.pd);
		break;
	case COS_IOC_COMPONENT_CREATE:
		ret = cos_component_create(sys, &req.component);
		break;
	case COS_IOC_MAP:
		ret = cos_component_map(sys, &req.map);
		break;
	case COS_IOC_CAP_CREATE:
		ret = cos_cap_create(sys, &req.cap);
		break;
	case COS_IOC_IMMUTABLE:
		ret = cos_immutable_ioctl(sys, &req.immutable);
		break;
	default:
		ret = -ENOTTY;
	}
out:
	mutex_unlock(&sys->lock);
	if (!ret && (_IOC_DIR(cmd) & _IOC_READ) && copy_to_user(uarg, &req, size))
		ret = -EFAULT;
	return ret;
}

/**
 * cos_system_ioctl() - every ioctl of /dev/cos but COS_IOC_INFO
 * @sys: the file's system
 * @file: the file
 * @cmd: the ioctl
 * @uarg: its argument
 *
 * Return: what the ioctl returns; for the calls component code makes, the value the component
 * sees in %rax.
 */
long cos_system_ioctl(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg)
{
	struct cos_system *target = READ_ONCE(sys->target);

	switch (cmd) {
	case COS_IOC_PD_CREATE:
	case COS_IOC_COMPONENT_CREATE:
	case COS_IOC_MAP:
	case COS_IOC_CAP_CREATE:
	case COS_IOC_IMMUTABLE:
		return target ? -EPERM : cos_setup_ioctl(sys, cmd, uarg);
	case COS_IOC_MERGE:
	case COS_IOC_SPLIT:
	case COS_IOC_PDS:
	case COS_IOC_EDGES:
	case COS_IOC_STATS:
	case COS_IOC_FAULTS:
		return cos_control_ioctl(target ?: sys, cmd, uarg);
	case COS_IOC_RUN:
		return target ? -EPERM : cos_host_run(sys, file, uarg);
	case COS_IOC_STOP:
		return cos_host_stop(target ?: sys);
	case COS_IOC_INVOKE:
		return cos_host_invoke(sys);
	case COS_IOC_RETURN:
		return cos_host_return(sys);
	case COS_IOC_FAULT:
		return cos_host_fault(sys);
	case COS_IOC_CONSOLE:
		return cos_host_console(sys);
	default:
		return cos_component_call(cmd) ? cos_host_control(sys, cmd) : -ENOTTY;
	}
}
