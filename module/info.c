// SPDX-License-Identifier: GPL-2.0
/* COS_IOC_INFO: the module's ABI version and what it sees of the CPU and kernel. */
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>
#include "cos.h"

/**
 * cos_info_ioctl() - COS_IOC_INFO, on any file
 * @sys: unused: the answer is the module's
 * @file: unused
 * @cmd: COS_IOC_INFO
 * @uarg: its struct cos_info
 *
 * Return: 0, -EFAULT, or -EINVAL for an unknown request flag or a reserved word.
 */
long cos_info_ioctl(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg)
{
	struct cos_info info;

	/* decode */
	if (copy_from_user(&info, uarg, sizeof(info)))
		return -EFAULT;
	if (info.request_flags & ~COS_INFO_REQUEST_VALID)
		return -EINVAL;
	if (memchr_inv(info.reserved, 0, sizeof(info.reserved)))
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
