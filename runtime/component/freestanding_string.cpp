// SPDX-License-Identifier: GPL-2.0
// The memory and string functions a freestanding component needs, since it has no libc: the
// compiler emits calls to memcpy, memmove, memset and memcmp on its own.
#include <cstddef>

extern "C" {

void *memcpy(void *dst, const void *src, std::size_t n)
{
	auto *d = static_cast<unsigned char *>(dst);
	auto *s = static_cast<const unsigned char *>(src);
	while (n--)
		*d++ = *s++;
	return dst;
}

void *memmove(void *dst, const void *src, std::size_t n)
{
	auto *d = static_cast<unsigned char *>(dst);
	auto *s = static_cast<const unsigned char *>(src);
	if (d < s) {
		while (n--)
			*d++ = *s++;
	} else {
		while (n--)
			d[n] = s[n];
	}
	return dst;
}

void *memset(void *dst, int value, std::size_t n)
{
	auto *d = static_cast<unsigned char *>(dst);
	while (n--)
		*d++ = static_cast<unsigned char>(value);
	return dst;
}

int memcmp(const void *a, const void *b, std::size_t n)
{
	auto *x = static_cast<const unsigned char *>(a);
	auto *y = static_cast<const unsigned char *>(b);
	for (; n; n--, x++, y++) {
		if (*x != *y)
			return *x < *y ? -1 : 1;
	}
	return 0;
}

std::size_t strlen(const char *s)
{
	std::size_t n = 0;
	while (s[n])
		n++;
	return n;
}

} // extern "C"
