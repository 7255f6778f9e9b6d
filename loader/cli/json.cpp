// SPDX-License-Identifier: GPL-2.0
// The JSON object and array writers.
#include "loader/cli/json.hpp"

#include <cmath>
#include <cstdio>

namespace cosk::cli {

std::string json_quote(std::string_view value)
{
	std::string out = "\"";
	for (char c : value) {
		switch (c) {
		case '"': out += "\\\""; break;
		case '\\': out += "\\\\"; break;
		case '\n': out += "\\n"; break;
		case '\t': out += "\\t"; break;
		default:
			if (static_cast<unsigned char>(c) < 0x20) {
				char buf[8];
				std::snprintf(buf, sizeof(buf), "\\u%04x", static_cast<unsigned>(c));
				out += buf;
			} else {
				out += c;
			}
		}
	}
	return out + "\"";
}

Json_object &Json_object::add_raw(std::string_view key, std::string_view raw)
{
	if (!body_.empty())
		body_ += ", ";
	body_ += json_quote(key);
	body_ += ": ";
	body_ += raw;
	return *this;
}

Json_object &Json_object::add(std::string_view key, std::string_view value)
{
	return add_raw(key, json_quote(value));
}

Json_object &Json_object::add(std::string_view key, const Json_array &value)
{
	return add_raw(key, value.str());
}

Json_object &Json_object::add(std::string_view key, bool value)
{
	return add_raw(key, value ? "true" : "false");
}

Json_object &Json_object::add(std::string_view key, double value)
{
	// JSON has no NaN or infinity; a figure that could not be measured is null.
	if (!std::isfinite(value))
		return add_raw(key, "null");
	char buf[64];
	std::snprintf(buf, sizeof(buf), "%.6g", value);
	return add_raw(key, buf);
}

Json_array &Json_array::push_raw(std::string_view raw)
{
	if (!body_.empty())
		body_ += ", ";
	body_ += raw;
	return *this;
}

Json_array &Json_array::push(std::string_view value)
{
	return push_raw(json_quote(value));
}

} // namespace cosk::cli
