/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The code of the runtime page's fault entry, copied into every system's runtime page (user
 * memory mapped in every protection domain). The host registers it as its handler of the
 * signals a faulting component raises (SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP); Linux enters it
 * with the signal number, siginfo and ucontext in %rdi, %rsi and %rdx, on the host's alternate
 * signal stack, which user mode cannot touch here. It touches no stack: it hands the three to
 * the module (COS_IOC_FAULT), which ends the faulting invocation and never returns here.
 */
#include <linux/linkage.h>
#include "uapi/cos.h"

#define SYS_ioctl 16

	.section .rodata, "a"
	.balign 16
SYM_DATA_START(cos_fault_entry_code)
	movq	%rdi, %r8
	movq	%rsi, %r9
	movq	%rdx, %r10
	movabsq	$(COS_RUNTIME_PAGE + COS_RUNTIME_FD_OFFSET), %rdi
	movl	(%rdi), %edi
	movl	$COS_IO_NR(COS_IOC_FAULT_NR), %esi
	movl	$SYS_ioctl, %eax
	syscall
	ud2
SYM_DATA_END_LABEL(cos_fault_entry_code, SYM_L_GLOBAL, cos_fault_entry_code_end)
