// SPDX-License-Identifier: GPL-2.0
// The component graph: what a graph file declares (Graph) and what the checker makes of it.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "loader/graph/privilege.hpp"

namespace cosk::loader {

// Every declaration keeps its 1-based line: names are resolved only after the whole file is read,
// and an error found then must still point at the line responsible.
struct Component_decl {
	std::string name;
	std::string image; // as written; a relative path is relative to Graph::directory
	std::size_t line = 0;
};

// `from -> to...`: from may call each of to, and its imports are resolved against their exports.
struct Dependency {
	std::string from;
	std::vector<std::string> to;
	std::size_t line = 0;
};

// `component.function -> provider`: chooses the provider of one import, which settles an
// ambiguity; it also makes provider a dependency of component.
struct Explicit_binding {
	std::string component;
	std::string function;
	std::string provider;
	std::size_t line = 0;
};

// `pd a b ...`: these start in one protection domain.
struct Pd_group {
	std::vector<std::string> members;
	std::size_t line = 0;
};

// `immutable a b`: the boundary between a and b may never be removed.
struct Immutable_pair {
	std::string first;
	std::string second;
	std::size_t line = 0;
};

// `grant a PRIVILEGE...`: component a may do what the privileges allow (privilege.hpp). The names
// are kept as written, so that the checker can point at an unknown one.
struct Grant {
	std::string component;
	std::vector<std::string> privileges;
	std::size_t line = 0;
};

// `config a KEY=VALUE...`: settings the loader writes into component a's configuration space
// (docs/graph-format.md, "Configuration"), in file order.
struct Setting {
	std::string key;
	std::string value;
};

struct Config_line {
	std::string component;
	std::vector<Setting> settings;
	std::size_t line = 0;
};

// `share NAME SIZE a b ...`: SIZE bytes of memory mapped into each of a, b, ... The size is kept
// as written, as privilege names are, so that the checker reports a bad one as bad_share.
struct Share_line {
	std::string name;
	std::string size;
	std::vector<std::string> members;
	std::size_t line = 0;
};

// `nic a IFNAME MAC [SLOTS]`: the Linux device IFNAME's frames for MAC reach component a's receive
// ring. Kept as written, for the checker (bad_nic); slots is empty when the line gives none.
struct Nic_line {
	std::string component;
	std::string ifname;
	std::string mac;
	std::string slots;
	std::size_t line = 0;
};

// `files a DIR`: the files under DIR (relative to the graph file's directory), packed by the loader
// into a read-only area of component a (<cos/web/files.hpp>).
struct Files_line {
	std::string component;
	std::string directory;
	std::size_t line = 0;
};

// `number a N`: a number for component a, such as the one the MPD paper's tables name it by (1 the
// scheduler, 7 TCP, ...). The module keeps it for the tools, so that `cos pd --numbers` and
// `cos stat --numbers` read as those tables do; nothing else depends on it.
struct Number_line {
	std::string component;
	std::uint32_t number = 0;
	std::size_t line = 0;
};

// The range of a number line, so that a number fits a table column (and the module's 32 bits).
inline constexpr std::uint32_t max_component_number = 9999;

struct Entry {
	std::string component;
	std::string function; // `main` when the file names none
	std::size_t line = 0;
};

struct Graph {
	std::string file;      // as given to the parser, for messages
	std::string directory; // of file; "." when file has no directory part
	std::vector<Component_decl> components;
	std::vector<Dependency> dependencies;
	std::vector<Explicit_binding> bindings;
	std::vector<Pd_group> pds;
	std::vector<Immutable_pair> immutables;
	std::vector<Grant> grants;
	std::vector<Config_line> configs;
	std::vector<Share_line> shares;
	// At most one; all are kept so that the checker can point at a second one.
	std::vector<Nic_line> nics;
	// At most one; all are kept so that the checker can point at a second one.
	std::vector<Files_line> files;
	std::vector<Number_line> numbers;
	// The format wants exactly one; all are kept so that the checker can point at a second one.
	std::vector<Entry> entries;
};

// What a component's image offers and needs, by symbol name (filled from its ELF image).
struct Component_interface {
	std::vector<std::string> exports;
	std::vector<std::string> imports;
	Privilege_set asks = 0; // the privileges the image asks for
	std::size_t config_capacity = 0; // bytes of its configuration space; 0: it has none
};

// In the resolved graph, components are named by their position in Resolved_graph::components.
struct Binding {
	std::string import;
	std::size_t provider = 0;
};

struct Resolved_component {
	std::string name;
	std::string image;
	std::size_t line = 0;
	std::vector<std::size_t> callees; // from dependency and binding lines; ascending, no repeats
	std::vector<Binding> bindings;    // one per distinct import, in the interface's order
	std::uint32_t number = 0;         // from its number line; 0 when it has none
	Privilege_set privileges = 0;     // granted by the graph (and asked for by the image)
	// `KEY=VALUE\n` per setting, in file order, then the places of its areas (nic.*, share.*)
	std::string config;
};

// Offsets are from the component's base (areas.hpp puts them above COS_AREA_OFFSET).
struct Share_member {
	std::size_t component = 0;
	std::uint64_t offset = 0;
};

struct Resolved_share {
	std::string name;
	std::uint64_t size = 0;            // bytes, a multiple of the page size
	std::vector<Share_member> members; // as the share line lists them
	std::size_t line = 0;
};

using Mac_address = std::array<std::uint8_t, 6>;

struct Resolved_nic {
	std::size_t component = 0;
	std::string ifname;
	Mac_address mac{};
	std::uint32_t slots = 0;
	std::uint64_t ring_offset = 0;
	std::size_t line = 0;
};

struct Resolved_files {
	std::size_t component = 0;
	std::uint64_t offset = 0;	   // from the component's base
	std::vector<std::uint8_t> bytes; // the packed area
	std::size_t line = 0;
};

struct Resolved_entry {
	std::size_t component = 0;
	std::string function;
};

struct Resolved_graph {
	std::string file;
	std::string directory;
	std::vector<Resolved_component> components; // callees before callers
	// Every component in exactly one group: pd lines in file order, then singletons.
	std::vector<std::vector<std::size_t>> pd_groups;
	std::vector<std::pair<std::size_t, std::size_t>> immutable_pairs;
	std::vector<Resolved_share> shares; // in file order
	std::optional<Resolved_nic> nic;
	std::optional<Resolved_files> files;
	Resolved_entry entry;
};

} // namespace cosk::loader
