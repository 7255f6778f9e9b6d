// SPDX-License-Identifier: GPL-2.0
// The grant lines of a graph: which privileges each component is given, and whether they are
// exactly what its image asks for (privilege.hpp).
#pragma once

#include <functional>
#include <map>
#include <string>

#include "cos/attempt.hpp"
#include "loader/graph/graph.hpp"
#include "loader/graph/graph_error.hpp"

namespace cosk::loader {

using Grants = std::map<std::string, Privilege_set, std::less<>>;

// The privileges granted to each component named in a grant line (the names are known to be
// declared): unknown_privilege for a name privilege.hpp does not know, duplicate_grant for a
// privilege granted to one component twice.
[[nodiscard]] Attempt<Grants, Graph_error> collect_grants(const Graph &graph);

// The grants against the images, both ways: first a grant line giving a privilege the image does
// not ask for (privilege_not_asked, at that line, top to bottom), then a component whose image
// asks for one the graph does not grant (privilege_not_granted, at its declaration, in
// declaration order). interfaces holds every declared component.
[[nodiscard]] Attempt<Done, Graph_error>
check_grants(const Graph &graph, const Grants &grants,
	     const std::map<std::string, Component_interface> &interfaces);

} // namespace cosk::loader
