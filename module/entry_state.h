/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The entry state: what the module's entry code (entry_code.S) needs to carry an invocation
 * without Linux, kept in kernel-only pages at COS_ENTRY_STATE in every domain of one system.
 * The C side (entry_state.c, host_frames.c, threads*.c) reaches the same pages through a kernel
 * mapping. The offsets are spelled out for the assembler; the C structures below must match them
 * (checked at build time in entry_state.c).
 *
 * Everything is indexed the way the entry code finds it fastest: components and capabilities by
 * the slot of the calling code (its instruction pointer says which), domains by their id, and
 * the running component thread by its record's address (ES_CURRENT), which is the same in every
 * domain.
 */
#ifndef COS_ENTRY_STATE_H
#define COS_ENTRY_STATE_H

#include "uapi/cos.h"

#define ES_CURRENT 0x00		/* the running thread's record, at its address in slot 0 */
#define ES_FD 0x08		/* the host's /dev/cos descriptor, for calls that need Linux */
#define ES_INVOCATIONS 0x10	/* carried across domains, by either path */
#define ES_FLUSH_KERNEL_PCID 0x18	/* PTI with PCID: a domain switch flushes both PCIDs */
#define ES_PENDING 0x20		/* the last fault the entry code caught, for COS_IOC_FAULT */
#define ES_SWITCHES 0xe0	/* thread switches, by either path */
#define ES_SCHED_SLOT 0xf0	/* the scheduler's slot, whose code alone may switch; ~0: none */
#define ES_EVENT_THREAD 0xf8	/* the scheduler's event thread's record, which never switches */
#define ES_PDS 0x100
#define ES_COMPONENTS (ES_PDS + COS_MAX_PDS * ES_PD_SIZE)
#define ES_CAPS 0x2000
#define ES_THREADS (ES_CAPS + COS_REGION_SLOTS * COS_MAX_CAPS * ES_CAP_SIZE)
#define ES_SIZE (ES_THREADS + COS_MAX_THREADS * ES_THREAD_SIZE)

/* pending: one fault */
#define ES_PENDING_VALID 0x00
#define ES_PENDING_VECTOR 0x08
#define ES_PENDING_ERROR 0x10
#define ES_PENDING_ADDRESS 0x18
#define ES_PENDING_IP 0x20
#define ES_PENDING_REGS 0x28	/* a user exception: every register, to resume it if resolved */
/* what a call preserves and where the code resumes first (struct cos_es_saved), then the rest */
#define ES_REG_IP 0x00
#define ES_REG_RSP 0x08
#define ES_REG_FLAGS 0x10
#define ES_REG_RBX 0x18
#define ES_REG_RBP 0x20
#define ES_REG_R12 0x28
#define ES_REG_R13 0x30
#define ES_REG_R14 0x38
#define ES_REG_R15 0x40
#define ES_REG_RAX 0x48
#define ES_REG_RCX 0x50
#define ES_REG_RDX 0x58
#define ES_REG_RSI 0x60
#define ES_REG_RDI 0x68
#define ES_REG_R8 0x70
#define ES_REG_R9 0x78
#define ES_REG_R10 0x80
#define ES_REG_R11 0x88

/* pds[id]: a protection domain */
#define ES_PD_SIZE 32
#define ES_PD_CR3 0x00		/* the tables user mode runs on (the user half under PTI) */
#define ES_PD_MEMBERS 0x08		/* bit i: slot i is mapped */
#define ES_PD_FRAMES 0x10		/* invocation frames running in it */
#define ES_PD_FLAGS 0x18
#define ES_PD_STALE 1			/* no component's: a return from it goes to the module */

/* components[slot] */
#define ES_COMP_SIZE 32
#define ES_COMP_SHIFT 5
#define ES_COMP_UPCALL 0x00
#define ES_COMP_STACK_TOP 0x08
#define ES_COMP_PD 0x10
#define ES_COMP_NCAPS 0x18

/* threads[t]: a component thread and its own invocation stack */
#define ES_THREAD_SIZE 0x2100
#define ES_THREAD_DEPTH 0x00		/* invocation frames in use; its first is where it started */
#define ES_THREAD_STATE 0x08		/* ES_THREAD_* */
#define ES_THREAD_STACK 0x10		/* t * COS_STACK_STRIDE: from thread 0's stacks to its own */
#define ES_THREAD_CTX 0x18		/* its registers while it does not run (ES_REG_* offsets) */
#define ES_THREAD_FRAMES 0x100
#define ES_THREAD_FREE 0
#define ES_THREAD_RUNNING 1
#define ES_THREAD_SWITCHED 2		/* left by COS_CALL_SWITCH: IP, SP, flags, callee-saved */
#define ES_THREAD_SAVED 3		/* every register saved (preempted, or switched by the module) */
#define ES_THREAD_NEW 4			/* starts at its function when first switched to */

