// SPDX-License-Identifier: GPL-2.0
// The calls a component makes to the component kernel itself (not capability invocations).
#pragma once

#include <cos/component.hpp>

// For struct cos_edge, which the module writes as it is.
#include "module/uapi/cos.h"

// Writes len bytes at buf to the host's standard output. Only the component the graph makes the
// console (the printer) may; for others the result is -EPERM (as a word).
extern "C" cos_word cos_console_write(const char *buf, cos_word len);

// The MPD policy's calls (module/uapi/cos.h, COS_IOC_CALL_*): only a component that declares
// COS_MPD_POLICY() may make them; for others each returns -EPERM. Component arguments are the
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

// The id of the component whose invocation the caller is serving (its client), or -EINVAL when
// the thread entered the caller directly.
extern "C" cos_word cos_client();

// The scheduler's calls (COS_SCHEDULER() only; -EPERM for others), see module/uapi/cos.h:
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
