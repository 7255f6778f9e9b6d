// SPDX-License-Identifier: GPL-2.0
// The attacker of the fault test: each kind of attack must fault, and the fault must end only the
// invocation that made it. An attack that does not fault returns 0xBAD0 + kind.
#include <cos/component.hpp>

#include "module/uapi/cos.h"

COS_IMPORT(victim_secret_address);
COS_IMPORT(victim_code_address);

namespace {

enum class Attack_kind : cos_word {
	read_secret = 0,
	write_secret = 1,
	execute_victim = 2,
	wild_jump = 3,
	invalid_opcode = 4,
	host_read = 5,
	divide_by_zero = 6,
	host_read_mapped = 7,
	host_write_mapped = 8,
	host_write_via_module = 9,
};

// What attack returns when the attack did not fault.
constexpr cos_word survived(Attack_kind kind)
{
	return 0xbad0 + static_cast<cos_word>(kind);
}

// What attack returns for a kind it does not know.
constexpr cos_word unknown_kind = 0xbadbad;

// Inside the region but in a slot (37) that no graph of the tests fills.
constexpr cos_word wild_address = COS_REGION_BASE + 37 * COS_SLOT_SIZE + 0x1234;

// Below the region, where a host program's text usually lives: never mapped in a component's
// protection domain.
constexpr cos_word host_address = 0x400000;

// What the write attack would leave in the victim's secret.
constexpr cos_word written_value = 0xbad1bad1bad1bad1ULL;

} // namespace

// kind is the attack; for the attacks on memory the host does have (7 and 8), target is an
// address of it, which the test knows.
extern "C" cos_word attack(cos_word kind, cos_word target, cos_word, cos_word)
{
	switch (static_cast<Attack_kind>(kind)) {
	case Attack_kind::read_secret: {
		const auto *secret = reinterpret_cast<const volatile cos_word *>(victim_secret_address());
		static_cast<void>(*secret);
		return survived(Attack_kind::read_secret);
	}
	case Attack_kind::write_secret: {
		auto *secret = reinterpret_cast<volatile cos_word *>(victim_secret_address());
		*secret = written_value;
		return survived(Attack_kind::write_secret);
	}
	case Attack_kind::execute_victim: {
		// A plain call, not an invocation: it bypasses the capability.
		const auto victim_fn = reinterpret_cast<Cos_export_fn>(victim_code_address());
		victim_fn(0, 0, 0, 0);
		return survived(Attack_kind::execute_victim);
	}
	case Attack_kind::wild_jump: {
		const auto wild_fn = reinterpret_cast<Cos_export_fn>(wild_address);
		wild_fn(0, 0, 0, 0);
		return survived(Attack_kind::wild_jump);
	}
	case Attack_kind::invalid_opcode:
		asm volatile("ud2");
		return survived(Attack_kind::invalid_opcode);
	case Attack_kind::host_read: {
		const auto *host = reinterpret_cast<const volatile cos_word *>(host_address);
		static_cast<void>(*host);
		return survived(Attack_kind::host_read);
	}
	case Attack_kind::divide_by_zero: {
		cos_word divisor = 0;
		// Hides the divisor from the compiler, which would otherwise fold or drop the division.
		asm volatile("" : "+r"(divisor));
		cos_word low = 1;
		cos_word high = 0;
		asm volatile("divq %[divisor]" : "+a"(low), "+d"(high) : [divisor] "r"(divisor) : "cc");
		return survived(Attack_kind::divide_by_zero);
	}
	case Attack_kind::host_read_mapped: {
		const auto *host = reinterpret_cast<const volatile cos_word *>(target);
		static_cast<void>(*host);
		return survived(Attack_kind::host_read_mapped);
	}
	case Attack_kind::host_write_mapped: {
		auto *host = reinterpret_cast<volatile cos_word *>(target);
		*host = written_value;
		return survived(Attack_kind::host_write_mapped);
	}
	case Attack_kind::host_write_via_module: {
		// Asks the module to write its report over the host's memory: the kernel could.
		register cos_word rax asm("rax") = 16; // ioctl
		register cos_word rdi asm("rdi") = *reinterpret_cast<const volatile cos_word *>(
			COS_RUNTIME_PAGE + COS_RUNTIME_FD_OFFSET);
		register cos_word rsi asm("rsi") = COS_IOC_INFO;
		register cos_word rdx asm("rdx") = target;
		asm volatile("syscall" : "+r"(rax) : "r"(rdi), "r"(rsi), "r"(rdx) : "rcx", "r11", "memory");
		return rax;
	}
	}
	return unknown_kind;
}
COS_EXPORT(attack);
