/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * The interface between cos.ko and user space: the ioctls of /dev/cos.
 *
 * This is the only header shared by the module and user space. Every structure has fixed-width
 * fields and explicit padding; every field a caller fills in is checked. A flag the module does
 * not know, or a reserved field that is not zero, makes the ioctl fail with EINVAL before anything
 * changes, so that later versions can give those bits a meaning without breaking old callers.
 */
#ifndef _UAPI_COS_H
#define _UAPI_COS_H

/*
 * The constants are usable from assembler too (the component runtime's stubs include this
 * header): there, the C parts are left out and the ioctl numbers are spelled out by COS_IO_NR().
 */
#ifdef __ASSEMBLER__
#define COS_U64(x) x
#else
#define COS_U64(x) x##ULL
#include <linux/ioctl.h>
#include <linux/types.h>
#endif

/*
 * The version of this interface. It grows whenever an ioctl changes meaning; user space refuses
 * to talk to a module whose version it does not know.
 */
#define COS_ABI_VERSION 7

/* The device node the module registers (a misc device, mode 0600). */
#define COS_DEVICE_NAME "cos"

/*
 * The ioctl type letter. Low command numbers of a common type collide with ioctls the VFS
 * answers itself (FIGETBSZ is 2), hence the project's own letter.
 */
#define COS_IOC_TYPE 0xC5

/* Bits of cos_info.features: what the module found on this CPU and kernel. */
#define COS_FEATURE_PTI (1U << 0)	/* page-table isolation is on */
#define COS_FEATURE_LA57 (1U << 1)	/* 5-level paging is active */
#define COS_FEATURE_PCID (1U << 2)	/* the CPU has PCID and the kernel uses it */
#define COS_FEATURE_SMEP (1U << 3)	/* supervisor-mode execution prevention is on */
#define COS_FEATURE_SMAP (1U << 4)	/* supervisor-mode access prevention is on */
#define COS_FEATURE_PKU (1U << 5)	/* protection keys for user pages are on */
#define COS_FEATURE_NX (1U << 6)	/* no-execute page protection is on */
#define COS_FEATURE_TESTING (1U << 7)	/* the module was built with its test hooks */

/* No request flags are defined yet: cos_info.request_flags must be zero. */
#define COS_INFO_REQUEST_VALID 0U

#ifndef __ASSEMBLER__
/**
 * struct cos_info - what the module reports about itself and the machine
 * @request_flags: in: must be zero (a mask of COS_INFO_REQUEST_VALID bits).
 * @abi_version: out: COS_ABI_VERSION of the loaded module.
 * @features: out: COS_FEATURE_* bits.
 * @paging_levels: out: 4 or 5, the depth of the page tables the kernel runs with.
 * @pages_in_use: out: pages the module currently owns, for leak checks.
 * @kernel_release: out: the running kernel's release string (utsname), NUL-terminated.
 * @reserved: in: must be zero; out: zero.
 */
struct cos_info {
	__u32 request_flags;
	__u32 abi_version;
	__u32 features;
	__u32 paging_levels;
	__u64 pages_in_use;
	char kernel_release[64];
	__u64 reserved[4];
};

/*
 * COS_IOC_INFO - report the ABI version and what the module sees of the CPU and kernel.
 *
 * The caller passes a struct cos_info whose request_flags and reserved fields are zero; the
 * module fills in the rest. Fails with EINVAL on a non-zero request flag or reserved field, and
 * with EFAULT when the structure cannot be read or written. Changes nothing.
 */
#define COS_IOC_INFO _IOWR(COS_IOC_TYPE, 0x01, struct cos_info)
#endif /* !__ASSEMBLER__ */

/*
 * The shared region: where components live in every host process's address space. Slot i covers
 * [COS_REGION_BASE + i * COS_SLOT_SIZE, + COS_SLOT_SIZE): one top-level page-table entry (512 GiB)
 * under 4-level paging, one entry of the level below the PML5 entry under 5-level paging. Slot 0
 * holds the runtime page the module maps into every protection domain; components own slots 1 to
 * COS_REGION_SLOTS - 1.
 */
#define COS_REGION_BASE COS_U64(0x0000200000000000)
#define COS_SLOT_SHIFT 39
#define COS_SLOT_SIZE (COS_U64(1) << COS_SLOT_SHIFT)
#define COS_REGION_SLOTS 64
#define COS_FIRST_COMPONENT_SLOT 1

/*
 * Inside a component's slot: the image starts at the slot's base. Every component thread has a
 * stack of its own in every component, on which the component kernel runs the component's
 * exports for that thread: thread t's ends COS_STACK_TOP_OFFSET + t * COS_STACK_STRIDE above the
 * base and is COS_STACK_SIZE long, with unmapped guard space below. The loader maps thread 0's;
 * the module maps the others' pages as they are first touched.
 */
#define COS_STACK_TOP_OFFSET (COS_U64(1) << 30)
#define COS_STACK_SIZE (COS_U64(64) << 10)
#define COS_STACK_STRIDE (COS_U64(128) << 10)
#define COS_MAX_IMAGE_SIZE (COS_U64(512) << 20)

/*
 * Where the loader puts memory a component shares (COS_IOC_SHARE) and the network interface's
 * receive ring (COS_IOC_NIC_ATTACH) in the component's slot: from COS_AREA_OFFSET above its base,
 * above every thread's stack.
 */
#define COS_AREA_OFFSET (COS_U64(2) << 30)

/*
 * The runtime page, mapped read-only at the base of slot 0 in every protection domain. It holds
 * the number of the host's /dev/cos file descriptor (a __u64 at COS_RUNTIME_FD_OFFSET), which
 * the runtime's stubs pass to the module, and the code that turns a component's fault into a
 * report to the module.
 */
