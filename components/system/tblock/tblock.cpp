// SPDX-License-Identifier: GPL-2.0
// Timed block: sleeping for a while, and waking periodically (TCP's timers, say), on top of the
// scheduler's ticks. Deadlines are kept in the component kernel's clock, not in ticks: the
// scheduler counts ticks as they reach it, which can be late, so a sleep that counted ticks
// alone could end early. A sleep never ends early; it ends on the first tick after its time.
#include <cos/component.hpp>
#include <cos/kernel.hpp>

COS_NO_PREEMPT();
COS_IMPORT(sched_block);
COS_IMPORT(sched_tick_ns);

namespace {

constexpr cos_word max_periodic = 32;

struct Periodic {
	bool used = false;
	cos_word period = 0;	// ns
	cos_word next = 0;	// the clock at the next wake-up
};

Periodic periodic[max_periodic];

// Sleeps until the clock reads deadline: for the ticks that cover the rest, again if that was
// not enough.
void sleep_until(cos_word deadline)
{
	const cos_word tick = sched_tick_ns();
	for (cos_word now = cos_time_ns(); now < deadline; now = cos_time_ns())
		sched_block((deadline - now + tick - 1) / tick);
}

} // namespace

// tblock_sleep(ns): returns after at least ns nanoseconds.
extern "C" cos_word tblock_sleep(cos_word ns, cos_word, cos_word, cos_word)
{
	sleep_until(cos_time_ns() + ns);
	return 0;
}
COS_EXPORT(tblock_sleep);

// tblock_periodic(period_ns): a periodic wake-up, the first one period from now; its id, or ~0.
extern "C" cos_word tblock_periodic(cos_word period_ns, cos_word, cos_word, cos_word)
{
	for (cos_word i = 0; i < max_periodic; i++) {
		if (!periodic[i].used) {
			periodic[i].used = true;
			periodic[i].period = period_ns ? period_ns : 1;
			periodic[i].next = cos_time_ns() + periodic[i].period;
			return i;
		}
	}
	return ~0ULL;
}
COS_EXPORT(tblock_periodic);

// tblock_wait(id): sleeps until the next wake-up of the periodic id; returns how many wake-ups
// were missed (0 when on time), or ~0 for no such id.
extern "C" cos_word tblock_wait(cos_word id, cos_word, cos_word, cos_word)
{
	if (id >= max_periodic || !periodic[id].used)
		return ~0ULL;
	Periodic &p = periodic[id];
	cos_word missed = 0;
	while (p.next + p.period <= cos_time_ns()) {
		p.next += p.period;
		missed++;
	}
	sleep_until(p.next);
	p.next += p.period;
	return missed;
}
COS_EXPORT(tblock_wait);
