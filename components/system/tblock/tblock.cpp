// SPDX-License-Identifier: GPL-2.0
// Timed block: sleeping for a while, and waking periodically (TCP's timers, say), on top of the
// scheduler's ticks. Deadlines are kept in the component kernel's clock, not in ticks: the
// scheduler counts ticks as they reach it, which can be late, so a sleep that counted ticks
// alone could end early. A sleep never ends early; it ends on the first tick after its time.
#include <cos/component.hpp>
#include <cos/kernel.hpp>
#include <cos/slot_table.hpp>
#include <cos/system/sched.hpp>
#include <cos/system/tblock.hpp>

COS_NO_PREEMPT();

namespace {

using cosk::kernel::time_ns;
using cosk::tblock::Error;

struct Periodic {
	cos_word period = 0;	// ns
	cos_word next = 0;	// the clock at the next wake-up
};

cosk::Slot_table<Periodic, 32> periodic;

// Sleeps until the clock reads deadline: for the ticks that cover the rest, again if that was
// not enough (or a wake-up meant for a wait elsewhere ended the block early).
void sleep_until(cos_word deadline)
{
	const cos_word tick = cosk::sched::tick_ns();
	for (cos_word now = time_ns(); now < deadline; now = time_ns())
		static_cast<void>(cosk::sched::block_for((deadline - now + tick - 1) / tick));
}

} // namespace

// The errors are cosk::tblock::Error, in <cos/system/tblock.hpp>.

// tblock_sleep(ns): returns after at least ns nanoseconds.
extern "C" cos_word tblock_sleep(cos_word ns, cos_word, cos_word, cos_word)
{
	sleep_until(time_ns() + ns);
	return 0;
}
COS_EXPORT(tblock_sleep);

// tblock_periodic(period_ns): a periodic wake-up, the first one period from now.
extern "C" cos_word tblock_periodic(cos_word period_ns, cos_word, cos_word, cos_word)
{
	const cos_word period = period_ns ? period_ns : 1;
	auto id = periodic.allocate(Periodic{period, time_ns() + period});
	return id ? id.value() : cosk::reply_error(Error::no_periodic_left);
}
COS_EXPORT(tblock_periodic);

// tblock_wait(id): sleeps until the next wake-up of the periodic id; returns how many wake-ups
// were missed (0 when on time).
extern "C" cos_word tblock_wait(cos_word id, cos_word, cos_word, cos_word)
{
	Periodic *p = periodic.lookup(id);
	if (!p)
		return cosk::reply_error(Error::no_such_periodic);
	cos_word missed = 0;
	while (p->next + p->period <= time_ns()) {
		p->next += p->period;
		missed++;
	}
	sleep_until(p->next);
	p->next += p->period;
	return missed;
}
COS_EXPORT(tblock_wait);
