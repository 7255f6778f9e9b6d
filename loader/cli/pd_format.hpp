// SPDX-License-Identifier: GPL-2.0
// How `cos pd`, `cos merge` and `cos split` show a system's protection domains and their changes.
#pragma once

#include <string>

#include "loader/cli/system_view.hpp"
#include "module/uapi/cos.h"

namespace cosk::cli {

// The component-to-domain mapping as Table 4 of the MPD paper gives it: a line per live domain
// with its members in parentheses, then the stale domains with the frames still running in them,
// then a summary line. By numbers, the members are their graph's numbers in numeric order.
[[nodiscard]] std::string format_pd_text(const cos_pd_list &list, Naming naming = Naming::names);
// One JSON object: the components (name, id, pd, number: null when none) and the domains (id,
// stale, members by name, frames).
[[nodiscard]] std::string format_pd_json(const cos_pd_list &list);

// One line each (no newline): what a merge or split did, with the module's cost of it.
[[nodiscard]] std::string format_merge(const std::string &a, const std::string &b, const cos_mpd_op &op);
[[nodiscard]] std::string format_split(const std::string &a, const cos_mpd_op &op);

// One line each (no newline): why the module refused, from its errno.
[[nodiscard]] std::string merge_refusal(const std::string &a, const std::string &b, int error_number);
[[nodiscard]] std::string split_refusal(const std::string &a, int error_number);

} // namespace cosk::cli