#define COS_RUNTIME_PAGE COS_REGION_BASE
#define COS_RUNTIME_FD_OFFSET 0

/*
 * The runtime page's fault entry: the module sends component code there when it faults or makes
 * a system call that is not the component kernel's; it reports the fault (COS_IOC_FAULT), which
 * ends the faulting invocation. It uses no stack.
 */
#define COS_RUNTIME_FAULT_OFFSET 64

/*
 * The rest of slot 0 is the module's, mapped for the kernel only: the entry code that owns a CPU's
 * system-call and exception entry while it runs components (COS_ENTRY_CODE), its interrupt
 * descriptor table, and the system's entry state (capabilities, invocation frames), which that
 * code reads and writes without Linux.
 */
#define COS_ENTRY_CODE (COS_REGION_BASE + (COS_U64(2) << 20))
#define COS_ENTRY_IDT (COS_ENTRY_CODE + 0x1000)
#define COS_ENTRY_STATE (COS_ENTRY_CODE + 0x2000)

/*
 * The component kernel's own system calls (%rax), handled by the module's entry code without
 * Linux. Every other system call from component code is refused: the component faults, and the
 * report's vector is COS_FAULT_SYSCALL, its address the system call's number.
 *
 * COS_CALL_INVOKE - invoke capability number %rdx of the calling component, with the arguments in
 *	%r8, %r9, %r10 and %r12. The thread continues in the server; when the server returns, the
 *	client resumes after its system call with the result in %rdx and %rax, %rbx, %rbp, %rsp
 *	and %r12 to %r15 as it left them (every other register cleared). A fault anywhere in the
 *	invocation ends it: the client sees COS_INVOKE_FAULTED; a capability it does not hold,
 *	-EINVAL (-ELOOP when the invocation stack is full).
 * COS_CALL_RETURN - return %rdx from the export the component kernel entered the component for.
 *
 * The component kernel enters a component at its upcall entry with the export's address in %r8,
 * its arguments in %rdi, %rsi, %rdx and %r10, and %rsp at the top of the component's stack.
 */
#define COS_CALL_INVOKE 0x434f5301
#define COS_CALL_RETURN 0x434f5302
#define COS_FAULT_SYSCALL 256

/*
 * COS_CALL_SWITCH - the scheduler's thread switch (components created with COS_COMPONENT_SCHED
 *	only, never from its event handler): thread %rdx runs instead of the calling one, which
 *	resumes after its system call, with 0 in %rax, when the scheduler switches back to it.
 *	%rdx = COS_THREAD_IDLE: nothing is runnable; the host thread sleeps in Linux until the next
 *	tick, which the scheduler's event handler receives. Fails (in %rax, the caller going on) with
 *	-EPERM for any other caller and -EINVAL for a thread that does not exist or cannot run.
 */
#define COS_CALL_SWITCH 0x434f5303

/*
 * A user-level capability: four words (fn, cap, invocations, reserved), aligned to its size so
 * that it never straddles a page.
 */
#define COS_UCAP_SIZE 32

/* Limits the module enforces on one system (one open /dev/cos). */
#define COS_MAX_COMPONENTS (COS_REGION_SLOTS - COS_FIRST_COMPONENT_SLOT)
#define COS_MAX_CAPS 64		/* kernel capabilities per component */
#define COS_MAX_INVOCATION_DEPTH 64
#define COS_MAX_THREADS 32	/* component threads, the scheduler's event thread among them */
#define COS_THREAD_IDLE COS_U64(0xffffffffffffffff)	/* "no thread" to COS_CALL_SWITCH */
#define COS_NAME_SIZE 32	/* a component's name, NUL-terminated */

/*
 * Protection domains of one system, live and stale together. A live domain has a member; a stale
 * one (section 3.2 of the MPD paper) has an invocation frame running in it; so there are never
 * more than COS_MAX_COMPONENTS + COS_MAX_INVOCATION_DEPTH.
 */
#define COS_MAX_PDS 128

/* Page protections in cos_map.prot. */
#define COS_PROT_READ (1U << 0)
#define COS_PROT_WRITE (1U << 1)
#define COS_PROT_EXEC (1U << 2)
#define COS_PROT_VALID (COS_PROT_READ | COS_PROT_WRITE | COS_PROT_EXEC)

/* Flags of cos_component_create.flags. */
#define COS_COMPONENT_CONSOLE (1U << 0)	/* may write to the host's standard output */
#define COS_COMPONENT_MPD (1U << 1)	/* may merge and split domains (COS_IOC_CALL_MERGE ...) */
#define COS_COMPONENT_SCHED (1U << 2)	/* the scheduler: creates and switches threads, gets events */
#define COS_COMPONENT_NO_PREEMPT (1U << 3)	/* ticks wait while its code runs (system components) */
#define COS_COMPONENT_NIC (1U << 4)	/* owns the system's network interface (COS_IOC_NIC_ATTACH) */
#define COS_COMPONENT_VALID (COS_COMPONENT_CONSOLE | COS_COMPONENT_MPD | COS_COMPONENT_SCHED | \
			     COS_COMPONENT_NO_PREEMPT | COS_COMPONENT_NIC)

#ifndef __ASSEMBLER__
/**
 * struct cos_component_create - a new, empty component
 * @slot: in: the region slot it owns, COS_FIRST_COMPONENT_SLOT .. COS_REGION_SLOTS - 1.
 * @flags: in: COS_COMPONENT_* bits.
 * @upcall_entry: in: address in the slot where the module enters the component to run an export
 *	(the runtime's __cos_upcall_entry).
 * @inv_stub: in: address in the slot of the stub that carries an invocation into the module (the
 *	runtime's __cos_inv_stub); the module writes it into user-level capabilities across PDs.
 * @pd: in: the protection domain it starts in (from COS_IOC_PD_CREATE).
 * @id: out: the component's id.
 * @name: in: its name in the graph, NUL-terminated, for the tools that inspect a running system.
 * @number: in: the number its graph gives it (a `number` line), 0 for none, for the same tools:
 *	the module keeps it and reports it (struct cos_component_state), and nothing else.
 * @reserved0: in: must be zero.
 * @reserved: in: must be zero.
 */
