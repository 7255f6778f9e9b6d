// SPDX-License-Identifier: GPL-2.0
// The attacks of the attacker component, by number: the attacker carries them out, attack_main
// names them, tests/guest/cases/attacks.sh says what each must end in. One list, so that the
// three agree on the numbering.
#pragma once

// X(name): the attacks in the order of their numbers.
#define COS_ATTACKS(X)                                                                          \
	/* The module's pages in slot 0, kernel-only in every domain. */                        \
	X(read_entry_code) X(write_entry_code) X(execute_entry_code)                            \
	X(read_idt) X(write_idt) X(execute_idt)                                                 \
	X(read_entry_state) X(write_entry_state) X(execute_entry_state)                         \
	/* The runtime page: read-only for user mode; its fault entry without a fault. */       \
	X(read_runtime_page) X(write_runtime_page) X(call_fault_entry_without_a_fault)          \
	/* No page both writable and executable. */                                             \
	X(execute_data) X(execute_bss) X(execute_rodata) X(execute_stack)                       \
	X(write_text) X(write_rodata)                                                           \
	/* Privileged instructions. */                                                          \
	X(cli) X(sti) X(hlt) X(write_cr3) X(read_cr3) X(write_cr0) X(wrmsr_lstar) X(rdmsr_lstar) \
	X(lgdt) X(lidt) X(ltr) X(lmsw) X(clts) X(in_port) X(out_port) X(invlpg) X(wbinvd)       \
	X(swapgs) X(sysret) X(sysexit) X(write_dr7) X(read_dr7) X(rdpmc) X(xsetbv)              \
	X(int_nmi) X(load_kernel_ss) X(far_jump_to_ring0) X(far_return_to_ring0) X(iret_to_ring0) \
	X(popf_iopl_then_cli) X(sidt)                                                           \
	/* The single-step flag, MOV SS and SYSCALL. */                                         \
	X(single_step) X(single_step_into_invoke) X(single_step_into_refused_syscall)           \
	X(single_step_into_ioctl) X(single_step_into_int80) X(single_step_into_sysenter)        \
	X(mov_ss_then_invoke) X(mov_ss_single_step_into_invoke)                                 \
	X(mov_ss_single_step_into_refused_syscall) X(mov_ss_single_step_into_sysenter)          \
	X(pop_ss)                                                                               \
	/* 32-bit code. */                                                                      \
	X(far_jump_to_32_bit_syscall) X(far_jump_to_32_bit_int80)

namespace cosk::attacks {

enum class Attack : unsigned long {
#define COS_ATTACK_ENUM(name) name,
	COS_ATTACKS(COS_ATTACK_ENUM)
#undef COS_ATTACK_ENUM
	count
};

// What an attack that was meant to work returns when it did (reading the runtime page, an
// invocation with the single-step flag set): the test tells it from a leak by its value.
inline constexpr unsigned long worked = 0x600d;

// What the attacker's alive() answers.
inline constexpr unsigned long alive_answer = 0xa11fe;

} // namespace cosk::attacks
