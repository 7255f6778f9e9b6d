/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The entry code: copied into one page that every domain maps, kernel-only, at COS_ENTRY_CODE.
 * While a CPU runs components, its system-call MSRs and its interrupt descriptor table point
 * here (hijack.c), so the module sees every system call and exception of component code first.
 *
 * It runs in whatever state the CPU entered it: interrupts off, component page tables (the
 * user half under PTI), the component's GS base, no trusted stack. It therefore touches only
 * this page, the IDT and the system's entry state (entry_state.h), all mapped in every view of
 * every domain, never Linux's stacks or per-CPU data, and it leaves the way it came (SYSRET or
 * IRET) or hands the CPU to Linux's own entry: with every register as the CPU left it, or as an
 * ioctl on the host's /dev/cos for what only the module can do (the run's end, a stale domain's
 * last frame, a switch to a preempted thread).
 *
 * - COS_CALL_INVOKE and COS_CALL_RETURN are carried here, the fast path: push or pop a frame of
 *   the running thread, switch page tables if the domain changes, and enter the server or resume
 *   the client. So is the scheduler's COS_CALL_SWITCH between threads that left by a switch.
 * - ioctl(2) on the host's /dev/cos goes on to Linux: the slow path and the calls that need it.
 * - Any other system call, by SYSCALL, SYSENTER or int $0x80, is refused: the entry code records
 *   it as a fault and sends the component to the runtime page's fault entry, which reports it.
 * - An exception from component code is recorded the same way; one from the kernel goes to
 *   Linux's handler, untouched.
 */
#include <linux/linkage.h>
#include <linux/errno.h>
#include <asm/segment.h>
#include "uapi/cos.h"
#include "entry_state.h"

#define SYS_ioctl 16

/* The entry code page: code first, then what hijack.c fills in (Linux's entry points). */
#define ENTRY_DATA 0xc00
#define LINUX_LSTAR 0x00
#define LINUX_VECTOR(v) (0x08 + 8 * (v))	/* for v < 32 */
#define LINUX_INT80 (0x08 + 8 * 32)

/* RIP-relative operands: the code, the IDT and the state keep their distances once copied. */
#define STATE(off) (.Lpage + (COS_ENTRY_STATE - COS_ENTRY_CODE) + (off))(%rip)
#define LINUX(off) (.Lpage + ENTRY_DATA + (off))(%rip)
#define FAULT_ENTRY (COS_RUNTIME_PAGE + COS_RUNTIME_FAULT_OFFSET)
#define DR6_RESERVED 0xffff0ff0

/* %r<reg> = &array[%r<index>], with 1 << shift the size of an element. */
.macro element reg, index, array, shift
	movq	\index, \reg
	shlq	$\shift, \reg
	addq	$(\array - ES_PDS), \reg
	addq	%r11, \reg
.endm

/*
 * Loads the page tables of a domain: %rax holds its ES_PD_CR3. Keeps the PCID Linux gave the host
 * here; a CR3 write without the no-flush bit drops that PCID's entries of the previous domain.
 * Under PTI with PCID the kernel half has a PCID of its own, flushed the same way. Clobbers
 * %rcx and %rdi.
 */
.macro load_cr3
	movq	%cr3, %rcx
	andl	$0xfff, %ecx
	cmpq	$0, STATE(ES_FLUSH_KERNEL_PCID)
	je	.Lcr3_user\@
	movq	%rax, %rdi
	andq	$~0x1000, %rdi
	btrq	$11, %rcx
	orq	%rcx, %rdi
	movq	%rdi, %cr3
	btsq	$11, %rcx
.Lcr3_user\@:
	orq	%rcx, %rax
	movq	%rax, %cr3
.endm

/* Records a fault: \vector, error code \error, address \address, instruction \ip (registers or $). */
.macro record vector, error, address, ip
	movq	\vector, STATE(ES_PENDING + ES_PENDING_VECTOR)
	movq	\error, STATE(ES_PENDING + ES_PENDING_ERROR)
	movq	\address, STATE(ES_PENDING + ES_PENDING_ADDRESS)
	movq	\ip, STATE(ES_PENDING + ES_PENDING_IP)
	movq	$1, STATE(ES_PENDING + ES_PENDING_VALID)
