// SPDX-License-Identifier: GPL-2.0
// A freestanding printf-style formatter for components, which have no libc.
//
// Conversions: %d %i %u %x %X %p %s %c %%; flags '-' and '0'; a field width; a precision (the
// most characters of %s, the fewest digits of an integer); length modifiers l, ll and z. There is
// no floating point: components may not touch SSE registers. An unknown conversion is copied out
// as written, so a typo shows in the output instead of consuming an argument. A null %s prints
// "(null)" and %p prints 0x and lowercase hex digits, 0x0 for a null pointer.
#pragma once

#include <cstdarg>

#include <cos/component.hpp>

// As vsnprintf: writes at most size bytes, NUL included, always NUL-terminates when size > 0, and
// returns the length the whole result has, so a result >= size means it was cut short.
[[gnu::format(printf, 3, 0)]] cos_word cos_vformat(char *buf, cos_word size, const char *fmt,
						   va_list ap);

// As snprintf; see cos_vformat.
[[gnu::format(printf, 3, 4)]] cos_word cos_format(char *buf, cos_word size, const char *fmt, ...);
