// SPDX-License-Identifier: GPL-2.0
/* cos.ko: load and unload; everything else lives in a file of its own. */
#include <linux/module.h>
#include "cos.h"

#ifndef CONFIG_PREEMPT_NOTIFIERS
#error "cos needs CONFIG_PREEMPT_NOTIFIERS to give the CPU back to Linux on every switch"
#endif

static int __init cos_init(void)
{
	int ret;

	ret = cos_machine_check();
	if (ret)
		return ret;

	ret = cos_hijack_init();
	if (ret)
		return ret;

	ret = cos_host_init();
	if (ret)
		goto err_hijack;

	ret = cos_nic_init();
	if (ret)
		goto err_thread;

	ret = cos_device_init();
	if (ret)
		goto err_nic;

	cos_test_hooks_run();
	pr_info("loaded (ABI %u, %u-level paging, PTI %s)\n", COS_ABI_VERSION,
		cos_machine_paging_levels(),
		(cos_machine_features() & COS_FEATURE_PTI) ? "on" : "off");
	return 0;

err_nic:
	cos_nic_exit();
err_thread:
	cos_host_exit();
err_hijack:
	cos_hijack_exit();
	return ret;
}

static void __exit cos_exit(void)
{
	cos_device_exit();
	cos_nic_exit();
	cos_host_exit();
	cos_hijack_exit();
}

module_init(cos_init);
module_exit(cos_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("A component kernel with mutable protection domains, hosted in Linux");
