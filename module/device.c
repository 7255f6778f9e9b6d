// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/cos: the misc device and its ioctls.
 *
 * Every ioctl runs in two phases, as in seL4: decode copies the arguments in and checks every
 * field (unknown flags and non-zero reserved fields fail with -EINVAL); invoke then acts, in a
 * step that cannot fail half-way.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>
#include "cos.h"

static bool cos_all_zero(const void *p, size_t len)
{
	return !memchr_inv(p, 0, len);
}

static long cos_ioctl_info(struct cos_info __user *uarg)
{
	struct cos_info info;

	/* decode */
	if (copy_from_user(&info, uarg, sizeof(info)))
		return -EFAULT;
	if (info.request_flags & ~COS_INFO_REQUEST_VALID)
		return -EINVAL;
	if (!cos_all_zero(info.reserved, sizeof(info.reserved)))
		return -EINVAL;

	/* invoke */
	memset(&info, 0, sizeof(info));
	info.abi_version = COS_ABI_VERSION;
	info.features = cos_machine_features();
	info.paging_levels = cos_machine_paging_levels();
	info.pages_in_use = cos_pages_in_use();
	strscpy(info.kernel_release, init_utsname()->release, sizeof(info.kernel_release));
	if (copy_to_user(uarg, &info, sizeof(info)))
		return -EFAULT;
	return 0;
}

/**
 * cos_component_call() - whether @cmd is one of the calls component code makes
 * @cmd: an ioctl command
 *
 * They are _IO(COS_IOC_TYPE, nr) with nr in one range (module/uapi/cos.h).
 *
 * Return: true when it is.
 */
bool cos_component_call(unsigned int cmd)
{
	return _IOC_TYPE(cmd) == COS_IOC_TYPE && _IOC_DIR(cmd) == _IOC_NONE && !_IOC_SIZE(cmd) &&
	       _IOC_NR(cmd) >= COS_IOC_COMPONENT_CALL_FIRST_NR && _IOC_NR(cmd) <= COS_IOC_COMPONENT_CALL_LAST_NR;
}

static long cos_ioctl_systems(struct cos_system_list __user *uarg)
{
	struct cos_system_list req;
	int ret;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	if (req.count || !cos_all_zero(req.reserved, sizeof(req.reserved)) || req.capacity > 4096)
		return -EINVAL;
	ret = cos_system_list(&req);
	if (!ret && copy_to_user(uarg, &req, sizeof(req)))
		ret = -EFAULT;
	return ret;
}

static long cos_ioctl_attach(struct cos_system *sys, struct cos_attach __user *uarg)
{
	struct cos_attach req;

	if (copy_from_user(&req, uarg, sizeof(req)))
		return -EFAULT;
	if (req.reserved0 || !cos_all_zero(req.reserved, sizeof(req.reserved)))
		return -EINVAL;
	return cos_system_attach(sys, req.system);
}

static long cos_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	/*
	 * While the host thread runs components, the kernel can write the host's memory on its
	 * behalf: an ioctl whose argument points there, issued by a component, would hand a
	 * component the host's memory. Only the component calls are taken from component code
	 * (which takes nothing else: each of them checks that the caller is the host thread).
	 */
	if (cos_host_hosting(file->private_data) && !cos_component_call(cmd))
		return -EPERM;
	if (cmd == COS_IOC_INFO)
		return cos_ioctl_info(uarg);
	if (cmd == COS_IOC_SYSTEMS)
		return cos_ioctl_systems(uarg);
	if (cmd == COS_IOC_ATTACH)
		return cos_ioctl_attach(file->private_data, uarg);
	return cos_system_ioctl(file->private_data, file, cmd, uarg);
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
