// SPDX-License-Identifier: GPL-2.0
// A mutex whose uncontended take and release are one atomic instruction each in the caller's own
// memory, with no invocation; a thread that finds it taken waits in the lock component
// (components/system/lock), as with a futex. Any thread of any component may use one that lives in its
// memory.
//
// Include it in one source file per component: it defines the component's lock_* imports.
#pragma once

#include <cos/component.hpp>
#include <cos/thread.hpp>

COS_IMPORT(lock_alloc);
COS_IMPORT(lock_pretake);
COS_IMPORT(lock_take);
COS_IMPORT(lock_release);

// word: 0 when free, else the owner's thread id + 1, with cos_lock_waiters set once a thread
// waits; id: the lock component's name for it.
struct Cos_lock {
	cos_word word;
	cos_word id;
};

inline constexpr cos_word cos_lock_waiters = 1ULL << 63;

static inline void cos_lock_init(Cos_lock &lock)
{
	lock.word = 0;
	lock.id = lock_alloc();
}

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
		const cos_word generation = lock_pretake(lock.id);
		if (__atomic_load_n(&lock.word, __ATOMIC_ACQUIRE) != 0)
			lock_take(lock.id, generation);
	}
}

static inline void cos_lock_release(Cos_lock &lock)
{
	if (__atomic_exchange_n(&lock.word, 0, __ATOMIC_RELEASE) & cos_lock_waiters)
		lock_release(lock.id);
}
