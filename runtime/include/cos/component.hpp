// SPDX-License-Identifier: GPL-2.0
// What a component declares: the functions it exports and the interfaces it imports.
//
// The loader finds both in the image's symbol table, by name:
//   __cos_export_NAME   an exported function NAME (an alias of it);
//   __cos_import_NAME   the user-level capability (Cos_ucap) through which NAME is called;
//   __cos_upcall_entry  where the component kernel enters the component to run an export;
//   __cos_inv_stub      the stub that carries an invocation into the module (across PDs);
//   __cos_console, __cos_mpd, __cos_sched, __cos_no_preempt, __cos_nic
//                       the privileges the component asks for (below), which only the graph
//                       grants (docs/graph-format.md, "Privileges").
// __cos_upcall_entry and __cos_inv_stub come from runtime/component; an image without them is
// not a component.
#pragma once

#include <cstdint>

using cos_word = std::uint64_t;

// An exported function: up to four word arguments and a word result, all in registers.
using Cos_export_fn = cos_word (*)(cos_word, cos_word, cos_word, cos_word);

// One entry of the user-level capability table. `fn` is the callee's function itself when the
// caller and callee share a protection domain (a plain call), or __cos_inv_stub when they do not;
// the loader, and on merge and split the module, write it. `cap` names the kernel capability the
// stub presents to the module. `invocations` counts the calls made through this entry.
struct alignas(32) Cos_ucap {
	cos_word fn;
	cos_word cap;
	cos_word invocations;
	cos_word reserved;
};
static_assert(sizeof(Cos_ucap) == 32, "the module and the loader rely on this layout");

#define COS_CONCAT_(a, b) a##b
#define COS_CONCAT(a, b) COS_CONCAT_(a, b)
#define COS_STRING_(a) #a
#define COS_STRING(a) COS_STRING_(a)

