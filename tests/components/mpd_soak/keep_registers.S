/* SPDX-License-Identifier: GPL-2.0 */
/*
 * keep_registers(seed, spins): loads every general register but %rsp with a value of its own
 * (from seed), spins that many times touching none of them (the count is in memory), then checks
 * each. The timer preempts the thread wherever it is, so that every register of a preempted
 * thread must come back as it was. Returns 0, or 1 + the number of the first register that
 * changed (rax 0, rbx 1, rcx 2, rdx 3, rsi 4, rdi 5, rbp 6, r8 7 ... r15 14).
 */
	.text
	.globl	keep_registers
	.type	keep_registers, @function
keep_registers:
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	subq	$(16 * 8), %rsp		/* 15 expected values, then the spin count */
	movq	%rsi, 15 * 8(%rsp)
	movabsq	$0x9e3779b97f4a7c15, %rcx
	movq	%rdi, %rax
	xorl	%edx, %edx
1:	imulq	%rcx, %rax
	addq	$0x1234567, %rax
	movq	%rax, (%rsp,%rdx,8)
	incl	%edx
	cmpl	$15, %edx
	jne	1b
	movq	0 * 8(%rsp), %rax
	movq	1 * 8(%rsp), %rbx
	movq	2 * 8(%rsp), %rcx
	movq	3 * 8(%rsp), %rdx
	movq	4 * 8(%rsp), %rsi
	movq	5 * 8(%rsp), %rdi
	movq	6 * 8(%rsp), %rbp
	movq	7 * 8(%rsp), %r8
	movq	8 * 8(%rsp), %r9
	movq	9 * 8(%rsp), %r10
	movq	10 * 8(%rsp), %r11
	movq	11 * 8(%rsp), %r12
	movq	12 * 8(%rsp), %r13
	movq	13 * 8(%rsp), %r14
	movq	14 * 8(%rsp), %r15
2:	decq	15 * 8(%rsp)
	jnz	2b
	cmpq	0 * 8(%rsp), %rax
	jne	.Lrax
	cmpq	1 * 8(%rsp), %rbx
	jne	.Lrbx
	cmpq	2 * 8(%rsp), %rcx
	jne	.Lrcx
	cmpq	3 * 8(%rsp), %rdx
	jne	.Lrdx
	cmpq	4 * 8(%rsp), %rsi
	jne	.Lrsi
	cmpq	5 * 8(%rsp), %rdi
	jne	.Lrdi
	cmpq	6 * 8(%rsp), %rbp
	jne	.Lrbp
	cmpq	7 * 8(%rsp), %r8
	jne	.Lr8
	cmpq	8 * 8(%rsp), %r9
	jne	.Lr9
	cmpq	9 * 8(%rsp), %r10
	jne	.Lr10
	cmpq	10 * 8(%rsp), %r11
	jne	.Lr11
	cmpq	11 * 8(%rsp), %r12
	jne	.Lr12
	cmpq	12 * 8(%rsp), %r13
	jne	.Lr13
	cmpq	13 * 8(%rsp), %r14
	jne	.Lr14
	cmpq	14 * 8(%rsp), %r15
	jne	.Lr15
	xorl	%eax, %eax
	jmp	.Lout
.Lrax:	movl	$1, %eax
	jmp	.Lout
.Lrbx:	movl	$2, %eax
	jmp	.Lout
.Lrcx:	movl	$3, %eax
	jmp	.Lout
.Lrdx:	movl	$4, %eax
	jmp	.Lout
.Lrsi:	movl	$5, %eax
	jmp	.Lout
.Lrdi:	movl	$6, %eax
	jmp	.Lout
.Lrbp:	movl	$7, %eax
	jmp	.Lout
.Lr8:	movl	$8, %eax
	jmp	.Lout
.Lr9:	movl	$9, %eax
	jmp	.Lout
.Lr10:	movl	$10, %eax
	jmp	.Lout
.Lr11:	movl	$11, %eax
	jmp	.Lout
.Lr12:	movl	$12, %eax
	jmp	.Lout
.Lr13:	movl	$13, %eax
	jmp	.Lout
.Lr14:	movl	$14, %eax
	jmp	.Lout
.Lr15:	movl	$15, %eax
.Lout:	addq	$(16 * 8), %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret
	.size	keep_registers, . - keep_registers

	.section .note.GNU-stack, "", @progbits
