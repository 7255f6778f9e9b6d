// SPDX-License-Identifier: GPL-2.0
// lwIP running in a component: two lwIP interfaces in this one component, linked back to back in
// memory (wire.hpp), a TCP listener on one and a connection to it from the other over lwIP's raw
// API, and a patterned stream echoed through it with every byte checked. Timers run from the
// component kernel's clock (sys_now). main(kib, lose_every) echoes kib KiB (1 MiB when 0) over a
// link that loses every lose_every-th frame each way (none when 0: then only lwIP's timers and
// retransmissions bring the stream through), and returns 0 when every byte came back right, else
// 1; it prints what it measured. main(0, 0, 1) instead breaks one of lwIP's assertions on
// purpose: the component must print it through the printer and fault.
#include <cstdint>

#include <cos/component.hpp>
#include <cos/kernel.hpp>
#include <cos/system/print.hpp>

#include "cos_lwip_port.h"
#include "lwip/etharp.h"
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/tcp.h"
#include "lwip/timeouts.h"
#include "netif/ethernet.h"

#include "wire.hpp"

namespace {

constexpr std::uint16_t echo_port = 7;
// How long the echo may take before the test gives up (TCG is slow; 1 MiB takes seconds).
constexpr std::uint64_t time_limit_ns = 120ULL * 1000 * 1000 * 1000;

// Byte i of the stream: differs from its neighbours and changes with its position, so that lost,
// repeated, reordered or shifted bytes all show.
std::uint8_t pattern(std::uint64_t i)
{
	return static_cast<std::uint8_t>(((i * 0x9e3779b97f4a7c15ULL) >> 56) ^ i ^ (i >> 8));
}

std::uint16_t least(std::uint64_t a, std::uint64_t b)
{
	return static_cast<std::uint16_t>(a < b ? a : b);
}

// One end of the link: an lwIP interface and the wire it transmits on.
struct Port {
	netif interface{};
	Wire *out = nullptr;
	std::uint8_t mac[6] = {0x02, 0, 0, 0, 0, 0};
};

err_t port_linkoutput(netif *interface, pbuf *p)
{
	static_cast<Port *>(interface->state)->out->send(p);
	return ERR_OK;  // a full wire drops the frame, as a link would: TCP sends it again
}

err_t port_init(netif *interface)
{
	auto *port = static_cast<Port *>(interface->state);
	interface->name[0] = 'l';
	interface->name[1] = static_cast<char>('0' + port->mac[5]);
	interface->output = etharp_output;
	interface->linkoutput = port_linkoutput;
	interface->mtu = 1500;
	interface->hwaddr_len = ETH_HWADDR_LEN;
	for (unsigned i = 0; i < ETH_HWADDR_LEN; i++)
		interface->hwaddr[i] = port->mac[i];
	interface->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP | NETIF_FLAG_ETHERNET;
	return ERR_OK;
}

// Everything the test holds: the link, both interfaces, both ends of the connection.
struct Loop {
	Wire a_to_b;
	Wire b_to_a;
	Port a;
	Port b;

	std::uint64_t total = 0;
	tcp_pcb *client = nullptr;
	tcp_pcb *server = nullptr;
	// The client's side: bytes written, bytes back and checked, the first wrong one.
	std::uint64_t sent = 0;
	std::uint64_t received = 0;
	std::uint64_t wrong = 0;
	std::uint64_t first_wrong = 0;
	// The server's side: what it received and has not yet written back, and what it has.
	pbuf *pending = nullptr;
	std::uint64_t echoed = 0;
	bool accepted = false;
	bool server_saw_close = false;
	const char *failure = nullptr;