struct cos_component_create {
	__u32 slot;
	__u32 flags;
	__u64 upcall_entry;
	__u64 inv_stub;
	__u32 pd;
	__u32 id;
	char name[COS_NAME_SIZE];
	__u32 number;
	__u32 reserved0;
	__u64 reserved[1];
};

/**
 * struct cos_map - memory for a component, with its initial contents
 * @component: in: the component's id.
 * @prot: in: COS_PROT_* bits; COS_PROT_READ is required, WRITE and EXEC never together.
 * @addr: in: page-aligned address inside the component's slot.
 * @size: in: page-aligned length; the range must not overlap memory already mapped.
 * @src: in: user address of the initial contents, or 0 for zeroes.
 * @src_size: in: bytes to copy from @src to @addr (at most @size); the rest is zero.
 * @reserved: in: must be zero.
 */
struct cos_map {
	__u32 component;
	__u32 prot;
	__u64 addr;
	__u64 size;
	__u64 src;
	__u64 src_size;
	__u64 reserved[2];
};

/**
 * struct cos_cap_create - a capability: @client may invoke @fn of @server
 * @client: in: the invoking component.
 * @server: in: the invoked component.
 * @fn: in: the function's address in @server's slot.
 * @ucap: in: address of the user-level capability (struct of four words: fn, cap, invocations,
 *	reserved) in @client's writable memory; the module fills in fn and cap, and keeps fn right.
 * @cap: out: the capability's number in @client's kernel capability table.
 * @reserved: in: must be zero.
 */
struct cos_cap_create {
	__u32 client;
	__u32 server;
	__u64 fn;
	__u64 ucap;
	__u32 cap;
	__u32 reserved0;
	__u64 reserved[2];
};

/**
 * struct cos_pd_create - a new, empty protection domain
 * @id: out: its id.
 * @reserved: in: must be zero.
 */
struct cos_pd_create {
	__u32 id;
	__u32 reserved0;
	__u64 reserved[2];
};

/* How a run ended, in cos_run.status. */
#define COS_RUN_RETURNED 0	/* the function returned; result holds its value */
#define COS_RUN_FAULTED 1	/* a component faulted; fault holds the report */
#define COS_RUN_STOPPED 2	/* COS_IOC_STOP ended it */

/**
 * struct cos_fault_report - what went wrong in a component
 * @component: the component the fault happened in (its id), or ~0 if none could be named.
 * @vector: the x86 exception vector (14 page fault, 13 general protection, 6 invalid opcode...).
 * @error_code: the exception's error code, where it has one.
 * @address: the faulting address (CR2) for a page fault, else 0.
 * @ip: the instruction pointer at the fault.
 */
struct cos_fault_report {
	__u32 component;
	__u32 vector;
	__u64 error_code;
	__u64 address;
	__u64 ip;
};

/**
 * struct cos_run - run a component's export on the calling thread
 * @component: in: the component.
 * @flags: in: must be zero.
 * @fn: in: the export's address in the component's slot.
 * @args: in: its four word arguments.
 * @result: out: its result, when @status is COS_RUN_RETURNED.
 * @status: out: COS_RUN_*.
 * @threads: out: the component threads that were alive when the run ended.
 * @fault: out: the first fault, when @status is COS_RUN_FAULTED.
 * @reserved: in: must be zero.
 */
struct cos_run {
	__u32 component;
	__u32 flags;
	__u64 fn;
	__u64 args[4];
	__u64 result;
	__u32 status;
	__u32 threads;
	struct cos_fault_report fault;
	__u64 reserved[2];
};

/**
 * struct cos_stats - counters of one system
 * @components: out: components created.
 * @pds: out: live protection domains (each holds at least one component).
 * @invocations: out: invocations across protection domains the module carried.
 * @faults: out: component faults contained.
 * @stale_pds: out: stale protection domains: no component's any more, kept while a thread runs
 *	in them.
 * @merges: out: merges done.
 * @splits: out: splits done; @splits_reused of them reused the domain in place.
 * @stale_repairs: out: faults of a thread in a stale domain that the module resolved by mapping
 *	a component merged in since (section 3.2 of the MPD paper), instead of a contained fault.
 * @reserve_pages: out: pages of freed domains the system keeps for the next domains merging and
 *	splitting make (at most 16 domains' worth); counted in cos_info.pages_in_use.
 * @threads: out: component threads alive (the scheduler's event thread among them).
 * @switches: out: thread switches the scheduler made.
 * @ticks: out: timer ticks delivered to the scheduler.
 * @preemptions: out: ticks (or interrupt lines) that preempted a thread running component code.
 * @nics: out: 1 when a network interface was attached (COS_IOC_NIC_ATTACH), else 0; the
 *	@nic_* counters count from the attach, and stay after the device went away.
 * @nic_rx_seen: out: frames the device received that were the system's: to its address, or
 *	broadcast or multicast.
 * @nic_rx_delivered: out: of those, frames written into the receive ring.
 * @nic_rx_full: out: of those, frames dropped because the ring was full.
 * @nic_rx_dropped: out: of those, frames dropped as malformed or longer than a ring slot holds.
 * @nic_tx_sent: out: frames COS_IOC_CALL_NIC_SEND handed to the device.
 * @nic_tx_failed: out: COS_IOC_CALL_NIC_SEND calls that failed (bad frame, no device, refused).
 * @interrupts: out: interrupt lines (COS_INTERRUPT_*) given to the scheduler with its events: one
 *	for each raising of a line that was not pending already (a burst of frames before the
 *	scheduler's next event is one).
 * @reserved: in: must be zero.
 */
