// SPDX-License-Identifier: GPL-2.0
// Attempt<T, E>: the result of a fallible operation, either a value or a small error.
//
// Used on both sides of the project (host tools and freestanding components), so it needs
// nothing but placement new. A caller must look at it ([[nodiscard]]); asking an error for its
// value, or a value for its error, is a programming error and traps.
#pragma once

#include <new>
#include <type_traits>
#include <utility>

namespace cosk {

template <typename E>
struct Failure {
	E error;
};

template <typename E>
Failure(E) -> Failure<E>;

template <typename T, typename E>
class [[nodiscard]] Attempt {
public:
	Attempt(T value) : ok_(true) { new (&value_) T(std::move(value)); }
	Attempt(Failure<E> failure) : ok_(false) { new (&error_) E(std::move(failure.error)); }

	Attempt(Attempt &&other) noexcept : ok_(other.ok_)
	{
		if (ok_)
			new (&value_) T(std::move(other.value_));
		else
			new (&error_) E(std::move(other.error_));
	}
	Attempt(const Attempt &) = delete;
	Attempt &operator=(const Attempt &) = delete;
	Attempt &operator=(Attempt &&) = delete;

	~Attempt()
	{
		if (ok_)
			value_.~T();
		else
			error_.~E();
	}

	bool ok() const { return ok_; }
	explicit operator bool() const { return ok_; }

	T &value() &
	{
		if (!ok_)
			__builtin_trap();
		return value_;
	}
	T &&value() &&
	{
		if (!ok_)
			__builtin_trap();
		return std::move(value_);
	}
	const E &error() const
	{
		if (ok_)
			__builtin_trap();
		return error_;
	}

private:
	bool ok_;
	union {
		T value_;
		E error_;
	};
};

// For operations that return nothing but may fail.
struct Done {};

} // namespace cosk
