// SPDX-License-Identifier: GPL-2.0
// echo_client HOST PORT MODE...: drives a TCP echo server and checks every byte that comes back
// (echo_pattern.hpp: each byte a function of the connection and its offset, so a byte lost,
// repeated, reordered or crossed into another connection is caught where it happens).
//
//   sequential COUNT SIZE   COUNT connections one after another, SIZE bytes each way, then close
//   concurrent COUNT SIZE   COUNT connections open at once, each SIZE bytes each way
//   stream BYTES            one connection, BYTES sent while the echo is read back
//
// Prints one line saying what it checked; on the first wrong byte, where it was and what came,
// and exits 1. A server silent for ten seconds fails too.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

#include "tests/net/echo_pattern.hpp"

using cosk::net_test::fill_pattern;
using cosk::net_test::pattern_byte;

namespace {

sockaddr_in server;
std::atomic<bool> failed{false};

void fail(const std::string &what)
{
	if (!failed.exchange(true))
		std::fprintf(stderr, "echo_client: %s\n", what.c_str());
}

int connect_to_server()
{
	const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	const timeval timeout{10, 0};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
	const int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (connect(fd, reinterpret_cast<const sockaddr *>(&server), sizeof server) != 0) {
		const int error = errno;
		close(fd);
		errno = error;
		return -1;
	}
	return fd;
}

// Where the wrong bytes at buf (n of them, at least 8 compared) came from, if they are another
// place's of the pattern: connections up to c + 64, offsets below 64 KiB. For the failure
// message: a stale buffer shows as an earlier connection's bytes, a shifted stream as the same
// connection's at another offset.
std::string origin_of(const std::uint8_t *buf, std::size_t n, std::uint64_t c)
{
	const std::size_t want = n < 16 ? n : 16;
	if (want < 8)
		return "";
	for (std::uint64_t other = 0; other <= c + 64; other++) {
		for (std::uint64_t at = 0; at < (1 << 16); at++) {
			std::size_t k = 0;
			while (k < want && pattern_byte(other, at + k) == buf[k])
				k++;
			if (k == want)
				return " (the " + std::to_string(want) + " bytes from there are connection " + std::to_string(other) +
				       "'s at offset " + std::to_string(at) + ")";
		}
	}
	return " (the bytes from there match no place of the pattern)";
}

// Reads the echo of bytes [from, to) of connection c and checks each; false on the first problem.
bool read_checked(int fd, std::uint64_t c, std::uint64_t from, std::uint64_t to)
{
	std::vector<std::uint8_t> buf(1 << 16);
	while (from < to) {
		const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(buf.size(), to - from));
		const ssize_t got = read(fd, buf.data(), want);
		if (got <= 0) {
			fail("connection " + std::to_string(c) + ": " +
			     (got == 0 ? std::string("closed") : std::string(std::strerror(errno))) + " after " +
			     std::to_string(from) + " of " + std::to_string(to) + " bytes");
			return false;
		}
		for (ssize_t i = 0; i < got; i++) {
			const std::uint8_t want_byte = pattern_byte(c, from + static_cast<std::uint64_t>(i));
			if (buf[static_cast<std::size_t>(i)] != want_byte) {
				const std::size_t at = static_cast<std::size_t>(i);
				fail("connection " + std::to_string(c) + ": byte " +
				     std::to_string(from + static_cast<std::uint64_t>(i)) + " came back as " +
				     std::to_string(buf[at]) + ", sent " + std::to_string(want_byte) +
				     origin_of(buf.data() + at, static_cast<std::size_t>(got) - at, c));
				return false;
			}
		}
		from += static_cast<std::uint64_t>(got);
	}
	return true;
}

bool write_all(int fd, std::uint64_t c, const std::uint8_t *p, std::size_t n)
{
	while (n) {
		const ssize_t put = write(fd, p, n);
		if (put <= 0) {
			fail("connection " + std::to_string(c) + ": write: " + std::strerror(errno));
			return false;
		}
		p += put;
		n -= static_cast<std::size_t>(put);
	}
	return true;
}

