// SPDX-License-Identifier: GPL-2.0
// The lock component: where threads wait for a lock that <cos/system/lock.hpp> found taken.
// The lock itself lives in the client's memory and is taken and released there without any
// invocation; only contention comes here (like a futex). This component cannot read the lock
// word, so a generation per lock closes the race between a client's last look at it and its
// wait: lock_pretake() returns the generation, lock_take() waits only if no release has moved it
// on since, and lock_release() moves it on and wakes every waiter, who then compete again.
#include <cos/component.hpp>
#include <cos/slot_table.hpp>
#include <cos/system/lock.hpp>
#include <cos/system/sched.hpp>
#include <cos/thread.hpp>

COS_NO_PREEMPT();

namespace {

using cosk::lock::Error;

struct Lock {
	cos_word generation = 0;
	cos_word waiters = 0;	// bit t: thread t waits
};

struct Locks {
	cosk::Slot_table<Lock, 64> locks;
	cos_word contended = 0;
};

Locks state;

} // namespace

// The errors are cosk::lock::Error, in <cos/system/lock.hpp>.

// lock_alloc(): a new lock's id.
extern "C" cos_word lock_alloc(cos_word, cos_word, cos_word, cos_word)
{
	auto id = state.locks.allocate();
	return id ? id.value() : cosk::reply_error(Error::no_lock_left);
}
COS_EXPORT(lock_alloc);

// lock_pretake(id): the lock's generation, before the client's last look at its lock word.
extern "C" cos_word lock_pretake(cos_word id, cos_word, cos_word, cos_word)
{
	const Lock *lock = state.locks.lookup(id);
	return lock ? lock->generation : cosk::reply_error(Error::no_such_lock);
}
COS_EXPORT(lock_pretake);

// lock_take(id, generation): waits for the next release, unless one came since the pretake.
extern "C" cos_word lock_take(cos_word id, cos_word generation, cos_word, cos_word)
{
	Lock *lock = state.locks.lookup(id);
	if (!lock)
		return cosk::reply_error(Error::no_such_lock);
	state.contended++;
	while (lock->generation == generation) {
		lock->waiters |= 1ULL << cos_thread_self();
		cosk::sched::block();
	}
	return 0;
}
COS_EXPORT(lock_take);

// lock_release(id): a release a waiter may have missed: wakes them all.
extern "C" cos_word lock_release(cos_word id, cos_word, cos_word, cos_word)
{
	Lock *lock = state.locks.lookup(id);
	if (!lock)
		return cosk::reply_error(Error::no_such_lock);
	lock->generation++;
	// Emptied first: a waiter woken here may run at once and wait again.
	const cos_word waiters = lock->waiters;
	lock->waiters = 0;
	cosk::sched::wake_all(waiters);
	return 0;
}
COS_EXPORT(lock_release);

// lock_contended(): how many times a thread had to wait, over all locks.
extern "C" cos_word lock_contended(cos_word, cos_word, cos_word, cos_word)
{
	return state.contended;
}
COS_EXPORT(lock_contended);
