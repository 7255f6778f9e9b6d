/* SPDX-License-Identifier: GPL-2.0 */
/* lwIP's configuration for components: the raw API on one thread (NO_SYS), IPv4 with TCP, UDP,
 * ICMP and ARP over Ethernet, and all memory static (lwIP's own heap and pools, in the image's
 * .bss). Everything not named here keeps lwIP's default (src/include/lwip/opt.h). */
#ifndef COS_LWIP_LWIPOPTS_H
#define COS_LWIP_LWIPOPTS_H

/* No OS layer: a component calls lwIP from one thread at a time (a TCP component serialises its
 * callers with the lock component), drives the timers itself (sys_check_timeouts) and has no
 * semaphores, mailboxes or threads of lwIP's. So neither the sequential (netconn) nor the socket
 * API, which need them, and no interrupt-level protection. */
#define NO_SYS 1
#define SYS_LIGHTWEIGHT_PROT 0
#define LWIP_NETCONN 0
#define LWIP_SOCKET 0
#define LWIP_TIMERS 1

/* The protocols: IPv4, TCP, UDP, ICMP (ping is answered), ARP over Ethernet. No IPv6, DHCP,
 * AutoIP, IGMP, DNS or raw IP: addresses are given at load. */
#define LWIP_IPV4 1
#define LWIP_IPV6 0
#define LWIP_ARP 1
#define LWIP_ETHERNET 1
#define LWIP_ICMP 1
#define LWIP_TCP 1
#define LWIP_UDP 1
#define LWIP_RAW 0
#define LWIP_DHCP 0
#define LWIP_AUTOIP 0
#define LWIP_IGMP 0
#define LWIP_DNS 0
#define IP_FORWARD 0
/* Fragments are reassembled (the hostile-frame tests send them), and never sent: TCP sizes its
 * segments to the MSS. */
#define IP_REASSEMBLY 1
#define IP_FRAG 0

/* Memory: lwIP's own heap (mem.c) and fixed pools (memp.c), static arrays, never malloc. */
#define MEM_LIBC_MALLOC 0
#define MEMP_MEM_MALLOC 0
#define MEM_ALIGNMENT 8
#define MEM_SIZE (256 * 1024)
#define MEMP_NUM_PBUF 64
/* Connections: hundreds served at once (a webserver's clients, slow ones among them), with room
 * for those closing and in TIME-WAIT (see TCP_MSL). */
#define MEMP_NUM_TCP_PCB 1024
#define MEMP_NUM_TCP_PCB_LISTEN 8
#define MEMP_NUM_TCP_SEG 512
#define MEMP_NUM_UDP_PCB 8
#define MEMP_NUM_REASSDATA 8
/* Received frames wait in pool pbufs until the client reads them: 512 of them hold a full
 * window (TCP_WND) of each of 64 connections that send before the service reads any, so that
 * unread data never leaves no buffer for the connections being served. */
#define PBUF_POOL_SIZE 512

/* TCP: full-sized Ethernet segments; a receive window of 6 of them (see PBUF_POOL_SIZE) and a
 * send buffer of 16 (enough to keep a link busy without lwIP's window scaling). */
#define TCP_MSS 1460
#define TCP_WND (6 * TCP_MSS)
#define TCP_SND_BUF (16 * TCP_MSS)
#define TCP_SND_QUEUELEN (4 * TCP_SND_BUF / TCP_MSS)
#define TCP_QUEUE_OOSEQ 1
#define LWIP_TCP_KEEPALIVE 1
#define TCP_LISTEN_BACKLOG 1
/* TIME-WAIT lasts 2 * TCP_MSL: 1 s here instead of lwIP's 2 minutes. A server that closes first
 * (HTTP/1.0) keeps a pcb in TIME-WAIT per connection, and lwIP answers a SYN that reuses the
 * 4-tuple of one with an ACK and ignores the client's reset (it has no RFC 6191 check), so a Linux
 * client that cycles through its ports within 2 minutes found connections stalling for as long.
 * On the links these systems use (a veth pair, one host's device), no segment lives a second. */
#define TCP_MSL 500UL

/* Checksums in software, both ways: no offload to trust. Algorithm 3 sums 32 bits at a time. */
#define LWIP_CHKSUM_ALGORITHM 3

/* Interfaces: status and link callbacks for the vNIC, no loopback interface (a component's own
 * interfaces talk over their links, see cos_lwip_route_src). */
#define LWIP_NETIF_STATUS_CALLBACK 1
#define LWIP_NETIF_LINK_CALLBACK 1
#define LWIP_NETIF_LOOPBACK 0
#define LWIP_HAVE_LOOPIF 0
#define LWIP_SINGLE_NETIF 0

/* Routing by source address (cos_lwip_route_src in cos_lwip_port.h, through arch/cc.h). */
#define LWIP_HOOK_IP4_ROUTE_SRC(src, dest) cos_lwip_route_src(src, dest)

/* No statistics, and no debug output (LWIP_DEBUG stays undefined: lwIP tests it with #ifdef): both
 * would want printf. */
#define LWIP_STATS 0

#endif