// Exports `name`, which must be declared
//   extern "C" cos_word name(cos_word, cos_word, cos_word, cos_word);
#define COS_EXPORT(name)                                                                       \
	static_assert(static_cast<Cos_export_fn>(&name) != nullptr);                            \
	asm(".globl __cos_export_" #name "\n.set __cos_export_" #name ", " #name "\n")

// A privilege macro asks for a privilege; the graph must grant it (`grant NAME PRIVILEGE`), or
// `cos load` refuses the system, and the module refuses the calls it allows to a component not
// granted it.

// Asks to be the console (`console`): to write to the host's standard output (cos_console_write).
#define COS_CONSOLE() asm(".globl __cos_console\n.set __cos_console, 1\n")

// Asks to be an MPD policy (`mpd_policy`): to merge and split the system's protection domains and
// read the invocation counts that decide when (the mpd_* calls in kernel.hpp).
#define COS_MPD_POLICY() asm(".globl __cos_mpd\n.set __cos_mpd, 1\n")

// Asks to be the scheduler (`scheduler`): to create and switch component threads and get the
// component kernel's events (the sched_* and thread_* calls in kernel.hpp). Ticks never preempt it.
#define COS_SCHEDULER() asm(".globl __cos_sched\n.set __cos_sched, 1\n")

// Asks that timer ticks never preempt this component's code (`no_preempt`): they wait until the
// thread has left it. For the short critical sections of system components (locks, events); a
// component that loops here delays every preemption.
#define COS_NO_PREEMPT() asm(".globl __cos_no_preempt\n.set __cos_no_preempt, 1\n")

// Asks to own the system's network interface (`nic`): the module writes the frames of the Linux
// device the host attached (COS_IOC_NIC_ATTACH) into a receive ring in this component's memory,
// and it sends frames on that device (COS_IOC_CALL_NIC_SEND).
#define COS_NIC() asm(".globl __cos_nic\n.set __cos_nic, 1\n")

// Imports `name`: defines its user-level capability and an inline `name(a0, a1, a2, a3)` that
// calls through it. The callee sees only its four arguments; the address of the capability
// travels in %rax, where the stub finds it (a direct callee ignores it).
//
// Any number of a component's source files may import the same function: the capability is a
// COMDAT group of its own, named after the symbol, so the linker keeps exactly one 32-byte
// __cos_import_NAME in .cos_ucaps. The compiler cannot do this itself: it puts every variable of
// one named section in a translation unit into a single group, whose copies then clash between
// files that import different sets.
#define COS_IMPORT(name) COS_IMPORT_AS(name, name)

// Imports `name` but calls it `local` here: for a component that exports a function of the same
// name (a link of a chain that exports `step` and calls the next link's `step`).
#define COS_IMPORT_AS(local, name)                                                              \
	asm(COS_UCAP_DEFINITION(COS_CONCAT(__cos_import_, name)));                              \
	COS_UCAP_CALL(local, name, )

// For interface headers (components/GROUP/include): an inline `name(a0, a1, a2, a3)` whose first
// call in a source file defines the capability, so that a component imports just the functions
// of an interface it calls, and the interface's own component, which calls none, none. Declared
// in the interface's namespace, it stays clear of that component's export of the same name.
#define COS_IMPORT_ON_CALL(name)                                                                \
	COS_UCAP_CALL(name, name, asm volatile(COS_UCAP_DEFINITION(COS_CONCAT(__cos_import_, name)));)

#define COS_UCAP_CALL(local, name, define)                                                      \
	extern "C" [[gnu::visibility("hidden")]] Cos_ucap COS_CONCAT(__cos_import_, name);       \
	static inline cos_word local(cos_word a0 = 0, cos_word a1 = 0, cos_word a2 = 0, cos_word a3 = 0) \
	{                                                                                       \
		define return cos_invoke(&COS_CONCAT(__cos_import_, name), a0, a1, a2, a3);     \
	}

// The user-level capability `symbol`, zeroed (the loader fills it), in a COMDAT group of its own;
// once per source file, however many places ask (.ifndef: a symbol only referenced so far counts
// as not defined).
#define COS_UCAP_DEFINITION(symbol)                                                             \
	".ifndef " COS_STRING(symbol) "\n"                                                        \
	".pushsection .cos_ucaps,\"awG\",@progbits," COS_STRING(symbol) ",comdat\n"              \
	".balign 32\n"                                                                          \
	".globl " COS_STRING(symbol) "\n"                                                        \
	".hidden " COS_STRING(symbol) "\n"                                                       \
	".type " COS_STRING(symbol) ", @object\n"                                                \
	".size " COS_STRING(symbol) ", 32\n" COS_STRING(symbol) ":\n"                            \
	".zero 32\n"                                                                            \
	".popsection\n"                                                                         \
	".endif\n"

// Calls @fn as a user-level capability's target: %rax holds the capability's address, the
// arguments are in %rdi, %rsi, %rdx and %rcx. The callee may clobber every caller-saved register,
// as any C function may.
static inline cos_word cos_call_target(Cos_ucap *ucap, cos_word fn, cos_word a0, cos_word a1, cos_word a2,
				       cos_word a3)
{
	ucap->invocations++;
	register cos_word rdi asm("rdi") = a0;
	register cos_word rsi asm("rsi") = a1;
	register cos_word rdx asm("rdx") = a2;
	register cos_word rcx asm("rcx") = a3;
	register cos_word rax asm("rax") = reinterpret_cast<cos_word>(ucap);
	asm volatile("call *%[fn]"
		     : "+r"(rax), "+r"(rdi), "+r"(rsi), "+r"(rdx), "+r"(rcx)
		     : [fn] "r"(fn)
		     : "r8", "r9", "r10", "r11", "memory", "cc");
	return rax;
}

// Calls through a user-level capability: a plain call inside a domain, the component kernel's
// fast path across domains.
static inline cos_word cos_invoke(Cos_ucap *ucap, cos_word a0, cos_word a1, cos_word a2, cos_word a3)
{
	return cos_call_target(ucap, ucap->fn, a0, a1, a2, a3);
}

extern "C" void __cos_inv_stub_slow();

// Invokes the capability through Linux's system-call path (the slow path), whatever the domains:
// for measuring the fast path against it.
static inline cos_word cos_invoke_slow(Cos_ucap *ucap, cos_word a0, cos_word a1, cos_word a2, cos_word a3)
{
	return cos_call_target(ucap, reinterpret_cast<cos_word>(&__cos_inv_stub_slow), a0, a1, a2, a3);
}