.endm

	.section .rodata, "a"
	.balign 4096
SYM_DATA_START(cos_entry_code)
.Lpage:

/* MSR_LSTAR: SYSCALL from 64-bit code. %rcx and %r11 hold the caller's RIP and RFLAGS. */
SYM_INNER_LABEL(cos_entry_syscall, SYM_L_GLOBAL)
	endbr64
	cmpq	$COS_CALL_INVOKE, %rax
	je	.Linvoke
	cmpq	$COS_CALL_RETURN, %rax
	je	.Lreturn
	cmpq	$COS_CALL_SWITCH, %rax
	je	.Lswitch
	cmpq	$SYS_ioctl, %rax
	jne	.Lrefuse
	cmpq	STATE(ES_FD), %rdi
	jne	.Lrefuse
	jmp	*LINUX(LINUX_LSTAR)

/* MSR_CSTAR: SYSCALL from 32-bit code, never the component kernel's. */
SYM_INNER_LABEL(cos_entry_syscall_compat, SYM_L_GLOBAL)
	endbr64
.Lrefuse:
	leaq	-2(%rcx), %rcx
	record	$COS_FAULT_SYSCALL, $0, %rax, %rcx
	movabsq	$FAULT_ENTRY, %rcx
	movl	$ES_UPCALL_FLAGS, %r11d
	sysretq

/* MSR_IA32_SYSENTER_EIP: SYSENTER saves no return address; the stack is Linux's entry stack. */
SYM_INNER_LABEL(cos_entry_sysenter, SYM_L_GLOBAL)
	endbr64
	record	$COS_FAULT_SYSCALL, $0, %rax, $0
	pushq	$__USER_DS
	pushq	$0
	pushq	$ES_UPCALL_FLAGS
	pushq	$__USER_CS
	movabsq	$FAULT_ENTRY, %rax
	pushq	%rax
	iretq

/*
 * COS_CALL_INVOKE: capability %rdx of the component whose code made the call, arguments in %r8,
 * %r9, %r10 and %r12. The caller's registers go into a new frame, then the server runs.
 */
.Linvoke:
	movq	STATE(ES_CURRENT), %rdi		/* the running thread */
	movq	ES_THREAD_DEPTH(%rdi), %rsi
	cmpq	$COS_MAX_INVOCATION_DEPTH, %rsi
	jae	.Linvoke_eloop
	shlq	$7, %rsi			/* ES_FRAME_SIZE */
	leaq	ES_THREAD_FRAMES(%rdi,%rsi), %rsi	/* %rsi: the new frame */
	movq	%rcx, ES_FRAME_IP(%rsi)
	movq	%rsp, ES_FRAME_SP(%rsi)
	movq	%r11, ES_FRAME_FLAGS(%rsi)
	movq	%rbx, ES_FRAME_RBX(%rsi)
	movq	%rbp, ES_FRAME_RBP(%rsi)
	movq	%r12, ES_FRAME_R12(%rsi)
	movq	%r13, ES_FRAME_R13(%rsi)
	movq	%r14, ES_FRAME_R14(%rsi)
	movq	%r15, ES_FRAME_R15(%rsi)
	leaq	STATE(ES_PDS), %r11		/* %r11: the state's tables */

	/* The client: the slot of the code that made the call, a member of the current domain. */
	movq	%rcx, %rax
	movabsq	$COS_REGION_BASE, %rdi
	subq	%rdi, %rax
	shrq	$COS_SLOT_SHIFT, %rax
	cmpq	$COS_REGION_SLOTS, %rax
	jae	.Linvoke_einval
	movq	ES_FRAME_PD - ES_FRAME_SIZE(%rsi), %rbx	/* %rbx: the current domain */
	element	%rbp, %rbx, ES_PDS, 5
	btq	%rax, ES_PD_MEMBERS(%rbp)
	jnc	.Linvoke_einval
	element	%r13, %rax, ES_COMPONENTS, ES_COMP_SHIFT
	cmpq	ES_COMP_NCAPS(%r13), %rdx
	jae	.Linvoke_einval

	/* The capability: count it, and find the server and its domain. */
	shlq	$6, %rax			/* COS_MAX_CAPS */
	addq	%rdx, %rax
	movq	%rax, ES_FRAME_CAP(%rsi)
	element	%r14, %rax, ES_CAPS, ES_CAP_SHIFT
	incq	ES_CAP_INVOCATIONS(%r14)
	incq	STATE(ES_INVOCATIONS)
	movq	ES_CAP_SERVER(%r14), %r15
	movq	%r15, ES_FRAME_COMPONENT(%rsi)
	movq	ES_CAP_FN(%r14), %r14		/* %r14: the export */
	element	%r15, %r15, ES_COMPONENTS, ES_COMP_SHIFT	/* %r15: the server */
	movq	ES_COMP_PD(%r15), %r13		/* %r13: its domain */
	movq	%r13, ES_FRAME_PD(%rsi)
	movq	STATE(ES_CURRENT), %rdi
	incq	ES_THREAD_DEPTH(%rdi)
	element	%rbp, %r13, ES_PDS, 5
	incq	ES_PD_FRAMES(%rbp)
	cmpq	%rbx, %r13
	je	.Lupcall
	movq	ES_PD_CR3(%rbp), %rax
	load_cr3

	/* Into the server's upcall entry, on the thread's stack there, with nothing of the client's. */
