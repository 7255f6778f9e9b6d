// SPDX-License-Identifier: GPL-2.0
// Grants: collected from the grant lines, then held against what the images ask for.
#include "loader/graph/grant_check.hpp"

#include <string_view>

namespace cosk::loader {
namespace {

std::string known_privileges()
{
	std::string names;
	for (const Privilege &p : all_privileges)
		names += (names.empty() ? "" : ", ") + quoted(p.name);
	return names;
}

} // namespace

Attempt<Grants, Graph_error> collect_grants(const Graph &graph)
{
	Grants grants;
	std::map<std::pair<std::string_view, Privilege_set>, std::size_t> first_line;
	for (const Grant &grant : graph.grants) {
		Privilege_set &granted = grants[grant.component];
		for (const std::string &name : grant.privileges) {
			const Privilege *privilege = privilege_named(name);
			if (!privilege)
				return graph_failure(graph.file, Graph_error_kind::unknown_privilege, grant.line,
						     "there is no privilege " + quoted(name) + ": expected one of " +
							     known_privileges());
			auto [first, added] = first_line.try_emplace({grant.component, privilege->flag}, grant.line);
			if (!added)
				return graph_failure(graph.file, Graph_error_kind::duplicate_grant, grant.line,
						     "component " + quoted(grant.component) + " is already granted " +
							     quoted(name) + " at line " + std::to_string(first->second));
			granted |= privilege->flag;
		}
	}
	return grants;
}

Attempt<Done, Graph_error> check_grants(const Graph &graph, const Grants &grants,
					const std::map<std::string, Component_interface> &interfaces)
{
	for (const Grant &grant : graph.grants) {
		const Privilege_set asks = interfaces.at(grant.component).asks;
		for (const std::string &name : grant.privileges) {
			// collect_grants has refused unknown names.
			const Privilege *privilege = privilege_named(name);
			if (privilege && !(asks & privilege->flag))
				return graph_failure(graph.file, Graph_error_kind::privilege_not_asked, grant.line,
						     "component " + quoted(grant.component) + " is granted " +
							     quoted(name) + ", which its image does not ask for (its source has no " +
							     std::string(privilege->macro) + "): remove the grant");
		}
	}
	for (const Component_decl &decl : graph.components) {
		const Privilege_set asks = interfaces.at(decl.name).asks;
		const auto found = grants.find(decl.name);
		const Privilege_set granted = found == grants.end() ? 0 : found->second;
		for (const Privilege &privilege : all_privileges)
			if ((asks & privilege.flag) && !(granted & privilege.flag))
				return graph_failure(graph.file, Graph_error_kind::privilege_not_granted, decl.line,
						     "component " + quoted(decl.name) + " asks for the " +
							     quoted(privilege.name) + " privilege (it " +
							     std::string(privilege.what) + "), which the graph does not grant: add " +
							     quoted("grant " + decl.name + " " + std::string(privilege.name)) +
							     " if it may");
	}
	return Done{};
}

} // namespace cosk::loader
