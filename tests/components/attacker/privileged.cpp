// SPDX-License-Identifier: GPL-2.0
// Privileged instructions from component code, and the ways user mode could try to raise its
// privilege (jumps and returns to ring 0, a forged interrupt, IOPL): every one must trap in the CPU, in
// ring 3, and be contained; none may execute.
#include "tests/components/attacker/attacker.hpp"

#include "module/uapi/cos.h"

namespace cosk::attacks {
namespace {

// Linux's GDT (asm/segment.h): ring 0's code and stack selectors.
constexpr cos_word kernel_cs = 0x10;
constexpr cos_word kernel_ss = 0x18;
constexpr cos_word msr_lstar = 0xc0000082;
constexpr cos_word flags_iopl3 = 0x3000;

struct [[gnu::packed]] Descriptor_pointer {
	std::uint16_t limit;
	cos_word base;
};

cos_word descriptor_table_attack(Attack a)
{
	Descriptor_pointer table = {0xfff, COS_ENTRY_IDT};
	switch (a) {
	case Attack::lgdt: asm volatile("lgdt %0" : : "m"(table) : "memory"); break;
	case Attack::lidt: asm volatile("lidt %0" : : "m"(table) : "memory"); break;
	case Attack::sidt:
		// Not privileged without UMIP: it then tells where the IDT is, which is the
		// module's page at a fixed address, never Linux's (no kernel address leaks).
		asm volatile("sidt %0" : "=m"(table) : : "memory");
		return table.base;
	default: break;
	}
	return survived(a);
}

// A far jump to ring 0's code selector: the CPU refuses a non-conforming segment of another
// privilege level (#GP with the selector as error code).
cos_word far_jump_to_ring0(Attack a)
{
	struct [[gnu::packed]] {
		std::uint32_t offset;
		std::uint16_t selector;
	} target = {0, static_cast<std::uint16_t>(kernel_cs)};
	asm volatile("ljmpl *%0" : : "m"(target) : "memory");
	return survived(a);
}

// Returns to ring 0 by the two instructions that pop a code selector: the CPU refuses a selector
// whose RPL is below the current level (#GP with the selector as error code). Under emulation
// the return's stack reads may fault first (tests/guest/cases/attacks.sh).
cos_word return_to_ring0(Attack a)
{
	if (a == Attack::far_return_to_ring0) {
		asm volatile("pushq %[cs]\n\t"
			     "leaq 1f(%%rip), %%rax\n\t"
			     "pushq %%rax\n\t"
			     "lretq\n"
			     "1:"
			     :
			     : [cs] "i"(kernel_cs)
			     : "rax", "memory");
	} else {
		asm volatile("movq %%rsp, %%rax\n\t"
			     "pushq %[ss]\n\t"
			     "pushq %%rax\n\t"
			     "pushfq\n\t"
			     "pushq %[cs]\n\t"
			     "leaq 1f(%%rip), %%rax\n\t"
			     "pushq %%rax\n\t"
			     "iretq\n"
			     "1:"
			     :
			     : [cs] "i"(kernel_cs), [ss] "i"(kernel_ss)
			     : "rax", "memory", "cc");
	}
	return survived(a);
}

// IOPL 3 by POPF: at CPL 3 the CPU leaves IOPL alone, so CLI still traps.
cos_word popf_iopl_then_cli(Attack a)
{
	asm volatile("pushfq\n\t"
		     "orq %[iopl], (%%rsp)\n\t"
		     "popfq\n\t"
		     "cli"
		     :
		     : [iopl] "i"(flags_iopl3)
		     : "memory", "cc");
	return survived(a);
}

} // namespace

cos_word privileged_attack(Attack a)
{
	cos_word value = 0;
	switch (a) {
	case Attack::cli: asm volatile("cli"); break;
	case Attack::sti: asm volatile("sti"); break;
	case Attack::hlt: asm volatile("hlt"); break;
	case Attack::write_cr3: asm volatile("movq %0, %%cr3" : : "r"(value) : "memory"); break;
	case Attack::read_cr3: asm volatile("movq %%cr3, %0" : "=r"(value)); return value;
	case Attack::write_cr0: asm volatile("movq %0, %%cr0" : : "r"(value) : "memory"); break;
	case Attack::wrmsr_lstar:
		asm volatile("wrmsr" : : "c"(msr_lstar), "a"(0), "d"(0) : "memory");
		break;
	case Attack::rdmsr_lstar: {
		std::uint32_t low = 0, high = 0;
		asm volatile("rdmsr" : "=a"(low), "=d"(high) : "c"(msr_lstar));
		return static_cast<cos_word>(high) << 32 | low;
	}
	case Attack::lgdt:
	case Attack::lidt:
	case Attack::sidt: return descriptor_table_attack(a);
	case Attack::ltr: asm volatile("ltr %w0" : : "r"(0x40)); break;
	case Attack::lmsw: asm volatile("lmsw %w0" : : "r"(1)); break;
	case Attack::clts: asm volatile("clts"); break;
	case Attack::in_port: {
		std::uint8_t byte = 0;
		asm volatile("inb $0x80, %0" : "=a"(byte));
		return byte;
	}
	case Attack::out_port: asm volatile("outb %0, $0x80" : : "a"(std::uint8_t{0})); break;
	case Attack::invlpg: asm volatile("invlpg (%0)" : : "r"(COS_ENTRY_CODE) : "memory"); break;
	case Attack::wbinvd: asm volatile("wbinvd" : : : "memory"); break;
	case Attack::swapgs: asm volatile("swapgs" : : : "memory"); break;
	case Attack::sysret:
		// To this very place, had it worked: not from ring 3.
		asm volatile("leaq 1f(%%rip), %%rcx\n\t"
			     "pushfq\n\t"
			     "popq %%r11\n\t"
			     "sysretq\n"
			     "1:"
			     :
			     :
			     : "rcx", "r11", "memory");
		break;
	case Attack::sysexit: asm volatile("sysexit" : : "c"(0), "d"(0) : "memory"); break;
	case Attack::write_dr7: asm volatile("movq %0, %%dr7" : : "r"(value)); break;
	case Attack::read_dr7: asm volatile("movq %%dr7, %0" : "=r"(value)); return value;
	case Attack::rdpmc: {
		std::uint32_t low = 0, high = 0;
		asm volatile("rdpmc" : "=a"(low), "=d"(high) : "c"(0));
		return static_cast<cos_word>(high) << 32 | low;
	}
	case Attack::xsetbv: asm volatile("xsetbv" : : "c"(0), "a"(3), "d"(0)); break;
	case Attack::int_nmi: asm volatile("int $2" : : : "memory"); break;
	case Attack::load_kernel_ss: asm volatile("movl %0, %%ss" : : "r"(static_cast<std::uint32_t>(kernel_ss))); break;
	case Attack::far_jump_to_ring0: return far_jump_to_ring0(a);
	case Attack::far_return_to_ring0:
	case Attack::iret_to_ring0: return return_to_ring0(a);
	case Attack::popf_iopl_then_cli: return popf_iopl_then_cli(a);
	default: break;
	}
	return survived(a);
}

} // namespace cosk::attacks
