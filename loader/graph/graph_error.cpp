// SPDX-License-Identifier: GPL-2.0
// Formatting of graph errors and their exit statuses.
#include "loader/graph/graph_error.hpp"

namespace cosk::loader {

std::string quoted(std::string_view text)
{
	return "`" + std::string(text) + "`";
}

Failure<Graph_error> graph_failure(const std::string &file, Graph_error_kind kind, std::size_t line,
				   std::string message)
{
	return Failure{Graph_error{kind, file, line, std::move(message)}};
}

std::string describe(const Graph_error &error)
{
	std::string text = error.file;
	if (error.line != 0)
		text += ":" + std::to_string(error.line);
	text += ": error: ";
	text += error.message;
	return text;
}

// Scripts test for these numbers: never renumber a kind, only append (docs/graph-format.md).
int exit_status(Graph_error_kind kind)
{
	switch (kind) {
	case Graph_error_kind::io: return 10;
	case Graph_error_kind::syntax: return 11;
	case Graph_error_kind::duplicate_name: return 12;
	case Graph_error_kind::unknown_component: return 13;
	case Graph_error_kind::missing_export: return 14;
	case Graph_error_kind::unbound_import: return 15;
	case Graph_error_kind::ambiguous_import: return 16;
	case Graph_error_kind::self_dependency: return 17;
	case Graph_error_kind::cyclic_dependency: return 18;
	case Graph_error_kind::duplicate_pd_member: return 19;
	case Graph_error_kind::immutable_in_pd: return 20;
	case Graph_error_kind::missing_entry: return 21;
	case Graph_error_kind::duplicate_entry: return 22;
	case Graph_error_kind::too_many_components: return 23;
	case Graph_error_kind::bad_image: return 24;
	case Graph_error_kind::unknown_import: return 25;
	case Graph_error_kind::duplicate_binding: return 26;
	case Graph_error_kind::unknown_privilege: return 27;
	case Graph_error_kind::duplicate_grant: return 28;
	case Graph_error_kind::privilege_not_granted: return 29;
	case Graph_error_kind::privilege_not_asked: return 30;
	case Graph_error_kind::duplicate_setting: return 31;
	case Graph_error_kind::no_config_space: return 32;
	case Graph_error_kind::config_too_large: return 33;
	case Graph_error_kind::bad_share: return 34;
	case Graph_error_kind::bad_nic: return 35;
	case Graph_error_kind::nic_not_granted: return 36;
	case Graph_error_kind::bad_files: return 37;
	case Graph_error_kind::duplicate_number: return 38;
	}
	return 39; // unreachable for a valid kind; -Wswitch flags a kind missing above
}

std::string_view kind_name(Graph_error_kind kind)
{
	switch (kind) {
	case Graph_error_kind::io: return "io";
	case Graph_error_kind::syntax: return "syntax";
	case Graph_error_kind::duplicate_name: return "duplicate_name";
	case Graph_error_kind::unknown_component: return "unknown_component";
	case Graph_error_kind::missing_export: return "missing_export";
	case Graph_error_kind::unbound_import: return "unbound_import";
	case Graph_error_kind::ambiguous_import: return "ambiguous_import";
	case Graph_error_kind::self_dependency: return "self_dependency";
	case Graph_error_kind::cyclic_dependency: return "cyclic_dependency";
	case Graph_error_kind::duplicate_pd_member: return "duplicate_pd_member";
	case Graph_error_kind::immutable_in_pd: return "immutable_in_pd";
	case Graph_error_kind::missing_entry: return "missing_entry";
	case Graph_error_kind::duplicate_entry: return "duplicate_entry";
	case Graph_error_kind::too_many_components: return "too_many_components";
	case Graph_error_kind::bad_image: return "bad_image";
	case Graph_error_kind::unknown_import: return "unknown_import";
	case Graph_error_kind::duplicate_binding: return "duplicate_binding";
	case Graph_error_kind::unknown_privilege: return "unknown_privilege";
	case Graph_error_kind::duplicate_grant: return "duplicate_grant";
	case Graph_error_kind::privilege_not_granted: return "privilege_not_granted";
	case Graph_error_kind::privilege_not_asked: return "privilege_not_asked";
	case Graph_error_kind::duplicate_setting: return "duplicate_setting";
	case Graph_error_kind::no_config_space: return "no_config_space";
	case Graph_error_kind::config_too_large: return "config_too_large";
	case Graph_error_kind::bad_share: return "bad_share";
	case Graph_error_kind::bad_nic: return "bad_nic";
	case Graph_error_kind::nic_not_granted: return "nic_not_granted";
	case Graph_error_kind::bad_files: return "bad_files";
	case Graph_error_kind::duplicate_number: return "duplicate_number";
	}
	return "unknown";
}

} // namespace cosk::loader
