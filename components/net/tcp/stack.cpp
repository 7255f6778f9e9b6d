// SPDX-License-Identifier: GPL-2.0
// The TCP component's lwIP stack (stack.hpp).
#include "stack.hpp"

#include <cos/config.hpp>
#include <cos/net/ip.hpp>
#include <cos/system/print.hpp>
#include <cos/system/sched.hpp>
#include <cos/system/tblock.hpp>

#include "cos_lwip_port.h"
#include "lwip/etharp.h"
#include "lwip/init.h"
#include "lwip/ip4_addr.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"

COS_CONFIG(512);

namespace cosk::tcp {

Stack stack;

namespace {

// Above the clients' threads (the scheduler's default is 16): frames and timers first.
constexpr cos_word network_priority = 24;
constexpr cos_word timer_period_ns = 50ULL * 1000 * 1000;
constexpr cos_word tx_buffer = 0;
constexpr cos_word rx_first = 1;
constexpr cos_word rx_batch = 32;

netif interface{};
std::uint8_t mac[6];

// lwIP sends a frame: into the share's send buffer, then through IP to the vNIC, which hands it
// to the device before it returns: the buffer is free again.
err_t link_output(netif *, pbuf *p)
{
	cosk::net::Frame_buffer *b = stack.frames.buffer(tx_buffer);
	const u16_t length = pbuf_copy_partial(p, b->frame, cosk::net::frame_max, 0);
	b->length = length;
	stack.count(Stat::copied, length);
	if (!cosk::ip::tx(tx_buffer)) {
		stack.count(Stat::frames_out_failed);
		return ERR_IF;
	}
	stack.count(Stat::frames_out);
	return ERR_OK;
}

err_t interface_init(netif *n)
{
	n->name[0] = 'c';
	n->name[1] = 'n';
	n->output = etharp_output;
	n->linkoutput = link_output;
	n->mtu = 1500;
	n->hwaddr_len = ETH_HWADDR_LEN;
	for (unsigned i = 0; i < ETH_HWADDR_LEN; i++)
		n->hwaddr[i] = mac[i];
	n->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
	return ERR_OK;
}

// A dotted quad setting, with an optional /prefix (prefix stays untouched without one).
bool address_setting(const char *key, ip4_addr_t *address, unsigned *prefix)
{
	auto value = cosk::config::get(key);
	if (!value || value.value().size >= 32)
		return false;
	char text[32];
	cos_word n = value.value().size;
	__builtin_memcpy(text, value.value().text, n);
	text[n] = '\0';
	for (cos_word i = 0; i < n; i++) {
		if (text[i] != '/')
			continue;
		text[i] = '\0';
		if (prefix == nullptr)
			return false;
		unsigned p = 0;
		for (cos_word j = i + 1; j < n; j++) {
			if (text[j] < '0' || text[j] > '9')
				return false;
			p = p * 10 + static_cast<unsigned>(text[j] - '0');
		}
		if (p > 32 || i + 1 == n)
			return false;
		*prefix = p;
	}
	return ip4addr_aton(text, address) != 0;
}

// The network thread: frames up from the vNIC, through IP, into lwIP.
cos_word network_thread(cos_word, cos_word, cos_word, cos_word)
{
	const cos_word batch = stack.frames.buffers() - rx_first < rx_batch ? stack.frames.buffers() - rx_first : rx_batch;
	for (;;) {
		auto got = cosk::ip::rx(rx_first, batch);
		if (!got) {
			cos_printf("tcp: the network below failed (error %llu): no more frames\n",
				   static_cast<unsigned long long>(got.error()));
			cosk::sched::block();
			continue;
		}
		cos_lock_take(stack.lock);
		for (cos_word i = 0; i < got.value(); i++) {
			const cosk::net::Frame_buffer *b = stack.frames.buffer(rx_first + i);
			const std::uint32_t length = b->length;
			pbuf *p = length <= cosk::net::frame_max ? pbuf_alloc(PBUF_RAW, static_cast<u16_t>(length), PBUF_POOL) : nullptr;
			if (p == nullptr) {
				stack.count(Stat::frames_dropped);
				continue;
			}
			pbuf_take(p, b->frame, static_cast<u16_t>(length));
			stack.count(Stat::copied, length);
			stack.count(Stat::frames_in);
			if (interface.input(p, &interface) != ERR_OK)
				pbuf_free(p);
		}
		cos_lock_release(stack.lock);
	}
}

// The timer thread: lwIP's timers (TCP's every 250 ms, ARP's, reassembly's), on timed block.
cos_word timer_thread(cos_word, cos_word, cos_word, cos_word)
{
	auto period = cosk::tblock::periodic(timer_period_ns);
	if (!period) {
		cos_printf("tcp: no periodic wake-up for lwIP's timers\n");
		return 1;
	}
	for (;;) {
		static_cast<void>(cosk::tblock::wait(period.value()));
		cos_lock_take(stack.lock);
		sys_check_timeouts();
		cos_lock_release(stack.lock);
	}
}

Start bring_up()
{
	stack.frames = cosk::net::find_share("share.frames", "share.frames.size");
	stack.stream = cosk::net::find_share("share.stream", "share.stream.size");
	ip4_addr_t address, netmask, gateway;
	unsigned prefix = 24;
	if (stack.frames.buffers() < rx_first + 1 || stack.stream.size == 0 ||
	    !address_setting("address", &address, &prefix))
		return Start::not_configured;
	if (!address_setting("gateway", &gateway, nullptr))
		ip4_addr_set_zero(&gateway);
	ip4_addr_set_u32(&netmask, prefix ? PP_HTONL(~0U << (32 - prefix)) : 0);
	auto hw = cosk::ip::mac();
	if (!hw)
		return Start::network;
	for (unsigned i = 0; i < 6; i++)
		mac[i] = static_cast<std::uint8_t>(hw.value() >> (40 - 8 * i));
	if (!cos_lock_init(stack.lock))
		return Start::network;
	lwip_init();
	if (netif_add(&interface, &address, &netmask, &gateway, nullptr, interface_init, ethernet_input) == nullptr)
		return Start::network;
	netif_set_default(&interface);
	netif_set_link_up(&interface);
	netif_set_up(&interface);
	if (!cosk::sched::create(network_thread, 0, network_priority) ||
	    !cosk::sched::create(timer_thread, 0, network_priority))
		return Start::network;
	return Start::ok;
}

} // namespace

Start start()
{
	// 0: not started; 1: starting; 2 + result: done.
	static cos_word state = 0;
	cos_word seen = 0;
	if (__atomic_compare_exchange_n(&state, &seen, 1, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		const Start result = bring_up();
		__atomic_store_n(&state, 2 + static_cast<cos_word>(result), __ATOMIC_RELEASE);
		return result;
	}
	while ((seen = __atomic_load_n(&state, __ATOMIC_ACQUIRE)) == 1)
		cosk::sched::yield();
	return static_cast<Start>(seen - 2);
}

} // namespace cosk::tcp

extern "C" void cos_lwip_report(const char *message, const char *file, int line)
{
	cos_printf("tcp: lwIP assertion \"%s\" failed at %s:%d\n", message, file, line);
}
