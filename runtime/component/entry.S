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

/*
 * The MPD policy's calls (COS_IOC_CALL_*): from the C arguments in %rdi and %rsi to the registers
 * the module reads, %rdx and %r8, before load_fd takes %rdi. The module refuses them with -EPERM
 * for a component not created with COS_COMPONENT_MPD; the ioctl's result is the call's (all 64
 * bits of it: the module puts in %rax what an ioctl's int result cannot carry).
 */
.macro mpd_call nr
	load_fd
	movl	$COS_IO_NR(\nr), %esi
	movl	$SYS_ioctl, %eax
	syscall
	ret
.endm

/* cos_mpd_self(): the caller's own component id. */
	.globl	cos_mpd_self
	.type	cos_mpd_self, @function
cos_mpd_self:
	mpd_call COS_IOC_CALL_SELF_NR
	.size	cos_mpd_self, . - cos_mpd_self

/* cos_mpd_merge(a, b): merge the domains of components a (%rdx) and b (%r8). */
	.globl	cos_mpd_merge
	.type	cos_mpd_merge, @function
cos_mpd_merge:
	movq	%rdi, %rdx
	movq	%rsi, %r8
	mpd_call COS_IOC_CALL_MERGE_NR
	.size	cos_mpd_merge, . - cos_mpd_merge

/* cos_mpd_split(c): move component c (%rdx) into a domain of its own. */
	.globl	cos_mpd_split
	.type	cos_mpd_split, @function
cos_mpd_split:
	movq	%rdi, %rdx
	mpd_call COS_IOC_CALL_SPLIT_NR
	.size	cos_mpd_split, . - cos_mpd_split

/* cos_mpd_pd_of(c): the live domain component c (%rdx) is in. */
	.globl	cos_mpd_pd_of
	.type	cos_mpd_pd_of, @function
cos_mpd_pd_of:
	movq	%rdi, %rdx
	mpd_call COS_IOC_CALL_PD_OF_NR
	.size	cos_mpd_pd_of, . - cos_mpd_pd_of

/* cos_mpd_edges(buffer, capacity): capacity in %rdx, the buffer in %r8. */
	.globl	cos_mpd_edges
	.type	cos_mpd_edges, @function
cos_mpd_edges:
	movq	%rsi, %rdx
	movq	%rdi, %r8
	mpd_call COS_IOC_CALL_EDGES_NR
	.size	cos_mpd_edges, . - cos_mpd_edges

/*
 * The scheduler's calls and the clock: ioctls like the policy's, the arguments moved from the C
 * registers to the module's (%rdx, %r8, %r9).
 */
/* cos_sched_setup(handler, period_ns): the event handler and the tick period. */
	.globl	cos_sched_setup
	.type	cos_sched_setup, @function
cos_sched_setup:
	movq	%rdi, %rdx
	movq	%rsi, %r8
	mpd_call COS_IOC_CALL_SCHED_SETUP_NR
	.size	cos_sched_setup, . - cos_sched_setup

/* cos_thread_create(component, fn, arg): a thread to run fn(arg) in component. */
	.globl	cos_thread_create
	.type	cos_thread_create, @function
cos_thread_create:
	movq	%rdx, %r9
	movq	%rdi, %rdx
	movq	%rsi, %r8
	mpd_call COS_IOC_CALL_THREAD_CREATE_NR
	.size	cos_thread_create, . - cos_thread_create

/* cos_sched_idle(ns): how long the next idle sleep may last (0: until a stop). */
	.globl	cos_sched_idle
	.type	cos_sched_idle, @function
cos_sched_idle:
	movq	%rdi, %rdx
	mpd_call COS_IOC_CALL_SCHED_IDLE_NR
	.size	cos_sched_idle, . - cos_sched_idle

/* cos_time_ns(): the guest's monotonic clock. */
	.globl	cos_time_ns
	.type	cos_time_ns, @function
cos_time_ns:
	mpd_call COS_IOC_CALL_TIME_NR
	.size	cos_time_ns, . - cos_time_ns

/* cos_client(return_address): the component that called the current export (%rdx). */
	.globl	cos_client
	.type	cos_client, @function
cos_client:
	movq	%rdi, %rdx
	mpd_call COS_IOC_CALL_CLIENT_NR
	.size	cos_client, . - cos_client

/* cos_nic_send(frame, length): the frame at %rdx, its length in %r8 (granted `nic` only). */
	.globl	cos_nic_send
	.type	cos_nic_send, @function
cos_nic_send:
	movq	%rdi, %rdx
	movq	%rsi, %r8
	mpd_call COS_IOC_CALL_NIC_SEND_NR
	.size	cos_nic_send, . - cos_nic_send

/*
 * cos_switch(thread): the scheduler's switch, the component kernel's own call (COS_CALL_SWITCH):
 * returns 0 when the scheduler switches back to the caller, or -errno at once. Preserves what a
 * call must; the module clears the rest.
 */
	.globl	cos_switch
	.type	cos_switch, @function
cos_switch:
	movq	%rdi, %rdx
	movl	$COS_CALL_SWITCH, %eax
	syscall
	ret
	.size	cos_switch, . - cos_switch

	.section .note.GNU-stack, "", @progbits
