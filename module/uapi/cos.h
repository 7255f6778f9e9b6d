/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The interface between cos.ko and user space: the ioctls of /dev/cos.
 *
 * This is the only header shared by the module and user space. Every structure has fixed-width
 * fields and explicit padding; every field a caller fills in is checked. A flag the module does
 * not know, or a reserved field that is not zero, makes the ioctl fail with EINVAL before anything
 * changes, so that later versions can give those bits a meaning without breaking old callers.
 */
#ifndef _UAPI_COS_H
#define _UAPI_COS_H

#include <linux/ioctl.h>
#include <linux/types.h>

/*
 * The version of this interface. It grows whenever an ioctl changes meaning; user space refuses
 * to talk to a module whose version it does not know.
 */
#define COS_ABI_VERSION 1

/* The device node the module registers (a misc device, mode 0600). */
#define COS_DEVICE_NAME "cos"

/*
 * The ioctl type letter. Low command numbers of a common type collide with ioctls the VFS
 * answers itself (FIGETBSZ is 2), hence the project's own letter.
 */
#define COS_IOC_TYPE 0xC5

/* Bits of cos_info.features: what the module found on this CPU and kernel. */
#define COS_FEATURE_PTI (1U << 0)	/* page-table isolation is on */
#define COS_FEATURE_LA57 (1U << 1)	/* 5-level paging is active */
#define COS_FEATURE_PCID (1U << 2)	/* the CPU has PCID and the kernel uses it */
#define COS_FEATURE_SMEP (1U << 3)	/* supervisor-mode execution prevention is on */
#define COS_FEATURE_SMAP (1U << 4)	/* supervisor-mode access prevention is on */
#define COS_FEATURE_PKU (1U << 5)	/* protection keys for user pages are on */
#define COS_FEATURE_NX (1U << 6)	/* no-execute page protection is on */
#define COS_FEATURE_TESTING (1U << 7)	/* the module was built with its test hooks */

/* No request flags are defined yet: cos_info.request_flags must be zero. */
#define COS_INFO_REQUEST_VALID 0U

/**
 * struct cos_info - what the module reports about itself and the machine
 * @request_flags: in: must be zero (a mask of COS_INFO_REQUEST_VALID bits).
 * @abi_version: out: COS_ABI_VERSION of the loaded module.
 * @features: out: COS_FEATURE_* bits.
 * @paging_levels: out: 4 or 5, the depth of the page tables the kernel runs with.
 * @pages_in_use: out: pages the module currently owns, for leak checks.
 * @kernel_release: out: the running kernel's release string (utsname), NUL-terminated.
 * @reserved: in: must be zero; out: zero.
 */
struct cos_info {
	__u32 request_flags;
	__u32 abi_version;
	__u32 features;
	__u32 paging_levels;
	__u64 pages_in_use;
	char kernel_release[64];
	__u64 reserved[4];
};

/*
 * COS_IOC_INFO - report the ABI version and what the module sees of the CPU and kernel.
 *
 * The caller passes a struct cos_info whose request_flags and reserved fields are zero; the
 * module fills in the rest. Fails with EINVAL on a non-zero request flag or reserved field, and
 * with EFAULT when the structure cannot be read or written. Changes nothing.
 */
#define COS_IOC_INFO _IOWR(COS_IOC_TYPE, 0x01, struct cos_info)

#endif /* _UAPI_COS_H */
