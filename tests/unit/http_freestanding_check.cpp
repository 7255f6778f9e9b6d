// SPDX-License-Identifier: GPL-2.0
// The HTTP headers built as a component builds them (freestanding, no SSE, no libstdc++ beyond
// <cstddef> and <cstdint>), with every function called so that its code is generated: the unit
// tests build them for the host only, where a slip into libc or floating point would go unseen.
#include <cos/web/http_request.hpp>
#include <cos/web/http_response.hpp>

namespace cosk::http {

unsigned freestanding_check(const char *data, std::size_t n, char *out, std::size_t cap)
{
	const Parsed parsed = parse_request(data, n, Limits{});
	std::size_t length = 0;
	const bool decoded = percent_decode_path(data, n, out, cap, &length);
	const std::size_t head = format_head(out, cap, parsed.status, length, decoded, content_type_for(data, n));
	return static_cast<unsigned>(head + format_error(out, cap, parsed.status, parsed.request.keep_alive));
}

} // namespace cosk::http
