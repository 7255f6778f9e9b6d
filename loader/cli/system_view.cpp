// SPDX-License-Identifier: GPL-2.0
// Names and members from a COS_IOC_PDS answer.
#include "loader/cli/system_view.hpp"

#include <algorithm>
#include <cstring>

namespace cosk::cli {

std::vector<cos_component_state> components_of(const cos_pd_list &list)
{
	// Bounded by the arrays, whatever the count says.
	const std::size_t n = std::min<std::size_t>(list.ncomponents, COS_MAX_COMPONENTS);
	return {list.components, list.components + n};
}

std::vector<cos_pd_state> domains_of(const cos_pd_list &list)
{
	const std::size_t n = std::min<std::size_t>(list.npds, COS_MAX_PDS);
	return {list.pds, list.pds + n};
}

std::string name_of(const cos_component_state &component)
{
	return std::string(component.name, strnlen(component.name, sizeof(component.name)));
}

std::string component_name(const cos_pd_list &list, std::uint32_t id)
{
	for (const cos_component_state &c : components_of(list))
		if (c.id == id)
			return name_of(c);
	return "#" + std::to_string(id);
}

std::optional<std::uint32_t> find_component(const cos_pd_list &list, std::string_view name)
{
	for (const cos_component_state &c : components_of(list))
		if (name_of(c) == name)
			return c.id;
	return std::nullopt;
}

std::string all_names(const cos_pd_list &list)
{
	std::string out;
	for (const cos_component_state &c : components_of(list))
		out += (out.empty() ? "" : ", ") + name_of(c);
	return out;
}

std::vector<std::string> member_names(const cos_pd_list &list, const cos_pd_state &pd)
{
	auto maps = [&](std::uint32_t slot) { return slot < 64 && (pd.members & (std::uint64_t{1} << slot)); };
	std::vector<std::string> names;
	std::uint64_t named_slots = 0;
	for (const cos_component_state &c : components_of(list)) {
		if (is_stale(pd) ? maps(c.slot) : c.pd == pd.id)
			names.push_back(name_of(c));
		if (c.slot < 64)
			named_slots |= std::uint64_t{1} << c.slot;
	}
	if (!is_stale(pd))
		return names;
	for (std::uint32_t slot = COS_FIRST_COMPONENT_SLOT; slot < COS_REGION_SLOTS; slot++)
		if (maps(slot) && !(named_slots & (std::uint64_t{1} << slot)))
			names.push_back("slot " + std::to_string(slot));
	return names;
}

} // namespace cosk::cli
