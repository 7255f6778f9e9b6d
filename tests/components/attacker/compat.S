/* SPDX-License-Identifier: GPL-2.0 */
/*
 * 32-bit code in the attacker's own text, and far jumps into it through Linux's 32-bit user code
 * segment (__USER32_CS): SYSCALL there would enter by MSR_CSTAR, int $0x80 by its gate. But
 * compatibility mode runs only below 4 GiB (EIP is 32 bits wide), and every component lives far
 * above, in the region: the CPU refuses the jump, whose target lies beyond the segment's limit.
 * The far pointer is m16:64 (REX.W), which Intel processors take; AMD's ignore REX.W there and
 * read m16:32, a target cut to its low 32 bits.
 */
#define USER32_CS 0x23
#define SYS32_GETPID 20

	.text
	.code32
compat_syscall:
	movl	$SYS32_GETPID, %eax
	syscall
	ud2
compat_int80:
	movl	$SYS32_GETPID, %eax
	int	$0x80
	ud2

	.code64
/* Jumps to USER32_CS:target, by a far pointer on the stack. Never returns. */
.macro far_jump_to target
	subq	$16, %rsp
	leaq	\target(%rip), %rax
	movq	%rax, (%rsp)
	movw	$USER32_CS, 8(%rsp)
	rex64 ljmp *(%rsp)
	ud2
.endm

	.globl	cos_attack_far_jump_to_32_bit_syscall
	.type	cos_attack_far_jump_to_32_bit_syscall, @function
cos_attack_far_jump_to_32_bit_syscall:
	far_jump_to compat_syscall
	.size	cos_attack_far_jump_to_32_bit_syscall, . - cos_attack_far_jump_to_32_bit_syscall

	.globl	cos_attack_far_jump_to_32_bit_int80
	.type	cos_attack_far_jump_to_32_bit_int80, @function
cos_attack_far_jump_to_32_bit_int80:
	far_jump_to compat_int80
	.size	cos_attack_far_jump_to_32_bit_int80, . - cos_attack_far_jump_to_32_bit_int80

	.section .note.GNU-stack, "", @progbits
