// SPDX-License-Identifier: GPL-2.0
// The smallest component: proves that the component toolchain produces a loadable image.
extern "C" int cos_main();

namespace {
const char greeting[] = "hello from a component";
} // namespace

// Data with a pointer in it, visible outside this file so that it stays: the image needs a
// relocation that the loader must apply.
extern "C" const char *const hello_greeting = greeting;

extern "C" int cos_main()
{
	int sum = 0;
	for (const char *p = hello_greeting; *p; p++)
		sum += *p;
	return sum;
}
