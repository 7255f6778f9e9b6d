// SPDX-License-Identifier: GPL-2.0
// Configurations: collected from the config lines, then held against the images' spaces.
#include "loader/graph/config_check.hpp"

#include <string_view>
#include <utility>

namespace cosk::loader {

Attempt<Configs, Graph_error> collect_configs(const Graph &graph)
{
	Configs configs;
	std::map<std::pair<std::string_view, std::string_view>, std::size_t> first_line;
	for (const Config_line &config : graph.configs) {
		auto [it, created] = configs.try_emplace(config.component, Component_config{{}, config.line});
		for (const Setting &setting : config.settings) {
			auto [first, fresh] = first_line.try_emplace({config.component, setting.key}, config.line);
			if (!fresh)
				return graph_failure(graph.file, Graph_error_kind::duplicate_setting, config.line,
						     "component " + quoted(config.component) + " has " + quoted(setting.key) +
							     " set already at line " + std::to_string(first->second));
			it->second.text += setting.key + "=" + setting.value + "\n";
		}
	}
	return configs;
}

Attempt<Done, Graph_error> check_configs(const Graph &graph, const Configs &configs,
					 const std::map<std::string, Component_interface> &interfaces)
{
	for (const Component_decl &decl : graph.components) {
		const auto config = configs.find(decl.name);
		if (config == configs.end())
			continue;
		const std::size_t capacity = interfaces.at(decl.name).config_capacity;
		if (capacity == 0)
			return graph_failure(graph.file, Graph_error_kind::no_config_space, config->second.line,
					     "component " + quoted(decl.name) +
						     " is configured, but its image has no configuration space (its source "
						     "has no COS_CONFIG(BYTES))");
		if (config->second.text.size() + 1 > capacity)
			return graph_failure(graph.file, Graph_error_kind::config_too_large, config->second.line,
					     "the configuration of " + quoted(decl.name) + " takes " +
						     std::to_string(config->second.text.size() + 1) + " bytes, but its image has room for " +
						     std::to_string(capacity));
	}
	return Done{};
}

} // namespace cosk::loader
