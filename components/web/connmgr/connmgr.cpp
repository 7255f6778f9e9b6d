// SPDX-License-Identifier: GPL-2.0
// The connection manager: the webserver's application thread (the graph's entry). Every TCP
// connection gets one HTTP stream, and the manager moves bytes between the two through its
// buffers of the `stream` share: requests from the connection into the stream, responses from the
// stream onto the connection, never blocking on either (the fd API tells it which descriptor has
// news). A connection that idles idle_ms, or that takes request_ms to send one request's head,
// is closed. Settings: port (80), idle_ms (10000), request_ms (10000); it starts the CGI services.
#include <cos/component.hpp>
#include <cos/config.hpp>
#include <cos/kernel.hpp>
#include <cos/slot_table.hpp>
#include <cos/system/print.hpp>
#include <cos/web/fd.hpp>
#include <cos/web/http.hpp>
#include <cos/web/mm.hpp>
#include <cos/web/stats.hpp>
#include <cos/web/trace.hpp>

COS_CONFIG(256);

namespace {

using cosk::fd::Fd;

COS_IMPORT_ON_CALL(cgi_a_start);
COS_IMPORT_ON_CALL(cgi_b_start);

constexpr cos_word max_connections = 512;
constexpr cos_word max_fds = 1024;	// the fd API's
constexpr cos_word none = ~cos_word{0};
constexpr cos_word ms = 1000 * 1000;

struct Connection {
	Fd tcp{};
	Fd http{};
	cos_word in = 0;	// buffer: bytes from TCP not yet taken by the stream
	cos_word in_have = 0;
	cos_word in_at = 0;
	cos_word out = 0;	// buffer: bytes from the stream not yet taken by TCP
	cos_word out_length = 0;
	cos_word out_sent = 0;
	bool peer_done = false;	// TCP said the peer sends no more
	bool told_end = false;	// and the stream was told
	cos_word last_ns = 0;
	cos_word partial_since_ns = 0;
};

cosk::Slot_table<Connection, max_connections> connections;
cos_word connection_of_fd[max_fds];
Fd listener;
cos_word idle_ns = 10000 * ms;
cos_word request_ns = 10000 * ms;
cos_word accepted = 0;
cosk::mm::Buffer_cache<128> buffers;
cos_word timeouts = 0;

void forget(cos_word id)
{
	Connection *c = connections.lookup(id);
	if (c == nullptr)
		return;
	for (Fd fd : {c->tcp, c->http}) {
		const cos_word i = static_cast<cos_word>(fd);
		if (i < max_fds)
			connection_of_fd[i] = none;
		static_cast<void>(cosk::fd::close(fd));
	}
	buffers.give_back(c->in);
	buffers.give_back(c->out);
	connections.free(id);
}

void accept_all(cos_word now)
{
	for (;;) {
		auto tcp = cosk::fd::accept(listener);
		if (!tcp)
			return;
		auto http = cosk::fd::http();
		auto in = buffers.take();
		auto out = buffers.take();
		Connection c;
		c.tcp = tcp.value();
		c.last_ns = now;
		const bool fits = http && static_cast<cos_word>(tcp.value()) < max_fds && static_cast<cos_word>(http.value()) < max_fds;
		if (fits && in && out) {
			c.http = http.value();
			c.in = in.value();
			c.out = out.value();
		}
		auto id = fits && in && out ? connections.allocate(c) : cosk::Failure{cosk::Slot_error::full};
		if (!id) {
			// Out of something: the connection is refused by closing it.
			static_cast<void>(cosk::fd::close(tcp.value()));
			if (http)
				static_cast<void>(cosk::fd::close(http.value()));
			if (in)
				buffers.give_back(in.value());
			if (out)
				buffers.give_back(out.value());
			continue;
		}
		connection_of_fd[static_cast<cos_word>(c.tcp)] = id.value();
		connection_of_fd[static_cast<cos_word>(c.http)] = id.value();
		accepted++;
	}
}

// Why a connection was dropped, for the stack trace component's report.
enum class Trouble : cos_word { tcp_read = 1, http_write = 2, http_read = 3, tcp_write = 4 };

bool drop(cos_word id, Trouble trouble, cosk::fd::Error error)
{
	cosk::trace::report(static_cast<cos_word>(trouble), static_cast<cos_word>(error));
	forget(id);
	return false;
}

// Moves what can move; false when the connection is over (closed here).
bool serve(cos_word id, cos_word now)
{
	Connection *c = connections.lookup(id);
	if (c == nullptr)
		return false;
	for (bool moved = true; moved;) {
		moved = false;
		// Requests: from TCP into the buffer, from the buffer into the stream.
		if (!c->peer_done && c->in_have < cosk::mm::buffer_size) {
			auto n = cosk::fd::read(c->tcp, c->in + c->in_have, cosk::mm::buffer_size - c->in_have);
			if (n && n.value() > 0) {
				c->in_have += n.value();
				c->last_ns = now;
				moved = true;
			} else if (n) {
				c->peer_done = true;
				moved = true;
			} else if (n.error() != cosk::fd::Error::would_block) {
				return drop(id, Trouble::tcp_read, n.error());
			}
		}
		if (c->in_at < c->in_have) {
			auto n = cosk::fd::write(c->http, c->in + c->in_at, c->in_have - c->in_at);
			if (!n)
				return drop(id, Trouble::http_write, n.error());
			c->in_at += n.value();
			if (c->in_at == c->in_have)
				c->in_at = c->in_have = 0;
			moved = moved || n.value() > 0;
		}
		if (c->peer_done && !c->told_end && c->in_have == 0) {
			static_cast<void>(cosk::fd::write(c->http, c->in, 0));
			c->told_end = true;
		}
		// Responses: from the stream into the buffer, from the buffer onto TCP.
		if (c->out_sent == c->out_length) {
			auto n = cosk::fd::read(c->http, c->out, cosk::mm::buffer_size);
			if (n && n.value() == 0) {
				forget(id);	// the stream is over: so is the connection
				return false;
			}
			if (n) {
				c->out_length = n.value();
				c->out_sent = 0;
				moved = true;
			} else if (n.error() != cosk::fd::Error::would_block) {
				return drop(id, Trouble::http_read, n.error());
			}
		}
		if (c->out_sent < c->out_length) {
			auto n = cosk::fd::write(c->tcp, c->out + c->out_sent, c->out_length - c->out_sent);
			if (n) {
				c->out_sent += n.value();
				c->last_ns = now;
				moved = moved || n.value() > 0;
			} else if (n.error() != cosk::fd::Error::would_block) {
				// The peer reset the connection, most likely: worth a line only at a burst's rate.
				return drop(id, Trouble::tcp_write, n.error());
			}
		}
	}
	return true;
}

// Closes the connections that idled too long, or that send a request too slowly.
void time_out(cos_word now)
{
	for (cos_word id = 0; id < max_connections; id++) {
		Connection *c = connections.lookup(id);
		if (c == nullptr)
			continue;
		auto state = cosk::fd::state(c->http);
		const bool partial = state && (state.value() & cosk::http::partial);
		if (!partial)
			c->partial_since_ns = 0;
		else if (c->partial_since_ns == 0)
			c->partial_since_ns = now;
		const bool slow = partial && now - c->partial_since_ns > request_ns;
		if (slow || now - c->last_ns > idle_ns) {
			timeouts++;
			forget(id);
		}
	}
}

// Serves the descriptors with news, at most ready_batch of them, at time now; false once none
// has news.
bool serve_ready(cos_word now)
{
	constexpr cos_word ready_batch = 16;
	for (cos_word n = 0; n < ready_batch; n++) {
		auto fd = cosk::fd::ready();
		if (!fd)
			return false;
		if (fd.value() == listener) {
			accept_all(now);
			continue;
		}
		const cos_word i = static_cast<cos_word>(fd.value());
		if (i < max_fds && connection_of_fd[i] != none)
			serve(connection_of_fd[i], now);
	}
	return true;
}

cos_word setting(const char *key, cos_word otherwise)
{
	auto value = cosk::config::number(key);
	return value ? value.value() : otherwise;
}

} // namespace

