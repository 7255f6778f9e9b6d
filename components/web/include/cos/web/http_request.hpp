// SPDX-License-Identifier: GPL-2.0
// parse_request: the first HTTP/1.x request (RFC 9112) in a connection's received bytes, judged in
// place and incrementally, and percent_decode_path, the request's path made into a file name.
//
// Freestanding (no libc, no allocation, no exceptions), so that the web components can use it on
// bytes a client controls; the host's unit tests build the same header. The parser copies nothing:
// a Request names its parts by offsets into the caller's bytes. It judges a request only once its
// whole head has arrived, so the answer for a given head never depends on how it was split into
// segments, and everything it refuses it refuses with the status a server should answer.
#pragma once

#include <cstddef>
#include <cstdint>

#include <cos/web/http_text.hpp>

namespace cosk::http {

struct Limits {
	std::size_t head_max = 8192;	// request line, fields and blank line (and empty lines before)
	std::size_t body_max = 0;	// Content-Length; a static-file server takes no bodies
	std::size_t target_max = 2048;
};

// The methods a static-file server tells apart; any other well-formed one is answered 405.
enum class Method : unsigned char { get, head, other };
enum class Version : unsigned char { http10, http11 };

struct Request {
	Method method = Method::other;
	Version version = Version::http11;
	std::size_t target_at = 0, target_length = 0;	// the request-target as sent
	std::size_t path_at = 0, path_length = 0;	// before the '?', still percent-encoded
	std::size_t query_at = 0, query_length = 0;	// after the '?'; empty (at the target's end) without one
	bool keep_alive = false;
	std::size_t length = 0;	// bytes of the input this request occupies: head and body
};

enum class Outcome : unsigned char { need_more, complete, error };

// complete: request describes it. error: answer status, then close (request is left empty, so
// keep_alive is false). need_more: call again with more bytes; the same ones come first.
struct Parsed {
	Outcome outcome = Outcome::need_more;
	unsigned status = 0;
	Request request = {};
};

namespace request_parts {

// Judging a part gives a status to answer, or accepted.
inline constexpr unsigned accepted = 0;

// What the recognized fields said, gathered before anything is decided on them.
struct Fields {
	unsigned hosts = 0;
	bool has_content_length = false;
	std::size_t content_length = 0;
	bool transfer_encoding = false;
	bool close = false;
	bool keep_alive = false;
};

// A line of a complete head: its text without the line ending, and where the next line begins.
struct Line {
	Span text;
	std::size_t next = 0;
};

// The line at `at`; the head it lies in is known to end in a line feed.
inline Line line_at(const char *data, std::size_t at)
{
	std::size_t end = at;
	while (data[end] != '\n')
		end++;
	std::size_t length = end - at;
	if (length > 0 && data[end - 1] == '\r')
		length--;
	return {{at, length}, end + 1};
}

// Where the request line begins: after the empty lines a client may send between requests (RFC
// 9112 2.2). A CR whose LF has not arrived yet is left for the next call to decide.
inline std::size_t request_line_start(const char *data, std::size_t n)
{
	std::size_t at = 0;
	for (;;) {
		if (at < n && data[at] == '\n')
			at++;
		else if (at + 1 < n && data[at] == '\r' && data[at + 1] == '\n')
			at += 2;
		else
			return at;
	}
}

// Where the head ends (just past its blank line), looking no further than head_max bytes; 0 when
// it does not end within what is there. A head cannot end at 0: its request line is not empty.
inline std::size_t head_end(const char *data, std::size_t n, std::size_t start, std::size_t head_max)
{
	const std::size_t limit = n < head_max ? n : head_max;
	std::size_t line = start;
	for (std::size_t i = start; i < limit; i++) {
		if (data[i] != '\n')
			continue;
		const bool empty = i == line || (i == line + 1 && data[line] == '\r');
		if (empty && line != start)
			return i + 1;
		line = i + 1;
	}
	return 0;
}

inline Method method_of(const char *data, Span method)
{
	auto is = [&](const char *name, std::size_t n) {
		return method.length == n && __builtin_memcmp(data + method.at, name, n) == 0;
	};
	if (is("GET", 3))
		return Method::get;
	if (is("HEAD", 4))
		return Method::head;
	return Method::other;	// methods are case-sensitive: "get" is not GET
}

// The request-target: origin-form ("/path?query"), or "*" for OPTIONS (RFC 9112 3.2.4).
inline unsigned judge_target(const char *data, Span method, Span target, const Limits &limits,
			     Request &request)
{
	if (target.length > limits.target_max)
		return 414;
	for (std::size_t i = target.at; i < target.end(); i++)
		if (is_control(data[i]) || data[i] == ' ' || byte_of(data[i]) >= 0x7f)
			return 400;
	const bool asterisk = target.length == 1 && data[target.at] == '*';
	const bool options = method.length == 7 && __builtin_memcmp(data + method.at, "OPTIONS", 7) == 0;
	if (!(asterisk && options) && (target.length == 0 || data[target.at] != '/'))
		return 400;

	std::size_t question = target.at;
	while (question < target.end() && data[question] != '?')
		question++;
	request.target_at = target.at;
	request.target_length = target.length;
	request.path_at = target.at;
	request.path_length = question - target.at;
	request.query_at = question < target.end() ? question + 1 : target.end();
	request.query_length = target.end() - request.query_at;
	return accepted;
}

// "HTTP/1.0" and "HTTP/1.1" are served; another well-formed version is one this server does not
// speak (505), anything else is not a version at all (400).
inline unsigned judge_version(const char *data, Span version, Request &request)
{
	const char *v = data + version.at;
	if (version.length != 8 || __builtin_memcmp(v, "HTTP/", 5) != 0 || !is_digit(v[5]) || v[6] != '.' ||
	    !is_digit(v[7]))
		return 400;
	if (v[5] != '1' || (v[7] != '0' && v[7] != '1'))
		return 505;
	request.version = v[7] == '0' ? Version::http10 : Version::http11;
	return accepted;
}

// METHOD SP request-target SP HTTP-version, with exactly one space between the parts; judged left
// to right, so a malformed method is refused before the target is looked at.
inline unsigned judge_request_line(const char *data, Span line, const Limits &limits, Request &request)
{
	std::size_t first_space = line.at;
	while (first_space < line.end() && data[first_space] != ' ')
		first_space++;
	std::size_t second_space = first_space + 1;
	while (second_space < line.end() && data[second_space] != ' ')
		second_space++;
	if (second_space >= line.end())
		return 400;	// fewer than three parts

	const Span method{line.at, first_space - line.at};
	const Span target{first_space + 1, second_space - first_space - 1};
	const Span version{second_space + 1, line.end() - second_space - 1};
	if (!is_token(data + method.at, method.length))
		return 400;
	request.method = method_of(data, method);
	if (unsigned status = judge_target(data, method, target, limits, request); status != accepted)
		return status;
	return judge_version(data, version, request);	// a third space makes the version malformed
}

// Content-Length: one or more digits and nothing else; a value past SIZE_MAX is refused, not
// wrapped.
inline bool decimal_of(const char *data, Span value, std::size_t &number)
{
	if (value.length == 0)
		return false;
	std::size_t sum = 0;
	for (std::size_t i = value.at; i < value.end(); i++) {
		if (!is_digit(data[i]))
			return false;
		const auto digit = static_cast<std::size_t>(data[i] - '0');
		if (sum > (SIZE_MAX - digit) / 10)
			return false;
		sum = sum * 10 + digit;
	}
	number = sum;
	return true;
}

// Connection: a comma-separated list of options; close and keep-alive are the ones that matter.
inline void note_connection_options(const char *data, Span value, Fields &fields)
{
	std::size_t element = value.at;
	while (element <= value.end()) {
		std::size_t comma = element;
		while (comma < value.end() && data[comma] != ',')
			comma++;
		const Span option = trim(data, {element, comma - element});
		if (equals_ignoring_case(data + option.at, option.length, "close"))
			fields.close = true;
		else if (equals_ignoring_case(data + option.at, option.length, "keep-alive"))
			fields.keep_alive = true;
		element = comma + 1;
	}
}

// One header field line, `name: value` (RFC 9112 5).
inline unsigned judge_field(const char *data, Span line, Fields &fields)
{
	if (is_space_or_tab(data[line.at]))
		return 400;	// obsolete line folding, or whitespace before a name
	std::size_t colon = line.at;
	while (colon < line.end() && data[colon] != ':')
		colon++;
	if (colon == line.end())
		return 400;
	const Span name{line.at, colon - line.at};
	if (!is_token(data + name.at, name.length))
		return 400;	// whitespace between name and colon lands here too (RFC 9112 5.1)
	const Span value = trim(data, {colon + 1, line.end() - colon - 1});
	for (std::size_t i = value.at; i < value.end(); i++)
		if (is_control(data[i]) && data[i] != '\t')
			return 400;	// NUL, a bare CR, ...

	const char *n = data + name.at;
	if (equals_ignoring_case(n, name.length, "host")) {
		if (++fields.hosts > 1)
			return 400;
	} else if (equals_ignoring_case(n, name.length, "content-length")) {
		std::size_t length = 0;
		if (!decimal_of(data, value, length))
			return 400;
		if (fields.has_content_length && length != fields.content_length)
			return 400;	// two lengths: which one frames the body is anyone's guess
		fields.has_content_length = true;
		fields.content_length = length;
	} else if (equals_ignoring_case(n, name.length, "transfer-encoding")) {
		fields.transfer_encoding = true;
	} else if (equals_ignoring_case(n, name.length, "connection")) {
		note_connection_options(data, value, fields);
	}
	return accepted;
}

inline Parsed refuse(unsigned status) { return {Outcome::error, status, {}}; }

} // namespace request_parts

// The first request in data[0..n). Pipelined requests follow it at data + request.length.
[[nodiscard]] inline Parsed parse_request(const char *data, std::size_t n, const Limits &limits)
{
	using namespace request_parts;
	const std::size_t start = request_line_start(data, n);
	const std::size_t end = head_end(data, n, start, limits.head_max);
	if (end == 0)
		return n >= limits.head_max ? refuse(431) : Parsed{};

	Request request;
	Line line = line_at(data, start);
	if (unsigned status = judge_request_line(data, line.text, limits, request); status != accepted)
		return refuse(status);
	Fields fields;
	for (line = line_at(data, line.next); line.text.length > 0; line = line_at(data, line.next))
		if (unsigned status = judge_field(data, line.text, fields); status != accepted)
			return refuse(status);

	// Every line is well-formed; now what the fields ask for.
	if (request.version == Version::http11 && fields.hosts == 0)
		return refuse(400);	// RFC 9112 3.2
	if (fields.transfer_encoding)
		return refuse(501);	// no chunked bodies; and with one, Content-Length cannot be trusted
	if (fields.content_length > limits.body_max || fields.content_length > SIZE_MAX - end)
		return refuse(413);

	request.keep_alive = request.version == Version::http11 ? !fields.close
								: fields.keep_alive && !fields.close;
	request.length = end + fields.content_length;
	if (n < request.length)
		return {};
	return {Outcome::complete, 0, request};
}

namespace path_parts {

constexpr int hex_value(char c)
{
	if (is_digit(c))
		return c - '0';
	if (lower(c) >= 'a' && lower(c) <= 'f')
		return lower(c) - 'a' + 10;
	return -1;
}

// Whether a segment of the decoded path is "." or "..", which would climb out of the directory
// the path is looked up in.
constexpr bool has_dot_segment(const char *path, std::size_t n)
{
	std::size_t segment = 0;
	for (std::size_t i = 0; i <= n; i++) {
		if (i < n && path[i] != '/')
			continue;
		const std::size_t length = i - segment;
		if ((length == 1 && path[segment] == '.') ||
		    (length == 2 && path[segment] == '.' && path[segment + 1] == '.'))
			return true;
		segment = i + 1;
	}
	return false;
}

} // namespace path_parts

// A request's path (Request::path_*), percent-decoded into out[0..out_cap), its length in
// *out_length. False, with *out_length 0, for a path that does not begin with '/', a bad escape, an
// escaped NUL or '/' (either would change where the name ends), a "." or ".." segment, or a result
// longer than out_cap. Nothing else is changed: "//" stays, '+' is not a space.
[[nodiscard]] inline bool percent_decode_path(const char *in, std::size_t n, char *out, std::size_t out_cap,
					      std::size_t *out_length)
{
	using namespace path_parts;
	*out_length = 0;
	if (n == 0 || in[0] != '/')
		return false;
	std::size_t length = 0;
	for (std::size_t i = 0; i < n; i++) {
		char c = in[i];
		if (c == '%') {
			if (n - i < 3)
				return false;
			const int high = hex_value(in[i + 1]);
			const int low = hex_value(in[i + 2]);
			if (high < 0 || low < 0)
				return false;
			c = static_cast<char>(high * 16 + low);
			if (c == '\0' || c == '/')
				return false;
			i += 2;
		}
		if (length == out_cap)
			return false;
		out[length++] = c;
	}
	if (has_dot_segment(out, length))
		return false;
	*out_length = length;
	return true;
}

} // namespace cosk::http
