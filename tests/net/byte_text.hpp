// SPDX-License-Identifier: GPL-2.0
// Bytes shown in a one-line message: escaped as a C string literal would write them, and where
// two byte strings first differ, with a little of each around it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace cosk::net_test {

// \r, \n, \t, \\, \" and \xhh for anything else outside printable ASCII.
[[nodiscard]] std::string escaped(std::string_view bytes);

// The first offset where got and want differ (one may end there), or nothing when equal.
[[nodiscard]] std::optional<std::size_t> first_difference(std::string_view got, std::string_view want);

// "byte 17 differs: got \"...\", want \"...\"" (or "got ends at byte 17" / "got goes on past
// byte 17"), each side with up to context bytes before the offset and after it.
[[nodiscard]] std::string difference_text(std::string_view got, std::string_view want, std::size_t offset,
					  std::size_t context = 16);

} // namespace cosk::net_test
