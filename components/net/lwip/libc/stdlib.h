/* SPDX-License-Identifier: GPL-2.0 */
/* The part of <stdlib.h> lwIP uses (netif_find parses an interface number with atoi), for a build
 * without libc's headers; atoi is in ../sys_arch.cpp. */
#ifndef COS_LWIP_LIBC_STDLIB_H
#define COS_LWIP_LIBC_STDLIB_H

int atoi(const char *s);

#endif
