// SPDX-License-Identifier: GPL-2.0
/*
 * COS_IOC_CONSOLE: the console component (COS_COMPONENT_CONSOLE, which the call table checks)
 * writes to the host's standard output, through Linux.
 */
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/uaccess.h>
#include "host.h"

/**
 * cos_console_call() - COS_IOC_CONSOLE: write %rdx bytes (at most 512) at %r8 to the host's fd 1
 * @h: the host, on its own thread
 * @caller: the console component
 * @regs: the length in %rdx, the text in %r8
 *
 * Return: bytes written, or -EFAULT for a buffer outside the caller's domain, -EBADF without an
 * fd 1, or the write's error.
 */
long cos_console_call(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs)
{
	unsigned long len = min_t(unsigned long, regs->dx, 512);
	struct file *out;
	char buf[512];
	loff_t pos;
	ssize_t n;

	/* decode */
	if (!len)
		return 0;
	if (!cos_calls_reaches(h, regs->r8, len) || copy_from_user(buf, (void __user *)regs->r8, len))
		return -EFAULT;
	out = fget(1);
	if (!out)
		return -EBADF;

	/* invoke */
	pos = out->f_pos;
	n = kernel_write(out, buf, len, &pos);
	if (n > 0 && (out->f_mode & FMODE_ATOMIC_POS))
		out->f_pos = pos;
	fput(out);
	return n;
}
