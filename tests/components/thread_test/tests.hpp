// SPDX-License-Identifier: GPL-2.0
// The thread tests' shared state: the one Tests object, the spinners and the constants, for the
// two source files of thread_test (thread_test.cpp: the CPU, the lock, events and async;
// timed.cpp: timed blocks, idling and busy sleeps). Both include the system interfaces they call,
// so each defines those imports: the component shows that COS_IMPORT works across source files.
#pragma once

#include <cos/component.hpp>
#include <cos/kernel.hpp>
#include <cos/system/async.hpp>
#include <cos/system/evt.hpp>
#include <cos/system/lock.hpp>
#include <cos/system/print.hpp>
#include <cos/system/sched.hpp>
#include <cos/system/tblock.hpp>
#include <cos/thread.hpp>

namespace thread_test {

inline constexpr cos_word ms = 1000000;
inline constexpr cos_word high = 30, middle = 16, low = 8;

struct Tests {
	cos_word failed = 0;

	void check(bool ok, const char *what)
	{
		if (!ok)
			failed++;
		cos_printf("%s: %s\n", what, ok ? "ok" : "FAILED");
	}

	// Spinners: count as fast as they can until told to stop (each counter has one writer).
	cos_word counts[8] = {};
	cos_word stop = 0;
	cos_word running = 0;

	// Lock test.
	Cos_lock lock = {};
	cos_word shared = 0;
	cos_word per_worker = 0;
	cos_word workers_done = 0;
	cosk::evt::Evt_id done_event = {};

	// Events test: a ring of items from the producer to the consumer.
	cos_word ring[64] = {};
	cos_word head = 0, tail = 0;
	cos_word items = 0;
	cosk::evt::Evt_id items_event = {};
	cos_word consumed = 0, out_of_order = 0;

	// Async test.
	cosk::async::Channel_id channel = {};
	cos_word calls = 0, wrong_replies = 0;

	cos_word share();
	cos_word preempt();
	cos_word locked_counter();
	cos_word events();
	cos_word async();
	cos_word timed();
	cos_word idle(cos_word milliseconds);
	cos_word busy(cos_word milliseconds);
};

extern Tests tests;

inline cos_word load(const cos_word &x)
{
	return __atomic_load_n(&x, __ATOMIC_RELAXED);
}

inline void store(cos_word &x, cos_word v)
{
	__atomic_store_n(&x, v, __ATOMIC_RELAXED);
}

// A spinner: counts in counts[i] as fast as it can until told to stop.
extern "C" cos_word spin(cos_word i, cos_word, cos_word, cos_word);

// Waits, sleeping, until every spinner has seen the stop and returned.
void stop_spinners();

} // namespace thread_test
