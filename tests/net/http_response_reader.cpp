// SPDX-License-Identifier: GPL-2.0
// Reads HTTP/1.x responses through a buffer of its own: see http_response_reader.hpp.
#include "tests/net/http_response_reader.hpp"

#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cerrno>
#include <cstring>

#include "tests/net/byte_text.hpp"

namespace cosk::net_test {

namespace {

bool same_name(std::string_view a, std::string_view b)
{
	return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
		const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
		return lower(x) == lower(y);
	});
}

bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

// RFC 9110's tchar: what a header name is made of.
bool is_token_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) ||
	       std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

// What a field value or reason phrase may hold: visible bytes, obs-text, space and tab.
bool is_text_char(char c)
{
	const auto byte = static_cast<unsigned char>(c);
	return byte == '\t' || (byte >= 0x20 && byte != 0x7f);
}

std::string_view trimmed(std::string_view text)
{
	while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
		text.remove_prefix(1);
	while (!text.empty() && (text.back() == ' ' || text.back() == '\t'))
		text.remove_suffix(1);
	return text;
}

} // namespace

// The status code's first digit 1 to 5, both spaces there.
bool parse_status_line(std::string_view line, Response_head &out)
{
	if (line.size() < 13 || line.substr(0, 7) != "HTTP/1." || !is_digit(line[7]) || line[8] != ' ' || line[9] < '1' ||
	    line[9] > '5' || !is_digit(line[10]) || !is_digit(line[11]) || line[12] != ' ')
		return false;
	if (!std::all_of(line.begin() + 13, line.end(), is_text_char))
		return false;
	out.status_line = std::string(line);
	out.minor_version = static_cast<unsigned>(line[7] - '0');
	out.status = static_cast<unsigned>((line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0'));
	return true;
}

std::optional<std::string_view> Response_head::header(std::string_view name) const
{
	for (const auto &[key, value] : headers)
		if (same_name(key, name))
			return std::string_view(value);
	return std::nullopt;
}

bool Response_head::lists(std::string_view name, std::string_view token) const
{
	for (const auto &[key, value] : headers) {
		if (!same_name(key, name))
			continue;
		std::string_view rest = value;
		while (!rest.empty()) {
			const std::size_t comma = rest.find(',');
			if (same_name(trimmed(rest.substr(0, comma)), token))
				return true;
			rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
		}
	}
	return false;
}

Read_error Http_response_reader::fail(Read_error error, std::string problem)
{
	problem_ = std::move(problem);
	return error;
}

Read_error Http_response_reader::stopped(Read_error error, const std::string &where)
{
	switch (error) {
	case Read_error::timeout: return fail(error, "nothing more within " + seconds_text(timeout_) + ", " + where);
	case Read_error::closed: return fail(error, "the server closed the connection " + where);
	case Read_error::reset: return fail(error, "the server reset the connection " + where);
	default: return error; // problem_ says what
	}
}

void Http_response_reader::take(std::size_t bytes)
{
	start_ += bytes;
	// What has been taken goes once it is all there is, or a lot: the buffer holds little more
	// than what one read brought past the last response.
	if (start_ == buffer_.size() || start_ > 1024 * 1024) {
		buffer_.erase(0, start_);
		start_ = 0;
	}
}

Read_error Http_response_reader::fill(Milliseconds wait)
{
	if (end_of_file_)
		return Read_error::closed;
	for (;;) {
		pollfd waiting{fd_, POLLIN, 0};
		const int ready = poll(&waiting, 1, static_cast<int>(wait.count()));
		if (ready == 0)
			return fail(Read_error::timeout, "nothing within " + seconds_text(wait));
		if (ready < 0) {
			if (errno == EINTR)
				continue;
			return fail(Read_error::system, std::string("poll: ") + std::strerror(errno));
		}
		char chunk[64 * 1024];
		const ssize_t got = read(fd_, chunk, sizeof chunk);
		if (got > 0) {
			buffer_.append(chunk, static_cast<std::size_t>(got));
			return Read_error::none;
		}
		if (got == 0) {
			end_of_file_ = true;
			return fail(Read_error::closed, "the server closed the connection");
		}
		if (errno == EAGAIN || errno == EINTR)
			continue;
		if (errno == ECONNRESET)
			return fail(Read_error::reset, "the server reset the connection");
		return fail(Read_error::system, std::string("read: ") + std::strerror(errno));
	}
}

Read_error Http_response_reader::read_head(Response_head &out)
{
	std::size_t end;
	while ((end = unread().find("\r\n\r\n")) == std::string_view::npos || end + 4 > max_head_bytes) {
		if (unread().size() >= max_head_bytes)
			return fail(Read_error::head_too_long,
				    "no end of the response head within " + std::to_string(max_head_bytes) + " bytes");
		const std::size_t had = unread().size();
		const Read_error error = fill(timeout_);
		if (error == Read_error::none)
			continue;
		if (had == 0 && error == Read_error::timeout)
			return fail(error, "no response within " + seconds_text(timeout_));
		if (had == 0)
			return stopped(error, "without a response");
		return stopped(error, std::to_string(had) + " bytes into a response head: \"" +
					      escaped(unread().substr(0, 80)) + "\"");
	}
	out = Response_head{};
	std::string_view head = unread().substr(0, end + 2);
	for (bool first = true; !head.empty(); first = false) {
		const std::size_t eol = head.find("\r\n");
		const std::string_view line = head.substr(0, eol);
		head.remove_prefix(eol + 2);
		if (line.find_first_of(std::string_view("\r\n\0", 3)) != std::string_view::npos)
			return fail(Read_error::malformed,
				    "a bare CR, LF or NUL in the head line \"" + escaped(line) + "\"");
		if (first) {
			if (!parse_status_line(line, out))
				return fail(Read_error::malformed, "malformed status line \"" + escaped(line) + "\"");
			continue;
		}
		const std::size_t colon = line.find(':');
		const std::string_view name = line.substr(0, colon);
		const std::string_view value = colon == std::string_view::npos ? "" : trimmed(line.substr(colon + 1));
		if (colon == std::string_view::npos || name.empty() ||
		    !std::all_of(name.begin(), name.end(), is_token_char) ||
		    !std::all_of(value.begin(), value.end(), is_text_char))
			return fail(Read_error::malformed, "malformed header line \"" + escaped(line) + "\"");
		out.headers.emplace_back(name, value);
		if (!same_name(name, "Content-Length"))
			continue;
		if (value.empty() || value.size() > 18 || !std::all_of(value.begin(), value.end(), is_digit))
			return fail(Read_error::malformed, "Content-Length \"" + escaped(value) + "\" is not a number");
		std::uint64_t length = 0;
		std::from_chars(value.data(), value.data() + value.size(), length); // at most 18 digits: fits
		if (out.content_length && *out.content_length != length)
			return fail(Read_error::malformed, "two Content-Length headers disagree");
		out.content_length = length;
	}
	if (out.content_length && out.header("Transfer-Encoding"))
		return fail(Read_error::malformed, "both Content-Length and Transfer-Encoding");
	take(end + 4);
	return Read_error::none;
}

Read_error Http_response_reader::read_body(std::uint64_t length, std::string &out)
{
	if (length > max_body_bytes)
		return fail(Read_error::body_too_long, "a body of " + std::to_string(length) + " bytes, more than " +
							       std::to_string(max_body_bytes) + " this reader takes");
	const auto want = static_cast<std::size_t>(length);
	while (unread().size() < want) {
		const Read_error error = fill(timeout_);
		if (error != Read_error::none)
			return stopped(error,
				       std::to_string(unread().size()) + " bytes into a body of " + std::to_string(length));
	}
	out.assign(unread().substr(0, want));
	take(want);
	return Read_error::none;
}

Read_error Http_response_reader::read_response(bool head_request, Response &out)
{
	out = Response{};
	if (const Read_error error = read_head(out.head); error != Read_error::none)
		return error;
	const unsigned status = out.head.status;
	if (head_request || status / 100 == 1 || status == 204 || status == 304)
		return Read_error::none;
	if (out.head.content_length)
		return read_body(*out.head.content_length, out.body);
	if (status == 200)
		return fail(Read_error::no_length, "a 200 response without a Content-Length");
	out.body_read = false;
	return Read_error::none;
}

Read_error Http_response_reader::read_close()
{
	if (unread().empty()) {
		const Read_error error = fill(timeout_);
		if (error == Read_error::closed)
			return Read_error::none;
		if (error == Read_error::timeout)
			return fail(error, "the connection still open " + seconds_text(timeout_) + " after the response");
		if (error == Read_error::reset)
			return fail(error, "the server reset the connection after the response instead of closing it");
		if (error != Read_error::none)
			return error;
	}
	return fail(Read_error::unexpected, std::to_string(unread().size()) + " more bytes after the response: \"" +
						    escaped(unread().substr(0, 80)) + "\"");
}

} // namespace cosk::net_test
