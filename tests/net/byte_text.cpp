// SPDX-License-Identifier: GPL-2.0
// Bytes shown in a one-line message: see byte_text.hpp.
#include "tests/net/byte_text.hpp"

#include <algorithm>
#include <cstdio>

namespace cosk::net_test {

std::string escaped(std::string_view bytes)
{
	std::string out;
	for (const char c : bytes) {
		switch (c) {
		case '\r': out += "\\r"; break;
		case '\n': out += "\\n"; break;
		case '\t': out += "\\t"; break;
		case '\\': out += "\\\\"; break;
		case '"': out += "\\\""; break;
		default:
			if (c >= 0x20 && c < 0x7f) {
				out += c;
			} else {
				char hex[5];
				std::snprintf(hex, sizeof hex, "\\x%02x",
					      static_cast<unsigned>(static_cast<unsigned char>(c)));
				out += hex;
			}
		}
	}
	return out;
}

std::optional<std::size_t> first_difference(std::string_view got, std::string_view want)
{
	const auto [g, w] = std::mismatch(got.begin(), got.end(), want.begin(), want.end());
	if (g == got.end() && w == want.end())
		return std::nullopt;
	return static_cast<std::size_t>(g - got.begin());
}

namespace {

// "\"...abc\"" around offset: context bytes before it and after it, ... where cut.
std::string around(std::string_view bytes, std::size_t offset, std::size_t context)
{
	const std::size_t from = offset > context ? offset - context : 0;
	const std::size_t to = std::min(bytes.size(), offset + context);
	if (from >= to)
		return "(nothing)";
	return std::string(from > 0 ? "..." : "") + "\"" + escaped(bytes.substr(from, to - from)) + "\"" +
	       (to < bytes.size() ? "..." : "");
}

} // namespace

std::string difference_text(std::string_view got, std::string_view want, std::size_t offset, std::size_t context)
{
	std::string what;
	if (offset >= got.size())
		what = "got ends at byte " + std::to_string(offset) + " of " + std::to_string(want.size());
	else if (offset >= want.size())
		what = "got goes on past the " + std::to_string(want.size()) + " bytes wanted (" +
		       std::to_string(got.size()) + " bytes)";
	else
		what = "byte " + std::to_string(offset) + " differs";
	return what + ": got " + around(got, offset, context) + ", want " + around(want, offset, context);
}

} // namespace cosk::net_test
