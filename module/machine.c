// SPDX-License-Identifier: GPL-2.0
/*
 * What the module sees of the CPU and the kernel, and the refusal to load where it cannot work.
 *
 * Read once at load: none of these change while the kernel runs.
 */
#include <linux/kernel.h>
#include <asm/cpufeature.h>
#include <asm/pgtable.h>
#include <asm/special_insns.h>
#include <asm/tlbflush.h>
#include "cos.h"

/**
 * cos_machine_check() - refuse machines the module cannot host components on
 *
 * The module switches page tables itself and takes over the syscall entry (MSR_LSTAR) and the
 * IDT vectors of the CPUs it hosts components on. That needs native page-table writes (not a
 * Xen PV guest, whose CR3 belongs to the hypervisor) and IDT/LSTAR-based entry (not FRED, which
 * newer kernels use instead). Each refusal prints one line naming the reason.
 *
 * Return: 0 when the module can work here, -ENODEV otherwise.
 */
int cos_machine_check(void)
{
	if (boot_cpu_has(X86_FEATURE_XENPV)) {
		pr_err("refusing to load: Xen PV guests do not own their page tables\n");
		return -ENODEV;
	}
#ifdef X86_FEATURE_FRED
	if (cpu_feature_enabled(X86_FEATURE_FRED)) {
		pr_err("refusing to load: FRED replaces the syscall and exception entry points this module takes over\n");
		return -ENODEV;
	}
#endif
	if (!boot_cpu_has(X86_FEATURE_NX)) {
		pr_err("refusing to load: the CPU has no NX bit, so component data would be executable\n");
		return -ENODEV;
	}
	return 0;
}

/**
 * cos_machine_features() - the COS_FEATURE_* bits of this machine
 *
 * Return: the bits that hold, as the kernel configured the CPU (not merely what the CPU offers:
 * PTI may be off on a vulnerable CPU if the administrator said so).
 */
u32 cos_machine_features(void)
{
	unsigned long cr4 = __read_cr4();
	u32 features = 0;

	if (boot_cpu_has(X86_FEATURE_PTI))
		features |= COS_FEATURE_PTI;
	if (pgtable_l5_enabled())
		features |= COS_FEATURE_LA57;
	if (boot_cpu_has(X86_FEATURE_PCID) && (cr4 & X86_CR4_PCIDE))
		features |= COS_FEATURE_PCID;
	if (cr4 & X86_CR4_SMEP)
		features |= COS_FEATURE_SMEP;
	if (cr4 & X86_CR4_SMAP)
		features |= COS_FEATURE_SMAP;
	if (cr4 & X86_CR4_PKE)
		features |= COS_FEATURE_PKU;
	if (boot_cpu_has(X86_FEATURE_NX))
		features |= COS_FEATURE_NX;
#ifdef COS_TESTING
	features |= COS_FEATURE_TESTING;
#endif
	return features;
}

/**
 * cos_machine_paging_levels() - depth of the kernel's page tables
 *
 * Return: 5 with LA57 active, else 4.
 */
unsigned int cos_machine_paging_levels(void)
{
	return pgtable_l5_enabled() ? 5 : 4;
}
