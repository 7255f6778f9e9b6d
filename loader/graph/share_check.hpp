// SPDX-License-Identifier: GPL-2.0
// The share lines of a graph: each share's name, size and members, checked against the rules of
// COS_IOC_SHARE before anything is loaded.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "cos/attempt.hpp"
#include "loader/graph/graph.hpp"
#include "loader/graph/graph_error.hpp"

namespace cosk::loader {

struct Share_decl {
	std::string name;
	std::uint64_t size = 0; // bytes
	std::vector<std::string> members;
	std::size_t line = 0;
};
using Shares = std::vector<Share_decl>; // in file order

// SIZE as a share line writes it: decimal bytes, or KiB / MiB after a K or M suffix; a message
// saying what is wrong when it is not a number or not a size a share may have (a multiple of the
// page size, one page to COS_SHARE_MAX_SIZE).
[[nodiscard]] Attempt<std::uint64_t, std::string> share_size(std::string_view text);

// The shares, top to bottom (the members are known to be declared): bad_share, at the line, for a
// name used already, a share beyond COS_MAX_SHARES, a bad size, fewer than two members or one
// member twice.
[[nodiscard]] Attempt<Shares, Graph_error> collect_shares(const Graph &graph);

} // namespace cosk::loader
