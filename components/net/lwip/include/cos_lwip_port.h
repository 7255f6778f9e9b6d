/* SPDX-License-Identifier: GPL-2.0 */
/* What the component side provides lwIP (sys_arch.cpp): the assertion path, random numbers, and
 * routing by source address. C and C++ both include it. */
#ifndef COS_LWIP_PORT_H
#define COS_LWIP_PORT_H

#ifdef __cplusplus
extern "C" {
#endif

struct netif;
struct ip4_addr;

/* Calls cos_lwip_report(message, file, line), then faults the component (ud2). */
__attribute__((noreturn)) void cos_lwip_assert(const char *message, const char *file, int line);

/* Called by cos_lwip_assert before the fault. The library's own does nothing; a component that
 * defines it (a strong definition wins over the library's weak one) can print the message. */
void cos_lwip_report(const char *message, const char *file, int line);

/* LWIP_RAND: xorshift64*, seeded from the component kernel's clock on first use. For TCP's
 * initial sequence numbers and ports, not for secrets. */
unsigned int cos_lwip_rand(void);

/* LWIP_HOOK_IP4_ROUTE_SRC: a packet whose source is the address of an interface that is up
 * leaves through that interface (the strong host model); otherwise (NULL) lwIP routes by
 * destination. Lets one stack hold several interfaces on one subnet, as lwip_loop's does. */
struct netif *cos_lwip_route_src(const struct ip4_addr *src, const struct ip4_addr *dest);

#ifdef __cplusplus
}
#endif

#endif
