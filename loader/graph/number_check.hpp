// SPDX-License-Identifier: GPL-2.0
// The number lines of a graph: the number each component is known by in the tools' tables.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "cos/attempt.hpp"
#include "loader/graph/graph.hpp"
#include "loader/graph/graph_error.hpp"

namespace cosk::loader {

using Numbers = std::map<std::string, std::uint32_t, std::less<>>;

// The number of each component named in a number line (the names are known to be declared):
// duplicate_number, at the later line, for a number given to two components or a component given
// two numbers, since either would make a table name two things alike or one thing two ways.
[[nodiscard]] Attempt<Numbers, Graph_error> collect_numbers(const Graph &graph);

} // namespace cosk::loader
