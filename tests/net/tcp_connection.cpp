// SPDX-License-Identifier: GPL-2.0
// An IPv4 TCP connection with every wait bounded: see tcp_connection.hpp.
#include "tests/net/tcp_connection.hpp"

#include <arpa/inet.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <utility>

namespace cosk::net_test {

namespace {

int poll_ms(Milliseconds timeout)
{
	return static_cast<int>(timeout.count());
}

} // namespace

Connected Tcp_connection::start(const sockaddr_in &to)
{
	Connected out;
	const int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		out.error = Connect_error::system;
		out.errno_value = errno;
		return out;
	}
	Tcp_connection connection(fd);
	// Requests go out as they are written: a test that writes a byte at a time means it.
	const int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	if (connect(fd, reinterpret_cast<const sockaddr *>(&to), sizeof to) != 0 && errno != EINPROGRESS) {
		out.error = errno == ECONNREFUSED ? Connect_error::refused : Connect_error::system;
		out.errno_value = errno;
		return out;
	}
	out.connection.emplace(std::move(connection));
	return out;
}

Connected Tcp_connection::open(const sockaddr_in &to, Milliseconds timeout)
{
	Connected out = start(to);
	if (!out.connection)
		return out;
	pollfd waiting{out.connection->fd(), POLLOUT, 0};
	int ready;
	do
		ready = poll(&waiting, 1, poll_ms(timeout));
	while (ready < 0 && errno == EINTR);
	const int error = ready < 0 ? errno : ready == 0 ? 0 : out.connection->pending_error();
	if (ready == 0)
		out.error = Connect_error::timeout;
	else if (error == ECONNREFUSED)
		out.error = Connect_error::refused;
	else if (error != 0)
		out.error = Connect_error::system;
	if (out.error != Connect_error::none) {
		out.errno_value = error;
		out.connection.reset();
	}
	return out;
}

Tcp_connection::Tcp_connection(Tcp_connection &&other) noexcept : fd_(std::exchange(other.fd_, -1)) {}

Tcp_connection &Tcp_connection::operator=(Tcp_connection &&other) noexcept
{
	if (this != &other) {
		if (fd_ >= 0)
			close(fd_);
		fd_ = std::exchange(other.fd_, -1);
	}
	return *this;
}

Tcp_connection::~Tcp_connection()
{
	if (fd_ >= 0)
		close(fd_);
}

Written Tcp_connection::write_all(std::string_view bytes, Milliseconds timeout)
{
	Written out;
	while (out.bytes < bytes.size()) {
		// MSG_NOSIGNAL: a peer that has gone is an answer to report, not a SIGPIPE.
		const ssize_t put = send(fd_, bytes.data() + out.bytes, bytes.size() - out.bytes, MSG_NOSIGNAL);
		if (put > 0) {
			out.bytes += static_cast<std::size_t>(put);
			continue;
		}
		if (put < 0 && errno == EINTR)
			continue;
		if (put < 0 && errno != EAGAIN) {
			out.error = errno == EPIPE || errno == ECONNRESET ? Write_error::gone : Write_error::system;
			out.errno_value = errno;
			return out;
		}
		pollfd waiting{fd_, POLLOUT, 0};
		const int ready = poll(&waiting, 1, poll_ms(timeout));
		if (ready == 0) {
			out.error = Write_error::timeout;
			return out;
		}
		if (ready < 0 && errno != EINTR) {
			out.error = Write_error::system;
			out.errno_value = errno;
			return out;
		}
	}
	return out;
}

void Tcp_connection::shutdown_write()
{
	shutdown(fd_, SHUT_WR);
}

int Tcp_connection::pending_error() const
{
	int error = 0;
	socklen_t length = sizeof error;
	if (getsockopt(fd_, SOL_SOCKET, SO_ERROR, &error, &length) != 0)
		return errno;
	return error;
}

std::optional<sockaddr_in> ipv4_endpoint(const std::string &host, const std::string &port)
{
	sockaddr_in out{};
	out.sin_family = AF_INET;
	if (inet_pton(AF_INET, host.c_str(), &out.sin_addr) != 1)
		return std::nullopt;
	char *end = nullptr;
	errno = 0;
	const unsigned long number = std::strtoul(port.c_str(), &end, 10);
	if (port.empty() || port[0] == '-' || *end || errno || number == 0 || number > 65535)
		return std::nullopt;
	out.sin_port = htons(static_cast<std::uint16_t>(number));
	return out;
}

std::string describe(const Connected &failed, Milliseconds timeout)
{
	switch (failed.error) {
	case Connect_error::none: return "connected";
	case Connect_error::refused: return "connection refused";
	case Connect_error::timeout: return "no answer to the connection request within " + seconds_text(timeout);
	case Connect_error::system: return std::strerror(failed.errno_value);
	}
	return "unknown error";
}

std::string describe(const Written &failed, Milliseconds timeout)
{
	const std::string after = " after " + std::to_string(failed.bytes) + " bytes";
	switch (failed.error) {
	case Write_error::none: return "written";
	case Write_error::timeout: return "the server took nothing for " + seconds_text(timeout) + after;
	case Write_error::gone:
		return std::string("the server ") + (failed.errno_value == ECONNRESET ? "reset" : "closed") +
		       " the connection" + after;
	case Write_error::system: return std::string("write: ") + std::strerror(failed.errno_value) + after;
	}
	return "unknown error";
}

std::string seconds_text(Milliseconds time)
{
	const auto ms = time.count();
	std::string out = std::to_string(ms / 1000);
	if (ms % 1000) {
		char fraction[8];
		std::snprintf(fraction, sizeof fraction, ".%03lld", static_cast<long long>(ms % 1000));
		std::string tail = fraction;
		while (tail.back() == '0')
			tail.pop_back();
		out += tail;
	}
	return out + " s";
}

} // namespace cosk::net_test
