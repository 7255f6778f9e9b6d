// SPDX-License-Identifier: GPL-2.0
// A small running system, made by hand as the module would report it, for the tests of the
// commands on a running system: five components in three live domains and one stale domain.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

#include "module/uapi/cos.h"

namespace cosk::cli::test_support {

constexpr std::uint64_t slot_bit(std::uint32_t slot)
{
	return std::uint64_t{1} << slot;
}

// Components by id: printer 0 (slot 1), tcp 1 (slot 2), ip 2 (slot 3), vnic 3 (slot 4), app 4
// (slot 5). Domains: 1 {printer}; 2 stale, still mapping ip and vnic, 2 frames in it; 3 {tcp, ip,
// vnic} with 1 frame; 4 {app}. On the heap: the list is 6 KiB.
inline std::unique_ptr<cos_pd_list> small_system()
{
	auto list = std::make_unique<cos_pd_list>();
	*list = cos_pd_list{};
	const struct {
		const char *name;
		std::uint32_t pd;
	} components[] = {{"printer", 1}, {"tcp", 3}, {"ip", 3}, {"vnic", 3}, {"app", 4}};
	for (std::uint32_t id = 0; id < 5; id++) {
		cos_component_state &c = list->components[id];
		c.id = id;
		c.slot = id + 1;
		c.pd = components[id].pd;
		std::strncpy(c.name, components[id].name, sizeof(c.name) - 1);
	}
	list->ncomponents = 5;
	const std::uint64_t runtime = slot_bit(0);
	list->pds[0] = {1, 0, runtime | slot_bit(1), 0};
	list->pds[1] = {2, COS_PD_STALE, runtime | slot_bit(3) | slot_bit(4), 2};
	list->pds[2] = {3, 0, runtime | slot_bit(2) | slot_bit(3) | slot_bit(4), 1};
	list->pds[3] = {4, 0, runtime | slot_bit(5), 0};
	list->npds = 4;
	return list;
}

// small_system with the numbers the MPD paper gives the webserver's components of those names
// (printer 5, tcp 7, vnic 16, ip 17), as their graph's number lines would; app has none.
inline std::unique_ptr<cos_pd_list> numbered_small_system()
{
	auto list = small_system();
	const std::uint32_t numbers[] = {5, 7, 17, 16, 0};
	for (std::uint32_t id = 0; id < 5; id++)
		list->components[id].number = numbers[id];
	return list;
}

inline cos_edge edge(std::uint32_t client, std::uint32_t server, std::uint64_t fn, std::uint64_t total,
		     std::uint64_t since, std::uint64_t inter_pd)
{
	return cos_edge{client, server, fn, total, since, inter_pd, 0, 0};
}

// Two capabilities from app to tcp (to be summed), tcp -> ip and ip -> vnic tied on both counts,
// and two edges without calls since the last read.
inline std::vector<cos_edge> small_system_edges()
{
	return {
		edge(4, 1, 0x10, 500, 50, 500),  // app -> tcp, open
		edge(1, 2, 0x20, 1000, 100, 400), // tcp -> ip
		edge(4, 0, 0x30, 7, 0, 7),        // app -> printer
		edge(2, 3, 0x40, 1000, 100, 0),   // ip -> vnic
		edge(4, 1, 0x50, 100, 10, 100),   // app -> tcp, send
		edge(2, 0, 0x60, 0, 0, 0),        // ip -> printer, never called
	};
}

inline cos_stats small_system_stats()
{
	cos_stats s{};
	s.components = 5;
	s.pds = 3;
	s.invocations = 1007;
	s.faults = 1;
	s.stale_pds = 1;
	s.merges = 2;
	s.splits = 1;
	s.splits_reused = 1;
	s.stale_repairs = 0;
	return s;
}

} // namespace cosk::cli::test_support
