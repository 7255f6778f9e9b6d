// SPDX-License-Identifier: GPL-2.0
// What can be wrong with a graph file, and how `cos` reports it (docs/graph-format.md).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "cos/attempt.hpp"

namespace cosk::loader {

enum class Graph_error_kind {
	io,
	syntax,
	duplicate_name,
	unknown_component,
	missing_export,
	unbound_import,
	ambiguous_import,
	self_dependency,
	cyclic_dependency,
	duplicate_pd_member,
	immutable_in_pd,
	missing_entry,
	duplicate_entry,
	too_many_components,
	bad_image,
	unknown_import,
	duplicate_binding,
	unknown_privilege,
	duplicate_grant,
	privilege_not_granted,
	privilege_not_asked,
	duplicate_setting,
	no_config_space,
	config_too_large,
	bad_share,
	bad_nic,
	nic_not_granted,
	bad_files,
	duplicate_number,
};

inline constexpr Graph_error_kind all_graph_error_kinds[] = {
	Graph_error_kind::io,
	Graph_error_kind::syntax,
	Graph_error_kind::duplicate_name,
	Graph_error_kind::unknown_component,
	Graph_error_kind::missing_export,
	Graph_error_kind::unbound_import,
	Graph_error_kind::ambiguous_import,
	Graph_error_kind::self_dependency,
	Graph_error_kind::cyclic_dependency,
	Graph_error_kind::duplicate_pd_member,
	Graph_error_kind::immutable_in_pd,
	Graph_error_kind::missing_entry,
	Graph_error_kind::duplicate_entry,
	Graph_error_kind::too_many_components,
	Graph_error_kind::bad_image,
	Graph_error_kind::unknown_import,
	Graph_error_kind::duplicate_binding,
	Graph_error_kind::unknown_privilege,
	Graph_error_kind::duplicate_grant,
	Graph_error_kind::privilege_not_granted,
	Graph_error_kind::privilege_not_asked,
	Graph_error_kind::duplicate_setting,
	Graph_error_kind::no_config_space,
	Graph_error_kind::config_too_large,
	Graph_error_kind::bad_share,
	Graph_error_kind::bad_nic,
	Graph_error_kind::nic_not_granted,
	Graph_error_kind::bad_files,
	Graph_error_kind::duplicate_number,
};

struct Graph_error {
	Graph_error_kind kind = Graph_error_kind::io;
	std::string file;
	std::size_t line = 0; // 1-based; 0 when the error concerns the file as a whole
	std::string message;
};

// A name or token as messages show it: `name`.
[[nodiscard]] std::string quoted(std::string_view text);

// The failure of a check of file at line (0: the file as a whole).
[[nodiscard]] Failure<Graph_error> graph_failure(const std::string &file, Graph_error_kind kind, std::size_t line,
						 std::string message);

// `FILE:LINE: error: MESSAGE`, or `FILE: error: MESSAGE` for line 0, as compilers print it so
// that editors can jump to the line.
[[nodiscard]] std::string describe(const Graph_error &error);

// The exit status of `cos` for each kind, in 10..39 so it never collides with the shared ones.
[[nodiscard]] int exit_status(Graph_error_kind kind);

// The kind as written in the documentation, e.g. "unknown_component".
[[nodiscard]] std::string_view kind_name(Graph_error_kind kind);

} // namespace cosk::loader
