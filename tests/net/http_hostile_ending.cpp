// SPDX-License-Identifier: GPL-2.0
// How the server ended a hostile connection: see http_hostile_ending.hpp.
#include "tests/net/http_hostile_ending.hpp"

#include <chrono>

#include "tests/net/byte_text.hpp"
#include "tests/net/http_response_reader.hpp"

namespace cosk::net_test {

namespace {

using Clock = std::chrono::steady_clock;

// A status line longer than this is no status line this tool wants to see.
constexpr std::size_t longest_status_line = 1024;

std::string milliseconds_text(Milliseconds time)
{
	return time < Milliseconds(1000) ? std::to_string(time.count()) + " ms" : seconds_text(time);
}

} // namespace

void classify(std::string_view bytes, bool at_end, Ending &out)
{
	if (out.status || out.not_http || bytes.empty())
		return;
	const std::size_t eol = bytes.find("\r\n");
	const std::string_view line = bytes.substr(0, eol);
	const std::string_view prefix = "HTTP/1.";
	const std::size_t common = std::min(prefix.size(), line.size());
	Response_head head;
	if (eol != std::string_view::npos && parse_status_line(line, head)) {
		out.status = head.status;
		out.answer = head.status_line;
	} else if (eol != std::string_view::npos || at_end || line.substr(0, common) != prefix.substr(0, common) ||
		   line.size() > longest_status_line) {
		out.not_http = true;
		out.answer = std::string(bytes.substr(0, 80));
	}
}

Ending observe(const Tcp_connection &connection, Milliseconds wait, bool until_close)
{
	Ending out;
	Http_response_reader reader(connection.fd(), wait);
	const Clock::time_point start = Clock::now();
	const auto elapsed = [&] { return std::chrono::duration_cast<Milliseconds>(Clock::now() - start); };
	bool timed = false; // out.after holds the first answer's time
	for (;;) {
		classify(reader.unread(), false, out);
		if (out.status || out.not_http) {
			if (!timed)
				out.after = elapsed();
			timed = true;
			if (!until_close)
				return out;
		}
		const Milliseconds left = wait - elapsed();
		if (left <= Milliseconds(0))
			return out;
		switch (reader.fill(left)) {
		case Read_error::none:
		case Read_error::timeout: continue;
		case Read_error::reset: out.reset = true; [[fallthrough]];
		case Read_error::closed:
			out.closed = true;
			classify(reader.unread(), true, out);
			if (!timed)
				out.after = elapsed();
			return out;
		default: out.error = reader.problem(); return out;
		}
	}
}

std::string describe(const Ending &ending, Milliseconds wait)
{
	if (!ending.error.empty())
		return ending.error;
	std::string out;
	if (ending.status)
		out = "answered \"" + escaped(ending.answer) + "\"";
	else if (ending.not_http)
		out = "sent what is no status line: \"" + escaped(ending.answer) + "\"";
	if (!out.empty() && ending.closed)
		out += std::string(", then ") + (ending.reset ? "reset the connection" : "closed");
	else if (ending.closed)
		out = std::string(ending.reset ? "reset the connection" : "closed the connection") + " without an answer";
	if (out.empty())
		return "neither answered nor closed the connection within " + seconds_text(wait);
	return out + " (" + milliseconds_text(ending.after) + " after the last byte)";
}

std::string outcome(const Ending &ending)
{
	if (!ending.error.empty())
		return "failed to read";
	if (ending.status)
		return "answered " + std::to_string(*ending.status);
	if (ending.not_http)
		return "answered with no status line";
	if (ending.closed)
		return std::string(ending.reset ? "reset" : "closed") + " without an answer";
	return "neither answered nor closed";
}

void Ending_tally::add(const Ending &ending)
{
	counts_[outcome(ending)]++;
}

std::string Ending_tally::text() const
{
	std::string out;
	for (const auto &[key, count] : counts_)
		out += (out.empty() ? "" : ", ") + std::to_string(count) + " " + key;
	return out.empty() ? "none" : out;
}

} // namespace cosk::net_test
