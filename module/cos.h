/* SPDX-License-Identifier: GPL-2.0 */
/* What the parts of cos.ko offer each other. */
#ifndef COS_H
#define COS_H

#include <linux/types.h>
#include "uapi/cos.h"

#undef pr_fmt
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

/* machine.c: what the CPU and kernel offer, and whether the module can work on them. */
int cos_machine_check(void);
u32 cos_machine_features(void);
unsigned int cos_machine_paging_levels(void);

/* device.c: /dev/cos. */
int cos_device_init(void);
void cos_device_exit(void);

/* Pages the module owns; every allocator counts here so that leaks show in COS_IOC_INFO. */
u64 cos_pages_in_use(void);

#ifdef COS_TESTING
/* test_hooks.c: faults a test build injects on purpose to prove the test harness. */
void cos_test_hooks_run(void);
#else
static inline void cos_test_hooks_run(void)
{
}
#endif

#endif /* COS_H */
