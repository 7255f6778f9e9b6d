/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The doors between a component and the component kernel (module/uapi/cos.h describes the
 * calls). Invocation and return are the component kernel's own system calls, which the module's
 * entry code carries without Linux; the rest are ioctls on the host's /dev/cos, whose descriptor
 * the runtime page holds.
 */
#include "module/uapi/cos.h"

#define SYS_ioctl 16

/* Loads the /dev/cos descriptor into %edi. */
.macro load_fd
	movabsq	$(COS_RUNTIME_PAGE + COS_RUNTIME_FD_OFFSET), %rdi
	movl	(%rdi), %edi
.endm

/*
 * From cos_invoke()'s registers (the capability's address in %rax, the arguments in %rdi, %rsi,
 * %rdx and %rcx) to the component kernel's: capability number in %rdx, arguments in %r8, %r9,
 * %r10 and %r12, whose own value goes on the stack.
 */
.macro invocation_registers
	pushq	%r12
	movq	%rcx, %r12
	movq	%rdx, %r10
	movq	%rsi, %r9
	movq	%rdi, %r8
	movq	8(%rax), %rdx
.endm

	.text

/*
 * __cos_upcall_entry: the component kernel enters here to run an export: %r8 holds the export's
 * address, %rdi, %rsi, %rdx and %r10 its arguments, and %rsp a fresh stack. The export's result
 * goes back with COS_CALL_RETURN, which never returns here.
 */
	.globl	__cos_upcall_entry
	.type	__cos_upcall_entry, @function
__cos_upcall_entry:
	xorl	%ebp, %ebp
	andq	$-16, %rsp
	movq	%r10, %rcx
	call	*%r8
	movq	%rax, %rdx
	movl	$COS_CALL_RETURN, %eax
	syscall
	ud2
	.size	__cos_upcall_entry, . - __cos_upcall_entry

/*
 * __cos_inv_stub: a user-level capability across protection domains points here. Entered by
 * cos_invoke() with the capability's address in %rax and the arguments in %rdi, %rsi, %rdx and
 * %rcx; carries them to the component kernel (capability number in %rdx, arguments in %r8, %r9,
 * %r10 and %r12) and returns the server's result in %rax. The component kernel restores the
 * callee-saved registers and the stack.
 */
	.globl	__cos_inv_stub
	.type	__cos_inv_stub, @function
__cos_inv_stub:
	invocation_registers
	movl	$COS_CALL_INVOKE, %eax
	syscall
	movq	%rdx, %rax
	popq	%r12
	ret
	.size	__cos_inv_stub, . - __cos_inv_stub

/*
 * __cos_inv_stub_slow: the same invocation through Linux's system-call path (COS_IOC_INVOKE),
 * for measuring what the fast path saves. cos_invoke_slow() calls it.
 */
	.globl	__cos_inv_stub_slow
	.type	__cos_inv_stub_slow, @function
__cos_inv_stub_slow:
	invocation_registers
	load_fd
	movl	$COS_IO_NR(COS_IOC_INVOKE_NR), %esi
	movl	$SYS_ioctl, %eax
	syscall
	movq	%rdx, %rax
	popq	%r12
	ret
	.size	__cos_inv_stub_slow, . - __cos_inv_stub_slow

/*
 * cos_console_write(buf, len): write to the host's standard output. Only a component the loader
 * marked as the console may; for any other the module refuses with -EPERM.
 */
	.globl	cos_console_write
	.type	cos_console_write, @function
cos_console_write:
	movq	%rdi, %r8
	movq	%rsi, %rdx
	load_fd
	movl	$COS_IO_NR(COS_IOC_CONSOLE_NR), %esi
	movl	$SYS_ioctl, %eax
	syscall
	ret
	.size	cos_console_write, . - cos_console_write

	.section .note.GNU-stack, "", @progbits
