// SPDX-License-Identifier: GPL-2.0
// Timed block: sleeping for a while, and waking periodically (TCP's timers, say), on top of the
// scheduler's ticks. A sleep never ends early; it ends on the first tick after its time.
#include <cos/component.hpp>

COS_NO_PREEMPT();
COS_IMPORT(sched_block);
COS_IMPORT(sched_now);
COS_IMPORT(sched_tick_ns);

namespace {

constexpr cos_word max_periodic = 32;

struct Periodic {
	bool used = false;
	cos_word period = 0;	// ticks
	cos_word next = 0;	// the tick of the next wake-up
};

Periodic periodic[max_periodic];

// Ticks that cover ns, and one more: the sleep starts somewhere inside the current tick.
cos_word ticks_for(cos_word ns)
{
	const cos_word tick = sched_tick_ns();
	return (ns + tick - 1) / tick + 1;
}

} // namespace

// tblock_sleep(ns): returns after at least ns nanoseconds.
extern "C" cos_word tblock_sleep(cos_word ns, cos_word, cos_word, cos_word)
{
	const cos_word until = sched_now() + ticks_for(ns);
	while (sched_now() < until)
		sched_block(until - sched_now());
	return 0;
}
COS_EXPORT(tblock_sleep);

// tblock_periodic(period_ns): a periodic wake-up, the first one period from now; its id, or ~0.
extern "C" cos_word tblock_periodic(cos_word period_ns, cos_word, cos_word, cos_word)
{
	const cos_word tick = sched_tick_ns();
	for (cos_word i = 0; i < max_periodic; i++) {
		if (!periodic[i].used) {
			periodic[i].used = true;
			periodic[i].period = period_ns < tick ? 1 : period_ns / tick;
			periodic[i].next = sched_now() + periodic[i].period;
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
	while (p.next + p.period <= sched_now()) {
		p.next += p.period;
		missed++;
	}
	while (sched_now() < p.next)
		sched_block(p.next - sched_now());
	p.next += p.period;
	return missed;
}
COS_EXPORT(tblock_wait);
