// SPDX-License-Identifier: GPL-2.0
// Helpers for the HTTP parser's tests: parsing a string, and reading back the parts a Request
// names by offset.
#pragma once

#include <string>
#include <string_view>

#include <cos/web/http_request.hpp>

namespace cosk::http::test_support {

inline Parsed parse(std::string_view input, const Limits &limits = {})
{
	return parse_request(input.data(), input.size(), limits);
}

inline std::string target_of(std::string_view input, const Request &r)
{
	return std::string(input.substr(r.target_at, r.target_length));
}

inline std::string path_of(std::string_view input, const Request &r)
{
	return std::string(input.substr(r.path_at, r.path_length));
}

inline std::string query_of(std::string_view input, const Request &r)
{
	return std::string(input.substr(r.query_at, r.query_length));
}

// The status a refused input is answered with; 0 when it was not refused.
inline unsigned refusal(std::string_view input, const Limits &limits = {})
{
	Parsed p = parse(input, limits);
	return p.outcome == Outcome::error ? p.status : 0;
}

} // namespace cosk::http::test_support
