// SPDX-License-Identifier: GPL-2.0
// Areas: the memory the module maps into a component's slot besides its image and stacks (the
// network device's receive ring, shares). The loader decides where each goes and tells the
// component through its configuration (docs/graph-format.md, "Shares and the network device").
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cos/attempt.hpp"
#include "loader/graph/config_check.hpp"
#include "loader/graph/files_check.hpp"
#include "loader/graph/graph.hpp"
#include "loader/graph/graph_error.hpp"
#include "loader/graph/nic_check.hpp"
#include "loader/graph/share_check.hpp"

namespace cosk::loader {

// Bytes of the receive ring of slots slots, as COS_IOC_NIC_ATTACH maps it: the header page and the
// slots, rounded up to pages.
[[nodiscard]] std::uint64_t nic_ring_size(std::uint32_t slots);

// Settings that tell a component where one of its areas is, and the line that made the area.
struct Area_settings {
	std::string text; // `KEY=VALUE\n` per setting
	std::size_t line = 0;
};

// Every area's offset from its component's base. In each slot, areas go from COS_AREA_OFFSET up:
// the ring first, then the shares in file order, then the file area, each a page above the end of the one before, so
// that running off an area faults instead of reaching the next.
struct Area_placement {
	std::uint64_t ring_offset = 0;                   // when there is a nic
	std::vector<std::vector<std::uint64_t>> shares;  // per share, per member as listed
	std::uint64_t files_offset = 0;                  // when there is a files line
	// Per component name: its areas' settings, the ring's first, then the shares' in file order.
	std::map<std::string, std::vector<Area_settings>, std::less<>> settings;
};

[[nodiscard]] Area_placement place_areas(const Shares &shares, const std::optional<Nic_decl> &nic,
					 const std::optional<Files_decl> &files = std::nullopt);

// Each component's configuration with its areas' settings added after its own (configs were found
// to fit), components in declaration order, each's areas in order: no_config_space when its image
// has no configuration space, config_too_large when an area's settings make it overflow; both at
// the line of that area's share or nic.
[[nodiscard]] Attempt<Done, Graph_error>
check_area_settings(const Graph &graph, const Configs &configs, const Area_placement &areas,
		    const std::map<std::string, Component_interface> &interfaces);

} // namespace cosk::loader