// One connection: SIZE bytes out, their echo back, then close.
bool exchange(int fd, std::uint64_t c, std::uint64_t size)
{
	std::vector<std::uint8_t> out(static_cast<std::size_t>(size));
	fill_pattern(c, 0, out.data(), out.size());
	const bool ok = write_all(fd, c, out.data(), out.size()) && read_checked(fd, c, 0, size);
	close(fd);
	return ok;
}

int sequential(std::uint64_t count, std::uint64_t size)
{
	for (std::uint64_t c = 0; c < count && !failed; c++) {
		const int fd = connect_to_server();
		if (fd < 0) {
			fail("connection " + std::to_string(c) + ": connect: " + std::strerror(errno));
			break;
		}
		exchange(fd, c, size);
	}
	if (failed)
		return 1;
	std::printf("echo_client: %llu sequential connections, %llu bytes each way, every byte right\n",
		    static_cast<unsigned long long>(count), static_cast<unsigned long long>(size));
	return 0;
}

int concurrent(std::uint64_t count, std::uint64_t size)
{
	// Every connection is open before any sends: the server holds them all at once.
	std::vector<int> fds;
	for (std::uint64_t c = 0; c < count; c++) {
		const int fd = connect_to_server();
		if (fd < 0) {
			fail("connection " + std::to_string(c) + ": connect: " + std::strerror(errno));
			break;
		}
		fds.push_back(fd);
	}
	std::vector<std::thread> threads;
	for (std::size_t c = 0; c < fds.size(); c++)
		threads.emplace_back([fd = fds[c], c, size] { exchange(fd, c, size); });
	for (auto &t : threads)
		t.join();
	if (failed)
		return 1;
	std::printf("echo_client: %llu concurrent connections, %llu bytes each way, every byte right\n",
		    static_cast<unsigned long long>(count), static_cast<unsigned long long>(size));
	return 0;
}

int stream(std::uint64_t bytes)
{
	const int fd = connect_to_server();
	if (fd < 0) {
		fail(std::string("connect: ") + std::strerror(errno));
		return 1;
	}
	std::thread writer([fd, bytes] {
		std::vector<std::uint8_t> out(1 << 16);
		for (std::uint64_t sent = 0; sent < bytes && !failed;) {
			const std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(out.size(), bytes - sent));
			fill_pattern(0, sent, out.data(), n);
			if (!write_all(fd, 0, out.data(), n))
				break;
			sent += n;
		}
		shutdown(fd, SHUT_WR);
	});
	const bool ok = read_checked(fd, 0, 0, bytes);
	if (!ok)
		shutdown(fd, SHUT_RDWR); // lets a blocked writer go
	writer.join();
	close(fd);
	if (failed)
		return 1;
	std::printf("echo_client: a stream of %llu bytes echoed, every byte right\n",
		    static_cast<unsigned long long>(bytes));
	return 0;
}

std::uint64_t number(const char *text)
{
	char *end = nullptr;
	const std::uint64_t value = std::strtoull(text, &end, 0);
	if (!end || *end) {
		std::fprintf(stderr, "echo_client: '%s' is not a number\n", text);
		std::exit(2);
	}
	return value;
}

} // namespace

int main(int argc, char **argv)
{
	if (argc < 5) {
		std::fprintf(stderr, "usage: echo_client HOST PORT sequential COUNT SIZE | concurrent COUNT SIZE | "
				     "stream BYTES\n");
		return 2;
	}
	// A write after the check has failed and shut the connection down must not kill the client
	// before it reports what it found.
	std::signal(SIGPIPE, SIG_IGN);
	server.sin_family = AF_INET;
	server.sin_port = htons(static_cast<std::uint16_t>(number(argv[2])));
	if (inet_pton(AF_INET, argv[1], &server.sin_addr) != 1) {
		std::fprintf(stderr, "echo_client: '%s' is not an IPv4 address\n", argv[1]);
		return 2;
	}
	const std::string mode = argv[3];
	if (mode == "sequential" && argc == 6)
		return sequential(number(argv[4]), number(argv[5]));
	if (mode == "concurrent" && argc == 6)
		return concurrent(number(argv[4]), number(argv[5]));
	if (mode == "stream" && argc == 5)
		return stream(number(argv[4]));
	std::fprintf(stderr, "echo_client: unknown mode or wrong arguments for '%s'\n", mode.c_str());
	return 2;
}