.Lupcall:
	movq	ES_COMP_UPCALL(%r15), %rcx
	movq	ES_COMP_STACK_TOP(%r15), %rsp
	movq	STATE(ES_CURRENT), %rax
	addq	ES_THREAD_STACK(%rax), %rsp
	movq	%r8, %rdi
	movq	%r9, %rsi
	movq	%r10, %rdx
	movq	%r12, %r10
	movq	%r14, %r8
	xorl	%eax, %eax
	xorl	%ebx, %ebx
	xorl	%ebp, %ebp
	xorl	%r9d, %r9d
	xorl	%r12d, %r12d
	xorl	%r13d, %r13d
	xorl	%r14d, %r14d
	xorl	%r15d, %r15d
	movl	$ES_UPCALL_FLAGS, %r11d
	sysretq

/* Refused invocations: the client resumes with the error as the result, its registers intact. */
.Linvoke_einval:
	movq	$-EINVAL, %rdx
	movq	ES_FRAME_IP(%rsi), %rcx
	movq	ES_FRAME_FLAGS(%rsi), %r11
	movq	ES_FRAME_RBX(%rsi), %rbx
	movq	ES_FRAME_RBP(%rsi), %rbp
	movq	ES_FRAME_R13(%rsi), %r13
	movq	ES_FRAME_R14(%rsi), %r14
	movq	ES_FRAME_R15(%rsi), %r15
	jmp	.Lresume_client
.Linvoke_eloop:
	movq	$-ELOOP, %rdx
.Lresume_client:
	andl	$ES_USER_FLAGS, %r11d
	orl	$ES_UPCALL_FLAGS, %r11d
	movq	%rdx, %rax
	sysretq

/*
 * COS_CALL_RETURN: %rdx to the client of the current invocation. The run's first invocation, and
 * every invocation that ran in a stale domain (one that merging or splitting left without
 * members), return through the module: the first gives the host its thread back, and the last
 * frame to leave a stale domain frees it.
 */