/* frames[depth]: an invocation; the caller's registers to return to */
#define ES_FRAME_SIZE 128
#define ES_FRAME_IP 0x00
#define ES_FRAME_SP 0x08
#define ES_FRAME_FLAGS 0x10
#define ES_FRAME_RBX 0x18
#define ES_FRAME_RBP 0x20
#define ES_FRAME_R12 0x28
#define ES_FRAME_R13 0x30
#define ES_FRAME_R14 0x38
#define ES_FRAME_R15 0x40
#define ES_FRAME_COMPONENT 0x48	/* the slot of the component invoked */
#define ES_FRAME_PD 0x50		/* the domain it runs in */
#define ES_FRAME_CAP 0x58		/* client slot * COS_MAX_CAPS + capability number; ~0 for the first */

/* caps[slot * COS_MAX_CAPS + number] */
#define ES_CAP_SIZE 32
#define ES_CAP_SHIFT 5
#define ES_CAP_FN 0x00
#define ES_CAP_SERVER 0x08		/* the server's slot */
#define ES_CAP_INVOCATIONS 0x10

/* The user flags a return restores: the arithmetic ones, DF and AC; never TF, NT or IOPL. */
#define ES_USER_FLAGS 0x40cd5
#define ES_UPCALL_FLAGS 0x202	/* IF and the fixed bit */

#ifndef __ASSEMBLER__
#include <linux/types.h>

/*
 * What a call preserves and where the code resumes: all a frame keeps of its caller, and all a
 * thread that left by a switch of its own keeps (ES_FRAME_IP ... ES_FRAME_R15, ES_REG_IP ...
 * ES_REG_R15).
 */
struct cos_es_saved {
	u64 ip, sp, flags;
	u64 bx, bp, r12, r13, r14, r15;
};

/* The registers a call does not preserve (ES_REG_RAX ... ES_REG_R11). */
struct cos_es_scratch {
	u64 ax, cx, dx, si, di;
	u64 r8, r9, r10, r11;
};

/* A component's registers, in the order of the ES_REG_* offsets. */
struct cos_es_regs {
	struct cos_es_saved saved;
	struct cos_es_scratch scratch;
};

struct cos_es_pending {
	u64 valid;
	u64 vector;
	u64 error_code;
	u64 address;
	u64 ip;
	struct cos_es_regs regs;	/* exceptions only, not refused system calls; no ip */
};

struct cos_es_pd {
	u64 cr3;
	u64 members;
	u64 frames;
	u64 flags;
};

struct cos_es_component {
	u64 upcall_entry;
	u64 stack_top;
	u64 pd;
	u64 ncaps;
};

struct cos_es_frame {
	struct cos_es_saved saved;	/* the caller's */
	u64 component;
	u64 pd;
	u64 cap;
	u64 reserved[4];
};

struct cos_es_cap {
	u64 fn;
	u64 server;
	u64 invocations;
	u64 reserved;
};

struct cos_es_thread {
	u64 depth;
	u64 state;
	u64 stack;
	struct cos_es_regs ctx;
	u8 pad[ES_THREAD_FRAMES - ES_THREAD_CTX - sizeof(struct cos_es_regs)];
	struct cos_es_frame frames[COS_MAX_INVOCATION_DEPTH];
};

struct cos_entry_state {
	u64 running;		/* the address of threads[t] in slot 0, not in the kernel's mapping */
	u64 fd;
	u64 invocations;
	u64 flush_kernel_pcid;
	struct cos_es_pending pending;
	u8 pad0[ES_SWITCHES - ES_PENDING - sizeof(struct cos_es_pending)];
	u64 switches;
	u64 pad1;
	u64 sched_slot;
	u64 event_thread;	/* likewise an address in slot 0, or 0 */
	struct cos_es_pd pds[COS_MAX_PDS];
	struct cos_es_component components[COS_REGION_SLOTS];
	u8 pad2[ES_CAPS - ES_COMPONENTS - COS_REGION_SLOTS * ES_COMP_SIZE];
	struct cos_es_cap caps[COS_REGION_SLOTS * COS_MAX_CAPS];
	struct cos_es_thread threads[COS_MAX_THREADS];
};
#endif /* !__ASSEMBLER__ */

#endif /* COS_ENTRY_STATE_H */
