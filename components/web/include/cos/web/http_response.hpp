// SPDX-License-Identifier: GPL-2.0
// The head of an HTTP/1.1 response, written into the caller's buffer: status line, the few fields a
// static-file server sends, and the blank line; a whole plain-text error response; and the
// Content-Type a file's name suggests. Freestanding (no libc, no allocation), like the parser.
#pragma once

#include <cstddef>

#include <cos/web/http_text.hpp>

namespace cosk::http {

// The reason phrase for each status this server answers (RFC 9110 15).
inline const char *reason(unsigned status)
{
	switch (status) {
	case 200: return "OK";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 408: return "Request Timeout";
	case 413: return "Content Too Large";
	case 414: return "URI Too Long";
	case 431: return "Request Header Fields Too Large";
	case 500: return "Internal Server Error";
	case 501: return "Not Implemented";
	case 503: return "Service Unavailable";
	case 505: return "HTTP Version Not Supported";
	default: return "Unknown";
	}
}

// Appends text and numbers to out[0..cap); once something does not fit it writes no more, and the
// whole is worth nothing (length() is 0), so a response is never sent cut short.
class Text_writer {
public:
	Text_writer(char *out, std::size_t cap) : out_(out), cap_(cap) {}

	void text(const char *s)
	{
		for (; *s != '\0'; s++)
			put(*s);
	}

	void number(std::size_t value)
	{
		char digits[20];	// SIZE_MAX has 20
		std::size_t n = 0;
		do {
			digits[n++] = static_cast<char>('0' + value % 10);
			value /= 10;
		} while (value != 0);
		while (n > 0)
			put(digits[--n]);
	}

	std::size_t length() const { return full_ ? 0 : at_; }

private:
	void put(char c)
	{
		if (at_ == cap_)
			full_ = true;
		if (full_)
			return;
		out_[at_++] = c;
	}

	char *out_;
	std::size_t cap_;
	std::size_t at_ = 0;
	bool full_ = false;
};

namespace response_parts {

inline void write_head(Text_writer &w, unsigned status, std::size_t content_length, bool keep_alive,
		       const char *content_type)
{
	w.text("HTTP/1.1 ");
	w.number(status);
	w.text(" ");
	w.text(reason(status));
	w.text("\r\nServer: cos\r\nContent-Length: ");
	w.number(content_length);
	if (content_type != nullptr) {
		w.text("\r\nContent-Type: ");
		w.text(content_type);
	}
	w.text(keep_alive ? "\r\nConnection: keep-alive\r\n" : "\r\nConnection: close\r\n");
	if (status == 405)
		w.text("Allow: GET, HEAD\r\n");	// RFC 9110 15.5.6: a 405 says what is allowed
	w.text("\r\n");
}

inline void write_error_body(Text_writer &w, unsigned status)
{
	w.number(status);
	w.text(" ");
	w.text(reason(status));
	w.text("\n");
}

} // namespace response_parts

// The head of a response whose body is content_length bytes; no Content-Type line when
// content_type is nullptr. The bytes written, or 0 when they do not fit in cap.
[[nodiscard]] inline std::size_t format_head(char *out, std::size_t cap, unsigned status,
					     std::size_t content_length, bool keep_alive,
					     const char *content_type)
{
	Text_writer w(out, cap);
	response_parts::write_head(w, status, content_length, keep_alive, content_type);
	return w.length();
}

// A whole response, head and text/plain body "<status> <reason>\n", for a status the server
// answers without a file. The bytes written, or 0 when they do not fit in cap.
[[nodiscard]] inline std::size_t format_error(char *out, std::size_t cap, unsigned status, bool keep_alive)
{
	// The head gives the body's length, so the body is written once aside to measure it; ten
	// digits and the longest reason fit.
	char scratch[64];
	Text_writer body(scratch, sizeof scratch);
	response_parts::write_error_body(body, status);

	Text_writer w(out, cap);
	response_parts::write_head(w, status, body.length(), keep_alive, "text/plain");
	response_parts::write_error_body(w, status);
	return w.length();
}

// The media type of a file named path[0..n), by its extension in any case; a name without a known
// one is sent as application/octet-stream, which a browser downloads rather than interprets.
inline const char *content_type_for(const char *path, std::size_t n)
{
	std::size_t dot = n;
	for (std::size_t i = n; i > 0 && path[i - 1] != '/'; i--) {
		if (path[i - 1] == '.') {
			dot = i - 1;
			break;
		}
	}
	if (dot == n)
		return "application/octet-stream";
	const char *extension = path + dot + 1;
	const std::size_t length = n - dot - 1;
	auto is = [&](const char *word) { return equals_ignoring_case(extension, length, word); };
	if (is("html") || is("htm"))
		return "text/html";
	if (is("txt"))
		return "text/plain";
	if (is("css"))
		return "text/css";
	if (is("js"))
		return "text/javascript";
	if (is("json"))
		return "application/json";
	if (is("png"))
		return "image/png";
	if (is("jpg") || is("jpeg"))
		return "image/jpeg";
	if (is("gif"))
		return "image/gif";
	if (is("svg"))
		return "image/svg+xml";
	if (is("ico"))
		return "image/x-icon";
	return "application/octet-stream";
}

} // namespace cosk::http
