// SPDX-License-Identifier: GPL-2.0
// Reading a graph file into a Graph; only the syntax is checked here (see graph_check.hpp).
#pragma once

#include <string>
#include <string_view>

#include "cos/attempt.hpp"
#include "loader/graph/graph.hpp"
#include "loader/graph/graph_error.hpp"

namespace cosk::loader {

// file_name names the text in messages, and its directory becomes Graph::directory.
// Stops at the first syntax error.
[[nodiscard]] Attempt<Graph, Graph_error> parse_graph(std::string_view text, std::string file_name);

// Reads path and parses it; an io error (line 0) when it cannot be read.
[[nodiscard]] Attempt<Graph, Graph_error> load_graph_file(const std::string &path);

} // namespace cosk::loader
