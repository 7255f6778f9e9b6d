/* SPDX-License-Identifier: GPL-2.0 */
/* LWIP_HOOK_IP4_ROUTE_SRC: a packet leaves through the interface that owns its source address. */
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"

struct netif *cos_lwip_route_src(const ip4_addr_t *src, const ip4_addr_t *dest)
{
	struct netif *netif;

	(void)dest;
	if (src == NULL || ip4_addr_isany(src))
		return NULL;
	NETIF_FOREACH(netif) {
		if (netif_is_up(netif) && netif_is_link_up(netif) && ip4_addr_cmp(src, netif_ip4_addr(netif)))
			return netif;
	}
	return NULL;
}
