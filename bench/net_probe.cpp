// SPDX-License-Identifier: GPL-2.0
// cos-bench-net-probe MODE HOST PORT COUNT SIZE: the client side of `scripts/bench net`, timing a
// TCP echo server and checking every byte it sends back (tests/net/echo_pattern.hpp).
//
//   rtt    one connection; COUNT round trips of SIZE bytes (write, then read the echo), after 50
//          untimed ones; each timed on its own
//   rate   COUNT connections one after another: connect, SIZE bytes each way, close; each timed
//          from before connect() to after close()
//
// Prints one JSON object: the median and mean of one operation on the guest clock (nanoseconds,
// or instructions under QEMU's -icount), the count, and for rate the connections per second of
// the whole run. Any wrong byte, short read or error: a message and exit 1, and no figure.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#include "tests/net/echo_pattern.hpp"

namespace {

sockaddr_in server;

std::uint64_t now()
{
	timespec t{};
	clock_gettime(CLOCK_MONOTONIC, &t);
	return static_cast<std::uint64_t>(t.tv_sec) * 1000000000ULL + static_cast<std::uint64_t>(t.tv_nsec);
}

[[noreturn]] void die(const std::string &what)
{
	std::fprintf(stderr, "cos-bench-net-probe: %s\n", what.c_str());
	std::exit(1);
}

int connect_to_server()
{
	const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		die(std::string("socket: ") + std::strerror(errno));
	const timeval timeout{10, 0};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
	const int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (connect(fd, reinterpret_cast<const sockaddr *>(&server), sizeof server) != 0)
		die(std::string("connect: ") + std::strerror(errno));
	return fd;
}

// One round trip of size bytes of connection c at offset; dies on anything wrong.
void round_trip(int fd, std::uint64_t c, std::uint64_t offset, std::vector<std::uint8_t> &out,
		std::vector<std::uint8_t> &in)
{
	cosk::net_test::fill_pattern(c, offset, out.data(), out.size());
	for (std::size_t done = 0; done < out.size();) {
		const ssize_t n = write(fd, out.data() + done, out.size() - done);
		if (n <= 0)
			die(std::string("write: ") + std::strerror(errno));
		done += static_cast<std::size_t>(n);
	}
	for (std::size_t done = 0; done < in.size();) {
		const ssize_t n = read(fd, in.data() + done, in.size() - done);
		if (n <= 0)
			die(n == 0 ? std::string("the server closed") : std::string("read: ") + std::strerror(errno));
		done += static_cast<std::size_t>(n);
	}
	if (in != out)
		die("connection " + std::to_string(c) + ": the echo differs from what was sent");
}

void report(std::vector<double> v, std::uint64_t total, const char *extra_name = nullptr, double extra = 0)
{
	const double mean = [&] {
		double sum = 0;
		for (double x : v)
			sum += x;
		return sum / static_cast<double>(v.size());
	}();
	std::sort(v.begin(), v.end());
	const std::size_t m = v.size() / 2;
	const double median = v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
	std::printf("{\"median\": %.1f, \"mean\": %.1f, \"count\": %zu, \"total\": %llu", median, mean, v.size(),
		    static_cast<unsigned long long>(total));
	if (extra_name != nullptr)
		std::printf(", \"%s\": %.1f", extra_name, extra);
	std::printf("}\n");
}

} // namespace

int main(int argc, char **argv)
{
	if (argc != 6) {
		std::fprintf(stderr, "usage: cos-bench-net-probe rtt|rate HOST PORT COUNT SIZE\n");
		return 2;
	}
	const std::string mode = argv[1];
	server.sin_family = AF_INET;
	server.sin_port = htons(static_cast<std::uint16_t>(std::strtoul(argv[3], nullptr, 10)));
	if (inet_pton(AF_INET, argv[2], &server.sin_addr) != 1)
		die(std::string("not an IPv4 address: ") + argv[2]);
	const std::uint64_t count = std::strtoull(argv[4], nullptr, 10);
	const std::size_t size = std::strtoull(argv[5], nullptr, 10);
	if (count == 0 || size == 0 || size > (1 << 20) || (mode != "rtt" && mode != "rate")) {
		std::fprintf(stderr, "usage: cos-bench-net-probe rtt|rate HOST PORT COUNT SIZE\n");
		return 2;
	}
	std::vector<std::uint8_t> out(size), in(size);
	std::vector<double> each;
	each.reserve(count);
	if (mode == "rtt") {
		const int fd = connect_to_server();
		constexpr std::uint64_t warm_up = 50;
		std::uint64_t offset = 0;
		for (std::uint64_t i = 0; i < warm_up; i++, offset += size)
			round_trip(fd, 0, offset, out, in);
		const std::uint64_t start = now();
		for (std::uint64_t i = 0; i < count; i++, offset += size) {
			const std::uint64_t t = now();
			round_trip(fd, 0, offset, out, in);
			each.push_back(static_cast<double>(now() - t));
		}
		const std::uint64_t total = now() - start;
		close(fd);
		report(each, total);
		return 0;
	}
	const std::uint64_t start = now();
	for (std::uint64_t c = 0; c < count; c++) {
		const std::uint64_t t = now();
		const int fd = connect_to_server();
		round_trip(fd, c, 0, out, in);
		close(fd);
		each.push_back(static_cast<double>(now() - t));
	}
	const std::uint64_t total = now() - start;
	report(each, total, "per_second", static_cast<double>(count) * 1e9 / static_cast<double>(total));
	return 0;
}
