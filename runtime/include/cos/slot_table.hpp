// SPDX-License-Identifier: GPL-2.0
// Slot_table<T, N>: N slots of T, named by their index, for the objects a component hands out
// ids for (locks, events, channels, periodic wake-ups). Fixed capacity and no allocator, so that
// a freestanding component may keep one in its state object; an id outside the table or of a
// free slot finds nothing, so ids coming from clients need no other check.
#pragma once

#include <cos/attempt.hpp>
#include <cos/component.hpp>

namespace cosk {

enum class Slot_error { full };

template <typename T, cos_word N>
class Slot_table {
public:
	static constexpr cos_word capacity = N;

	// The lowest free slot, now holding value.
	Attempt<cos_word, Slot_error> allocate(const T &value = T{})
	{
		for (cos_word i = 0; i < N; i++) {
			if (!used_[i]) {
				used_[i] = true;
				slots_[i] = value;
				return i;
			}
		}
		return Failure{Slot_error::full};
	}

	// Frees slot id; a free or unknown id is left as it is.
	void free(cos_word id)
	{
		if (id < N)
			used_[id] = false;
	}

	// The object in slot id, or nullptr when the slot is free or there is no such slot.
	T *lookup(cos_word id) { return id < N && used_[id] ? &slots_[id] : nullptr; }
	const T *lookup(cos_word id) const { return id < N && used_[id] ? &slots_[id] : nullptr; }

private:
	bool used_[N] = {};
	T slots_[N] = {};
};

} // namespace cosk
