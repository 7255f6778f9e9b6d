// SPDX-License-Identifier: GPL-2.0
// Component numbers: collected from the number lines, each number and each component once.
#include "loader/graph/number_check.hpp"

#include <string_view>

namespace cosk::loader {

Attempt<Numbers, Graph_error> collect_numbers(const Graph &graph)
{
	Numbers numbers;
	std::map<std::uint32_t, const Number_line *> owner;
	std::map<std::string_view, const Number_line *> numbered;
	for (const Number_line &n : graph.numbers) {
		if (auto [first, added] = numbered.try_emplace(n.component, &n); !added)
			return graph_failure(graph.file, Graph_error_kind::duplicate_number, n.line,
					     "component " + quoted(n.component) + " has number " +
						     std::to_string(first->second->number) + " already at line " +
						     std::to_string(first->second->line));
		if (auto [first, added] = owner.try_emplace(n.number, &n); !added)
			return graph_failure(graph.file, Graph_error_kind::duplicate_number, n.line,
					     "number " + std::to_string(n.number) + " is " +
						     quoted(first->second->component) + "'s already at line " +
						     std::to_string(first->second->line));
		numbers.emplace(n.component, n.number);
	}
	return numbers;
}

} // namespace cosk::loader
