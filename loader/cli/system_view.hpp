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
// The name of component id, or "#ID" when list does not hold it (it came after the list was read).
[[nodiscard]] std::string component_name(const cos_pd_list &list, std::uint32_t id);
[[nodiscard]] std::optional<std::uint32_t> find_component(const cos_pd_list &list, std::string_view name);
// Every component's name, comma-separated, for a message about a name that is not there.
[[nodiscard]] std::string all_names(const cos_pd_list &list);

[[nodiscard]] inline bool is_stale(const cos_pd_state &pd)
{
	return (pd.flags & COS_PD_STALE) != 0;
}

// The members of a domain by name. A live domain's are the components the module puts in it; a
// stale one has none of its own, so its are the components it still maps (the ones its running
// frames may reach), with "slot N" for a slot no component of the list owns. In id order.
[[nodiscard]] std::vector<std::string> member_names(const cos_pd_list &list, const cos_pd_state &pd);

} // namespace cosk::cli
