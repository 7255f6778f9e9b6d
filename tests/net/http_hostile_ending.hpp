// SPDX-License-Identifier: GPL-2.0
// How the server ended a hostile connection (an answer's status line, a close, a reset, or
// nothing within the wait), and the tally a class prints of them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "tests/net/tcp_connection.hpp"

namespace cosk::net_test {

struct Ending {
	std::optional<unsigned> status; // an answer's status code, once its status line was complete
	std::string answer;             // that status line, or the first bytes of what was no status line
	bool not_http = false;          // bytes came that do not begin with a status line
	bool closed = false;            // the server closed the connection
	bool reset = false;             // the server reset it (closed is set too)
	std::string error;              // a read failed otherwise: what it said
	Milliseconds after{0};          // from the end of sending to the answer or close, whichever came first

	// Whether the server ended the connection: closed it or answered.
	[[nodiscard]] bool ended() const { return closed || status.has_value(); }
};

// Looks at the bytes the server sent so far (at_end: and all it will send) for a status line, and
// records in out what they show: a status, bytes that are no status line, or nothing yet.
void classify(std::string_view bytes, bool at_end, Ending &out);

// Reads what the server sends, for at most wait, until it answers with a status line (or sends
// something that is none) or closes the connection; with until_close, an answer does not end the
// wait, only a close does.
[[nodiscard]] Ending observe(const Tcp_connection &connection, Milliseconds wait, bool until_close);

// "answered \"HTTP/1.1 400 Bad Request\" after 2 ms, then closed", "closed without an answer after
// 1 ms", "neither answered nor closed within 3 s", ...
[[nodiscard]] std::string describe(const Ending &ending, Milliseconds wait);

// How a connection ended in a few words, without times or bytes: "answered 400", "closed without
// an answer", "neither answered nor closed".
[[nodiscard]] std::string outcome(const Ending &ending);

// Connections counted by how they ended (outcome()): "190 answered 400, 10 closed without an answer".
class Ending_tally {
public:
	void add(const Ending &ending);
	[[nodiscard]] std::string text() const;

private:
	std::map<std::string, std::uint64_t> counts_;
};

} // namespace cosk::net_test
