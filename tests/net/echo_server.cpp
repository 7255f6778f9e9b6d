// SPDX-License-Identifier: GPL-2.0
// echo_server PORT [--corrupt-after BYTES]: Linux's own TCP echo server, the baseline the
// component system's echo service is compared with (and the echo client's test partner). One
// thread, epoll, every connection echoed as it comes. --corrupt-after flips one bit of the byte
// at that offset of all the bytes it echoes, once: the harness proves with it that the client
// notices. Prints "echo_server: listening on PORT" when ready; runs until SIGTERM or SIGINT.
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <vector>

namespace {

volatile std::sig_atomic_t stopping = 0;

// Bytes read but not yet written back, per connection.
struct Connection {
	std::vector<char> pending;
	bool peer_done = false;	// the client closed its side: close once pending is written
};

[[noreturn]] void die(const char *what)
{
	std::fprintf(stderr, "echo_server: %s: %s\n", what, std::strerror(errno));
	std::exit(1);
}

// Writes what it can of c's pending bytes; false when the connection is gone.
bool flush(int fd, Connection &c)
{
	while (!c.pending.empty()) {
		const ssize_t n = write(fd, c.pending.data(), c.pending.size());
		if (n < 0)
			return errno == EAGAIN || errno == EINTR;
		c.pending.erase(c.pending.begin(), c.pending.begin() + n);
	}
	return true;
}

} // namespace

int main(int argc, char **argv)
{
	if (argc != 2 && !(argc == 4 && std::strcmp(argv[2], "--corrupt-after") == 0)) {
		std::fprintf(stderr, "usage: echo_server PORT [--corrupt-after BYTES]\n");
		return 2;
	}
	const int port = std::atoi(argv[1]);
	std::uint64_t corrupt_at = argc == 4 ? std::strtoull(argv[3], nullptr, 0) : UINT64_MAX;
	std::uint64_t echoed = 0;

	struct sigaction sa {};
	sa.sa_handler = [](int) { stopping = 1; };
	sigaction(SIGTERM, &sa, nullptr);
	sigaction(SIGINT, &sa, nullptr);

	const int listener = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (listener < 0)
		die("socket");
	const int one = 1;
	setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	sockaddr_in addr{};
	addr.sin_family = AF_INET;
	addr.sin_port = htons(static_cast<std::uint16_t>(port));
	addr.sin_addr.s_addr = htonl(INADDR_ANY);
	if (bind(listener, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0)
		die("bind");
	if (listen(listener, 1024) != 0)
		die("listen");
	const int ep = epoll_create1(EPOLL_CLOEXEC);
	epoll_event ev{};
	ev.events = EPOLLIN;
	ev.data.fd = listener;
	epoll_ctl(ep, EPOLL_CTL_ADD, listener, &ev);
	std::fprintf(stderr, "echo_server: listening on %d\n", port);

	std::map<int, Connection> connections;
	std::vector<char> buffer(1 << 16);
	epoll_event events[64];
	while (!stopping) {
		const int n = epoll_wait(ep, events, 64, 200);
		for (int i = 0; i < n; i++) {
			const int fd = events[i].data.fd;
			if (fd == listener) {
				int c;
				while ((c = accept4(listener, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC)) >= 0) {
					setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
					epoll_event cev{};
					cev.events = EPOLLIN | EPOLLOUT | EPOLLET | EPOLLRDHUP;
					cev.data.fd = c;
					epoll_ctl(ep, EPOLL_CTL_ADD, c, &cev);
					connections[c];
				}
				continue;
			}
			// Edge-triggered: an event must flush first (EPOLLOUT: room to write), then read
			// until the socket is empty, or until a full buffer waits for room, which the next
			// EPOLLOUT edge brings. Reading first, and stopping at a full buffer, could leave
			// data unread with no edge to come back for it.
			Connection &conn = connections[fd];
			bool open = flush(fd, conn);
			while (open && !conn.peer_done) {
				// Keep at most one buffer pending: the client reads what it sent.
				if (conn.pending.size() >= buffer.size())
					break;
				const ssize_t got = read(fd, buffer.data(), buffer.size());
				if (got == 0) {
					conn.peer_done = true;
					break;
				}
				if (got < 0 && errno != EAGAIN && errno != EINTR) {
					open = false;
					break;
				}
				if (got < 0)
					break;
				const auto size = static_cast<std::uint64_t>(got);
				if (corrupt_at >= echoed && corrupt_at < echoed + size) {
					buffer[corrupt_at - echoed] ^= 1;
					corrupt_at = UINT64_MAX;
				}
				echoed += size;
				conn.pending.insert(conn.pending.end(), buffer.begin(), buffer.begin() + got);
				if (!flush(fd, conn)) {
					open = false;
					break;
				}
			}
			if (!open || (conn.peer_done && conn.pending.empty())) {
				close(fd);
				connections.erase(fd);
			}
		}
	}
	return 0;
}
