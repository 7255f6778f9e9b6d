// SPDX-License-Identifier: GPL-2.0
// A server of the MPD tests that answers with a value of its own, so that a test can tell which
// component answered: the graph names each instance, the argument of value() picks the answer.
#include <cos/component.hpp>

// poke() answers 42, open() 7, value(x) x * 1000 + 3.
extern "C" cos_word poke(cos_word, cos_word, cos_word, cos_word)
{
	return 42;
}
COS_EXPORT(poke);

extern "C" cos_word open(cos_word, cos_word, cos_word, cos_word)
{
	return 7;
}
COS_EXPORT(open);

extern "C" cos_word value(cos_word x, cos_word, cos_word, cos_word)
{
	return x * 1000 + 3;
}
COS_EXPORT(value);