struct cos_stats {
	__u64 components;
	__u64 pds;
	__u64 invocations;
	__u64 faults;
	__u64 stale_pds;
	__u64 merges;
	__u64 splits;
	__u64 splits_reused;
	__u64 stale_repairs;
	__u64 reserve_pages;
	__u64 threads;
	__u64 switches;
	__u64 ticks;
	__u64 preemptions;
	__u64 nics;
	__u64 nic_rx_seen;
	__u64 nic_rx_delivered;
	__u64 nic_rx_full;
	__u64 nic_rx_dropped;
	__u64 nic_tx_sent;
	__u64 nic_tx_failed;
	__u64 interrupts;
	__u64 reserved[2];
};

/*
 * COS_IOC_PD_CREATE - create an empty protection domain: a top-level page-table page (a pair
 * under PTI) that maps the kernel as the host's does and, in the user range, only the runtime
 * page and the slots of its member components.
 */
#define COS_IOC_PD_CREATE _IOWR(COS_IOC_TYPE, 0x10, struct cos_pd_create)

/*
 * COS_IOC_COMPONENT_CREATE - create a component owning one slot, as a member of a protection
 * domain. Fails with EBUSY if the slot is taken, EINVAL on a bad slot, flag, PD or address.
 */
#define COS_IOC_COMPONENT_CREATE _IOWR(COS_IOC_TYPE, 0x11, struct cos_component_create)

/*
 * COS_IOC_MAP - give a component memory: fresh zeroed pages owned by the module, mapped with the
 * given protection in the component's slot, with initial contents copied from the caller. Fails
 * with EEXIST when the range overlaps existing memory.
 */
#define COS_IOC_MAP _IOW(COS_IOC_TYPE, 0x12, struct cos_map)

/*
 * COS_IOC_CAP_CREATE - let one component invoke a function of another, and set up the
 * user-level capability the client calls through.
 */
#define COS_IOC_CAP_CREATE _IOWR(COS_IOC_TYPE, 0x13, struct cos_cap_create)

/*
 * COS_IOC_RUN - turn the calling thread into a host thread and run a component's export on it:
 * the call returns when that export returns, or when a fault ends it. The thread migrates through
 * every component the export invokes. One thread per system may run at a time (EBUSY otherwise).
 */
#define COS_IOC_RUN _IOWR(COS_IOC_TYPE, 0x14, struct cos_run)

/* COS_IOC_STATS - read a system's counters. */
#define COS_IOC_STATS _IOWR(COS_IOC_TYPE, 0x15, struct cos_stats)

/* How many of a system's latest fault reports the module keeps. */
#define COS_FAULT_LOG_SIZE 16

/**
 * struct cos_fault_log - the latest contained faults of a system
 * @total: out: faults since the system was made.
 * @reports: out: the last min(@total, COS_FAULT_LOG_SIZE) reports, oldest first.
 * @reserved: in: must be zero.
 */
struct cos_fault_log {
	__u64 total;
	struct cos_fault_report reports[COS_FAULT_LOG_SIZE];
	__u64 reserved[2];
};

/* COS_IOC_FAULTS - read a system's latest fault reports. */
#define COS_IOC_FAULTS _IOWR(COS_IOC_TYPE, 0x16, struct cos_fault_log)

/**
 * struct cos_immutable - a boundary that may never be removed
 * @a: in: a component.
 * @b: in: another component, in another protection domain than @a.
 * @reserved: in: must be zero.
 */
struct cos_immutable {
	__u32 a;
	__u32 b;
	__u64 reserved[2];
};

/*
 * COS_IOC_IMMUTABLE - a set-up ioctl: components @a and @b may never share a protection domain.
 * Fails with EINVAL on a bad id, or when the two already share one.
 */
#define COS_IOC_IMMUTABLE _IOW(COS_IOC_TYPE, 0x17, struct cos_immutable)

/* Flags of cos_mpd_op.flags. */
#define COS_SPLIT_FRESH (1U << 0)	/* split: build new domains even if the old could be reused */
#define COS_MPD_OP_VALID COS_SPLIT_FRESH

/**
 * struct cos_mpd_op - a merge or a split
 * @a: in: the component (split), or the first component (merge).
 * @b: in: merge: the second component; split: must be zero.
 * @flags: in: COS_SPLIT_* bits (split only).
 * @pd: out: the protection domain @a is in afterwards.
 * @reused: out: split: 1 when the old domain was reused in place, 0 when new ones were built.
 * @cost_ns: out: how long the operation took inside the module, from its first change to its
 *	last (the guest's clock: instructions under QEMU's -icount).
 * @reserved: in: must be zero.
 */
struct cos_mpd_op {
	__u32 a;
	__u32 b;
	__u32 flags;
	__u32 pd;
	__u32 reused;
	__u32 reserved0;
	__u64 cost_ns;
	__u64 reserved[2];
};

/*
 * COS_IOC_MERGE - join the protection domains of components @a and @b (section 3.1 of the MPD
 * paper). Nothing is allocated: the domain with more members gains the other's top-level
 * entries, every capability between the two groups becomes a direct call, and the other domain
 * is freed, or kept (stale) while threads still run in it. Works on a running system, from any
 * thread. Fails with EINVAL on a bad id, EALREADY when the two share a domain already, and EPERM
 * when a boundary between the two groups is immutable (COS_IOC_IMMUTABLE).
 *
 * COS_IOC_SPLIT - move component @a into a protection domain of its own. When no thread runs in
 * its domain, that domain is reused in place for the others (unless COS_SPLIT_FRESH); otherwise
 * two new domains are built and the old one is kept, stale, until the last thread leaves it.
 * Capabilities between @a and the others become invocations through the module. Fails with
 * EINVAL on a bad id, EALREADY when @a is alone already, ENOMEM, ENOSPC (no domain id free).
 */
