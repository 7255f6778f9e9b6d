// SPDX-License-Identifier: GPL-2.0
// The component graph: what a graph file declares (Graph) and what the checker makes of it.
#pragma once

#include <cstddef>
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
	Privilege_set privileges = 0;     // granted by the graph (and asked for by the image)
	std::string config;               // `KEY=VALUE\n` per setting, in file order
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
	Resolved_entry entry;
};

} // namespace cosk::loader