	bool finished() const { return failure != nullptr || server_saw_close; }
};

void fail(Loop &loop, const char *why)
{
	if (loop.failure == nullptr)
		loop.failure = why;
}

// The client writes as much of the stream as lwIP's send buffer takes.
void client_fill(Loop &loop)
{
	std::uint8_t chunk[2048];
	while (loop.client != nullptr && loop.sent < loop.total) {
		const std::uint16_t n = least(least(tcp_sndbuf(loop.client), loop.total - loop.sent), sizeof(chunk));
		if (n == 0)
			break;
		for (std::uint16_t i = 0; i < n; i++)
			chunk[i] = pattern(loop.sent + i);
		const err_t err = tcp_write(loop.client, chunk, n, TCP_WRITE_FLAG_COPY);
		if (err == ERR_MEM)
			break;
		if (err != ERR_OK)
			return fail(loop, "client: tcp_write failed");
		loop.sent += n;
	}
	if (loop.client != nullptr && tcp_output(loop.client) != ERR_OK)
		fail(loop, "client: tcp_output failed");
}

err_t client_connected(void *arg, tcp_pcb *, err_t err)
{
	auto &loop = *static_cast<Loop *>(arg);
	if (err != ERR_OK)
		fail(loop, "client: connecting failed");
	else
		client_fill(loop);
	return ERR_OK;
}

err_t client_sent(void *arg, tcp_pcb *, std::uint16_t)
{
	client_fill(*static_cast<Loop *>(arg));
	return ERR_OK;
}

err_t client_recv(void *arg, tcp_pcb *pcb, pbuf *p, err_t)
{
	auto &loop = *static_cast<Loop *>(arg);
	if (p == nullptr) {
		// The server's close: expected once everything is back (the client closed first).
		if (loop.received < loop.total)
			fail(loop, "client: the server closed before echoing everything");
		return ERR_OK;
	}
	for (const pbuf *q = p; q != nullptr; q = q->next) {
		const auto *bytes = static_cast<const std::uint8_t *>(q->payload);
		for (std::uint16_t i = 0; i < q->len; i++, loop.received++) {
			if (loop.received >= loop.total || bytes[i] != pattern(loop.received)) {
				if (loop.wrong++ == 0)
					loop.first_wrong = loop.received;
			}
		}
	}
	tcp_recved(pcb, p->tot_len);
	pbuf_free(p);
	if (loop.received >= loop.total) {
		// All back: the client closes, and the server's close ends the test.
		if (tcp_close(pcb) != ERR_OK)
			fail(loop, "client: tcp_close failed");
		loop.client = nullptr;
	}
	return ERR_OK;
}

void client_error(void *arg, err_t)
{
	auto &loop = *static_cast<Loop *>(arg);
	loop.client = nullptr;  // lwIP has freed the pcb
	fail(loop, "client: the connection was aborted");
}

// The server writes back as much of what it received as lwIP's send buffer takes, and only then
// opens its receive window for it: a slow reader slows the writer, and no byte is held twice.
void server_flush(Loop &loop)
{
	while (loop.server != nullptr && loop.pending != nullptr) {
		const std::uint16_t n = least(tcp_sndbuf(loop.server), loop.pending->len);
		if (n == 0)
			break;
		const err_t err = tcp_write(loop.server, loop.pending->payload, n, TCP_WRITE_FLAG_COPY);
		if (err == ERR_MEM)
			break;
		if (err != ERR_OK)
			return fail(loop, "server: tcp_write failed");
		tcp_recved(loop.server, n);
		loop.echoed += n;
		loop.pending = pbuf_free_header(loop.pending, n);
	}
	if (loop.server != nullptr && tcp_output(loop.server) != ERR_OK)
		fail(loop, "server: tcp_output failed");
}

err_t server_recv(void *arg, tcp_pcb *pcb, pbuf *p, err_t)
{
	auto &loop = *static_cast<Loop *>(arg);
	if (p == nullptr) {
		loop.server_saw_close = true;
		if (loop.pending != nullptr)
			fail(loop, "server: the client closed with bytes not yet echoed");
		if (tcp_close(pcb) != ERR_OK)
			fail(loop, "server: tcp_close failed");
		loop.server = nullptr;
		return ERR_OK;
	}
	if (loop.pending == nullptr)
		loop.pending = p;
	else
		pbuf_cat(loop.pending, p);
	server_flush(loop);
	return ERR_OK;
}

err_t server_sent(void *arg, tcp_pcb *, std::uint16_t)
{
	server_flush(*static_cast<Loop *>(arg));
	return ERR_OK;
}

void server_error(void *arg, err_t)
{
	auto &loop = *static_cast<Loop *>(arg);
	loop.server = nullptr;
	fail(loop, "server: the connection was aborted");
}

err_t server_accept(void *arg, tcp_pcb *pcb, err_t err)
{
	auto &loop = *static_cast<Loop *>(arg);
	if (err != ERR_OK || pcb == nullptr || loop.accepted) {
		fail(loop, "server: accepting failed");
		return ERR_VAL;
	}
	loop.accepted = true;
	loop.server = pcb;
	tcp_arg(pcb, &loop);
	tcp_recv(pcb, server_recv);
	tcp_sent(pcb, server_sent);
	tcp_err(pcb, server_error);
	tcp_nagle_disable(pcb);
	return ERR_OK;
}

void add_port(Port &port, Wire &out, std::uint8_t host)
{
	ip4_addr_t address, mask, gateway;
	IP4_ADDR(&address, 10, 0, 0, host);
	IP4_ADDR(&mask, 255, 255, 255, 0);
	ip4_addr_set_zero(&gateway);
	port.out = &out;
	port.mac[5] = host;
	netif_add(&port.interface, &address, &mask, &gateway, &port, port_init, ethernet_input);
	netif_set_link_up(&port.interface);
	netif_set_up(&port.interface);
}

// Listens on b (10.0.0.2) and connects from a (10.0.0.1): binding the client to a's address is
// what sends its packets out of a (cos_lwip_route_src), over the wire to b.
const char *open_connection(Loop &loop)
{
	tcp_pcb *listener = tcp_new();
	if (listener == nullptr || tcp_bind(listener, netif_ip_addr4(&loop.b.interface), echo_port) != ERR_OK)
		return "server: tcp_new or tcp_bind failed";
	listener = tcp_listen(listener);
	if (listener == nullptr)
		return "server: tcp_listen failed";
	tcp_arg(listener, &loop);
	tcp_accept(listener, server_accept);

	loop.client = tcp_new();
	if (loop.client == nullptr || tcp_bind(loop.client, netif_ip_addr4(&loop.a.interface), 0) != ERR_OK)
		return "client: tcp_new or tcp_bind failed";
	tcp_arg(loop.client, &loop);
	tcp_recv(loop.client, client_recv);
	tcp_sent(loop.client, client_sent);
	tcp_err(loop.client, client_error);
	tcp_nagle_disable(loop.client);
	if (tcp_connect(loop.client, netif_ip_addr4(&loop.b.interface), echo_port, client_connected) != ERR_OK)
		return "client: tcp_connect failed";
	return nullptr;
}

// The test's state is static: 2 × 128 frames of wire and lwIP's own pools are far more than the
// 64 KiB stack holds.
Loop the_loop;

} // namespace

