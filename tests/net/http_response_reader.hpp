// SPDX-License-Identifier: GPL-2.0
// Reads HTTP/1.x responses from a socket through a buffer of its own, so that responses that
// arrive together (pipelined) are split where each ends, and checks their grammar strictly: the
// status line `HTTP/1.x DDD reason` and header lines end in CRLF, header names are tokens, a
// Content-Length is digits and agrees with any other. Every wait is a poll() bounded by the
// timeout. Does not own the socket.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "tests/net/tcp_connection.hpp"

namespace cosk::net_test {

enum class Read_error {
	none,
	timeout,       // nothing came for the whole timeout
	closed,        // the peer closed before what was asked for was complete
	reset,         // the peer reset the connection
	system,        // read or poll failed otherwise
	malformed,     // the head breaks the grammar
	head_too_long, // no end of the head within max_head_bytes
	body_too_long, // a Content-Length above max_body_bytes
	no_length,     // a 200 response (with a body) without a Content-Length
	unexpected,    // bytes where the connection should have ended
};

struct Response_head {
	std::string status_line;    // without its CRLF
	unsigned minor_version = 0; // HTTP/1.minor_version
	unsigned status = 0;
	std::vector<std::pair<std::string, std::string>> headers; // in order; values without OWS
	std::optional<std::uint64_t> content_length;

	// The value of the first header called name (any case), if there is one.
	[[nodiscard]] std::optional<std::string_view> header(std::string_view name) const;
	// Whether a comma-separated header called name (Connection) lists token (any case).
	[[nodiscard]] bool lists(std::string_view name, std::string_view token) const;
};

struct Response {
	Response_head head;
	std::string body;
	// False when a response that is not a 200 came without a Content-Length: its body (up to the
	// end of the connection) has not been read.
	bool body_read = true;
};

// Parses `HTTP/1.x DDD reason` (no CRLF) into out's status_line, minor_version and status; false
// when line is not one.
[[nodiscard]] bool parse_status_line(std::string_view line, Response_head &out);

class Http_response_reader {
public:
	static constexpr std::size_t max_head_bytes = 64 * 1024;
	static constexpr std::uint64_t max_body_bytes = 256 * 1024 * 1024;

	Http_response_reader(int fd, Milliseconds timeout) : fd_(fd), timeout_(timeout) {}

	// The next response's head.
	[[nodiscard]] Read_error read_head(Response_head &out);
	// The next length bytes.
	[[nodiscard]] Read_error read_body(std::uint64_t length, std::string &out);
	// The next response, its body by Content-Length (none when it answers a HEAD request, or is
	// a 1xx, 204 or 304). A 200 must have a Content-Length.
	[[nodiscard]] Read_error read_response(bool head_request, Response &out);
	// Expects the peer to close now, nothing more coming.
	[[nodiscard]] Read_error read_close();

	// Reads once more into the buffer, waiting at most wait: none with bytes added, closed at end
	// of file, timeout, reset or system. For callers that look at the raw bytes (unread()).
	[[nodiscard]] Read_error fill(Milliseconds wait);
	// Bytes read from the socket and not yet taken by a read_*.
	[[nodiscard]] std::string_view unread() const { return std::string_view(buffer_).substr(start_); }
	// Whether the peer has closed (end of file read).
	[[nodiscard]] bool at_end() const { return end_of_file_; }

	// What went wrong with the last read, as one phrase for a message ("no response within 10 s",
	// "malformed status line \"HTTP/1.1 2x0 OK\"").
	[[nodiscard]] const std::string &problem() const { return problem_; }

private:
	Read_error fail(Read_error error, std::string problem);
	// A fill() that ended a read early: problem() says how and where ("... 12 bytes into a body
	// of 100").
	Read_error stopped(Read_error error, const std::string &where);
	void take(std::size_t bytes);

	int fd_;
	Milliseconds timeout_;
	std::string buffer_;
	std::size_t start_ = 0; // buffer_ before start_ has been taken
	bool end_of_file_ = false;
	std::string problem_;
};

} // namespace cosk::net_test
