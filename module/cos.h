/* SPDX-License-Identifier: GPL-2.0 */
/* The objects of cos.ko and what its parts offer each other. */
#ifndef COS_H
#define COS_H

#include <linux/bitmap.h>
#include <linux/cpumask.h>
#include <linux/if_ether.h>
#include <linux/irq_work.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mmu_notifier.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/preempt.h>
#include <linux/types.h>
#include <linux/workqueue.h>
#include <asm/ptrace.h>
#include "uapi/cos.h"
#include "entry_state.h"

#undef pr_fmt
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

struct cos_system;
struct cos_host;
struct file;

/* subtree.c: the page tables below one slot's top-level entry, and the pages they map. */
struct cos_subtree {
	unsigned long base;	/* the slot's first address */
	struct page *pud;	/* the root: one PUD page */
};

/* Module-internal cos_subtree_map() protections, beyond the COS_PROT_* of the uapi. */
#define COS_PROT_KERNEL (1U << 30)	/* the kernel's only: no user access */
#define COS_PROT_BORROWED (1U << 31)	/* a page the subtree maps but does not own or free */

int cos_subtree_init(struct cos_subtree *tree, unsigned long base);
int cos_subtree_map(struct cos_subtree *tree, unsigned long addr, struct page *page, u32 prot);
struct page *cos_subtree_page(struct cos_subtree *tree, unsigned long addr);
unsigned long cos_subtree_entry(struct cos_subtree *tree);
void cos_subtree_destroy(struct cos_subtree *tree);

/*
 * pd.c: a protection domain: a top-level page-table page (a kernel/user pair under PTI) that maps
 * the kernel as the host's page tables do and, in the user range, only the slots of its members.
 * The system owns it (cos_system.pds[id]). A live domain holds components; a stale one (mpd.c)
 * holds none any more and lives until the last invocation frame running in it returns.
 */
/* quiet.c: a moment after which the host thread has certainly been outside the entry code. */
struct cos_quiet_stamp {
	s64 count;	/* the system's quiet points when it was taken */
	bool idle;	/* no CPU ran the system's component code then */
};

struct cos_pd {
	u32 id;
	bool stale;
	struct cos_quiet_stamp retired;	/* stale: when it went; freed once it passed (mpd.c) */
	s64 left_at;		/* stale: quiet points when the module last took a frame out, or -1 */
	unsigned int order;	/* of the top-level allocation: 1 (a pair) under PTI */
	struct page *top;	/* kernel half first */
	struct page *p4d;	/* 5-level paging: the level below PML5 entry 0, holding the slots */
	u64 members;		/* the region slots it maps */
	u64 reach;		/* stale: the slots its threads may come to call (mpd.c) */
};

/*
 * The pages of domains that merging and splitting freed, kept for the next domains they make: a
 * fresh page costs the allocator, and zeroing it (stock kernels zero every page they hand out),
 * several times what copying a domain's top level into it does. Up to 16 domains' worth per system.
 */
#define COS_PD_RESERVE 16
struct cos_pd_reserve {
	u32 count;
	struct {
		struct page *top;
		struct page *p4d;
	} pages[COS_PD_RESERVE];
};

struct cos_pd *cos_pd_create(u32 id);
struct cos_pd *cos_pd_clone(struct cos_pd_reserve *reserve, struct cos_pd *template, u32 id, u64 keep);
void cos_pd_recycle(struct cos_pd_reserve *reserve, struct cos_pd *pd);
u64 cos_pd_reserve_pages(struct cos_pd_reserve *reserve);
void cos_pd_reserve_drain(struct cos_pd_reserve *reserve);
void cos_pd_set_slot(struct cos_pd *pd, unsigned int slot, unsigned long entry);
bool cos_pd_maps(struct cos_pd *pd, unsigned int slot);
unsigned long cos_pd_cr3(struct cos_pd *pd);
bool cos_pd_host_overlaps(struct mm_struct *mm);
void cos_pd_mirror_host(struct cos_pd *pd, struct mm_struct *mm);

