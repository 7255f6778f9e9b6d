// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/cos: the misc device, and the table of its ioctls.
 *
 * Every ioctl runs in two phases, as in seL4: decode copies the arguments in and checks every
 * field (unknown flags and non-zero reserved fields fail with -EINVAL); invoke then acts, in a
 * step that cannot fail half-way. The table says, for each request, its handler (in the file of
 * its concept) and which system it acts on, which the dispatcher checks before the handler runs.
 * The calls component code makes are another table's (calls.c).
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include "cos.h"

/* Which system an ioctl acts on, and which files may issue it. */
enum cos_ioctl_scope {
	COS_IOCTL_ANY_FILE,	/* any file, attached or not; the file's own system, or none */
	COS_IOCTL_OWNER,	/* the file's own system: an attached file gets -EPERM */
	COS_IOCTL_CONTROLLED,	/* the system the file controls: the one attached to, or its own */
};

/**
 * struct cos_ioctl - one row of the ioctl table
 * @cmd: the request, size and direction included: the same number with another size is unknown
 * @scope: the system it acts on, and who may ask
 * @fn: the handler: decode, then invoke
 * @setup: instead of @fn, for a set-up ioctl: the handler cos_system_setup() runs on the request
 *	it copied in, under the system's lock, while no thread runs the system
 */
struct cos_ioctl {
	unsigned int cmd;
	enum cos_ioctl_scope scope;
	long (*fn)(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg);
	int (*setup)(struct cos_system *sys, union cos_setup_request *req);
};

static const struct cos_ioctl cos_ioctls[] = {
	{ COS_IOC_INFO, COS_IOCTL_ANY_FILE, cos_info_ioctl },
	{ COS_IOC_SYSTEMS, COS_IOCTL_ANY_FILE, cos_system_list_ioctl },
	{ COS_IOC_ATTACH, COS_IOCTL_ANY_FILE, cos_system_attach_ioctl },
	{ COS_IOC_PD_CREATE, COS_IOCTL_OWNER, .setup = cos_system_pd_create },
	{ COS_IOC_COMPONENT_CREATE, COS_IOCTL_OWNER, .setup = cos_component_create },
	{ COS_IOC_MAP, COS_IOCTL_OWNER, .setup = cos_component_map },
	{ COS_IOC_CAP_CREATE, COS_IOCTL_OWNER, .setup = cos_cap_create },
	{ COS_IOC_IMMUTABLE, COS_IOCTL_OWNER, .setup = cos_component_immutable },
	{ COS_IOC_NIC_ATTACH, COS_IOCTL_OWNER, .setup = cos_nic_attach },
	{ COS_IOC_SHARE, COS_IOCTL_OWNER, .setup = cos_share_map },
	{ COS_IOC_RUN, COS_IOCTL_OWNER, cos_host_run },
	{ COS_IOC_STOP, COS_IOCTL_CONTROLLED, cos_host_stop },
	{ COS_IOC_MERGE, COS_IOCTL_CONTROLLED, cos_control_merge_ioctl },
	{ COS_IOC_SPLIT, COS_IOCTL_CONTROLLED, cos_control_split_ioctl },
	{ COS_IOC_PDS, COS_IOCTL_CONTROLLED, cos_control_pds_ioctl },
	{ COS_IOC_EDGES, COS_IOCTL_CONTROLLED, cos_control_edges_ioctl },
	{ COS_IOC_STATS, COS_IOCTL_CONTROLLED, cos_control_stats_ioctl },
	{ COS_IOC_FAULTS, COS_IOCTL_CONTROLLED, cos_control_faults_ioctl },
};

static const struct cos_ioctl *cos_ioctl_find(unsigned int cmd)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cos_ioctls); i++) {
		if (cos_ioctls[i].cmd == cmd)
			return &cos_ioctls[i];
	}
	return NULL;
}

static long cos_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct cos_system *sys = file->private_data, *target;
	void __user *uarg = (void __user *)arg;
	const struct cos_ioctl *row;

	if (cos_calls_match(cmd))
		return cos_calls_dispatch(sys, cmd);
	/*
	 * While the host thread runs components, the kernel can write the host's memory on its
	 * behalf: an ioctl whose argument points there, issued by a component, would hand a
	 * component the host's memory. Component code gets only the component calls (which take
	 * nothing else: calls.c refuses any caller but the host thread's component code).
	 */
	if (cos_host_hosting(sys))
		return -EPERM;
	row = cos_ioctl_find(cmd);
	if (!row)
		return -ENOTTY;
	target = READ_ONCE(sys->target);
	if (row->scope == COS_IOCTL_OWNER && target)
		return -EPERM;
	if (row->scope == COS_IOCTL_CONTROLLED && target)
		sys = target;
	if (row->setup)
		return cos_system_setup(sys, cmd, uarg, row->setup);
	return row->fn(sys, file, cmd, uarg);
}

/* Every open file is a system of its own, freed with the last reference. */
static int cos_open(struct inode *inode, struct file *file)
{
	struct cos_system *sys;

	if (!current->mm)
		return -EINVAL;
	sys = cos_system_create();
	if (!sys)
		return -ENOMEM;
	file->private_data = sys;
	return 0;
}

static int cos_release(struct inode *inode, struct file *file)
{
	cos_system_put(file->private_data);
	return 0;
}

static const struct file_operations cos_fops = {
	.owner = THIS_MODULE,
	.open = cos_open,
	.release = cos_release,
	.unlocked_ioctl = cos_ioctl,
	.compat_ioctl = NULL,	/* components are 64-bit only */
	.llseek = noop_llseek,
};

static struct miscdevice cos_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = COS_DEVICE_NAME,
	.fops = &cos_fops,
	.mode = 0600,
};

/**
 * cos_device_init() - register /dev/cos
 *
 * Return: 0 or the error of misc_register().
 */
int cos_device_init(void)
{
	return misc_register(&cos_misc);
}

/**
 * cos_device_exit() - unregister /dev/cos; mirrors cos_device_init()
 */
void cos_device_exit(void)
{
	misc_deregister(&cos_misc);
}