#define COS_IOC_MERGE _IOWR(COS_IOC_TYPE, 0x18, struct cos_mpd_op)
#define COS_IOC_SPLIT _IOWR(COS_IOC_TYPE, 0x19, struct cos_mpd_op)

/**
 * struct cos_component_state - one component of a system, as COS_IOC_PDS reports it
 * @id: its id.
 * @slot: its region slot.
 * @pd: the live protection domain it is in.
 * @flags: its COS_COMPONENT_* flags.
 * @name: its name, NUL-terminated.
 * @number: the number it was created with (cos_component_create.number), 0 for none.
 * @reserved: zero.
 */
struct cos_component_state {
	__u32 id;
	__u32 slot;
	__u32 pd;
	__u32 flags;
	char name[COS_NAME_SIZE];
	__u32 number;
	__u32 reserved;
};

/* Flags of cos_pd_state.flags. */
#define COS_PD_STALE (1U << 0)

/**
 * struct cos_pd_state - one protection domain, as COS_IOC_PDS reports it
 * @id: its id.
 * @flags: COS_PD_* bits.
 * @members: bit i: region slot i is mapped (slot 0, the runtime's, always is).
 * @frames: invocation frames running in it now.
 */
struct cos_pd_state {
	__u32 id;
	__u32 flags;
	__u64 members;
	__u64 frames;
};

/**
 * struct cos_pd_list - the components and domains of a system
 * @ncomponents: out: entries of @components filled in.
 * @npds: out: entries of @pds filled in, live and stale domains by id.
 * @components: out: by id.
 * @pds: out.
 * @reserved: in: must be zero.
 */
struct cos_pd_list {
	__u32 ncomponents;
	__u32 npds;
	struct cos_component_state components[COS_MAX_COMPONENTS];
	struct cos_pd_state pds[COS_MAX_PDS];
	__u64 reserved[2];
};

/* COS_IOC_PDS - the components of a system and the domains they are in; changes nothing. */
#define COS_IOC_PDS _IOWR(COS_IOC_TYPE, 0x1a, struct cos_pd_list)

/**
 * struct cos_edge - one capability and the calls made through it
 * @client: the calling component's id.
 * @server: the called component's id.
 * @fn: the function's address in the server's slot.
 * @total: calls made through it since the system was built, counted by the client's user-level
 *	capability (direct calls and invocations alike).
 * @since: calls made since the previous COS_IOC_EDGES of the same reader.
 * @inter_pd: of @total, the invocations the module carried across domains.
 * @flags: how the client's user-level capability calls at the moment of the read:
 *	COS_EDGE_DIRECT (the server's function, a plain call: client and server share a domain) or
 *	COS_EDGE_STUB (the client's stub into the module); neither when the client overwrote it.
 * @reserved: written as zero.
 */
struct cos_edge {
	__u32 client;
	__u32 server;
	__u64 fn;
	__u64 total;
	__u64 since;
	__u64 inter_pd;
	__u32 flags;
	__u32 reserved;
};

#define COS_EDGE_DIRECT (1U << 0)
#define COS_EDGE_STUB (1U << 1)

/**
 * struct cos_edge_list - read the capabilities of a system and their counters
 * @edges: in: user address of an array of struct cos_edge.
 * @capacity: in: its length.
 * @count: out: capabilities in the system; min(@count, @capacity) entries are filled in.
 * @reserved: in: must be zero.
 */
struct cos_edge_list {
	__u64 edges;
	__u32 capacity;
	__u32 count;
	__u64 reserved[2];
};

/*
 * COS_IOC_EDGES - every capability of a system with its call counters. The @since counters run
 * from the previous COS_IOC_EDGES on the system by any tool (a policy component keeps counters of
 * its own).
 */
#define COS_IOC_EDGES _IOWR(COS_IOC_TYPE, 0x1b, struct cos_edge_list)

/**
 * struct cos_system_entry - one system that has components
 * @id: its id, for COS_IOC_ATTACH.
 * @host_pid: the process that built it (its thread-group id).
 * @components: components it holds.
 * @running: 1 while a thread runs its components.
 */
struct cos_system_entry {
	__u32 id;
	__u32 host_pid;
	__u32 components;
	__u32 running;
};

/**
 * struct cos_system_list - the systems the module holds
 * @systems: in: user address of an array of struct cos_system_entry.
 * @capacity: in: its length.
 * @count: out: systems with components; min(@count, @capacity) entries are filled in.
 * @reserved: in: must be zero.
 */
struct cos_system_list {
	__u64 systems;
	__u32 capacity;
	__u32 count;
	__u64 reserved[2];
};

/*
 * COS_IOC_STOP - end the system's run: the host thread leaves component code at the next moment
 * it can (now, if it is idle) and COS_IOC_RUN returns with COS_RUN_STOPPED. For a host's other
 * threads (its Ctrl-C handler) and attached files. Fails with ESRCH when nothing runs.
 */
#define COS_IOC_STOP _IO(COS_IOC_TYPE, 0x1e)

/* COS_IOC_SYSTEMS - list the systems that have components, by id; changes nothing. */
#define COS_IOC_SYSTEMS _IOWR(COS_IOC_TYPE, 0x1c, struct cos_system_list)

