// SPDX-License-Identifier: GPL-2.0
// The `files` line: a directory whose files the loader packs into a read-only area of one
// component (<cos/web/files.hpp> for the layout), read when the graph is checked.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "cos/attempt.hpp"
#include "loader/graph/graph.hpp"
#include "loader/graph/graph_error.hpp"

namespace cosk::loader {

// The most a file area may hold (the packed size), as a share.
inline constexpr std::uint64_t files_max_size = 64ULL << 20;

struct Files_decl {
	std::string component;
	std::string directory; // as the loader opens it
	std::vector<std::uint8_t> bytes;
	std::size_t line = 0;
};

// The regular files under directory (recursively; symbolic links and other kinds skipped), packed:
// paths "/a/b" from the directory, sorted bytewise. An error says what is wrong.
[[nodiscard]] Attempt<std::vector<std::uint8_t>, std::string> pack_files(const std::string &directory);

// At most one `files` line; its component declared; its directory readable and within
// files_max_size when packed. bad_files otherwise, at the line.
[[nodiscard]] Attempt<std::optional<Files_decl>, Graph_error> collect_files(const Graph &graph);

} // namespace cosk::loader
