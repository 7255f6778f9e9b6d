// SPDX-License-Identifier: GPL-2.0
// A load plan: everything needed to load a graph file, computed without the module.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "cos/attempt.hpp"
#include "loader/graph/graph.hpp"
#include "loader/graph/graph_error.hpp"
#include "loader/image/relocate.hpp"

namespace cosk::loader {

// One import of a client, bound to a provider's export of the same name.
struct Plan_import {
	std::string name;
	std::uint64_t ucap = 0;     // the client's Cos_ucap, absolute
	std::size_t provider = 0;   // index in Load_plan::components
	std::uint64_t function = 0; // the provider's export, absolute
};

struct Plan_component {
	std::string name;
	std::string image; // the path the image was read from
	std::size_t line = 0;
	std::uint32_t slot = 0;
	std::uint64_t base = 0;
	std::vector<Initialized_range> ranges; // image pages ascending, then the stack
	std::uint64_t upcall_entry = 0;
	std::uint64_t inv_stub = 0;
	Privilege_set privileges = 0; // granted by the graph: the module's COS_COMPONENT_* flags
	std::uint32_t number = 0;     // from the graph's number line, for the tools; 0: none
	std::string config;           // the settings written into its configuration space, if any
	std::map<std::string, std::uint64_t> exports; // absolute
	std::vector<Plan_import> imports;             // one per import, by name
};

struct Plan_entry {
	std::size_t component = 0;
	std::string function;
	std::uint64_t address = 0;
};

// A share's place in one member's slot.
struct Plan_share_member {
	std::size_t component = 0; // index in Load_plan::components
	std::uint64_t address = 0; // absolute, page-aligned
};

// Memory the module maps into every member (COS_IOC_SHARE): one allocation, a place in each slot.
struct Plan_share {
	std::string name;
	std::uint64_t size = 0;
	std::vector<Plan_share_member> members; // as the share line lists them
	std::size_t line = 0;
};

// The Linux network device the system is given (COS_IOC_NIC_ATTACH).
struct Plan_nic {
	std::size_t component = 0; // index in Load_plan::components
	std::string ifname;        // the nic line's, or `cos load --nic`'s
	Mac_address mac{};
	std::uint32_t slots = 0;
	std::uint64_t ring = 0; // absolute, page-aligned
	std::uint64_t ring_size = 0;
	std::size_t line = 0;
};

struct Load_plan {
	std::string graph_file;
	std::vector<Plan_component> components; // load order: callees first
	// Every component in exactly one group, by index (Resolved_graph::pd_groups).
	std::vector<std::vector<std::size_t>> pd_groups;
	std::vector<std::pair<std::size_t, std::size_t>> immutable_pairs;
	std::vector<Plan_share> shares; // in file order
	std::optional<Plan_nic> nic;
	Plan_entry entry;
};

// Where a component's image is: IMAGE as written if absolute, else relative to directory (the
// graph file's).
[[nodiscard]] std::string image_path(const std::string &directory, const std::string &image);

// Reads the graph file and every image, checks the graph against the images' interfaces, lays
// the components out and relocates them. An image that cannot be used is a bad_image error at
// its component's declaration, reported where docs/graph-format.md puts image errors among the
// others.
[[nodiscard]] Attempt<Load_plan, Graph_error> make_load_plan(const std::string &graph_path);

} // namespace cosk::loader