/**
 * struct cos_attach - control another system
 * @system: in: its id (COS_IOC_SYSTEMS).
 * @reserved: in: must be zero.
 */
struct cos_attach {
	__u32 system;
	__u32 reserved0;
	__u64 reserved[2];
};

/*
 * COS_IOC_ATTACH - from now on this open file inspects and controls the system @system instead of
 * its own: COS_IOC_MERGE, COS_IOC_SPLIT, COS_IOC_PDS, COS_IOC_EDGES, COS_IOC_STATS and
 * COS_IOC_FAULTS act on it; set-up and COS_IOC_RUN are refused (EPERM). The system stays
 * allocated while the file is open. Fails with ESRCH for an unknown system, EBUSY when the file
 * is attached already or has a system of its own.
 */
#define COS_IOC_ATTACH _IOW(COS_IOC_TYPE, 0x1d, struct cos_attach)

/*
 * A system's network interface: a Linux Ethernet device whose frames for the system reach one
 * component's memory through a receive ring, and which that component sends frames on
 * (COS_IOC_CALL_NIC_SEND).
 *
 * The receive ring lies in the component's slot, read-write, at the address COS_IOC_NIC_ATTACH
 * names: one page of header (struct cos_nic_ring), then @slots slots of COS_NIC_SLOT_SIZE bytes
 * (struct cos_nic_slot), slot i at COS_NIC_RING_SLOTS_OFFSET + i * COS_NIC_SLOT_SIZE. The module
 * is the only producer, the component the only consumer. Both indexes run freely (they wrap at
 * 2^32); frame n is in slot n % @slots. The module writes frame @producer into its slot, then
 * publishes @producer + 1 (a release store: the component reads @producer, then the slots below
 * it); the component, done with frame @consumer, stores @consumer + 1. While @producer -
 * @consumer == @slots the ring is full and new frames are dropped (cos_stats.nic_rx_full). The
 * module keeps its own copy of @producer: what the component writes there is overwritten.
 */
#define COS_NIC_NAME_SIZE 16		/* IFNAMSIZ */
#define COS_NIC_SLOT_SIZE 2048
#define COS_NIC_FRAME_MAX (COS_NIC_SLOT_SIZE - 8)	/* the longest frame a slot holds */
#define COS_NIC_RING_SLOTS_OFFSET 4096	/* the header's page */
#define COS_NIC_RING_MAX_SLOTS 1024	/* a ring is at most 4 KiB + 2 MiB */

/**
 * struct cos_nic_ring - the receive ring's header, at the ring's address
 * @producer: written by the module: frames written into the ring since the attach.
 * @slots: written by the module: the ring's slot count (as COS_IOC_NIC_ATTACH asked).
 * @reserved0: zero.
 * @consumer: written by the component: frames it is done with; starts at zero. A cache line
 *	away from @producer.
 * @reserved1: zero, unused.
 */
struct cos_nic_ring {
	__u32 producer;
	__u32 slots;
	__u32 reserved0[14];
	__u32 consumer;
	__u32 reserved1[15];
};

/**
 * struct cos_nic_slot - one slot of the receive ring: one whole Ethernet frame
 * @length: bytes of @frame: the frame from its destination address to the end of its payload
 *	(no frame check sequence), at most COS_NIC_FRAME_MAX.
 * @reserved: zero.
 * @frame: the frame.
 */
struct cos_nic_slot {
	__u32 length;
	__u32 reserved;
	__u8 frame[COS_NIC_FRAME_MAX];
};

/**
 * struct cos_nic_attach - give a component a Linux network device
 * @ifname: in: the device's name, NUL-terminated, in the caller's network namespace.
 * @component: in: the component that receives and sends; created with COS_COMPONENT_NIC.
 * @slots: in: the receive ring's slot count: a power of two, 1 .. COS_NIC_RING_MAX_SLOTS.
 * @ring: in: page-aligned address in the component's slot where the module maps the ring
 *	(COS_NIC_RING_SLOTS_OFFSET + @slots * COS_NIC_SLOT_SIZE bytes, rounded up to pages), which
 *	must not overlap memory already mapped.
 * @addr: in: the Ethernet address the system answers to: unicast, not all zeroes.
 * @reserved0: in: must be zero.
 * @flags: in: must be zero.
 * @reserved: in: must be zero.
 */
struct cos_nic_attach {
	char ifname[COS_NIC_NAME_SIZE];
	__u32 component;
	__u32 slots;
	__u64 ring;
	__u8 addr[6];
	__u16 reserved0;
	__u32 flags;
	__u64 reserved[2];
};

/*
 * COS_IOC_NIC_ATTACH - a set-up ioctl: attach the Ethernet device @ifname to the system. The
 * module maps fresh zeroed pages for the receive ring at @ring in @component's slot, read-write
 * (counted in cos_info.pages_in_use, freed with the system), asks the device to deliver frames
 * for @addr (a unicast address filter entry, or promiscuous mode), and takes its receive path as
 * macvlan does: a frame to @addr is written into the ring and not seen by Linux; a broadcast or
 * multicast frame is written into the ring and also goes on to Linux; every other frame goes on
 * to Linux untouched. One device per system. The device is let go when the system is freed, and
 * when it is unregistered (ip link del, its namespace going): the ring stays mapped, no frame
 * arrives any more, and COS_IOC_CALL_NIC_SEND fails with ENODEV.
 *
 * Fails with EINVAL for a bad field (a name without NUL, a bad slot count, address or range, a
 * multicast or zero @addr, an unknown component), EPERM when @component lacks COS_COMPONENT_NIC
 * or the caller lacks CAP_NET_ADMIN, ENODEV when no device has that name, EOPNOTSUPP when the
 * device is not Ethernet (lo), EEXIST when the range overlaps mapped memory, EBUSY when the
 * system has a device already or when the device's receive path is taken (a bridge port, a
 * macvlan's lower device, another system's), ENOMEM.
 */
