// SPDX-License-Identifier: GPL-2.0
// Attacks on memory: the module's kernel-only pages in slot 0 (entry code, IDT, entry state),
// the runtime page (read-only for user mode), and the component's own memory, where no page is
// both writable and executable.
#include "tests/components/attacker/attacker.hpp"

#include "module/uapi/cos.h"

namespace cosk::attacks {
namespace {

// A return instruction in each kind of data the component has: executing any of them must
// fault on the fetch (NX).
unsigned char data_code[16] = {0xc3, 0xc3, 0xc3, 0xc3};
unsigned char bss_code[16];
const unsigned char rodata_code[16] = {0xc3, 0xc3, 0xc3, 0xc3};

// The runtime page's fault entry starts with movabs $(COS_RUNTIME_PAGE + fd offset), %rdi.
constexpr cos_word movabs_rdi = 0xbf48;

cos_word read_word(cos_word address)
{
	return *reinterpret_cast<const volatile cos_word *>(address);
}

void write_word(cos_word address)
{
	*reinterpret_cast<volatile cos_word *>(address) = 0xbad1bad1bad1bad1ULL;
}

// Calls address, which a correct system never lets run.
void execute_at(cos_word address)
{
	asm volatile("call *%0"
		     :
		     : "r"(address)
		     : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "memory", "cc");
}

cos_word address_of(const void *p)
{
	return reinterpret_cast<cos_word>(p);
}

// Reads the runtime page: the descriptor number, and the fault entry's first instruction, which
// names the page itself. Both must read back as the module wrote them.
cos_word read_runtime_page()
{
	const cos_word fd = read_word(COS_RUNTIME_PAGE + COS_RUNTIME_FD_OFFSET);
	const cos_word entry = read_word(COS_RUNTIME_PAGE + COS_RUNTIME_FAULT_OFFSET);
	const cos_word immediate = read_word(COS_RUNTIME_PAGE + COS_RUNTIME_FAULT_OFFSET + 2);
	const bool right = fd < 0x10000 && (entry & 0xffff) == movabs_rdi &&
			   immediate == COS_RUNTIME_PAGE + COS_RUNTIME_FD_OFFSET;
	return right ? worked : survived(Attack::read_runtime_page);
}

} // namespace

cos_word memory_attack(Attack a)
{
	switch (a) {
	case Attack::read_entry_code: return read_word(COS_ENTRY_CODE);
	case Attack::write_entry_code: write_word(COS_ENTRY_CODE); break;
	case Attack::execute_entry_code: execute_at(COS_ENTRY_CODE); break;
	case Attack::read_idt: return read_word(COS_ENTRY_IDT);
	case Attack::write_idt: write_word(COS_ENTRY_IDT); break;
	case Attack::execute_idt: execute_at(COS_ENTRY_IDT); break;
	case Attack::read_entry_state: return read_word(COS_ENTRY_STATE);
	case Attack::write_entry_state: write_word(COS_ENTRY_STATE); break;
	case Attack::execute_entry_state: execute_at(COS_ENTRY_STATE); break;
	case Attack::read_runtime_page: return read_runtime_page();
	case Attack::write_runtime_page: write_word(COS_RUNTIME_PAGE); break;
	case Attack::call_fault_entry_without_a_fault:
		// Its report call finds no fault recorded; what follows it must still contain the
		// component.
		execute_at(COS_RUNTIME_PAGE + COS_RUNTIME_FAULT_OFFSET);
		break;
	case Attack::execute_data: execute_at(address_of(data_code)); break;
	case Attack::execute_bss: {
		auto *code = static_cast<volatile unsigned char *>(bss_code);
		code[0] = 0xc3;
		execute_at(address_of(bss_code));
		break;
	}
	case Attack::execute_rodata: execute_at(address_of(rodata_code)); break;
	case Attack::execute_stack: {
		volatile unsigned char code[16] = {0xc3};
		execute_at(address_of(const_cast<unsigned char *>(code)));
		break;
	}
	case Attack::write_text: {
		// The first byte of this very function becomes a breakpoint.
		auto *text = reinterpret_cast<volatile unsigned char *>(&memory_attack);
		*text = 0xcc;
		break;
	}
	case Attack::write_rodata:
		*const_cast<volatile unsigned char *>(rodata_code + 8) = 0xcc;
		break;
	default: break;
	}
	return survived(a);
}

} // namespace cosk::attacks