.Lreturn:
	movq	STATE(ES_CURRENT), %rbp		/* the running thread */
	movq	ES_THREAD_DEPTH(%rbp), %rsi
	cmpq	$1, %rsi
	jbe	.Lreturn_slow
	decq	%rsi
	shlq	$7, %rsi			/* ES_FRAME_SIZE */
	leaq	ES_THREAD_FRAMES(%rbp,%rsi), %rsi	/* %rsi: the frame to pop */
	leaq	STATE(ES_PDS), %r11
	movq	ES_FRAME_PD(%rsi), %rax
	element	%rdi, %rax, ES_PDS, 5
	testq	$ES_PD_STALE, ES_PD_FLAGS(%rdi)
	jnz	.Lreturn_slow
	decq	ES_PD_FRAMES(%rdi)
	decq	ES_THREAD_DEPTH(%rbp)
	movq	ES_FRAME_PD - ES_FRAME_SIZE(%rsi), %rbx	/* the client's domain */
	cmpq	%rax, %rbx
	je	.Lresume
	element	%rbx, %rbx, ES_PDS, 5
	movq	ES_PD_CR3(%rbx), %rax
	load_cr3
.Lresume:
	/* Every frame's RIP is one a SYSCALL in the region saved: canonical, as SYSRET needs. */
	movq	ES_FRAME_IP(%rsi), %rcx
	movq	ES_FRAME_FLAGS(%rsi), %r11
	movq	ES_FRAME_SP(%rsi), %rsp
	movq	ES_FRAME_RBX(%rsi), %rbx
	movq	ES_FRAME_RBP(%rsi), %rbp
	movq	ES_FRAME_R12(%rsi), %r12
	movq	ES_FRAME_R13(%rsi), %r13
	movq	ES_FRAME_R14(%rsi), %r14
	movq	ES_FRAME_R15(%rsi), %r15
	xorl	%edi, %edi
	xorl	%esi, %esi
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
	jmp	.Lresume_client

/*
 * The same return through Linux (COS_IOC_RETURN), the result still in %rdx: the module ends the
 * run, the thread, or the scheduler's event, or frees a stale domain.
 */
.Lreturn_slow:
	movl	$SYS_ioctl, %eax
	movq	STATE(ES_FD), %rdi
	movl	$COS_IO_NR(COS_IOC_RETURN_NR), %esi
	jmp	*LINUX(LINUX_LSTAR)

#define CTX(reg) (ES_THREAD_CTX + ES_REG_##reg)

/*
 * COS_CALL_SWITCH: thread %rdx runs instead of the current one. Here only when the scheduler's
 * code asks, outside its event handler, for a thread that left by a switch of its own: the
 * current thread keeps what a call preserves and where to resume, the other gets back the same
 * and its domain. Anything else goes to the module (COS_IOC_CALL_SWITCH), %rdx unchanged.
 */
.Lswitch:
	movq	%rcx, %rax
	movabsq	$COS_REGION_BASE, %rdi
	subq	%rdi, %rax
	shrq	$COS_SLOT_SHIFT, %rax
	cmpq	STATE(ES_SCHED_SLOT), %rax
	jne	.Lswitch_eperm
	movq	STATE(ES_CURRENT), %rdi		/* %rdi: the current thread */
	cmpq	STATE(ES_EVENT_THREAD), %rdi
	je	.Lswitch_einval
	cmpq	$COS_MAX_THREADS, %rdx
	jae	.Lswitch_slow
	imulq	$ES_THREAD_SIZE, %rdx, %rsi
	leaq	STATE(ES_THREADS), %rax
	addq	%rax, %rsi			/* %rsi: the thread to run */
	cmpq	%rsi, %rdi
	je	.Lswitch_self
	cmpq	$ES_THREAD_SWITCHED, ES_THREAD_STATE(%rsi)
	jne	.Lswitch_slow
	movq	%rcx, CTX(IP)(%rdi)
	movq	%r11, CTX(FLAGS)(%rdi)
	movq	%rsp, CTX(RSP)(%rdi)
	movq	%rbx, CTX(RBX)(%rdi)
	movq	%rbp, CTX(RBP)(%rdi)
	movq	%r12, CTX(R12)(%rdi)
	movq	%r13, CTX(R13)(%rdi)
	movq	%r14, CTX(R14)(%rdi)
	movq	%r15, CTX(R15)(%rdi)
	movq	$ES_THREAD_SWITCHED, ES_THREAD_STATE(%rdi)
	movq	$ES_THREAD_RUNNING, ES_THREAD_STATE(%rsi)
	movq	%rsi, STATE(ES_CURRENT)
	incq	STATE(ES_SWITCHES)

	/* Each thread runs in the domain of its top frame. */
	movq	ES_THREAD_DEPTH(%rdi), %rax
	shlq	$7, %rax
	movq	(ES_THREAD_FRAMES - ES_FRAME_SIZE + ES_FRAME_PD)(%rdi,%rax), %rbx
	movq	ES_THREAD_DEPTH(%rsi), %rax
	shlq	$7, %rax
	movq	(ES_THREAD_FRAMES - ES_FRAME_SIZE + ES_FRAME_PD)(%rsi,%rax), %rax
	cmpq	%rax, %rbx
	je	.Lswitch_resume
	leaq	STATE(ES_PDS), %r11
	element	%rax, %rax, ES_PDS, 5
	movq	ES_PD_CR3(%rax), %rax
	load_cr3
