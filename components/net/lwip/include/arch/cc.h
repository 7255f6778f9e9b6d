/* SPDX-License-Identifier: GPL-2.0 */
/* lwIP's port header for components: types and limits without libc's headers, assertions that end
 * in the component's fault instead of abort(), no diagnostics output, and the random numbers. */
#ifndef COS_LWIP_ARCH_CC_H
#define COS_LWIP_ARCH_CC_H

/* Built with -nostdinc: only the compiler's own freestanding headers (stddef.h, stdint.h) exist,
 * so lwIP must not reach for inttypes.h, limits.h or ctype.h. */
#define LWIP_NO_INTTYPES_H 1
#define LWIP_NO_LIMITS_H 1
#define LWIP_NO_CTYPE_H 1
#define INT_MAX __INT_MAX__

/* printf formats for lwIP's types; only its debug output (off) uses them. */
#define X8_F "02x"
#define U16_F "hu"
#define S16_F "hd"
#define X16_F "hx"
#define U32_F "u"
#define S32_F "d"
#define X32_F "x"
#define SZT_F "zu"

#define BYTE_ORDER LITTLE_ENDIAN
#define lwip_htons(x) __builtin_bswap16((unsigned short)(x))
#define lwip_htonl(x) __builtin_bswap32((unsigned int)(x))

#include "cos_lwip_port.h"

/* A failed assertion is a bug in lwIP or its user: report it (cos_lwip_report, which a component
 * may define to print through its printer) and fault, so that the loader shows where. */
#define LWIP_PLATFORM_ASSERT(message) cos_lwip_assert(message, __FILE__, __LINE__)
/* No console of lwIP's own: LWIP_DEBUG is off, and nothing prints. */
#define LWIP_PLATFORM_DIAG(message) do { } while (0)

#define LWIP_RAND() cos_lwip_rand()

#endif
