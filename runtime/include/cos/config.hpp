// SPDX-License-Identifier: GPL-2.0
// A component's configuration: settings the graph gives it at load (`config NAME KEY=VALUE ...`,
// docs/graph-format.md, "Configuration"), as Genode hands each component a config ROM. A
// component that takes settings reserves its configuration space with COS_CONFIG(BYTES) in one
// of its source files; before the component first runs, the loader writes `KEY=VALUE\n` per
// setting into it, in the graph's order, then zeros. Without COS_CONFIG a graph that configures
// the component is refused (no_config_space), and one whose settings do not fit too
// (config_too_large). Keys are names; a value is any text without whitespace or `#`.
#pragma once

#include <cos/attempt.hpp>
#include <cos/component.hpp>

// Reserves BYTES of configuration space (the settings' text and a zero byte must fit).
#define COS_CONFIG(bytes)                                            \
	extern "C" {                                                 \
	[[gnu::used]] char __cos_config[bytes] = {};                 \
	}                                                            \
	static_assert((bytes) > 1, "room for at least one character")

extern "C" char __cos_config[];

namespace cosk::config {

enum class Error {
	absent = 1,   // no setting of that key
	not_a_number, // number(): the value is not a decimal or 0x-hexadecimal number below 2^64
};

// A value: its text in the configuration space (not zero-terminated) and its length.
struct Value {
	const char *text = nullptr;
	cos_word size = 0;

	bool operator==(const char *other) const
	{
		cos_word i = 0;
		for (; i < size; i++)
			if (other[i] != text[i])
				return false;
		return other[i] == '\0';
	}
};

// The value of the first setting of key.
inline Attempt<Value, Error> get(const char *key)
{
	for (const char *line = __cos_config; *line;) {
		const char *k = key;
		const char *p = line;
		while (*k && *p == *k) {
			k++;
			p++;
		}
		const char *end = p;
		while (*end && *end != '\n')
			end++;
		if (!*k && *p == '=')
			return Value{p + 1, static_cast<cos_word>(end - p - 1)};
		line = *end ? end + 1 : end;
	}
	return Failure{Error::absent};
}

// The value of key as a number: decimal, or hexadecimal after 0x.
inline Attempt<cos_word, Error> number(const char *key)
{
	auto value = get(key);
	if (!value)
		return Failure{value.error()};
	const Value v = value.value();
	const bool hex = v.size > 2 && v.text[0] == '0' && (v.text[1] == 'x' || v.text[1] == 'X');
	const cos_word base = hex ? 16 : 10;
	if (v.size == 0)
		return Failure{Error::not_a_number};
	cos_word n = 0;
	for (cos_word i = hex ? 2 : 0; i < v.size; i++) {
		const char c = v.text[i];
		cos_word digit;
		if (c >= '0' && c <= '9')
			digit = static_cast<cos_word>(c - '0');
		else if (hex && c >= 'a' && c <= 'f')
			digit = static_cast<cos_word>(c - 'a' + 10);
		else if (hex && c >= 'A' && c <= 'F')
			digit = static_cast<cos_word>(c - 'A' + 10);
		else
			return Failure{Error::not_a_number};
		if (n > (~cos_word{0} - digit) / base)
			return Failure{Error::not_a_number};
		n = n * base + digit;
	}
	return n;
}

} // namespace cosk::config
