// SPDX-License-Identifier: GPL-2.0
// How an invocation's one result word carries either a value or an error, both ways.
//
// An error travels as its number negated, as Linux's -errno does, so that the component kernel's
// answers (kernel.hpp) and the components' (components/GROUP/include/cos/GROUP/) decode alike: an
// interface numbers its errors in an `enum class` from 1 (or, for the kernel, by errno) and the
// server returns reply_error(e), the client decode<E>(word). A value must therefore be below
// reply_error_min; every interface says what keeps its values there.
#pragma once

#include <type_traits>

#include <cos/attempt.hpp>
#include <cos/component.hpp>

namespace cosk {

inline constexpr cos_word reply_max_error = 4095;
inline constexpr cos_word reply_error_min = ~cos_word{0} - reply_max_error + 1;

constexpr bool is_reply_error(cos_word word)
{
	return word >= reply_error_min;
}

// The server's side: the word that says e.
template <typename E>
constexpr cos_word reply_error(E e)
{
	return ~static_cast<cos_word>(e) + 1;
}

// The client's side: the value the word carries, as a T (cos_word, an interface's id type, or
// Done for a reply that carries none), or the error it says.
template <typename E, typename T = cos_word>
Attempt<T, E> decode(cos_word word)
{
	if (is_reply_error(word))
		return Failure{static_cast<E>(~word + 1)};
	if constexpr (std::is_same_v<T, Done>)
		return Done{};
	else
		return static_cast<T>(word);
}

// The server's side of a whole attempt: its value as it is, or its error.
template <typename E>
cos_word reply_word(Attempt<cos_word, E> &&attempt)
{
	return attempt ? attempt.value() : reply_error(attempt.error());
}

} // namespace cosk
