// SPDX-License-Identifier: GPL-2.0
// The interrupt-line tests' driver (tests/graphs/nic-interrupt.cosg, run by
// tests/guest/nic_interrupt_test.cpp, which attaches a device with the receive ring at the address
// it passes): it takes the ring's frames as a driver would, looking at the ring and waiting for
// COS_INTERRUPT_NIC only when it is empty. main(test, ring, arg) runs one test:
//
//   1 wait      takes arg frames on the run's own thread, the only one: while it waits the host
//               thread idles with no timer, so only the line can wake it. Returns the producer
//               index it saw last
//   2 pending   sleeps arg ticks, then waits once: the test sent a frame during the sleep, whose
//               line, with nobody waiting, was kept for the wait. Returns the producer index
//               before the wait, times 2^32, plus the one after
//   3 refusals  a second waiter for a line, and a line past 63. Returns the first error's number
//               times 256 plus the second's
//   4 preempt   a more urgent thread takes arg frames while the run's thread spins in code the
//               tick may preempt. Returns the producer index the taker saw last
//
// A wait that fails makes a test return failed + the error's number.
#include <cos/component.hpp>
#include <cos/system/sched.hpp>

#include "module/uapi/cos.h"

COS_NIC();

namespace {

using namespace cosk;

constexpr cos_word failed = 1ULL << 48;
constexpr cos_word urgent = 24;

struct Driver {
	cos_nic_ring *ring = nullptr;
	cos_word want = 0;	// frames to take
	cos_word taken = 0;	// frames done with
	cos_word last = 0;	// the producer index last seen
	cos_word error = 0;	// failed + a failed wait's error number, else 0
	cos_word done = 0;	// the taker thread is done (test 4)
};

Driver driver;

cos_word producer()
{
	return __atomic_load_n(&driver.ring->producer, __ATOMIC_ACQUIRE);
}

// Takes the frames of the ring until driver.want are taken, waiting for the line when it is empty.
void take()
{
	while (driver.taken < driver.want) {
		const cos_word p = producer();
		driver.last = p;
		if (p != driver.taken) {
			driver.taken = p;
			__atomic_store_n(&driver.ring->consumer, static_cast<std::uint32_t>(p), __ATOMIC_RELEASE);
			continue;
		}
		const auto waited = sched::wait_interrupt(COS_INTERRUPT_NIC);
		if (!waited) {
			driver.error = failed + static_cast<cos_word>(waited.error());
			return;
		}
	}
}

extern "C" cos_word taker(cos_word, cos_word, cos_word, cos_word)
{
	take();
	__atomic_store_n(&driver.done, 1, __ATOMIC_RELEASE);
	return 0;
}

cos_word wait_once()
{
	const cos_word before = producer();
	const auto waited = sched::wait_interrupt(COS_INTERRUPT_NIC);
	if (!waited)
		return failed + static_cast<cos_word>(waited.error());
	return before << 32 | producer();
}

cos_word refusals()
{
	// The first waiter, more urgent: it runs at once and blocks.
	if (!sched::create(&taker, 0, urgent))
		return failed;
	const auto second = sched::wait_interrupt(COS_INTERRUPT_NIC);
	const auto no_line = sched::wait_interrupt(64);
	if (second || no_line)
		return failed;
	return static_cast<cos_word>(second.error()) * 256 + static_cast<cos_word>(no_line.error());
}

cos_word preempt()
{
	if (!sched::create(&taker, 0, urgent))
		return failed;
	// No call, no yield: only a preemption lets the taker run again.
	while (!__atomic_load_n(&driver.done, __ATOMIC_ACQUIRE))
		asm volatile("pause");
	return driver.error ? driver.error : driver.last;
}

} // namespace

extern "C" cos_word main(cos_word test, cos_word ring, cos_word arg, cos_word)
{
	driver.ring = reinterpret_cast<cos_nic_ring *>(ring);
	driver.want = arg;
	switch (test) {
	case 1:
		take();
		return driver.error ? driver.error : driver.last;
	case 2:
		static_cast<void>(sched::block_for(arg));
		return wait_once();
	case 3:
		driver.want = ~cos_word{0};
		return refusals();
	case 4:
		return preempt();
	default:
		return failed;
	}
}
COS_EXPORT(main);
