// SPDX-License-Identifier: GPL-2.0
// The character rules HTTP/1.x text is judged by (RFC 9110 5.6): tokens, optional whitespace,
// field-value bytes, and names compared without regard to ASCII case. Shared by the request parser
// and the response formatter; freestanding, so that a component may use it.
#pragma once

#include <cstddef>

namespace cosk::http {

// Bytes are judged as unsigned: a char above 0x7f is negative on x86-64.
constexpr unsigned byte_of(char c) { return static_cast<unsigned char>(c); }

constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// tchar: the bytes of a method or a field name.
constexpr bool is_tchar(char c)
{
	if (is_digit(c) || is_alpha(c))
		return true;
	switch (c) {
	case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
	case '-': case '.': case '^': case '_': case '`': case '|': case '~':
		return true;
	default:
		return false;
	}
}

constexpr bool is_token(const char *text, std::size_t n)
{
	if (n == 0)
		return false;
	for (std::size_t i = 0; i < n; i++)
		if (!is_tchar(text[i]))
			return false;
	return true;
}

// OWS: what may surround a field value or a list element.
constexpr bool is_space_or_tab(char c) { return c == ' ' || c == '\t'; }

// A control byte (NUL, CR, LF, DEL, ...); HTAB is the one a field value may hold.
constexpr bool is_control(char c) { return byte_of(c) < 0x20 || byte_of(c) == 0x7f; }

constexpr char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Whether text[0..n) is `word` (NUL-terminated, written in lower case) in any ASCII case.
constexpr bool equals_ignoring_case(const char *text, std::size_t n, const char *word)
{
	std::size_t i = 0;
	for (; i < n; i++)
		if (word[i] == '\0' || lower(text[i]) != word[i])
			return false;
	return word[i] == '\0';
}

// A span of text: an offset into the input and a length, so that nothing is copied.
struct Span {
	std::size_t at = 0;
	std::size_t length = 0;

	constexpr std::size_t end() const { return at + length; }
};

// s without the spaces and tabs at either end.
constexpr Span trim(const char *data, Span s)
{
	while (s.length > 0 && is_space_or_tab(data[s.at])) {
		s.at++;
		s.length--;
	}
	while (s.length > 0 && is_space_or_tab(data[s.end() - 1]))
		s.length--;
	return s;
}

} // namespace cosk::http