#define COS_IOC_NIC_ATTACH _IOW(COS_IOC_TYPE, 0x1f, struct cos_nic_attach)

/*
 * Shared memory: pages the module allocates once, zeroed, and maps read-write into the slots of
 * several components of one system, each at an address of its own, so that they pass data by
 * reference (offsets into it) whether or not they share a protection domain: a share is mapped
 * under the components' own subtrees, which merges and splits never change. Only the components
 * it was mapped into can reach it. Freed with the system (counted in cos_info.pages_in_use).
 */
#define COS_SHARE_MAX_SIZE (COS_U64(64) << 20)

/**
 * struct cos_share - map a share into a component
 * @component: in: the component's id.
 * @share: in: 0 for a new share of @size bytes, or the id an earlier COS_IOC_SHARE of this system
 *	returned; out: the share's id (never 0).
 * @address: in: page-aligned address in the component's slot where the share goes; the range
 *	must not overlap memory already mapped.
 * @size: in: bytes: a multiple of the page size, 1 page .. COS_SHARE_MAX_SIZE; for an existing
 *	share, its size.
 * @flags: in: must be zero.
 * @reserved0: in: must be zero.
 * @reserved: in: must be zero.
 */
struct cos_share {
	__u32 component;
	__u32 share;
	__u64 address;
	__u64 size;
	__u32 flags;
	__u32 reserved0;
	__u64 reserved[2];
};

/*
 * COS_IOC_SHARE - a set-up ioctl: map a new share, or an existing one of this system, into a
 * component. Fails with EINVAL for a bad field (an unknown component or share, a size that is not
 * the share's, a range outside the slot), EEXIST when the range overlaps mapped memory, EBUSY when
 * the component maps this share already, ENOSPC beyond COS_MAX_SHARES shares, ENOMEM.
 */
#define COS_MAX_SHARES 32
#define COS_IOC_SHARE _IOWR(COS_IOC_TYPE, 0x40, struct cos_share)
#endif /* !__ASSEMBLER__ */

/*
 * Calls that component code makes, never the host: each is refused with EPERM unless the calling
 * thread is running component code of this system. They take their arguments in registers, as
 * the runtime's stubs pass them:
 *
 * COS_IOC_INVOKE - COS_CALL_INVOKE through Linux's system-call path (the slow path): capability
 *	number %rdx, the same registers, the same result.
 * COS_IOC_RETURN - COS_CALL_RETURN through Linux: return %rdx.
 * COS_IOC_CONSOLE - write %rdx bytes at %r8 to the host's standard output; components created
 *	with COS_COMPONENT_CONSOLE only.
 * COS_IOC_FAULT - report the fault the module's entry code recorded and end the invocation (the
 *	runtime page's fault entry issues it).
 *
 * The calls of a policy component, created with COS_COMPONENT_MPD (EPERM for any other), which
 * reshapes the protection domains of its own system as COS_IOC_MERGE and COS_IOC_SPLIT do:
 *
 * COS_IOC_CALL_SELF - the caller's own component id.
 * COS_IOC_CALL_MERGE - merge the domains of components %rdx and %r8; 0 or -errno as COS_IOC_MERGE.
 * COS_IOC_CALL_SPLIT - split component %rdx into a domain of its own; 0 or -errno as COS_IOC_SPLIT.
 * COS_IOC_CALL_PD_OF - the live domain component %rdx is in, or -EINVAL.
 * COS_IOC_CALL_EDGES - write up to %rdx struct cos_edge at %r8, which must lie in the caller's
 *	writable memory; returns the number of capabilities in the system, or -errno. The @since
 *	counters run from the policy's own previous read, independent of the tools'.
 *
 * The calls of the scheduler, created with COS_COMPONENT_SCHED (EPERM for any other):
 *
 * COS_IOC_CALL_SCHED_SETUP - the scheduler's event handler is its function %rdx, and the timer
 *	ticks every %r8 nanoseconds (at least 100000). The module calls the handler, on a thread of
 *	its own, as handler(kind, thread, arg) with kind one of COS_SCHED_EVENT_*, and runs the
 *	thread it returns (or idles the host thread on COS_THREAD_IDLE). Ticks never interrupt the
 *	handler, nor code of a COS_COMPONENT_NO_PREEMPT component: they wait until it has left.
 *	Returns the event thread's id, or -EBUSY when set up already.
 * COS_IOC_CALL_THREAD_CREATE - a new thread that will run function %r8 of component %rdx with
 *	argument %r9 when the scheduler first switches to it; returns its id, or -EINVAL, -ENOSPC.
 * COS_IOC_CALL_SWITCH - COS_CALL_SWITCH through Linux; the entry code hands it over when the
 *	thread to run was not left by a switch of its own (preempted, new, or COS_THREAD_IDLE).
 * COS_IOC_CALL_SCHED_IDLE - the next time nothing is runnable, the host thread may sleep %rdx
 *	nanoseconds (0: until the run is stopped) instead of one tick: the timer stops meanwhile, and
 *	the tick that ends the sleep counts every tick period it spanned.
 *
 * For any component:
 *
 * COS_IOC_CALL_TIME - the guest's monotonic clock, in nanoseconds.
 * COS_IOC_CALL_CLIENT - the id of the component that called the caller's current export, whose
 *	return address is in %rdx: the component whose capability the invocation that entered the
 *	caller used; or, for an export called directly inside a protection domain, the component
 *	of the caller's domain that the return address lies in. -EINVAL when the thread entered the
 *	caller directly, or the address lies in no other component of the caller's domain.
 *
 * The call of the component that owns the system's network interface, created with
 * COS_COMPONENT_NIC (EPERM for any other):
 *
 * COS_IOC_CALL_NIC_SEND - send the Ethernet frame of %r8 bytes at %rdx (from its destination
 *	address, without frame check sequence), which must lie in the memory of a component of the
 *	caller's domain, on the system's device. Returns 0 when the device took it, -ENODEV without
 *	a device (none attached, or it went away), -EINVAL for a length outside 14 (a header) ..
 *	the device's MTU + 14 (a frame shorter than 60 bytes goes out padded with zeros, as drivers
 *	pad it), -EFAULT for a frame outside the domain's memory, -ENETDOWN when the
 *	device is down, -ENOBUFS when it dropped the frame, -ENOMEM.
 */
