// SPDX-License-Identifier: GPL-2.0
// Reading a running system's component and domain list (COS_IOC_PDS) by name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "module/uapi/cos.h"

namespace cosk::cli {

// The components of list, as the module reports them (by id).
[[nodiscard]] std::vector<cos_component_state> components_of(const cos_pd_list &list);
// The domains of list, live and stale, by id.
[[nodiscard]] std::vector<cos_pd_state> domains_of(const cos_pd_list &list);

// A component's name as the loader gave it (NUL-terminated in the module's copy, or cut short).
[[nodiscard]] std::string name_of(const cos_component_state &component);
// The number its graph gave it, if any (a `number` line; the module's 0 is none).
[[nodiscard]] std::optional<std::uint32_t> number_of(const cos_component_state &component);

// How the tools call a component in their text: by name, or (--numbers) by its graph's number, as
// the MPD paper's tables do, and by name when it has none.
enum class Naming { names, numbers };
[[nodiscard]] std::string label_of(const cos_component_state &component, Naming naming);
// The name (or label) of component id, or "#ID" when list does not hold it (it came after the list
// was read).
[[nodiscard]] std::string component_name(const cos_pd_list &list, std::uint32_t id,
					 Naming naming = Naming::names);
// The number of component id; none when it has none or list does not hold it.
[[nodiscard]] std::optional<std::uint32_t> component_number(const cos_pd_list &list, std::uint32_t id);
[[nodiscard]] std::optional<std::uint32_t> find_component(const cos_pd_list &list, std::string_view name);
// Every component's name, comma-separated, for a message about a name that is not there.
[[nodiscard]] std::string all_names(const cos_pd_list &list);

[[nodiscard]] inline bool is_stale(const cos_pd_state &pd)
{
	return (pd.flags & COS_PD_STALE) != 0;
}

// The members of a domain by name (or label). A live domain's are the components the module puts
// in it; a stale one has none of its own, so its are the components it still maps (the ones its
// running frames may reach), with "slot N" for a slot no component of the list owns. In id order;
// by numbers, the numbered ones in numeric order first, as Table 4 of the MPD paper lists them.
[[nodiscard]] std::vector<std::string> member_names(const cos_pd_list &list, const cos_pd_state &pd,
						    Naming naming = Naming::names);

} // namespace cosk::cli