/*
 * A kernel capability: the right of one component to invoke one function of another. What the
 * entry code needs of it is copied into the entry state, which also counts its invocations.
 */
struct cos_cap {
	struct cos_component *server;
	unsigned long fn;	/* in the server's slot */
	unsigned long ucap;	/* the client's user-level capability */
	u64 *ucap_words;	/* the same, through the kernel's mapping of the client's page */
	u64 seen[2];		/* its call count at the tools' and the policy's last read */
};

/* component.c: a component: one slot of the region, its memory, its capabilities. */
struct cos_component {
	u32 id;
	u32 slot;
	u32 flags;		/* COS_COMPONENT_* */
	char name[COS_NAME_SIZE];
	u32 number;		/* its graph's, for the tools; 0: none */
	struct cos_subtree tree;
	struct cos_pd *pd;	/* the live domain it is a member of now */
	u64 immutable;		/* the slots of the components it may never share a domain with */
	unsigned long upcall_entry;
	unsigned long inv_stub;
	unsigned long stack_top;
	struct cos_cap caps[COS_MAX_CAPS];
	u32 ncaps;
};

bool cos_component_owns(struct cos_component *c, unsigned long addr);
void cos_component_destroy(struct cos_component *c);

/* capability.c */
void cos_cap_refresh(struct cos_component *client);
void cos_cap_through_module(struct cos_component *client, struct cos_component *server);

/*
 * mpd.c: mutable protection domains: merge, split, stale domains and their end. Called with the
 * system's lock held, on a running system or not, from any thread.
 */
enum cos_edge_reader { COS_EDGES_TOOLS, COS_EDGES_POLICY };

int cos_mpd_merge(struct cos_system *sys, struct cos_component *a, struct cos_component *b);
int cos_mpd_split(struct cos_system *sys, struct cos_component *c, bool fresh, bool *reused);
void cos_mpd_init(struct cos_system *sys);
void cos_mpd_reap(struct cos_system *sys, bool all);
bool cos_mpd_repair(struct cos_system *sys, struct cos_pd *pd, unsigned long addr);
void cos_mpd_leave(struct cos_system *sys, u32 id);
void cos_mpd_edge(struct cos_system *sys, struct cos_component *client, u32 n,
		  enum cos_edge_reader reader, struct cos_edge *edge);
u32 cos_mpd_edge_count(struct cos_system *sys);

/* quiet.c: the host thread's quiet points, after which what a table no longer leads to can go. */
void cos_quiet_init(struct cos_system *sys, work_func_t reap);
void cos_quiet_exit(struct cos_system *sys);
void cos_quiet_point(struct cos_system *sys);
struct cos_quiet_stamp cos_quiet_stamp(struct cos_system *sys);
bool cos_quiet_passed(struct cos_system *sys, struct cos_quiet_stamp stamp);
void cos_quiet_wait(struct cos_system *sys, bool flush);

/*
 * The handlers of the ioctl table (device.c): the system the row's scope names, the file, the
 * request and its argument.
 */
long cos_info_ioctl(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg);
long cos_system_list_ioctl(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg);
long cos_system_attach_ioctl(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg);
long cos_host_run(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg);
long cos_host_stop(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg);
long cos_control_merge_ioctl(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg);
long cos_control_split_ioctl(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg);
long cos_control_pds_ioctl(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg);
long cos_control_edges_ioctl(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg);
long cos_control_stats_ioctl(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg);
long cos_control_faults_ioctl(struct cos_system *sys, struct file *file, unsigned int cmd, void __user *uarg);

/* The set-up ioctls' requests, copied in by cos_system_setup(): one member per request. */
union cos_setup_request {
	struct cos_pd_create pd;
	struct cos_component_create component;
	struct cos_map map;
	struct cos_cap_create cap;
	struct cos_immutable immutable;
	struct cos_nic_attach nic;
	struct cos_share share;
};