#define COS_IOC_INVOKE_NR 0x20
#define COS_IOC_RETURN_NR 0x21
#define COS_IOC_CONSOLE_NR 0x22
#define COS_IOC_FAULT_NR 0x23
#define COS_IOC_CALL_SELF_NR 0x24
#define COS_IOC_CALL_MERGE_NR 0x25
#define COS_IOC_CALL_SPLIT_NR 0x26
#define COS_IOC_CALL_PD_OF_NR 0x27
#define COS_IOC_CALL_EDGES_NR 0x28
#define COS_IOC_CALL_SCHED_SETUP_NR 0x29
#define COS_IOC_CALL_THREAD_CREATE_NR 0x2a
#define COS_IOC_CALL_SWITCH_NR 0x2b
#define COS_IOC_CALL_TIME_NR 0x2c
#define COS_IOC_CALL_CLIENT_NR 0x2d
#define COS_IOC_CALL_SCHED_IDLE_NR 0x2e
#define COS_IOC_CALL_NIC_SEND_NR 0x2f
#define COS_IOC_COMPONENT_CALL_FIRST_NR COS_IOC_INVOKE_NR	/* every component call is in */
#define COS_IOC_COMPONENT_CALL_LAST_NR COS_IOC_CALL_NIC_SEND_NR	/* this range */

/*
 * The kinds of event the scheduler's handler receives: handler(kind, thread, arg, lines).
 *
 * COS_SCHED_EVENT_TICK: time passed or interrupts came. thread: the one preempted, or
 *	COS_THREAD_IDLE; arg: ticks since the last event (0 when only interrupts came); lines: the
 *	interrupt lines raised since the last event, bit n for line COS_INTERRUPT_* n.
 * COS_SCHED_EVENT_EXIT: thread: the one whose function returned; arg: its result; lines: 0.
 */
#define COS_SCHED_EVENT_TICK 1
#define COS_SCHED_EVENT_EXIT 2

/*
 * Interrupt lines: what the module raises for the scheduler, which wakes the thread waiting for
 * it. Raised at once: the host thread is woken from idling, or its running thread preempted (as a
 * tick does, and with the same exceptions: code of COS_COMPONENT_NO_PREEMPT components and the
 * scheduler's own wait until they have left, for the next tick at the latest).
 */
#define COS_INTERRUPT_NIC 0	/* frames arrived in the network interface's receive ring */

/* _IO(COS_IOC_TYPE, nr), spelled out for the assembler; equal to the C definitions below. */
#define COS_IO_NR(nr) ((COS_IOC_TYPE << 8) | (nr))

#ifndef __ASSEMBLER__
#define COS_IOC_INVOKE _IO(COS_IOC_TYPE, COS_IOC_INVOKE_NR)
#define COS_IOC_RETURN _IO(COS_IOC_TYPE, COS_IOC_RETURN_NR)
#define COS_IOC_CONSOLE _IO(COS_IOC_TYPE, COS_IOC_CONSOLE_NR)
#define COS_IOC_FAULT _IO(COS_IOC_TYPE, COS_IOC_FAULT_NR)
#define COS_IOC_CALL_SELF _IO(COS_IOC_TYPE, COS_IOC_CALL_SELF_NR)
#define COS_IOC_CALL_MERGE _IO(COS_IOC_TYPE, COS_IOC_CALL_MERGE_NR)
#define COS_IOC_CALL_SPLIT _IO(COS_IOC_TYPE, COS_IOC_CALL_SPLIT_NR)
#define COS_IOC_CALL_PD_OF _IO(COS_IOC_TYPE, COS_IOC_CALL_PD_OF_NR)
#define COS_IOC_CALL_EDGES _IO(COS_IOC_TYPE, COS_IOC_CALL_EDGES_NR)
#define COS_IOC_CALL_SCHED_SETUP _IO(COS_IOC_TYPE, COS_IOC_CALL_SCHED_SETUP_NR)
#define COS_IOC_CALL_THREAD_CREATE _IO(COS_IOC_TYPE, COS_IOC_CALL_THREAD_CREATE_NR)
#define COS_IOC_CALL_SWITCH _IO(COS_IOC_TYPE, COS_IOC_CALL_SWITCH_NR)
#define COS_IOC_CALL_TIME _IO(COS_IOC_TYPE, COS_IOC_CALL_TIME_NR)
#define COS_IOC_CALL_CLIENT _IO(COS_IOC_TYPE, COS_IOC_CALL_CLIENT_NR)
#define COS_IOC_CALL_SCHED_IDLE _IO(COS_IOC_TYPE, COS_IOC_CALL_SCHED_IDLE_NR)
#define COS_IOC_CALL_NIC_SEND _IO(COS_IOC_TYPE, COS_IOC_CALL_NIC_SEND_NR)
#endif

/* The result a client sees when the invocation it made ended in a fault (-EFAULT). */
#define COS_INVOKE_FAULTED COS_U64(0xfffffffffffffff2)

#endif /* _UAPI_COS_H */
