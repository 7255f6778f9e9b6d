// SPDX-License-Identifier: GPL-2.0
// The calls a component makes to the component kernel itself (not capability invocations): the
// raw calls of runtime/component/entry.S, which answer a word or a negative errno, and the typed
// ones in cosk::kernel that components call instead, which answer through Attempt.
#pragma once

#include <linux/errno.h>

#include <cos/component.hpp>
#include <cos/reply.hpp>

// For struct cos_edge, which the module writes as it is.
#include "module/uapi/cos.h"

// Writes len bytes at buf to the host's standard output. Only the component the graph makes the
// console (the printer) may; for others the result is -EPERM (as a word).
extern "C" cos_word cos_console_write(const char *buf, cos_word len);

// The MPD policy's calls (module/uapi/cos.h, COS_IOC_CALL_*): only a component the graph grants
// `mpd_policy` may make them; for others each returns -EPERM. Component arguments are the
// module's component ids (cos_mpd_self() gives the policy's own, cos_mpd_edges() every edge's).
// A result is the module's answer as a word: negative errno values mean failure.

// The calling component's own id.
extern "C" cos_word cos_mpd_self();
// Joins the protection domains of components a and b: 0, or -EALREADY, -EPERM (an immutable
// boundary between them), -EINVAL.
extern "C" cos_word cos_mpd_merge(cos_word a, cos_word b);
// Moves component c into a protection domain of its own: 0, or -EALREADY, -ENOMEM, -ENOSPC,
// -EINVAL.
extern "C" cos_word cos_mpd_split(cos_word c);
// The live protection domain component c is in, or -EINVAL.
extern "C" cos_word cos_mpd_pd_of(cos_word c);
// Writes up to capacity edges at buffer, which must be the caller's writable memory, and returns
// how many capabilities the system has (more than capacity: some were left out). The `since`
// counters run from the policy's own previous call.
extern "C" cos_word cos_mpd_edges(cos_edge *buffer, cos_word capacity);

// The component kernel's clock: the guest's monotonic time in nanoseconds (instructions under
// QEMU's -icount). A call through Linux: for measuring, not for hot paths.
extern "C" cos_word cos_time_ns();

// The id of the component that called the caller's current export (its client), or -EINVAL when
// the thread entered the caller directly. return_address: where the export returns to, which
// COS_RETURN_ADDRESS() reads in the export itself: the module needs it when the call came from
// inside the caller's own protection domain, where no invocation recorded the client.
extern "C" cos_word cos_client(const void *return_address);

// In an export, before anything else it calls: where it returns to (cosk::kernel::client()).
#define COS_RETURN_ADDRESS() __builtin_extract_return_addr(__builtin_return_address(0))

// The scheduler's calls (granted `scheduler` only; -EPERM for others), see module/uapi/cos.h:
//
// cos_sched_setup(handler, period_ns): the component kernel calls handler(kind, thread, arg) on
// a thread of its own for every event (COS_SCHED_EVENT_*) and runs the thread it returns (or
// idles on COS_THREAD_IDLE); the timer ticks every period_ns. Returns the event thread's id.
extern "C" cos_word cos_sched_setup(Cos_export_fn handler, cos_word period_ns);
// cos_thread_create(component, fn, arg): a thread that runs fn(arg) in component (an id) when
// first switched to. Returns its id, or -EINVAL, -ENOSPC.
extern "C" cos_word cos_thread_create(cos_word component, cos_word fn, cos_word arg);
// cos_sched_idle(ns): the next time nothing is runnable, the host thread may sleep ns (0: until
// the run stops) rather than wake at every tick; the tick that ends the sleep counts them all.
extern "C" cos_word cos_sched_idle(cos_word ns);
// cos_switch(thread): run thread instead of the caller, which resumes (returning 0) when switched
// back to; COS_THREAD_IDLE when nothing is runnable. -EINVAL at once for a thread that cannot
// run, or from the event handler.
extern "C" cos_word cos_switch(cos_word thread);

// cos_nic_send(frame, length): sends the Ethernet frame of length bytes at frame on the system's
// device (granted `nic` only; -EPERM for others). 0, or -ENODEV, -EINVAL, -EFAULT, -ENETDOWN,
// -ENOBUFS, -ENOMEM (module/uapi/cos.h, COS_IOC_CALL_NIC_SEND).
extern "C" cos_word cos_nic_send(const void *frame, cos_word length);

namespace cosk::kernel {

// The component kernel's refusals: errno numbers, which are what travel (negated, as reply.hpp
// says). An answer the list does not name keeps its number.
enum class Error : cos_word {
	not_permitted = EPERM,	// the graph did not grant the privilege the call needs
	already = EALREADY,	// merge: one domain already; split: alone already
	invalid = EINVAL,	// no such component or thread, or not now
	no_memory = ENOMEM,
	no_space = ENOSPC,	// no domain id, or thread id, left
};

// The component kernel's clock (cos_time_ns); it cannot fail.
inline cos_word time_ns()
{
	return cos_time_ns();
}

// How many of the len bytes at buf reached the console (the console component only).
inline Attempt<cos_word, Error> console_write(const char *buf, cos_word len)
{
	return decode<Error>(cos_console_write(buf, len));
}

// The component that called the export, which passes COS_RETURN_ADDRESS(); invalid when the
// thread entered the export directly.
inline Attempt<cos_word, Error> client(const void *return_address)
{
	return decode<Error>(cos_client(return_address));
}

// The MPD policy's calls (granted `mpd_policy` only).
inline Attempt<cos_word, Error> mpd_self()
{
	return decode<Error>(cos_mpd_self());
}

inline Attempt<Done, Error> mpd_merge(cos_word a, cos_word b)
{
	return decode<Error, Done>(cos_mpd_merge(a, b));
}

inline Attempt<Done, Error> mpd_split(cos_word c)
{
	return decode<Error, Done>(cos_mpd_split(c));
}

inline Attempt<cos_word, Error> mpd_pd_of(cos_word c)
{
	return decode<Error>(cos_mpd_pd_of(c));
}

// How many capabilities the system has; up to capacity of them are written at buffer.
inline Attempt<cos_word, Error> mpd_edges(cos_edge *buffer, cos_word capacity)
{
	return decode<Error>(cos_mpd_edges(buffer, capacity));
}

// The scheduler's calls (granted `scheduler` only). sched_setup answers the event thread's id,
// thread_create the new thread's.
inline Attempt<cos_word, Error> sched_setup(Cos_export_fn handler, cos_word period_ns)
{
	return decode<Error>(cos_sched_setup(handler, period_ns));
}

inline Attempt<cos_word, Error> thread_create(cos_word component, Cos_export_fn fn, cos_word arg)
{
	return decode<Error>(cos_thread_create(component, reinterpret_cast<cos_word>(fn), arg));
}

inline Attempt<Done, Error> sched_idle(cos_word ns)
{
	return decode<Error, Done>(cos_sched_idle(ns));
}

// The network interface's send (granted `nic` only).
inline Attempt<Done, Error> nic_send(const void *frame, cos_word length)
{
	return decode<Error, Done>(cos_nic_send(frame, length));
}

// Runs thread (or idles, for COS_THREAD_IDLE) instead of the caller; done when switched back.
inline Attempt<Done, Error> switch_to(cos_word thread)
{
	return decode<Error, Done>(cos_switch(thread));
}

} // namespace cosk::kernel
