// SPDX-License-Identifier: GPL-2.0
// The config lines of a graph: each component's settings as the text the loader writes into its
// configuration space, and whether that space exists and holds it.
#pragma once

#include <functional>
#include <map>
#include <string>

#include "cos/attempt.hpp"
#include "loader/graph/graph.hpp"
#include "loader/graph/graph_error.hpp"

namespace cosk::loader {

// Per configured component: its text, `KEY=VALUE\n` per setting in file order, and the line of
// its first config line (where errors about the whole text point).
struct Component_config {
	std::string text;
	std::size_t line = 0;
};
using Configs = std::map<std::string, Component_config, std::less<>>;

// The configured components' texts (the names are known to be declared): duplicate_setting for a
// key set twice for one component, at the later line.
[[nodiscard]] Attempt<Configs, Graph_error> collect_configs(const Graph &graph);

// Each text against its image's configuration space (interfaces holds every declared component):
// no_config_space when the image has none, config_too_large when the text and its terminating
// zero byte do not fit; both at the component's first config line.
[[nodiscard]] Attempt<Done, Graph_error>
check_configs(const Graph &graph, const Configs &configs,
	      const std::map<std::string, Component_interface> &interfaces);

} // namespace cosk::loader
