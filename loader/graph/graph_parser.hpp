// SPDX-License-Identifier: GPL-2.0
// Reading a graph file into a Graph; only the syntax is checked here (see graph_check.hpp).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "cos/attempt.hpp"
#include "loader/graph/graph.hpp"
#include "loader/graph/graph_error.hpp"

namespace cosk::loader {

// A graph file's bounds: a system of hundreds of components fits in a few kilobytes, so anything
// near these is a mistake (a binary, /dev/zero, a generator gone wrong), refused before it costs
// memory or time.
inline constexpr std::size_t max_graph_file_bytes = 1 << 20;
inline constexpr std::size_t max_graph_line_bytes = 4096;

// file_name names the text in messages, and its directory becomes Graph::directory.
// Stops at the first syntax error; a line longer than max_graph_line_bytes is one.
[[nodiscard]] Attempt<Graph, Graph_error> parse_graph(std::string_view text, std::string file_name);

// Reads path and parses it; an io error (line 0) when it cannot be read, is a directory or a device,
// or holds more than max_graph_file_bytes (a pipe is read up to the bound).
[[nodiscard]] Attempt<Graph, Graph_error> load_graph_file(const std::string &path);

} // namespace cosk::loader
