// SPDX-License-Identifier: GPL-2.0
// Where the ring and the shares go in each slot, and the settings that say so.
#include "loader/graph/areas.hpp"

#include <cstdio>

#include "module/uapi/cos.h"

namespace cosk::loader {
namespace {

constexpr std::uint64_t page_size = 4096;

constexpr std::uint64_t page_up(std::uint64_t bytes)
{
	return (bytes + page_size - 1) / page_size * page_size;
}

// The most a slot can be asked to hold: the largest ring and every share at its largest, each with
// its guard page. It must end below the next slot.
static_assert(COS_AREA_OFFSET + page_up(COS_NIC_RING_SLOTS_OFFSET + COS_NIC_RING_MAX_SLOTS * COS_NIC_SLOT_SIZE) +
			      page_size + COS_MAX_SHARES * (COS_SHARE_MAX_SIZE + page_size) <=
		      COS_SLOT_SIZE,
	      "every area fits in a component's slot");

// The next free offset of one slot.
class Area_cursor {
public:
	std::uint64_t place(std::uint64_t size)
	{
		const std::uint64_t at = next_;
		next_ = at + page_up(size) + page_size; // the guard page stays unmapped
		return at;
	}

private:
	std::uint64_t next_ = COS_AREA_OFFSET;
};

std::string hex(std::uint64_t value)
{
	char text[24];
	std::snprintf(text, sizeof(text), "0x%llx", static_cast<unsigned long long>(value));
	return text;
}

} // namespace

std::uint64_t nic_ring_size(std::uint32_t slots)
{
	return page_up(COS_NIC_RING_SLOTS_OFFSET + std::uint64_t{slots} * COS_NIC_SLOT_SIZE);
}

Area_placement place_areas(const Shares &shares, const std::optional<Nic_decl> &nic,
			   const std::optional<Files_decl> &files)
{
	Area_placement out;
	std::map<std::string, Area_cursor, std::less<>> cursors;
	if (nic) {
		out.ring_offset = cursors[nic->component].place(nic_ring_size(nic->slots));
		out.settings[nic->component].push_back(
			{"nic.ring=" + hex(out.ring_offset) + "\nnic.slots=" + std::to_string(nic->slots) +
				 "\nnic.mac=" + format_mac(nic->mac) + "\n",
			 nic->line});
	}
	for (const Share_decl &share : shares) {
		auto &offsets = out.shares.emplace_back();
		for (const std::string &member : share.members) {
			offsets.push_back(cursors[member].place(share.size));
			out.settings[member].push_back({"share." + share.name + "=" + hex(offsets.back()) + "\nshare." +
								share.name + ".size=" + std::to_string(share.size) + "\n",
							share.line});
		}
	}
	if (files) {
		out.files_offset = cursors[files->component].place(files->bytes.size());
		out.settings[files->component].push_back(
			{"files=" + hex(out.files_offset) + "\nfiles.size=" + std::to_string(files->bytes.size()) + "\n",
			 files->line});
	}
	return out;
}

Attempt<Done, Graph_error> check_area_settings(const Graph &graph, const Configs &configs, const Area_placement &areas,
					       const std::map<std::string, Component_interface> &interfaces)
{
	for (const Component_decl &decl : graph.components) {
		const auto told = areas.settings.find(decl.name);
		if (told == areas.settings.end())
			continue;
		const std::size_t capacity = interfaces.at(decl.name).config_capacity;
		const auto own = configs.find(decl.name);
		std::size_t bytes = own == configs.end() ? 0 : own->second.text.size();
		for (const Area_settings &area : told->second) {
			if (capacity == 0)
				return graph_failure(graph.file, Graph_error_kind::no_config_space, area.line,
						     "component " + quoted(decl.name) +
							     " must be told where this line's memory is, but its image has no "
							     "configuration space (its source has no COS_CONFIG(BYTES))");
			bytes += area.text.size();
			if (bytes + 1 > capacity)
				return graph_failure(graph.file, Graph_error_kind::config_too_large, area.line,
						     "with the settings for this line's memory, the configuration of " +
							     quoted(decl.name) + " takes " + std::to_string(bytes + 1) +
							     " bytes, but its image has room for " + std::to_string(capacity));
		}
	}
	return Done{};
}

} // namespace cosk::loader
