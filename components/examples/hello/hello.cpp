// SPDX-License-Identifier: GPL-2.0
// The smallest component: exports main, which sums the bytes of a greeting it reaches through a
// pointer in its data (so the image needs a relocation the loader must apply).
#include <cos/component.hpp>

namespace {
const char greeting[] = "hello from a component";
} // namespace

extern "C" const char *const hello_greeting = greeting;

extern "C" cos_word main(cos_word, cos_word, cos_word, cos_word)
{
	cos_word sum = 0;
	for (const char *p = hello_greeting; *p; p++)
		sum += static_cast<unsigned char>(*p);
	return sum;
}
COS_EXPORT(main);
