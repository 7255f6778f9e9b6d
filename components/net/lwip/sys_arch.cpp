// SPDX-License-Identifier: GPL-2.0
// What lwIP asks of its platform, from the component kernel: the clock (sys_now), random numbers,
// the assertion path, and the two C library functions lwIP uses that the runtime lacks. No threads, semaphores or mailboxes: NO_SYS=1.
#include <cstddef>
#include <cstdint>

#include <cos/kernel.hpp>

#include "components/net/lwip/include/cos_lwip_port.h"

namespace {

// xorshift64* state; 0 until the first call seeds it.
std::uint64_t rand_state;

} // namespace

extern "C" {

// Milliseconds of the component kernel's monotonic clock, as lwIP's timers count them (they
// compare differences, so wrapping at 2^32 ms is fine).
std::uint32_t sys_now()
{
	return static_cast<std::uint32_t>(cos_time_ns() / 1000000);
}

unsigned int cos_lwip_rand()
{
	if (rand_state == 0)
		rand_state = cos_time_ns() | 1;
	rand_state ^= rand_state >> 12;
	rand_state ^= rand_state << 25;
	rand_state ^= rand_state >> 27;
	return static_cast<unsigned int>((rand_state * 0x2545f4914f6cdd1dULL) >> 32);
}

[[gnu::weak]] void cos_lwip_report(const char *, const char *, int) {}

void cos_lwip_assert(const char *message, const char *file, int line)
{
	cos_lwip_report(message, file, line);
	__builtin_trap();
}

// lwip_strnstr's comparison (def.c), which the component runtime has no use for.
int strncmp(const char *a, const char *b, std::size_t n)
{
	for (; n; n--, a++, b++) {
		if (*a != *b)
			return static_cast<unsigned char>(*a) < static_cast<unsigned char>(*b) ? -1 : 1;
		if (*a == '\0')
			return 0;
	}
	return 0;
}

// netif_find's interface number: decimal digits, nothing else.
int atoi(const char *s)
{
	int value = 0;
	for (; *s >= '0' && *s <= '9'; s++)
		value = value * 10 + (*s - '0');
	return value;
}

} // extern "C"