extern "C" cos_word main(cos_word, cos_word, cos_word, cos_word)
{
	for (cos_word &c : connection_of_fd)
		c = none;
	const cos_word port = setting("port", 80);
	idle_ns = setting("idle_ms", 10000) * ms;
	request_ns = setting("request_ms", 10000) * ms;
	if (cgi_a_start() != 0 || cgi_b_start() != 0) {
		cos_printf("connmgr: the CGI services did not start\n");
		return 1;
	}
	auto listening = cosk::fd::listen(port);
	if (!listening) {
		cos_printf("connmgr: cannot listen on port %llu (error %llu)\n", static_cast<unsigned long long>(port),
			   static_cast<unsigned long long>(listening.error()));
		return 1;
	}
	listener = listening.value();
	cos_printf("webserver: listening on port %llu\n", static_cast<unsigned long long>(port));
	cos_word last_scan = cosk::kernel::time_ns();
	for (;;) {
		cosk::fd::wait();
		// Under steady load the descriptors with news may not run out for seconds: the clock
		// is read again for every batch, or a connection accepted late in a long run would be
		// stamped with the time the wait ended and closed as idle by the next scan, and the
		// scan itself would wait for the load to pause.
		for (bool more = true; more;) {
			const cos_word now = cosk::kernel::time_ns();
			more = serve_ready(now);
			if (now - last_scan >= 250 * ms) {
				last_scan = now;
				time_out(now);
				cosk::stats::put(cosk::stats::Key::connections, accepted);
				cosk::stats::put(cosk::stats::Key::timeouts, timeouts);
			}
		}
	}
}
COS_EXPORT(main);
