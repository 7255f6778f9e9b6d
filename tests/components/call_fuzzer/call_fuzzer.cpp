// SPDX-License-Identifier: GPL-2.0
// The shooter of the kernel-call fuzz test (tests/guest/cases/call_fuzz.sh): each shot enters the
// kernel once, by SYSCALL, int $0x80 or SYSENTER, with registers drawn from the shot's number:
// the component kernel's own calls, its ioctls on the host's /dev/cos (component calls and the
// host's), Linux system calls, random numbers; arguments that are small, addresses in the region,
// kernel addresses or random; sometimes a wild stack pointer, the direction flag or the alignment
// check flag set. The module must answer or contain every one; a shot that returns gives back
// what %rax held.
//
// Built twice: call_fuzzer, an ordinary component, whose privileged calls are refused; and
// call_fuzzer_privileged (CALL_FUZZER_PRIVILEGED), the scheduler and the MPD policy both, whose
// thread creations, switches, timer set-ups, merges and splits with random arguments the module
// carries out.
#include <cos/component.hpp>

#include "module/uapi/cos.h"

#ifdef CALL_FUZZER_PRIVILEGED
COS_SCHEDULER();
COS_MPD_POLICY();
#endif

// The one capability this component holds (number 0): calls through it with random arguments
// must come back with the adder's answer or an error.
COS_IMPORT(add);

namespace {

// The registers of one shot, read by fire() below by name, RIP-relative, so that no register is
// needed to find them.
struct Shot {
	cos_word rax, rdi, rsi, rdx, r8, r9, r10, r12, r13, r14, r15, rbp, rbx, rsp, flags;
	cos_word door; // 0 SYSCALL, 1 int $0x80, 2 SYSENTER
};

// xorshift64*: a shot is a function of (seed, number) alone, so a failing one can be replayed.
struct Random {
	cos_word state;
	cos_word next()
	{
		state ^= state >> 12;
		state ^= state << 25;
		state ^= state >> 27;
		return state * 0x2545f4914f6cdd1dULL;
	}
	cos_word below(cos_word n) { return next() % n; }
};

constexpr cos_word sys_ioctl = 16;
constexpr cos_word kernel_address = 0xffffffff81000000ULL;
constexpr cos_word flag_df = 1UL << 10;
constexpr cos_word flag_ac = 1UL << 18;

cos_word fd()
{
	return *reinterpret_cast<const volatile cos_word *>(COS_RUNTIME_PAGE + COS_RUNTIME_FD_OFFSET);
}

cos_word argument(Random &r)
{
	switch (r.below(8)) {
	case 0: return 0;
	case 1: return r.below(8);
	case 2: return COS_REGION_BASE + r.below(COS_REGION_SLOTS) * COS_SLOT_SIZE + r.below(0x10000);
	case 3: return kernel_address + r.below(0x100000);
	case 4: return ~0ULL;
	case 5: return COS_THREAD_IDLE - r.below(4);
	default: return r.next();
	}
}

} // namespace

extern "C" cos_word shoot(cos_word seed, cos_word number, cos_word, cos_word);

namespace {

// An argument a privileged call may accept: a component id, a thread id, a function (this
// component's shoot(), which then fires a shot of its own from wherever it is called), a timer
// period or a sleep.
cos_word plausible(Random &r)
{
	switch (r.below(6)) {
	case 0: return r.below(6);
	case 1: return r.below(12);
	case 2: return reinterpret_cast<cos_word>(&shoot);
	case 3: return 100000 + r.below(10000000);
	case 4: return r.below(2000000);
	default: return argument(r);
	}
}

} // namespace

extern "C" {
Shot cos_fuzz_shot;
cos_word cos_fuzz_saved_rsp;
cos_word fire();
}

