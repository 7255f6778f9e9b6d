// SPDX-License-Identifier: GPL-2.0
// The adder: the simplest server, add(a, b) = a + b modulo 2^64.
#include <cos/component.hpp>

extern "C" cos_word add(cos_word a, cos_word b, cos_word, cos_word)
{
	return a + b;
}
COS_EXPORT(add);