long cos_system_setup(struct cos_system *sys, unsigned int cmd, void __user *uarg,
		      int (*setup)(struct cos_system *sys, union cos_setup_request *req));
int cos_system_pd_create(struct cos_system *sys, union cos_setup_request *req);
int cos_component_create(struct cos_system *sys, union cos_setup_request *req);
int cos_component_map(struct cos_system *sys, union cos_setup_request *req);
int cos_component_immutable(struct cos_system *sys, union cos_setup_request *req);
int cos_cap_create(struct cos_system *sys, union cos_setup_request *req);
int cos_nic_attach(struct cos_system *sys, union cos_setup_request *req);
int cos_share_map(struct cos_system *sys, union cos_setup_request *req);

/* share.c: memory several components map (COS_IOC_SHARE); the system's until it is freed. */
struct cos_shared;
void cos_share_release(struct cos_system *sys);

/*
 * interrupt.c: the system's interrupt lines (COS_INTERRUPT_*), raised from any context by what
 * the module runs for the system (the network interface's rx_handler) and given to its scheduler.
 */
void cos_interrupt_raise(struct cos_system *sys, unsigned int line);

/*
 * nic.c, nic_ring.c: the system's network interface: a Linux Ethernet device whose receive path
 * the module takes as macvlan does (an rx_handler), a receive ring in a component's memory, and
 * sends. The rx_handler runs in softirq on any CPU, under RCU: it reaches this through the
 * device's rx_handler_data, and what it touches is freed only after netdev_rx_handler_unregister()
 * and a grace period (synchronize_net()).
 */
struct cos_nic {
	struct cos_system *sys;	/* its system, which frees it after the components, before itself */
	spinlock_t lock;	/* the ring's producer side; @dev's changes (a BH lock) */
	struct net_device *dev;	/* held while attached, @addr in its unicast filter; NULL once let go */
	u8 addr[ETH_ALEN];	/* the system's address */
	u32 slots;
	u32 producer;		/* the module's own copy of the ring's producer index */
	struct page **pages;	/* the ring's: the header page, then the slots' */
	u32 npages;
	atomic64_t rx_seen, rx_delivered, rx_full, rx_dropped, tx_sent, tx_failed;
};

int cos_nic_init(void);
void cos_nic_exit(void);
void cos_nic_release(struct cos_system *sys);
void cos_nic_stats(struct cos_system *sys, struct cos_stats *stats);
struct cos_nic *cos_nic_ring_create(u32 slots);
int cos_nic_ring_map(struct cos_nic *nic, struct cos_component *c, unsigned long addr);
void cos_nic_ring_free(struct cos_nic *nic);
rx_handler_result_t cos_nic_ring_rx(struct sk_buff **pskb);

/* calls.c: the component calls, by their own table (component code on the host thread only). */
bool cos_calls_match(unsigned int cmd);
long cos_calls_dispatch(struct cos_system *sys, unsigned int cmd);

/* hijack.c: a CPU's system-call and exception entry, taken while it runs components. */
int cos_hijack_init(void);
void cos_hijack_exit(void);
int cos_hijack_map(struct cos_subtree *runtime);
void cos_hijack_install(void);
void cos_hijack_restore(void);

/* entry_state.c: what the entry code reads and writes, in slot 0 of every domain. */
int cos_entry_state_create(struct cos_system *sys);
void cos_entry_state_destroy(struct cos_system *sys);
void cos_entry_state_load(struct cos_system *sys, int fd, struct cos_component *first);
void cos_entry_state_publish_pd(struct cos_system *sys, struct cos_pd *pd);
void cos_entry_state_publish_component(struct cos_system *sys, struct cos_component *c);
void cos_entry_state_clear_pd(struct cos_system *sys, u32 id);
u64 cos_es_thread_address(u32 t);
u32 cos_es_thread_id(u64 address);

