// SPDX-License-Identifier: GPL-2.0
// A TCP echo service (graphs/tcp-echo.cosg): listens on the `port` setting (7 by default) and
// writes back every byte each connection sends, until the peer closes. `workers` threads (8 by
// default, at most 16) each serve one connection at a time; each has its own part of the `stream`
// share it has with TCP, through which the bytes pass. With a `stats_port` setting, a connection to
// that port gets the network's counters as one line of `name=value` words (the TCP component's and
// the vNIC's: bytes each copied, frames each way; what benchmarks and tests read) and is closed.
// main() serves until the run is stopped; it returns only when the service cannot start (1).
#include <cos/component.hpp>
#include <cos/config.hpp>
#include <cos/net/frames.hpp>
#include <cos/net/tcp.hpp>
#include <cos/net/vnic.hpp>
#include <cos/system/print.hpp>
#include <cos/system/sched.hpp>

COS_CONFIG(128);

namespace {

constexpr cos_word max_workers = 16;

cosk::net::Share stream;
cos_word part_size = 0;
cosk::tcp::Id listener;
cosk::tcp::Id stats_listener;
cos_word stats_part = 0;

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

// Appends "name=value " to text at *at.
void append(char *text, cos_word *at, cos_word size, const char *name, cos_word value)
{
	char digits[24];
	cos_word n = 0;
	do {
		digits[n++] = static_cast<char>('0' + value % 10);
		value /= 10;
	} while (value);
	for (const char *c = name; *c && *at < size; c++)
		text[(*at)++] = *c;
	if (*at < size)
		text[(*at)++] = '=';
	while (n && *at < size)
		text[(*at)++] = digits[--n];
	if (*at < size)
		text[(*at)++] = ' ';
}

cos_word vnic_stat(cosk::vnic::Stat which)
{
	return cosk::tcp::stat(static_cast<cosk::tcp::Stat>(static_cast<cos_word>(cosk::tcp::Stat::vnic_first) +
							    static_cast<cos_word>(which)));
}

// Serves the counters: one line per connection to the stats port.
cos_word stats_server(cos_word, cos_word, cos_word, cos_word)
{
	using cosk::tcp::Stat;
	using Vnic = cosk::vnic::Stat;
	const cos_word offset = stats_part * part_size;
	char *text = reinterpret_cast<char *>(stream.base + offset);
	for (;;) {
		auto connection = cosk::tcp::accept(stats_listener);
		if (!connection)
			return 1;
		cos_word n = 0;
		append(text, &n, part_size, "tcp_copied", cosk::tcp::stat(Stat::copied));
		append(text, &n, part_size, "tcp_frames_in", cosk::tcp::stat(Stat::frames_in));
		append(text, &n, part_size, "tcp_frames_dropped", cosk::tcp::stat(Stat::frames_dropped));
		append(text, &n, part_size, "tcp_frames_out", cosk::tcp::stat(Stat::frames_out));
		append(text, &n, part_size, "tcp_frames_out_failed", cosk::tcp::stat(Stat::frames_out_failed));
		append(text, &n, part_size, "tcp_accepted", cosk::tcp::stat(Stat::accepted));
		append(text, &n, part_size, "vnic_copied", vnic_stat(Vnic::copied));
		append(text, &n, part_size, "vnic_received", vnic_stat(Vnic::received));
		append(text, &n, part_size, "vnic_malformed", vnic_stat(Vnic::malformed));
		append(text, &n, part_size, "vnic_sent", vnic_stat(Vnic::sent));
		append(text, &n, part_size, "vnic_send_failed", vnic_stat(Vnic::send_failed));
		if (n)
			text[n - 1] = '\n';
		for (cos_word done = 0; done < n;) {
			auto sent = cosk::tcp::send(connection.value(), offset + done, n - done);
			if (!sent)
				break;
			done += sent.value();
		}
		static_cast<void>(cosk::tcp::close(connection.value()));
	}
}

} // namespace

extern "C" cos_word main(cos_word, cos_word, cos_word, cos_word)
{
	stream = cosk::net::find_share("share.stream", "share.stream.size");
	auto port = cosk::config::number("port");
	auto workers = cosk::config::number("workers");
	auto stats_port = cosk::config::number("stats_port");
	const cos_word n = workers ? (workers.value() < 1 ? 1 : workers.value() > max_workers ? max_workers : workers.value()) : 8;
	// One part of the share per worker, and one for the counters.
	stats_part = n;
	part_size = stream.size / (n + 1) / 64 * 64;
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
	if (stats_port) {
		auto counting = cosk::tcp::listen(stats_port.value());
		if (!counting || !cosk::sched::create(stats_server, 0, 16)) {
			cos_printf("tcp_echo: cannot serve the counters on port %llu\n",
				   static_cast<unsigned long long>(stats_port.value()));
			return 1;
		}
		stats_listener = counting.value();
	}
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
