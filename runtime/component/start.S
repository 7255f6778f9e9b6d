/* SPDX-License-Identifier: GPL-2.0 */
/*
 * _start: the ELF entry of every component image.
 *
 * The loader relocates the image before anything in it runs, so no self-relocation happens here.
 * Until the component kernel upcalls into components (which replaces this entry), the entry only
 * aligns the stack as the SysV ABI expects at a call, runs cos_main, and stops with ud2 if it
 * ever returns: a component has no process to exit from.
 */
	.text
	.globl	_start
	.type	_start, @function
_start:
	xorl	%ebp, %ebp
	andq	$-16, %rsp
	call	cos_main
	ud2
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