.Lswitch_resume:
	movq	CTX(IP)(%rsi), %rcx
	movq	CTX(FLAGS)(%rsi), %r11
	movq	CTX(RSP)(%rsi), %rsp
	movq	CTX(RBX)(%rsi), %rbx
	movq	CTX(RBP)(%rsi), %rbp
	movq	CTX(R12)(%rsi), %r12
	movq	CTX(R13)(%rsi), %r13
	movq	CTX(R14)(%rsi), %r14
	movq	CTX(R15)(%rsi), %r15
	xorl	%esi, %esi
	xorl	%edi, %edi
	xorl	%r8d, %r8d
	xorl	%r9d, %r9d
	xorl	%r10d, %r10d
.Lswitch_self:
	xorl	%edx, %edx
	jmp	.Lresume_client
.Lswitch_eperm:
	movq	$-EPERM, %rdx
	jmp	.Lresume_client
.Lswitch_einval:
	movq	$-EINVAL, %rdx
	jmp	.Lresume_client
.Lswitch_slow:
	movl	$SYS_ioctl, %eax
	movq	STATE(ES_FD), %rdi
	movl	$COS_IO_NR(COS_IOC_CALL_SWITCH_NR), %esi
	jmp	*LINUX(LINUX_LSTAR)

/*
 * An exception. From the kernel: Linux's handler, as if the CPU had gone there directly. From
 * component code: the stub pushes an error code where the CPU pushed none, and the vector; the
 * common part records the fault with every register (so that the module can resume it if it
 * resolves the fault) and IRETs to the fault entry. int $0x80 is a refused system call.
 */
.macro exception vector, error_code=0
SYM_INNER_LABEL(cos_entry_vector_\vector, SYM_L_GLOBAL)
	endbr64
	testb	$3, (8 * \error_code + 8)(%rsp)
	jnz	.Lfrom_user\@
	.if \vector == 0x80
	jmp	*LINUX(LINUX_INT80)
	.elseif \vector == 1
	jmp	.Lkernel_debug
	.else
	jmp	*LINUX(LINUX_VECTOR(\vector))
	.endif
.Lfrom_user\@:
	.if !\error_code
	pushq	$0
	.endif
	pushq	$\vector
	jmp	.Luser_exception
.endm

/*
 * A debug trap in ring 0. SYSENTER leaves TF as component code set it, so a component's SYSENTER
 * with TF set takes its single-step trap on the first instruction of the sysenter entry, in ring
 * 0 (so would a deferred one after MOV SS and SYSCALL, on the syscall entry). That step is the
 * component's, and Linux's handler would warn of a single step in the kernel outside its own
 * SYSENTER entry. Nothing in this page is ever stepped on purpose: a step trapped here is
 * dropped, TF in the interrupted flags and BS in DR6, and the entry goes on to refuse the call.
 * A breakpoint that hit as well (DR6's B0 to B3) is Linux's to handle, as is any trap elsewhere.
 */
