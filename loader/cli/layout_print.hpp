// SPDX-License-Identifier: GPL-2.0
// How `cos load --dry-run` shows a load plan: components, their pages, domains, bindings, shares
// and the network device.
#pragma once

#include <string>

#include "loader/image/plan.hpp"

namespace cosk::cli {

// Several lines, each ending in a newline.
[[nodiscard]] std::string format_load_plan(const loader::Load_plan &plan);

} // namespace cosk::cli
