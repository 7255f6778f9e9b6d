// SPDX-License-Identifier: GPL-2.0
// Shares and the network device, from the plan to the module.
#include "loader/run/area_setup.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace cosk::loader {
namespace {

// The module's word for anything but an errno of an ioctl (the device closed, another ABI).
std::string reason(const host::Device_failure &failure)
{
	if (failure.kind == host::Device_error::io)
		return std::strerror(failure.error_number);
	return host::describe(failure);
}

Failure<Run_failure> share_failure(const Plan_share &share, const std::string &component,
				   const host::Device_failure &failure)
{
	return Failure{Run_failure{Run_error::module,
				   "mapping share " + share.name + " into component " + component + ": " + reason(failure)}};
}

} // namespace

cos_nic_attach nic_request(const Plan_nic &nic, std::uint32_t component_id)
{
	cos_nic_attach request{};
	// The checker kept the name shorter than the field: the zeroed tail terminates it.
	std::memcpy(request.ifname, nic.ifname.data(), std::min(nic.ifname.size(), sizeof(request.ifname) - 1));
	request.component = component_id;
	request.slots = nic.slots;
	request.ring = nic.ring;
	std::memcpy(request.addr, nic.mac.data(), sizeof(request.addr));
	return request;
}

std::string describe_nic_failure(const Plan_nic &nic, const std::string &component,
				 const host::Device_failure &failure)
{
	std::string text = "attaching " + nic.ifname + ": " + reason(failure);
	if (failure.kind != host::Device_error::io)
		return text;
	switch (failure.error_number) {
	case EPERM:
		return text + ": attaching a network device needs CAP_NET_ADMIN (run cos as root), and component " +
		       component + " the `nic` privilege";
	case EOPNOTSUPP:
		return text + ": it is not an Ethernet device";
	case EBUSY:
		return text + ": its receive path is taken (a bridge port, a macvlan's lower device, another system's)";
	default:
		return text;
	}
}

Attempt<Done, Run_failure> set_up_areas(const host::Device &device, const Load_plan &plan,
					const std::vector<std::uint32_t> &component_ids)
{
	for (const Plan_share &share : plan.shares) {
		// The first member's call makes the share; the others map the id it returned.
		std::uint32_t id = 0;
		for (const Plan_share_member &member : share.members) {
			auto mapped = device.share(component_ids[member.component], id, member.address, share.size);
			if (!mapped)
				return share_failure(share, plan.components[member.component].name, mapped.error());
			id = mapped.value();
		}
	}
	if (plan.nic) {
		const Plan_nic &nic = *plan.nic;
		auto attached = device.nic_attach(nic_request(nic, component_ids[nic.component]));
		if (!attached)
			return Failure{Run_failure{Run_error::module,
						   describe_nic_failure(nic, plan.components[nic.component].name,
									attached.error())}};
	}
	return Done{};
}

} // namespace cosk::loader
