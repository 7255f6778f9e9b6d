// SPDX-License-Identifier: GPL-2.0
/*
 * Hijack: while a host thread runs component code on a CPU, that CPU's system-call entry points
 * (MSR_LSTAR, MSR_CSTAR, MSR_IA32_SYSENTER_EIP) and its interrupt descriptor table are the
 * module's; the rest of the time, Linux's. Installing and restoring is a handful of register
 * writes, done with interrupts off wherever the thread gains or gives up its CPU (host_cpu.c).
 *
 * The module's IDT is a copy of Linux's in which the vectors component code can raise point at
 * the entry code (entry_code.S); interrupts, NMI, machine check and double fault keep Linux's
 * gates, IST stacks included. Both pages exist once and are mapped, kernel-only, into every
 * domain of every system (slot 0, next to the runtime page), at addresses only the domains map:
 * the CPU must hold a domain's page tables from before the install until after the restore.
 */
#include <linux/mm.h>
#include <asm/desc.h>
#include <asm/msr.h>
#include "cos.h"

extern const u8 cos_entry_code[];
extern const u8 cos_entry_syscall[], cos_entry_syscall_compat[], cos_entry_sysenter[];

#define COS_VECTOR(v) extern const u8 cos_entry_vector_##v[]
COS_VECTOR(0); COS_VECTOR(1); COS_VECTOR(3); COS_VECTOR(4); COS_VECTOR(5); COS_VECTOR(6);
COS_VECTOR(7); COS_VECTOR(10); COS_VECTOR(11); COS_VECTOR(12); COS_VECTOR(13); COS_VECTOR(14);
COS_VECTOR(16); COS_VECTOR(17); COS_VECTOR(19); COS_VECTOR(0x80);
#undef COS_VECTOR

#define COS_TAKEN(v) { v, cos_entry_vector_##v }
static const struct {
	unsigned int vector;
	const u8 *stub;
} cos_taken_vectors[] = {
	COS_TAKEN(0), COS_TAKEN(1), COS_TAKEN(3), COS_TAKEN(4), COS_TAKEN(5), COS_TAKEN(6),
	COS_TAKEN(7), COS_TAKEN(10), COS_TAKEN(11), COS_TAKEN(12), COS_TAKEN(13), COS_TAKEN(14),
	COS_TAKEN(16), COS_TAKEN(17), COS_TAKEN(19), COS_TAKEN(0x80),
};
#undef COS_TAKEN

/* Where the entry code page keeps Linux's entry points (entry_code.S: ENTRY_DATA). */
#define COS_ENTRY_DATA 0xc00
#define COS_LINUX_LSTAR 0
#define COS_LINUX_VECTOR(v) (1 + (v))
#define COS_LINUX_INT80 (1 + 32)

static struct page *cos_code_page, *cos_idt_page;
static struct desc_ptr cos_linux_idt;
static u64 cos_linux_lstar, cos_linux_cstar, cos_linux_sysenter;

/* The address the entry code's label @at has once copied to COS_ENTRY_CODE. */
static unsigned long cos_entry_address(const u8 *at)
{
	return COS_ENTRY_CODE + (at - cos_entry_code);
}

static unsigned long cos_gate_target(const gate_desc *gate)
{
	return gate->offset_low | (unsigned long)gate->offset_middle << 16 |
	       (unsigned long)gate->offset_high << 32;
}

static void cos_gate_retarget(gate_desc *gate, unsigned long target)
{
	gate->offset_low = (u16)target;
	gate->offset_middle = (u16)(target >> 16);
	gate->offset_high = (u32)(target >> 32);
}

/**
 * cos_hijack_init() - build the entry code page and the IDT from this CPU's Linux ones
 *
 * Linux gives every CPU the same entry points and the same IDT, so one CPU's tell for all.
 *
 * Return: 0, or -ENOMEM.
 */
int cos_hijack_init(void)
{
	u64 *linux_entries;
	gate_desc *idt;
	unsigned int i;

	cos_code_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	cos_idt_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!cos_code_page || !cos_idt_page) {
		cos_hijack_exit();
		return -ENOMEM;
	}
	store_idt(&cos_linux_idt);
	rdmsrl(MSR_LSTAR, cos_linux_lstar);
	rdmsrl(MSR_CSTAR, cos_linux_cstar);
	rdmsrl(MSR_IA32_SYSENTER_EIP, cos_linux_sysenter);

	memcpy(page_address(cos_code_page), cos_entry_code, PAGE_SIZE);
	linux_entries = page_address(cos_code_page) + COS_ENTRY_DATA;
	linux_entries[COS_LINUX_LSTAR] = cos_linux_lstar;

	idt = page_address(cos_idt_page);
	memcpy(idt, (void *)cos_linux_idt.address, min_t(size_t, PAGE_SIZE, cos_linux_idt.size + 1));
	for (i = 0; i < ARRAY_SIZE(cos_taken_vectors); i++) {
		unsigned int v = cos_taken_vectors[i].vector;

		linux_entries[v < 32 ? COS_LINUX_VECTOR(v) : COS_LINUX_INT80] = cos_gate_target(&idt[v]);
		cos_gate_retarget(&idt[v], cos_entry_address(cos_taken_vectors[i].stub));
	}
	return 0;
}

/**
 * cos_hijack_exit() - free what cos_hijack_init() built; no CPU may be hijacked any more
 */
void cos_hijack_exit(void)
{
	if (cos_code_page)
		__free_page(cos_code_page);
	if (cos_idt_page)
		__free_page(cos_idt_page);
	cos_code_page = cos_idt_page = NULL;
}

/**
 * cos_hijack_map() - map the entry code and the IDT into a system's slot 0
 * @runtime: the system's slot-0 subtree
 *
 * Return: 0, or -ENOMEM / -EEXIST from the subtree.
 */
int cos_hijack_map(struct cos_subtree *runtime)
{
	int ret;

	ret = cos_subtree_map(runtime, COS_ENTRY_CODE, cos_code_page,
			      COS_PROT_READ | COS_PROT_EXEC | COS_PROT_KERNEL | COS_PROT_BORROWED);
	if (ret)
		return ret;
	return cos_subtree_map(runtime, COS_ENTRY_IDT, cos_idt_page,
			       COS_PROT_READ | COS_PROT_KERNEL | COS_PROT_BORROWED);
}

/**
 * cos_hijack_install() - this CPU's system calls and exceptions go to the entry code
 *
 * Interrupts off, and this CPU on a domain's page tables.
 */
void cos_hijack_install(void)
{
	struct desc_ptr idt = { .size = PAGE_SIZE - 1, .address = COS_ENTRY_IDT };

	lockdep_assert_irqs_disabled();
	load_idt(&idt);
	wrmsrl(MSR_LSTAR, cos_entry_address(cos_entry_syscall));
	wrmsrl(MSR_CSTAR, cos_entry_address(cos_entry_syscall_compat));
	wrmsrl(MSR_IA32_SYSENTER_EIP, cos_entry_address(cos_entry_sysenter));
}

/**
 * cos_hijack_restore() - give this CPU's entry points back to Linux
 *
 * Interrupts off; before the CPU leaves the domain's page tables. Harmless when not hijacked.
 */
void cos_hijack_restore(void)
{
	lockdep_assert_irqs_disabled();
	wrmsrl(MSR_LSTAR, cos_linux_lstar);
	wrmsrl(MSR_CSTAR, cos_linux_cstar);
	wrmsrl(MSR_IA32_SYSENTER_EIP, cos_linux_sysenter);
	load_idt(&cos_linux_idt);
}
