// SPDX-License-Identifier: GPL-2.0
// A JSON object writer: enough for the one-line reports of `cos` and the benchmarks, with arrays
// and objects as values for the reports that list things.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>

namespace cosk::cli {

class Json_array;

class Json_object {
public:
	Json_object &add(std::string_view key, std::string_view value);
	Json_object &add(std::string_view key, const char *value) { return add(key, std::string_view(value)); }
	Json_object &add(std::string_view key, const std::string &value) { return add(key, std::string_view(value)); }
	Json_object &add(std::string_view key, bool value);
	Json_object &add(std::string_view key, double value);
	Json_object &add(std::string_view key, const Json_object &value) { return add_raw(key, value.str()); }
	Json_object &add(std::string_view key, const Json_array &value);

	template <typename Int>
		requires(std::is_integral_v<Int> && !std::is_same_v<Int, bool>)
	Json_object &add(std::string_view key, Int value)
	{
		return add_raw(key, std::to_string(value));
	}

	// A value that may be absent is null then, so that the key is always there.
	template <typename Int>
		requires(std::is_integral_v<Int> && !std::is_same_v<Int, bool>)
	Json_object &add(std::string_view key, const std::optional<Int> &value)
	{
		return value ? add(key, *value) : add_raw(key, "null");
	}

	// The object, on one line, without a trailing newline.
	std::string str() const { return "{" + body_ + "}"; }

private:
	Json_object &add_raw(std::string_view key, std::string_view raw);
	std::string body_;
};

// Elements in the order pushed; str() is the array on one line.
class Json_array {
public:
	Json_array &push(const Json_object &value) { return push_raw(value.str()); }
	Json_array &push(std::string_view value);

	template <typename Int>
		requires(std::is_integral_v<Int> && !std::is_same_v<Int, bool>)
	Json_array &push(Int value)
	{
		return push_raw(std::to_string(value));
	}

	std::string str() const { return "[" + body_ + "]"; }

private:
	Json_array &push_raw(std::string_view raw);
	std::string body_;
};

// value as a JSON string literal, quotes included.
std::string json_quote(std::string_view value);

} // namespace cosk::cli