#define DR6_BS 14
#define DR6_BREAKPOINTS 0xf
#define X86_EFLAGS_TF 0x100
.Lkernel_debug:
	pushq	%rax
	leaq	.Lpage(%rip), %rax
	xorq	8(%rsp), %rax			/* the interrupted RIP */
	shrq	$12, %rax
	jnz	.Llinux_debug
	movq	%dr6, %rax
	btrq	$DR6_BS, %rax
	jnc	.Llinux_debug
	movq	%rax, %dr6
	andq	$~X86_EFLAGS_TF, 24(%rsp)	/* the interrupted RFLAGS */
	testb	$DR6_BREAKPOINTS, %al
	jnz	.Llinux_debug
	popq	%rax
	iretq
.Llinux_debug:
	popq	%rax
	jmp	*LINUX(LINUX_VECTOR(1))

/* The stack of .Luser_exception: the vector, the error code, then the CPU's frame. */
#define XF_VECTOR 0
#define XF_ERROR 8
#define XF_RIP 16
#define XF_FLAGS 32
#define XF_RSP 40
#define PENDING(field) STATE(ES_PENDING + ES_PENDING_##field)
#define REG(reg) STATE(ES_PENDING + ES_PENDING_REGS + ES_REG_##reg)

.Luser_exception:
	movq	%rax, REG(RAX)
	movq	%rbx, REG(RBX)
	movq	%rcx, REG(RCX)
	movq	%rdx, REG(RDX)
	movq	%rsi, REG(RSI)
	movq	%rdi, REG(RDI)
	movq	%rbp, REG(RBP)
	movq	%r8, REG(R8)
	movq	%r9, REG(R9)
	movq	%r10, REG(R10)
	movq	%r11, REG(R11)
	movq	%r12, REG(R12)
	movq	%r13, REG(R13)
	movq	%r14, REG(R14)
	movq	%r15, REG(R15)
	movq	XF_RSP(%rsp), %rax
	movq	%rax, REG(RSP)
	movq	XF_FLAGS(%rsp), %rax
	movq	%rax, REG(FLAGS)
	movq	XF_RIP(%rsp), %rcx
	movq	XF_VECTOR(%rsp), %rax
	cmpq	$0x80, %rax
	je	.Lint80
	movq	%rax, PENDING(VECTOR)
	movq	%rcx, PENDING(IP)
	movq	XF_ERROR(%rsp), %rax
	movq	%rax, PENDING(ERROR)
	xorl	%eax, %eax
	cmpq	$14, XF_VECTOR(%rsp)
	jne	.Laddress
	movq	%cr2, %rax
.Laddress:
	movq	%rax, PENDING(ADDRESS)
	cmpq	$1, XF_VECTOR(%rsp)
	jne	.Lrecorded
	/* A debug trap: DR6 says why; the CPU never clears it. */
	movq	%dr6, %rax
	movq	%rax, PENDING(ERROR)
	movl	$DR6_RESERVED, %eax
	movq	%rax, %dr6
	jmp	.Lrecorded
.Lint80:
	/* The instruction is two bytes long; %rax held the system call's number. */
	leaq	-2(%rcx), %rcx
	movq	%rcx, PENDING(IP)
	movq	$COS_FAULT_SYSCALL, PENDING(VECTOR)
	movq	$0, PENDING(ERROR)
	movq	REG(RAX), %rax
	movq	%rax, PENDING(ADDRESS)
.Lrecorded:
	movq	$1, PENDING(VALID)
	movabsq	$FAULT_ENTRY, %rax
	movq	%rax, XF_RIP(%rsp)
	movq	$ES_UPCALL_FLAGS, XF_FLAGS(%rsp)
	movq	REG(RAX), %rax
	movq	REG(RCX), %rcx
	addq	$16, %rsp
	iretq

	exception 0
	exception 1
	exception 3
	exception 4
	exception 5
	exception 6
	exception 7
	exception 10, 1
	exception 11, 1
	exception 12, 1
	exception 13, 1
	exception 14, 1
	exception 16
	exception 17, 1
	exception 19
	exception 0x80

	/* The data hijack.c fills in; the assembler fails here if the code grew into it. */
	.org	.Lpage + ENTRY_DATA
	.fill	(4096 - ENTRY_DATA) / 8, 8, 0
SYM_DATA_END(cos_entry_code)
