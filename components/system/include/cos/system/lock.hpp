// SPDX-License-Identifier: GPL-2.0
// The lock component's interface (components/system/lock): its errors and their numbers on the
// wire, and, for clients, a mutex whose uncontended take and release are one atomic instruction
// each in the caller's own memory, with no invocation; a thread that finds it taken waits in the
// lock component, as with a futex. Any thread of any component may use one that lives in its
// memory.
#pragma once

#include <cos/component.hpp>
#include <cos/reply.hpp>
#include <cos/thread.hpp>

namespace cosk::lock {

// The lock component's name for a lock.
enum class Lock_id : cos_word {};

enum class Error : cos_word {
	no_lock_left = 1,	// lock_alloc: every lock is taken
	no_such_lock = 2,	// an id lock_alloc never gave
};

// The raw calls, which a client makes through the typed ones below: a component imports those it
// calls, so the component that serves them, including this for the errors, imports none.
COS_IMPORT_ON_CALL(lock_alloc);
COS_IMPORT_ON_CALL(lock_pretake);
COS_IMPORT_ON_CALL(lock_take);
COS_IMPORT_ON_CALL(lock_release);
COS_IMPORT_ON_CALL(lock_contended);

inline Attempt<Lock_id, Error> alloc()
{
	return decode<Error, Lock_id>(lock_alloc());
}

// The lock's generation, to be read before the client's last look at its lock word.
inline Attempt<cos_word, Error> pretake(Lock_id id)
{
	return decode<Error>(lock_pretake(static_cast<cos_word>(id)));
}

// Waits for the next release, unless one came since the pretake that read generation.
inline Attempt<Done, Error> take(Lock_id id, cos_word generation)
{
	return decode<Error, Done>(lock_take(static_cast<cos_word>(id), generation));
}

// A release a waiter may have missed: wakes them all.
inline Attempt<Done, Error> release(Lock_id id)
{
	return decode<Error, Done>(lock_release(static_cast<cos_word>(id)));
}

// How many times a thread had to wait, over all locks.
inline cos_word contended()
{
	return lock_contended();
}

} // namespace cosk::lock

// word: 0 when free, else the owner's thread id + 1, with cos_lock_waiters set once a thread
// waits; id: the lock component's name for it.
struct Cos_lock {
	cos_word word;
	cosk::lock::Lock_id id;
};

inline constexpr cos_word cos_lock_waiters = 1ULL << 63;

// Fails when the lock component has no lock left.
[[nodiscard]] static inline bool cos_lock_init(Cos_lock &lock)
{
	lock.word = 0;
	auto id = cosk::lock::alloc();
	if (!id)
		return false;
	lock.id = id.value();
	return true;
}

// A lock that cos_lock_init set up cannot fail to be taken or released: the lock component
// answers no_such_lock only for ids it never gave.
static inline void cos_lock_take(Cos_lock &lock)
{
	const cos_word me = cos_thread_self() + 1;
	for (;;) {
		cos_word seen = 0;
		if (__atomic_compare_exchange_n(&lock.word, &seen, me, false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return;
		// Taken: mark that a thread waits, so that the release goes to the lock component.
		if (!(seen & cos_lock_waiters) &&
		    !__atomic_compare_exchange_n(&lock.word, &seen, seen | cos_lock_waiters, false, __ATOMIC_RELAXED,
						 __ATOMIC_RELAXED))
			continue;
		const cos_word generation = cosk::lock::pretake(lock.id).value();
		if (__atomic_load_n(&lock.word, __ATOMIC_ACQUIRE) != 0)
			cosk::lock::take(lock.id, generation).value();
	}
}

static inline void cos_lock_release(Cos_lock &lock)
{
	if (__atomic_exchange_n(&lock.word, 0, __ATOMIC_RELEASE) & cos_lock_waiters)
		cosk::lock::release(lock.id).value();
}

