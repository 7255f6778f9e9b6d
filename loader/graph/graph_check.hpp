// SPDX-License-Identifier: GPL-2.0
// Checking a parsed graph against its components' interfaces, and resolving it.
#pragma once

#include <cstddef>
#include <map>
#include <string>

#include "cos/attempt.hpp"
#include "loader/graph/graph.hpp"
#include "loader/graph/graph_error.hpp"

namespace cosk::loader {

// interfaces holds one entry per declared component, by name; a missing one is reported as
// bad_image. region_capacity is how many components the region can hold.
// Reports the first problem found, checking in the order docs/graph-format.md gives.
[[nodiscard]] Attempt<Resolved_graph, Graph_error>
check_graph(const Graph &graph, const std::map<std::string, Component_interface> &interfaces,
	    std::size_t region_capacity);

} // namespace cosk::loader
