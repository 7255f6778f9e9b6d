// SPDX-License-Identifier: GPL-2.0
/*
 * A system: what one open /dev/cos holds. The host process builds it through set-up ioctls
 * (domains, components, memory, capabilities) and then runs it on one of its threads; closing
 * the file, or the death of the process, frees all of it once no thread runs in it.
 */
#include <linux/fdtable.h>
#include <linux/file.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "cos.h"

/**
 * cos_system_create() - an empty system
 *
 * Return: the system with one reference (the file's), or NULL when out of memory. It owns no
 * page until its first protection domain: opening /dev/cos to ask COS_IOC_INFO costs nothing.
 */
struct cos_system *cos_system_create(void)
{
	struct cos_system *sys = kzalloc(sizeof(*sys), GFP_KERNEL_ACCOUNT);

	if (!sys)
		return NULL;
	kref_init(&sys->ref);
	mutex_init(&sys->lock);
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

	for (i = 0; i < sys->ncomponents; i++)
		cos_component_destroy(sys->components[i]);
	for (i = 0; i < sys->npds; i++)
		cos_pd_put(sys->pds[i]);
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
 * cos_system_pd() - the domain with id @id
 * @sys: the system
 * @id: from COS_IOC_PD_CREATE
 *
 * Return: the domain, or NULL.
 */
struct cos_pd *cos_system_pd(struct cos_system *sys, u32 id)
{
	return id < sys->npds ? sys->pds[id] : NULL;
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

	if (req->id || req->reserved0 || memchr_inv(req->reserved, 0, sizeof(req->reserved)))
		return -EINVAL;
	if (sys->npds == ARRAY_SIZE(sys->pds))
		return -ENOSPC;
	if (cos_system_runtime_init(sys))
		return -ENOMEM;
	pd = cos_pd_create(sys->npds);
	if (!pd)
		return -ENOMEM;
	cos_pd_set_slot(pd, 0, cos_subtree_entry(&sys->runtime));
	sys->pds[sys->npds] = pd;
	req->id = sys->npds++;
	return 0;
}

static int cos_faults_ioctl(struct cos_system *sys, struct cos_fault_log *req)
{
	u64 first, i;

	if (memchr_inv(req, 0, sizeof(*req)))
		return -EINVAL;
	req->total = sys->faults;
	first = sys->faults > COS_FAULT_LOG_SIZE ? sys->faults - COS_FAULT_LOG_SIZE : 0;
	for (i = first; i < sys->faults; i++)
		req->reports[i - first] = sys->fault_log[i % COS_FAULT_LOG_SIZE];
	return 0;
}

static int cos_stats_ioctl(struct cos_system *sys, struct cos_stats *req)
{
	if (memchr_inv(req, 0, sizeof(*req)))
		return -EINVAL;
	req->components = sys->ncomponents;
	req->pds = sys->npds;
	req->invocations = sys->es ? sys->es->invocations : 0;
	req->faults = sys->faults;
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
		struct cos_stats stats;
		struct cos_fault_log faults;
	} req;
	size_t size = _IOC_SIZE(cmd);
	long ret;

	if (size > sizeof(req))
		return -ENOTTY;
	if (copy_from_user(&req, uarg, size))
		return -EFAULT;

	mutex_lock(&sys->lock);
	if (sys->running && cmd != COS_IOC_STATS && cmd != COS_IOC_FAULTS) {
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
	case COS_IOC_STATS:
		ret = cos_stats_ioctl(sys, &req.stats);
		break;
	case COS_IOC_FAULTS:
		ret = cos_faults_ioctl(sys, &req.faults);
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
	switch (cmd) {
	case COS_IOC_PD_CREATE:
	case COS_IOC_COMPONENT_CREATE:
	case COS_IOC_MAP:
	case COS_IOC_CAP_CREATE:
	case COS_IOC_STATS:
	case COS_IOC_FAULTS:
		return cos_setup_ioctl(sys, cmd, uarg);
	case COS_IOC_RUN:
		return cos_thread_run(sys, file, uarg);
	case COS_IOC_INVOKE:
		return cos_thread_invoke(sys);
	case COS_IOC_RETURN:
		return cos_thread_return(sys);
	case COS_IOC_FAULT:
		return cos_thread_fault(sys);
	case COS_IOC_CONSOLE:
		return cos_thread_console(sys);
	default:
		return -ENOTTY;
	}
}