/* host.c: host threads (host.h has what the host thread's files share). */
bool cos_host_hosting(struct cos_system *sys);
int cos_host_init(void);
void cos_host_exit(void);
u32 cos_host_threads(struct cos_system *sys);

/*
 * system.c: everything one open /dev/cos holds: the components, domains and host thread. Other
 * files may attach to it (COS_IOC_ATTACH) to inspect and reshape it while it runs.
 */
struct cos_system {
	struct kref ref;	/* the open file, attached files, the running host thread */
	/*
	 * Serialises set-up, merges and splits, and the host thread's slow paths that read the
	 * domains; never held by the entry code, which mpd.c keeps in step by other means.
	 */
	struct mutex lock;
	u32 id;
	pid_t host_pid;
	struct list_head node;		/* in the module's list of systems */
	struct cos_system *target;	/* the system this file controls instead of its own */
	struct cos_subtree runtime;	/* slot 0: the runtime page */
	struct page *runtime_page;
	struct cos_pd *pds[COS_MAX_PDS];	/* by id; NULL where free */
	DECLARE_BITMAP(stale_pds, COS_MAX_PDS);	/* the ids of the stale ones (mpd.c) */
	atomic64_t quiet;		/* the host thread's quiet points (quiet.c) */
	call_single_data_t quiet_kick;	/* asks the CPU running component code for one */
	atomic_t quiet_kick_pending;	/* while that request has not reached the CPU */
	atomic_t quiet_kicks_running;	/* requests whose function has not ended */
	struct work_struct reap_work;	/* frees stale domains once one passed (mpd.c) */
	struct cos_pd_reserve pd_reserve;
	struct cos_component *components[COS_MAX_COMPONENTS];	/* by id */
	struct cos_component *by_slot[COS_REGION_SLOTS];
	u32 ncomponents;
	struct cos_entry_state *es;	/* entry_state.c: the kernel's view of it */
	struct cos_host *running;	/* the host thread running component code, if any */
	struct cpumask hosting;		/* the CPUs whose entry points the host thread holds now */
	u64 faults;
	struct cos_fault_report fault_log[COS_FAULT_LOG_SIZE];	/* faults % size is the next */
	u64 merges, splits, splits_reused, stale_repairs;
	u64 ticks, preemptions;		/* given to the scheduler (threads.c) */
	u64 interrupts;			/* interrupt lines given to the scheduler (threads_run.c) */
	struct cos_nic *nic;		/* nic.c: its network interface, once attached */
	struct cos_shared *shares[COS_MAX_SHARES];	/* share.c: share id n is shares[n - 1] */
	u32 nshares;
};

struct cos_system *cos_system_create(void);
void cos_system_put(struct cos_system *sys);
int cos_system_new_pd_id(struct cos_system *sys);
struct cos_pd *cos_system_pd(struct cos_system *sys, u32 id);
struct cos_component *cos_system_component(struct cos_system *sys, u32 id);
struct cos_component *cos_system_component_at(struct cos_system *sys, unsigned long addr);

/* machine.c: what the CPU and kernel offer, and whether the module can work on them. */
int cos_machine_check(void);
u32 cos_machine_features(void);
unsigned int cos_machine_paging_levels(void);

/* device.c: /dev/cos and its ioctl table. */
int cos_device_init(void);
void cos_device_exit(void);

/* pages.c: every page the module owns, counted. */
struct page *cos_pages_alloc(unsigned int order);
struct page *cos_pages_copy(struct page *src, unsigned int order);
void cos_pages_free(struct page *page, unsigned int order);
u64 cos_pages_in_use(void);

/* The first address of a region slot. */
static inline unsigned long cos_slot_base(unsigned int slot)
{
	return COS_REGION_BASE + (unsigned long)slot * COS_SLOT_SIZE;
}

#ifdef COS_TESTING
/* test_hooks.c: faults a test build injects on purpose to prove the test harness. */
void cos_test_hooks_run(void);
#else
static inline void cos_test_hooks_run(void)
{
}
#endif

#endif /* COS_H */
