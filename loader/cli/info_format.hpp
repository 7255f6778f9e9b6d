// SPDX-License-Identifier: GPL-2.0
// How `cos info` shows what the module reports: for people, and as one JSON object.
#pragma once

#include <string>

#include "runtime/host/device.hpp"

namespace cosk::cli {

std::string format_info_text(const host::Machine_info &info);
std::string format_info_json(const host::Machine_info &info);

} // namespace cosk::cli
