/* SPDX-License-Identifier: GPL-2.0 */
/* The part of <string.h> lwIP uses, for a build without libc's headers (-nostdinc): the functions
 * themselves come from the component runtime (runtime/component/freestanding_string.cpp). */
#ifndef COS_LWIP_LIBC_STRING_H
#define COS_LWIP_LIBC_STRING_H

#include <stddef.h>

void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int value, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
/* lwip_strnstr (def.c); in ../sys_arch.cpp, since the runtime has no use for it. */
int strncmp(const char *a, const char *b, size_t n);

#endif
