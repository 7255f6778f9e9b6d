/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The code of the runtime page's fault entry, copied into every system's runtime page (user
 * memory mapped in every protection domain). The module's entry code sends component code here
 * when it faults or makes a system call that is not the component kernel's, having recorded
 * what happened where component code cannot reach. It touches no stack (the component's may be
 * what faulted): it asks the module to report the fault (COS_IOC_FAULT), which ends the faulting
 * invocation and never returns here.
 */
#include <linux/linkage.h>
#include "uapi/cos.h"

#define SYS_ioctl 16

	.section .rodata, "a"
	.balign 16
SYM_DATA_START(cos_fault_entry_code)
	movabsq	$(COS_RUNTIME_PAGE + COS_RUNTIME_FD_OFFSET), %rdi
	movl	(%rdi), %edi
	movl	$COS_IO_NR(COS_IOC_FAULT_NR), %esi
	movl	$SYS_ioctl, %eax
	syscall
	ud2
SYM_DATA_END_LABEL(cos_fault_entry_code, SYM_L_GLOBAL, cos_fault_entry_code_end)
