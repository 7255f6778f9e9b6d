// SPDX-License-Identifier: GPL-2.0
// An IPv4 TCP connection a test tool opened. Its socket is non-blocking, so that every wait on
// it (connecting, writing, and the readers' reads) is a poll() bounded by a timeout: a server that
// goes silent fails a check instead of hanging it. Owns the socket; closes it with the object.
#pragma once

#include <netinet/in.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cosk::net_test {

using Milliseconds = std::chrono::milliseconds;

enum class Connect_error {
	none,
	refused, // nobody listens (ECONNREFUSED)
	timeout, // no answer to the connection request within the timeout
	system,  // anything else: errno_value says what
};

enum class Write_error {
	none,
	timeout, // the peer took nothing for the whole timeout
	gone,    // the peer closed or reset the connection (EPIPE, ECONNRESET)
	system,  // anything else: errno_value says what
};

struct [[nodiscard]] Written {
	Write_error error = Write_error::none;
	int errno_value = 0;
	std::size_t bytes = 0; // taken by the kernel before the error, if any
};

struct Connected;

class Tcp_connection {
public:
	// Connects, waiting at most timeout for the connection to be accepted.
	[[nodiscard]] static Connected open(const sockaddr_in &to, Milliseconds timeout);
	// Starts connecting and returns at once: for tools that hold many connections and poll them.
	// The connection is made when its socket turns writable; pending_error() then says how.
	[[nodiscard]] static Connected start(const sockaddr_in &to);

	Tcp_connection(Tcp_connection &&other) noexcept;
	Tcp_connection(const Tcp_connection &) = delete;
	Tcp_connection &operator=(const Tcp_connection &) = delete;
	Tcp_connection &operator=(Tcp_connection &&other) noexcept;
	~Tcp_connection();

	[[nodiscard]] int fd() const { return fd_; }

	// Writes every byte, each wait for room bounded by timeout.
	[[nodiscard]] Written write_all(std::string_view bytes, Milliseconds timeout);
	// Ends what this side sends (the peer reads end of file); reading goes on.
	void shutdown_write();
	// The connection's error (SO_ERROR), 0 when there is none; clears it.
	[[nodiscard]] int pending_error() const;

private:
	explicit Tcp_connection(int fd) : fd_(fd) {}

	int fd_;
};

struct [[nodiscard]] Connected {
	std::optional<Tcp_connection> connection; // set when error is none
	Connect_error error = Connect_error::none;
	int errno_value = 0;
};

// HOST (dotted IPv4) and PORT as a socket address, or nothing when either is not one.
[[nodiscard]] std::optional<sockaddr_in> ipv4_endpoint(const std::string &host, const std::string &port);

// "connection refused", "no answer within 10 s", ...: why a connection failed, for a message.
[[nodiscard]] std::string describe(const Connected &failed, Milliseconds timeout);
// "the server closed the connection", ...: why a write failed, for a message.
[[nodiscard]] std::string describe(const Written &failed, Milliseconds timeout);

// "10 s", "1.5 s": a timeout as a message says it.
[[nodiscard]] std::string seconds_text(Milliseconds time);

} // namespace cosk::net_test
