// SPDX-License-Identifier: GPL-2.0
// The nic line of a graph: which component owns the system's network device, the device, the
// Ethernet address and the receive ring's slot count, checked against COS_IOC_NIC_ATTACH's rules
// before anything is loaded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "cos/attempt.hpp"
#include "loader/graph/grant_check.hpp"
#include "loader/graph/graph.hpp"
#include "loader/graph/graph_error.hpp"

namespace cosk::loader {

// A receive ring of 256 slots holds 512 KiB of frames: a burst at line rate while the component
// is not running, without asking the module for the largest ring.
inline constexpr std::uint32_t default_nic_slots = 256;

struct Nic_decl {
	std::string component;
	std::string ifname;
	Mac_address mac{};
	std::uint32_t slots = default_nic_slots;
	std::size_t line = 0;
};

// Why ifname cannot name a Linux network device (Linux's dev_valid_name: 1 to 15 bytes, not `.`
// or `..`, no `/`, `:` or whitespace), or nothing when it can. `cos load --nic` uses it too.
[[nodiscard]] std::optional<std::string> ifname_problem(std::string_view ifname);

// `aa:bb:cc:dd:ee:ff`, lower case: how the loader writes an address into a configuration.
[[nodiscard]] std::string format_mac(const Mac_address &mac);

// The nic line, if any (its component is known to be declared): bad_nic, at the line, for a
// second nic line, a bad device name, an address that is not `aa:bb:cc:dd:ee:ff`, multicast or
// all zeros, or a slot count that is not a power of two from 1 to COS_NIC_RING_MAX_SLOTS.
[[nodiscard]] Attempt<std::optional<Nic_decl>, Graph_error> collect_nic(const Graph &graph);

// nic_not_granted, at the nic line, when no grant line gives its component the `nic` privilege.
[[nodiscard]] Attempt<Done, Graph_error> check_nic_grant(const Graph &graph, const std::optional<Nic_decl> &nic,
							 const Grants &grants);

} // namespace cosk::loader