extern "C" void cos_lwip_report(const char *message, const char *file, int line)
{
	cos_printf("lwip_loop: lwIP assertion \"%s\" failed at %s:%d\n", message, file, line);
}

// Calls tcp_recved on a listening pcb, which lwIP asserts against: the assertion must reach
// cos_lwip_report and then fault the component. Returns only if it did not.
cos_word break_an_assertion()
{
	lwip_init();
	tcp_pcb *listener = tcp_new();
	if (listener == nullptr || tcp_bind(listener, IP4_ADDR_ANY, echo_port) != ERR_OK)
		return 2;
	listener = tcp_listen(listener);
	if (listener == nullptr)
		return 2;
	tcp_recved(listener, 1);
	cos_printf("lwip_loop: lwIP let tcp_recved on a listening pcb pass\n");
	return 1;
}

extern "C" cos_word main(cos_word kib, cos_word lose_every, cos_word assertion, cos_word)
{
	if (assertion != 0)
		return break_an_assertion();
	Loop &loop = the_loop;
	loop.total = (kib == 0 ? 1024 : kib) * 1024;
	loop.a_to_b.lose_every(lose_every);
	loop.b_to_a.lose_every(lose_every);
	lwip_init();
	add_port(loop.a, loop.a_to_b, 1);
	add_port(loop.b, loop.b_to_a, 2);
	const std::uint64_t start = cos_time_ns();
	if (const char *why = open_connection(loop))
		fail(loop, why);

	std::uint64_t frames = 0;
	while (!loop.finished()) {
		// Each interface takes what the other sent; the timers run in between.
		bool moved = false;
		for (;;) {
			const bool to_b = loop.a_to_b.deliver(loop.b.interface);
			const bool to_a = loop.b_to_a.deliver(loop.a.interface);
			if (!to_b && !to_a)
				break;
			moved = true;
			frames += to_b + to_a;
		}
		sys_check_timeouts();
		if (!moved && cos_time_ns() - start > time_limit_ns)
			fail(loop, "timed out");
	}
	const std::uint64_t elapsed_ms = (cos_time_ns() - start) / 1000000;

	cos_printf("lwip_loop: %lu of %lu bytes back in %lu ms, %lu wrong (first at %lu)\n", loop.received,
		   loop.total, elapsed_ms, loop.wrong, loop.first_wrong);
	cos_printf("lwip_loop: frames a->b %lu, b->a %lu, lost %lu, dropped %lu; delivered %lu\n",
		   loop.a_to_b.sent, loop.b_to_a.sent, loop.a_to_b.lost + loop.b_to_a.lost,
		   loop.a_to_b.dropped + loop.b_to_a.dropped, frames);
	const bool right = loop.failure == nullptr && loop.wrong == 0 && loop.received == loop.total &&
			   loop.echoed == loop.total;
	if (loop.failure != nullptr)
		cos_printf("lwip_loop: %s\n", loop.failure);
	cos_printf("lwip_loop: echo of %lu bytes through lwIP: %s\n", loop.total, right ? "ok" : "FAILED");
	return right ? 0 : 1;
}
COS_EXPORT(main);
