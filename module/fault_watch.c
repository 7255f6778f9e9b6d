// SPDX-License-Identifier: GPL-2.0
/*
 * Component faults at addresses of the host's own memory.
 *
 * A component's fault normally reaches the module as a signal (see fault_entry.S): Linux finds no
 * usable mapping of the host's there and signals the host, whose handler is the runtime page's
 * fault entry. At an address where the host does have memory, Linux finds the host's mapping
 * valid, takes the fault for a stale TLB entry and returns to the faulting instruction, again and
 * again: the domain, not the host's page tables, is what lacks the mapping. Until the module owns
 * the exception vectors, a software perf counter of the host thread's page faults sees each
 * fault first: for a user-mode fault outside the region it records the fault and sends the
 * thread to the fault entry instead, whatever Linux then makes of the fault.
 */
#include <linux/perf_event.h>
#include "cos.h"

static void cos_fault_watch_overflow(struct perf_event *event, struct perf_sample_data *data,
				     struct pt_regs *regs)
{
	struct cos_thread *t = event->overflow_handler_context;
	unsigned long addr = data->addr;

	if (t->task != current || !user_mode(regs) || t->pending.valid)
		return;
	if (addr - COS_REGION_BASE < COS_REGION_SLOTS * COS_SLOT_SIZE)
		return;	/* in the region: Linux signals the host, as for any other fault */
	t->pending.valid = true;
	t->pending.address = addr;
	t->pending.ip = regs->ip;
	regs->ip = COS_RUNTIME_PAGE + COS_RUNTIME_FAULT_OFFSET;
}

/*
 * Creating and freeing a task's software counter turns static keys on and off (the software
 * event's, and perf's context-switch hooks), which patches kernel text on every CPU. This counter,
 * never enabled, holds those keys on for as long as the module is loaded, so that runs do not.
 */
static struct perf_event *cos_fault_watch_keys;

static struct perf_event_attr cos_fault_watch_attr(bool disabled)
{
	struct perf_event_attr attr = {
		.type = PERF_TYPE_SOFTWARE,
		.size = sizeof(attr),
		.config = PERF_COUNT_SW_PAGE_FAULTS,
		.sample_period = 1,
		.disabled = disabled,
		.exclude_kernel = 1,
		.exclude_hv = 1,
		.pinned = 1,
	};

	return attr;
}

static void cos_fault_watch_ignore(struct perf_event *event, struct perf_sample_data *data,
				   struct pt_regs *regs)
{
}

/**
 * cos_fault_watch_init() - hold the perf static keys the watches need
 *
 * Return: 0 or the error of the counter's creation.
 */
int cos_fault_watch_init(void)
{
	struct perf_event_attr attr = cos_fault_watch_attr(true);

	cos_fault_watch_keys = perf_event_create_kernel_counter(&attr, -1, current,
								cos_fault_watch_ignore, NULL);
	if (IS_ERR(cos_fault_watch_keys))
		return PTR_ERR(cos_fault_watch_keys);
	return 0;
}

/**
 * cos_fault_watch_exit() - release the keys; mirrors cos_fault_watch_init()
 */
void cos_fault_watch_exit(void)
{
	perf_event_release_kernel(cos_fault_watch_keys);
}

/**
 * cos_fault_watch_start() - watch the calling host thread's page faults
 * @t: the host thread, which is current
 *
 * Return: 0 or the error of the perf counter's creation.
 */
int cos_fault_watch_start(struct cos_thread *t)
{
	struct perf_event_attr attr = cos_fault_watch_attr(false);
	struct perf_event *event;

	event = perf_event_create_kernel_counter(&attr, -1, current, cos_fault_watch_overflow, t);
	if (IS_ERR(event))
		return PTR_ERR(event);
	t->fault_watch = event;
	return 0;
}

/**
 * cos_fault_watch_stop() - stop watching; mirrors cos_fault_watch_start()
 * @t: the host thread
 */
void cos_fault_watch_stop(struct cos_thread *t)
{
	if (t->fault_watch)
		perf_event_release_kernel(t->fault_watch);
	t->fault_watch = NULL;
}
