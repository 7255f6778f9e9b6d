// SPDX-License-Identifier: GPL-2.0
// The lock component: where threads wait for a lock that runtime/include/cos/lock.hpp found taken.
// The lock itself lives in the client's memory and is taken and released there without any
// invocation; only contention comes here (like a futex). This component cannot read the lock
// word, so a generation per lock closes the race between a client's last look at it and its
// wait: lock_pretake() returns the generation, lock_take() waits only if no release has moved it
// on since, and lock_release() moves it on and wakes every waiter, who then compete again.
#include <cos/component.hpp>
#include <cos/thread.hpp>

COS_NO_PREEMPT();
COS_IMPORT(sched_block);
COS_IMPORT(sched_wakeup);

namespace {

constexpr cos_word max_locks = 64;

struct Lock {
	bool used = false;
	cos_word generation = 0;
	cos_word waiters = 0;	// bit t: thread t waits
};

struct Locks {
	Lock locks[max_locks];
	cos_word contended = 0;
};

Locks state;

} // namespace

// lock_alloc(): a new lock's id, or ~0 when none is left.
extern "C" cos_word lock_alloc(cos_word, cos_word, cos_word, cos_word)
{
	for (cos_word i = 0; i < max_locks; i++) {
		if (!state.locks[i].used) {
			state.locks[i] = Lock{};
			state.locks[i].used = true;
			return i;
		}
	}
	return ~0ULL;
}
COS_EXPORT(lock_alloc);

// lock_pretake(id): the lock's generation, before the client's last look at its lock word.
extern "C" cos_word lock_pretake(cos_word id, cos_word, cos_word, cos_word)
{
	return id < max_locks ? state.locks[id].generation : 0;
}
COS_EXPORT(lock_pretake);

// lock_take(id, generation): waits for the next release, unless one came since the pretake.
extern "C" cos_word lock_take(cos_word id, cos_word generation, cos_word, cos_word)
{
	if (id >= max_locks || !state.locks[id].used)
		return 1;
	Lock &lock = state.locks[id];
	state.contended++;
	while (lock.generation == generation) {
		lock.waiters |= 1ULL << cos_thread_self();
		sched_block(0);
	}
	return 0;
}
COS_EXPORT(lock_take);

// lock_release(id): a release a waiter may have missed: wakes them all.
extern "C" cos_word lock_release(cos_word id, cos_word, cos_word, cos_word)
{
	if (id >= max_locks || !state.locks[id].used)
		return 1;
	Lock &lock = state.locks[id];
	lock.generation++;
	const cos_word waiters = lock.waiters;
	lock.waiters = 0;
	for (cos_word t = 0; t < 64; t++) {
		if (waiters & (1ULL << t))
			sched_wakeup(t);
	}
	return 0;
}
COS_EXPORT(lock_release);

// lock_contended(): how many times a thread had to wait, over all locks.
extern "C" cos_word lock_contended(cos_word, cos_word, cos_word, cos_word)
{
	return state.contended;
}
COS_EXPORT(lock_contended);