// Loads every register of the shot, the stack pointer last, enters the kernel by the shot's
// door, and whatever comes back, takes its own stack again and leaves the flags clean.
asm(R"(
	.text
	.type	fire, @function
fire:
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, cos_fuzz_saved_rsp(%rip)
	pushq	cos_fuzz_shot+112(%rip)
	popfq
	movq	cos_fuzz_shot+0(%rip), %rax
	movq	cos_fuzz_shot+8(%rip), %rdi
	movq	cos_fuzz_shot+16(%rip), %rsi
	movq	cos_fuzz_shot+24(%rip), %rdx
	movq	cos_fuzz_shot+32(%rip), %r8
	movq	cos_fuzz_shot+40(%rip), %r9
	movq	cos_fuzz_shot+48(%rip), %r10
	movq	cos_fuzz_shot+56(%rip), %r12
	movq	cos_fuzz_shot+64(%rip), %r13
	movq	cos_fuzz_shot+72(%rip), %r14
	movq	cos_fuzz_shot+80(%rip), %r15
	movq	cos_fuzz_shot+88(%rip), %rbp
	movq	cos_fuzz_shot+96(%rip), %rbx
	movq	cos_fuzz_shot+104(%rip), %rsp
	cmpq	$1, cos_fuzz_shot+120(%rip)
	je	1f
	ja	2f
	syscall
	jmp	3f
1:	int	$0x80
	jmp	3f
2:	sysenter
3:	movq	cos_fuzz_saved_rsp(%rip), %rsp
	pushq	$0x202
	popfq
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	ret
	.size	fire, . - fire
)");

extern "C" cos_word shoot(cos_word seed, cos_word number, cos_word, cos_word)
{
	Random r{(seed * 0x9e3779b97f4a7c15ULL) ^ (number + 1) ^ 0x5eed};
	for (int i = 0; i < 4; i++)
		r.next();
	Shot &s = cos_fuzz_shot;
	s.rdi = argument(r);
	s.rsi = argument(r);
	s.rdx = argument(r);
	s.r8 = argument(r);
	s.r9 = argument(r);
	s.r10 = argument(r);
	s.r12 = argument(r);
	s.r13 = argument(r);
	s.r14 = argument(r);
	s.r15 = argument(r);
	s.rbp = argument(r);
	s.rbx = argument(r);
	switch (r.below(10)) {
	case 0:
		s.rax = COS_CALL_INVOKE;
		// Mostly the capability it holds (with random arguments), else any number.
		s.rdx = r.below(2) ? 0 : argument(r);
		break;
	case 1: s.rax = COS_CALL_RETURN; break;
	case 2:
		s.rax = COS_CALL_SWITCH;
		s.rdx = plausible(r);
		break;
	case 3:
	case 4:
		// An ioctl on the host's /dev/cos: a component call, or any request of the module's.
		s.rax = sys_ioctl;
		s.rdi = r.below(8) ? fd() : argument(r);
		s.rsi = r.below(2) ? COS_IO_NR(COS_IOC_COMPONENT_CALL_FIRST_NR +
					     r.below(COS_IOC_COMPONENT_CALL_LAST_NR - COS_IOC_COMPONENT_CALL_FIRST_NR + 1))
				   : (r.below(2) ? COS_IO_NR(r.below(0x40)) : argument(r));
		s.rdx = plausible(r);
		s.r8 = plausible(r);
		s.r9 = plausible(r);
		break;
	case 5: s.rax = r.below(450); break; // a Linux system call
	case 6: s.rax = 0x434f5300 + r.below(16); break; // near the component kernel's own
	default: s.rax = argument(r); break;
	}
	// Mostly its own stack; sometimes none that is mapped, or the kernel's.
	s.rsp = 0;
	switch (r.below(16)) {
	case 0: s.rsp = argument(r); break;
	case 1: s.rsp = kernel_address; break;
	default: break;
	}
	s.flags = 0x202 | (r.below(8) == 0 ? flag_df : 0) | (r.below(8) == 0 ? flag_ac : 0);
	s.door = r.below(16) == 0 ? 1 + r.below(2) : 0;
	if (!s.rsp) {
		// Its own stack, below what fire() pushes, aligned as the ABI wants it.
		cos_word here;
		asm volatile("movq %%rsp, %0" : "=r"(here));
		s.rsp = (here - 256) & ~15ULL;
	}
	// Keeps add() linked in: the shots reach it only as capability 0.
	if (number == ~0ULL)
		return add(seed, number);
	return fire();
}
COS_EXPORT(shoot);
