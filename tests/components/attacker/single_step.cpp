// SPDX-License-Identifier: GPL-2.0
// The single-step flag (TF) and MOV SS around the instructions that enter the kernel. SYSCALL
// clears TF (Linux's SFMASK has it), SYSENTER does not, INT clears it through the gate; a MOV SS
// holds back the debug trap of its own instruction until after the next one (CVE-2018-8897 used
// that with a data breakpoint to land a #DB on the kernel's first instruction). Whatever the CPU
// does, the module must answer or contain the component, and the kernel must see nothing odd.
#include "tests/components/attacker/attacker.hpp"

#include "module/uapi/cos.h"

namespace cosk::attacks {
namespace {

constexpr cos_word flag_tf = 0x100;
constexpr cos_word sys_ioctl = 16;
constexpr cos_word sys_getppid = 110;
constexpr cos_word sys32_getpid = 20;

// Sets TF by POPF: the instruction after the POPF is the first to trap after it.
#define TF_ON "pushfq\n\torq $0x100, (%%rsp)\n\tpopfq\n\t"
// Reloads SS with what it holds: the next instruction's boundary holds back interrupts and the
// debug traps of the MOV itself. %ecx must hold SS (SAVE_SS).
#define SAVE_SS "movl %%ss, %%ecx\n\t"
#define MOV_SS "movl %%ecx, %%ss\n\t"

// The invocation of victim_get answered the known value and left TF clear: the module answered
// it, and the single-step flag ended with it.
cos_word invocation_verdict(Attack a, cos_word result, cos_word flags, cos_word known)
{
	return result == known && !(flags & flag_tf) ? worked : survived(a) ^ (result << 32);
}

// Invokes capability cap (COS_CALL_INVOKE, no arguments): with TF set right before the SYSCALL,
// after MOV SS, or both. Returns the result and the flags after the return.
#define INVOKE(prefix)                                                                          \
	register cos_word rax asm("rax") = COS_CALL_INVOKE;                                     \
	register cos_word rdx asm("rdx") = cap;                                                 \
	register cos_word r8 asm("r8") = 0;                                                     \
	register cos_word r9 asm("r9") = 0;                                                     \
	register cos_word r10 asm("r10") = 0;                                                   \
	register cos_word r12 asm("r12") = 0;                                                   \
	cos_word flags;                                                                         \
	asm volatile(prefix "syscall\n\tpushfq\n\tpopq %[flags]"                                \
		     : "+r"(rax), "+r"(rdx), [flags] "=r"(flags), "+r"(r8), "+r"(r9), "+r"(r10)  \
		     : "r"(r12)                                                                 \
		     : "rcx", "r11", "rdi", "rsi", "memory", "cc");                             \
	return invocation_verdict(a, rdx, flags, known)

cos_word single_step_into_invoke(Attack a, cos_word cap, cos_word known)
{
	INVOKE(TF_ON);
}

cos_word mov_ss_then_invoke(Attack a, cos_word cap, cos_word known)
{
	INVOKE(SAVE_SS MOV_SS);
}

cos_word mov_ss_single_step_into_invoke(Attack a, cos_word cap, cos_word known)
{
	INVOKE(SAVE_SS TF_ON MOV_SS);
}

// A Linux system call (getppid), which the module refuses.
cos_word refused_syscall(Attack a, bool mov_ss)
{
	register cos_word rax asm("rax") = sys_getppid;
	if (mov_ss)
		asm volatile(SAVE_SS TF_ON MOV_SS "syscall" : "+r"(rax) : : "rcx", "r11", "memory", "cc");
	else
		asm volatile(TF_ON "syscall" : "+r"(rax) : : "rcx", "r11", "memory", "cc");
	return survived(a) ^ (rax << 32);
}

// An ioctl on the host's /dev/cos, which goes on to Linux: the component kernel's call asking
// who invoked this export.
cos_word single_step_into_ioctl(Attack a)
{
	register cos_word rax asm("rax") = sys_ioctl;
	register cos_word rdi asm("rdi") =
		*reinterpret_cast<const volatile cos_word *>(COS_RUNTIME_PAGE + COS_RUNTIME_FD_OFFSET);
	register cos_word rsi asm("rsi") = COS_IO_NR(COS_IOC_CALL_CLIENT_NR);
	cos_word flags;
	asm volatile(TF_ON "syscall\n\tpushfq\n\tpopq %[flags]"
		     : "+r"(rax), [flags] "=r"(flags)
		     : "r"(rdi), "r"(rsi)
		     : "rcx", "r11", "memory", "cc");
	return survived(a) ^ (rax << 32) ^ (flags & flag_tf);
}

// int $0x80 and SYSENTER with TF set: getpid by the 32-bit numbering, refused.
cos_word single_step_into_int80(Attack a)
{
	register cos_word rax asm("rax") = sys32_getpid;
	asm volatile(TF_ON "int $0x80" : "+r"(rax) : : "memory", "cc");
	return survived(a) ^ (rax << 32);
}

cos_word single_step_into_sysenter(Attack a, bool mov_ss)
{
	register cos_word rax asm("rax") = sys32_getpid;
	if (mov_ss)
		asm volatile(SAVE_SS TF_ON MOV_SS "sysenter" : "+r"(rax) : : "rcx", "rdx", "memory", "cc");
	else
		asm volatile(TF_ON "sysenter" : "+r"(rax) : : "rcx", "rdx", "memory", "cc");
	return survived(a) ^ (rax << 32);
}

} // namespace

cos_word single_step_attack(Attack a, cos_word cap, cos_word known)
{
	switch (a) {
	case Attack::single_step:
		// The debug trap comes after the instruction that follows the POPF.
		asm volatile(TF_ON "nop\n\tnop" : : : "memory", "cc");
		break;
	case Attack::single_step_into_invoke: return single_step_into_invoke(a, cap, known);
	case Attack::single_step_into_refused_syscall: return refused_syscall(a, false);
	case Attack::single_step_into_ioctl: return single_step_into_ioctl(a);
	case Attack::single_step_into_int80: return single_step_into_int80(a);
	case Attack::single_step_into_sysenter: return single_step_into_sysenter(a, false);
	case Attack::mov_ss_then_invoke: return mov_ss_then_invoke(a, cap, known);
	case Attack::mov_ss_single_step_into_invoke: return mov_ss_single_step_into_invoke(a, cap, known);
	case Attack::mov_ss_single_step_into_refused_syscall: return refused_syscall(a, true);
	case Attack::mov_ss_single_step_into_sysenter: return single_step_into_sysenter(a, true);
	case Attack::pop_ss:
		// POP SS does not exist in 64-bit mode: its opcode is invalid there.
		asm volatile(".byte 0x17" : : : "memory");
		break;
	default: break;
	}
	return survived(a);
}

} // namespace cosk::attacks
