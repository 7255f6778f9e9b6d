// SPDX-License-Identifier: GPL-2.0
// Giving a built system its areas: the plan's shares mapped into their members, and its network
// device attached to the nic component's ring (COS_IOC_SHARE, COS_IOC_NIC_ATTACH).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "cos/attempt.hpp"
#include "loader/image/plan.hpp"
#include "loader/run/runner.hpp"
#include "module/uapi/cos.h"
#include "runtime/host/device.hpp"

namespace cosk::loader {

// The attach request for nic, whose component the module knows as component_id: every field the
// uapi reserves is zero.
[[nodiscard]] cos_nic_attach nic_request(const Plan_nic &nic, std::uint32_t component_id);

// One line for a failed attach, naming the device and the module's errno, with what to do when
// that says more than strerror (EPERM: the capability or the privilege).
[[nodiscard]] std::string describe_nic_failure(const Plan_nic &nic, const std::string &component,
					       const host::Device_failure &failure);

// Maps every share into its members, then attaches the device; component_ids are the module's
// ids by plan index. Call after the components' memory is mapped, so that an overlap with it
// cannot go unnoticed (the module refuses one with EEXIST).
[[nodiscard]] Attempt<Done, Run_failure> set_up_areas(const host::Device &device, const Load_plan &plan,
						      const std::vector<std::uint32_t> &component_ids);

} // namespace cosk::loader
