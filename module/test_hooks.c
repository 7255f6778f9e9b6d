// SPDX-License-Identifier: GPL-2.0
/*
 * Faults that a test build of the module raises on request, to prove that the test harness
 * notices them. Built only with COS_TESTING=y; a release module has none of these parameters.
 */
#include <linux/module.h>
#include "cos.h"

static bool warn_on_load;
module_param(warn_on_load, bool, 0444);
MODULE_PARM_DESC(warn_on_load, "test builds: raise one kernel WARNING while loading");

/**
 * cos_test_hooks_run() - raise the faults the module parameters asked for
 */
void cos_test_hooks_run(void)
{
	WARN(warn_on_load, "cos: warn_on_load=1: a deliberate warning to prove the log scan\n");
}
