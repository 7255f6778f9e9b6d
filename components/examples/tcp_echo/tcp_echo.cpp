// SPDX-License-Identifier: GPL-2.0
// A TCP echo service (graphs/tcp-echo.cosg): listens on the `port` setting (7 by default) and
// writes back every byte each connection sends, until the peer closes. `workers` threads (8 by
// default, at most 16) each serve one connection at a time; each has its own part of the `stream`
// share it has with TCP, through which the bytes pass. main() serves until the run is stopped;
// it returns only when the service cannot start (1: no listener).
#include <cos/component.hpp>
#include <cos/config.hpp>
#include <cos/net/frames.hpp>
#include <cos/net/tcp.hpp>
#include <cos/system/print.hpp>
#include <cos/system/sched.hpp>

COS_CONFIG(128);

namespace {

constexpr cos_word max_workers = 16;

cosk::net::Share stream;
cos_word part_size = 0;
cosk::tcp::Id listener;

// Echoes one connection, through part of the stream share.
void echo(cosk::tcp::Id connection, cos_word part)
{
	const cos_word offset = part * part_size;
	for (;;) {
		auto got = cosk::tcp::recv(connection, offset, part_size);
		if (!got || got.value() == 0)
			return;
		for (cos_word done = 0; done < got.value();) {
			auto sent = cosk::tcp::send(connection, offset + done, got.value() - done);
			if (!sent)
				return;
			done += sent.value();
		}
	}
}

cos_word worker(cos_word part, cos_word, cos_word, cos_word)
{
	for (;;) {
		auto connection = cosk::tcp::accept(listener);
		if (!connection) {
			cos_printf("tcp_echo: accept failed (error %llu)\n", static_cast<unsigned long long>(connection.error()));
			return 1;
		}
		echo(connection.value(), part);
		static_cast<void>(cosk::tcp::close(connection.value()));
	}
}

} // namespace

extern "C" cos_word main(cos_word, cos_word, cos_word, cos_word)
{
	stream = cosk::net::find_share("share.stream", "share.stream.size");
	auto port = cosk::config::number("port");
	auto workers = cosk::config::number("workers");
	const cos_word n = workers ? (workers.value() < 1 ? 1 : workers.value() > max_workers ? max_workers : workers.value()) : 8;
	part_size = stream.size / n / 64 * 64;
	if (part_size == 0) {
		cos_printf("tcp_echo: no stream share (graph: share stream SIZE tcp_echo tcp)\n");
		return 1;
	}
	auto listening = cosk::tcp::listen(port ? port.value() : 7);
	if (!listening) {
		cos_printf("tcp_echo: cannot listen on port %llu (error %llu)\n",
			   static_cast<unsigned long long>(port ? port.value() : 7),
			   static_cast<unsigned long long>(listening.error()));
		return 1;
	}
	listener = listening.value();
	for (cos_word part = 1; part < n; part++) {
		if (!cosk::sched::create(worker, part, 16)) {
			cos_printf("tcp_echo: only %llu workers\n", static_cast<unsigned long long>(part));
			break;
		}
	}
	cos_printf("tcp_echo: listening on port %llu with %llu workers\n",
		   static_cast<unsigned long long>(port ? port.value() : 7), static_cast<unsigned long long>(n));
	return worker(0, 0, 0, 0);
}
COS_EXPORT(main);
