// SPDX-License-Identifier: GPL-2.0
// From a graph file to a load plan: parse, read images, check, lay out, relocate.
#include "loader/image/plan.hpp"

#include <algorithm>
#include <filesystem>

#include "loader/graph/areas.hpp"
#include "loader/graph/graph_check.hpp"
#include "loader/graph/graph_parser.hpp"
#include "loader/image/layout.hpp"
#include "module/uapi/cos.h"

namespace cosk::loader {
namespace {

// Images by component name, and what went wrong with the others, by declaration line.
struct Read_images {
	std::map<std::string, Component_image> images;
	std::map<std::string, Component_interface> interfaces;
	std::map<std::size_t, Image_error> failures;
};

Graph_error image_error(const std::string &file, std::size_t line, const std::string &component,
			const Image_error &error)
{
	return {Graph_error_kind::bad_image, file, line, "component `" + component + "`: " + error.message};
}

Read_images read_images(const Graph &graph)
{
	Read_images out;
	for (const Component_decl &decl : graph.components) {
		// A second declaration of a name is the checker's duplicate_name error.
		if (out.images.count(decl.name) || out.interfaces.count(decl.name))
			continue;
		auto image = read_component_image(image_path(graph.directory, decl.image));
		if (!image) {
			out.failures.emplace(decl.line, image.error());
			continue;
		}
		Component_interface &interface = out.interfaces[decl.name];
		for (const auto &[name, address] : image.value().exports)
			interface.exports.push_back(name);
		for (const auto &[name, address] : image.value().imports)
			interface.imports.push_back(name);
		interface.asks = image.value().asks;
		interface.config_capacity = image.value().config_size;
		out.images.emplace(decl.name, std::move(image).value());
	}
	return out;
}

// The configuration text, then zeros to the end of the space (which the checker found big enough
// for the text and a zero byte); false if no range holds the space, which reading the image
// rules out (__cos_config lies in a writable segment).
bool write_config(std::vector<Initialized_range> &ranges, std::uint64_t address, std::uint64_t size,
		  const std::string &text)
{
	for (Initialized_range &r : ranges) {
		if (r.range.stack || address < r.range.address || size > r.bytes.size() ||
		    address - r.range.address > r.bytes.size() - size)
			continue;
		const auto space = r.bytes.begin() + static_cast<std::ptrdiff_t>(address - r.range.address);
		std::fill(space, space + static_cast<std::ptrdiff_t>(size), std::uint8_t{0});
		std::copy(text.begin(), text.end(), space);
		return true;
	}
	return false;
}

// An import the checker bound is one the image declared, and its provider exports it; a miss
// here would be a checker bug, reported rather than trusted.
Attempt<Plan_import, Graph_error> bind(const Resolved_graph &graph, const std::vector<Component_layout> &layouts,
				       std::size_t client, const Binding &binding)
{
	const Resolved_component &c = graph.components[client];
	auto ucap = layouts[client].imports.find(binding.import);
	auto function = layouts[binding.provider].exports.find(binding.import);
	if (ucap == layouts[client].imports.end() || function == layouts[binding.provider].exports.end())
		return Failure{Graph_error{Graph_error_kind::bad_image, graph.file, c.line,
					   "component `" + c.name + "`: import `" + binding.import +
						   "` has no counterpart in the images"}};
	return Plan_import{binding.import, ucap->second, binding.provider, function->second};
}

// The checker placed the areas relative to each slot's base; the plan holds them where they are.
void locate_areas(Load_plan &plan, const Resolved_graph &graph)
{
	for (const Resolved_share &share : graph.shares) {
		Plan_share &p = plan.shares.emplace_back();
		p.name = share.name;
		p.size = share.size;
		p.line = share.line;
		for (const Share_member &member : share.members)
			p.members.push_back({member.component, plan.components[member.component].base + member.offset});
	}
	if (const auto &nic = graph.nic)
		plan.nic = Plan_nic{nic->component, nic->ifname, nic->mac, nic->slots,
				    plan.components[nic->component].base + nic->ring_offset, nic_ring_size(nic->slots),
				    nic->line};
}

Attempt<Load_plan, Graph_error> plan_resolved(const Resolved_graph &graph, std::map<std::string, Component_image> &by_name)
{
	std::vector<Component_image> images;
	for (const Resolved_component &c : graph.components)
		images.push_back(std::move(by_name.find(c.name)->second));
	const std::vector<Component_layout> layouts = lay_out(images);

	Load_plan plan;
	plan.graph_file = graph.file;
	for (std::size_t i = 0; i < graph.components.size(); ++i) {
		const Resolved_component &c = graph.components[i];
		const Component_layout &layout = layouts[i];
		auto ranges = initialize_ranges(images[i], layout);
		if (!ranges)
			return Failure{image_error(graph.file, c.line, c.name, ranges.error())};
		if (images[i].config_size &&
		    !write_config(ranges.value(), layout.base + images[i].config, images[i].config_size, c.config))
			return Failure{Graph_error{Graph_error_kind::bad_image, graph.file, c.line,
						   "component `" + c.name + "`: its configuration space lies outside its memory"}};
		Plan_component &p = plan.components.emplace_back();
		p.name = c.name;
		p.image = images[i].path;
		p.line = c.line;
		p.slot = layout.slot;
		p.base = layout.base;
		p.ranges = std::move(ranges).value();
		if (graph.files && graph.files->component == i) {
			// The file area: read-only, its bytes the packed directory.
			const std::uint64_t size = (graph.files->bytes.size() + 4095) / 4096 * 4096;
			p.ranges.push_back({Mapped_range{layout.base + graph.files->offset, size, COS_PROT_READ, false},
					    graph.files->bytes});
		}
		p.upcall_entry = layout.upcall_entry;
		p.inv_stub = layout.inv_stub;
		p.privileges = c.privileges;
		p.number = c.number;
		p.config = c.config;
		p.exports = layout.exports;
		for (const Binding &binding : c.bindings) {
			auto bound = bind(graph, layouts, i, binding);
			if (!bound)
				return Failure{bound.error()};
			p.imports.push_back(std::move(bound).value());
		}
	}
	plan.pd_groups = graph.pd_groups;
	plan.immutable_pairs = graph.immutable_pairs;
	locate_areas(plan, graph);
	const Plan_component &entry = plan.components[graph.entry.component];
	auto function = entry.exports.find(graph.entry.function);
	if (function == entry.exports.end())
		return Failure{Graph_error{Graph_error_kind::missing_export, graph.file, entry.line,
					   "component `" + entry.name + "` does not export the entry `" +
						   graph.entry.function + "`"}};
	plan.entry = {graph.entry.component, graph.entry.function, function->second};
	return plan;
}

} // namespace

std::string image_path(const std::string &directory, const std::string &image)
{
	// operator/ keeps an absolute right-hand side as it is.
	return (std::filesystem::path(directory) / image).string();
}

Attempt<Load_plan, Graph_error> make_load_plan(const std::string &graph_path)
{
	auto graph = load_graph_file(graph_path);
	if (!graph)
		return Failure{graph.error()};
	// Images are read before the check, which needs their interfaces; an unreadable one is left
	// out, so that the checker reports it as bad_image in its documented turn, and the reason
	// is put back into the message here.
	Read_images read = read_images(graph.value());
	auto checked = check_graph(graph.value(), read.interfaces, COS_REGION_SLOTS - COS_FIRST_COMPONENT_SLOT);
	if (!checked) {
		Graph_error error = checked.error();
		auto failure = read.failures.find(error.line);
		if (error.kind == Graph_error_kind::bad_image && failure != read.failures.end())
			for (const Component_decl &decl : graph.value().components)
				if (decl.line == error.line)
					error = image_error(error.file, decl.line, decl.name, failure->second);
		return Failure{error};
	}
	return plan_resolved(checked.value(), read.images);
}

} // namespace cosk::loader
