// SPDX-License-Identifier: GPL-2.0
// Names and members from a COS_IOC_PDS answer.
#include "loader/cli/system_view.hpp"

#include <algorithm>
#include <cstring>
#include <utility>

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

std::optional<std::uint32_t> number_of(const cos_component_state &component)
{
	if (component.number == 0)
		return std::nullopt;
	return component.number;
}

std::string label_of(const cos_component_state &component, Naming naming)
{
	const auto number = number_of(component);
	return naming == Naming::numbers && number ? std::to_string(*number) : name_of(component);
}

std::string component_name(const cos_pd_list &list, std::uint32_t id, Naming naming)
{
	for (const cos_component_state &c : components_of(list))
		if (c.id == id)
			return label_of(c, naming);
	return "#" + std::to_string(id);
}

std::optional<std::uint32_t> component_number(const cos_pd_list &list, std::uint32_t id)
{
	for (const cos_component_state &c : components_of(list))
		if (c.id == id)
			return number_of(c);
	return std::nullopt;
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

std::vector<std::string> member_names(const cos_pd_list &list, const cos_pd_state &pd, Naming naming)
{
	auto maps = [&](std::uint32_t slot) { return slot < 64 && (pd.members & (std::uint64_t{1} << slot)); };
	std::vector<cos_component_state> members;
	std::uint64_t named_slots = 0;
	for (const cos_component_state &c : components_of(list)) {
		if (is_stale(pd) ? maps(c.slot) : c.pd == pd.id)
			members.push_back(c);
		if (c.slot < 64)
			named_slots |= std::uint64_t{1} << c.slot;
	}
	// The numbered by number, then the unnumbered (number 0), which the stable sort keeps in id order.
	auto order = [](const cos_component_state &c) { return std::pair{c.number == 0, c.number}; };
	if (naming == Naming::numbers)
		std::stable_sort(members.begin(), members.end(),
				 [&](const cos_component_state &a, const cos_component_state &b) {
					 return order(a) < order(b);
				 });
	std::vector<std::string> names;
	for (const cos_component_state &c : members)
		names.push_back(label_of(c, naming));
	if (!is_stale(pd))
		return names;
	for (std::uint32_t slot = COS_FIRST_COMPONENT_SLOT; slot < COS_REGION_SLOTS; slot++)
		if (maps(slot) && !(named_slots & (std::uint64_t{1} << slot)))
			names.push_back("slot " + std::to_string(slot));
	return names;
}

} // namespace cosk::cli
