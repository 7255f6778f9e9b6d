// SPDX-License-Identifier: GPL-2.0
// The meaning of a graph: names, interfaces, protection domains, acyclicity, import resolution,
// and where its shares and network ring go.
#include "loader/graph/graph_check.hpp"

#include "loader/graph/areas.hpp"
#include "loader/graph/config_check.hpp"
#include "loader/graph/grant_check.hpp"
#include "loader/graph/nic_check.hpp"
#include "loader/graph/number_check.hpp"
#include "loader/graph/share_check.hpp"

#include <algorithm>
#include <string_view>
#include <utility>
#include <vector>

namespace cosk::loader {
namespace {

using Interfaces = std::map<std::string, Component_interface>;
using Step = Attempt<Done, Graph_error>;

constexpr std::size_t none = static_cast<std::size_t>(-1);

// Components are numbered in declaration order until the resolved graph is built.
struct Edge {
	std::size_t to;
	std::size_t line; // of the first line declaring it
};

bool contains(const std::vector<std::string> &list, std::string_view item)
{
	return std::find(list.begin(), list.end(), item) != list.end();
}

class Checker {
public:
	Checker(const Graph &graph, const Interfaces &interfaces, std::size_t capacity)
		: graph_(graph), interfaces_(interfaces), capacity_(capacity),
		  count_(graph.components.size()) {}

	Attempt<Resolved_graph, Graph_error> run()
	{
		// The order of the checks is documented: users see the first problem only.
		static constexpr Step (Checker::*steps[])() = {
			&Checker::index_components, &Checker::check_capacity,
			&Checker::check_references, &Checker::collect_edges,
			&Checker::check_entry_count, &Checker::check_pds,
			&Checker::collect_number_lines, &Checker::collect_grant_lines,
			&Checker::collect_config_lines, &Checker::collect_share_lines,
			&Checker::collect_nic_line, &Checker::collect_files_line,
			&Checker::find_interfaces, &Checker::check_grants_against_images,
			&Checker::check_nic_granted, &Checker::check_configs_against_images,
			&Checker::check_area_settings_against_images, &Checker::check_bindings,
			&Checker::check_entry_export, &Checker::order_components,
			&Checker::resolve_imports,
		};
		for (auto step : steps)
			if (auto result = (this->*step)(); !result)
				return Failure{result.error()};
		return build();
	}

private:
	struct Frame {
		std::size_t component;
		std::size_t next_edge;
	};

	Failure<Graph_error> fail(Graph_error_kind kind, std::size_t line, std::string message) const
	{
		return graph_failure(graph_.file, kind, line, std::move(message));
	}

	const std::string &name(std::size_t component) const
	{
		return graph_.components[component].name;
	}

	std::size_t index(std::string_view component_name) const
	{
		return index_.find(component_name)->second;
	}

	Step index_components()
	{
		for (std::size_t i = 0; i < count_; ++i) {
			const Component_decl &decl = graph_.components[i];
			auto [first, added] = index_.try_emplace(decl.name, i);
			if (!added)
				return fail(Graph_error_kind::duplicate_name, decl.line,
					    "component " + quoted(decl.name) +
						    " is already declared at line " +
						    std::to_string(graph_.components[first->second].line));
		}
		return Done{};
	}

	Step check_capacity()
	{
		if (count_ <= capacity_)
			return Done{};
		const Component_decl &over = graph_.components[capacity_];
		return fail(Graph_error_kind::too_many_components, over.line,
			    "component " + quoted(over.name) + " is number " +
				    std::to_string(capacity_ + 1) + ", but the region holds at most " +
				    std::to_string(capacity_) + " components");
	}

	// All uses of a name, checked in file order so that the first unknown one is reported.
	Step check_references()
	{
		struct Use {
			std::size_t line;
			std::string_view name;
			std::string_view statement;
		};
		std::vector<Use> uses;
		for (const Dependency &d : graph_.dependencies) {
			uses.push_back({d.line, d.from, "dependency"});
			for (const std::string &to : d.to)
				uses.push_back({d.line, to, "dependency"});
		}
		for (const Explicit_binding &b : graph_.bindings) {
			uses.push_back({b.line, b.component, "binding"});
			uses.push_back({b.line, b.provider, "binding"});
		}
		for (const Pd_group &pd : graph_.pds)
			for (const std::string &member : pd.members)
				uses.push_back({pd.line, member, "pd"});
		for (const Immutable_pair &pair : graph_.immutables) {
			uses.push_back({pair.line, pair.first, "immutable"});
			uses.push_back({pair.line, pair.second, "immutable"});
		}
		for (const Grant &grant : graph_.grants)
			uses.push_back({grant.line, grant.component, "grant"});
		for (const Config_line &config : graph_.configs)
			uses.push_back({config.line, config.component, "config"});
		for (const Share_line &share : graph_.shares)
			for (const std::string &member : share.members)
				uses.push_back({share.line, member, "share"});
		for (const Nic_line &nic : graph_.nics)
			uses.push_back({nic.line, nic.component, "nic"});
		for (const Number_line &number : graph_.numbers)
			uses.push_back({number.line, number.component, "number"});
		for (const Entry &entry : graph_.entries)
			uses.push_back({entry.line, entry.component, "entry"});
		std::stable_sort(uses.begin(), uses.end(),
				 [](const Use &a, const Use &b) { return a.line < b.line; });
		for (const Use &use : uses)
			if (!index_.contains(use.name))
				return fail(Graph_error_kind::unknown_component, use.line,
					    std::string(use.statement) + " names " + quoted(use.name) +
						    ", which no `component` line declares");
		return Done{};
	}

	Step collect_edges()
	{
		struct Declared {
			std::size_t from, to, line;
		};
		std::vector<Declared> declared;
		for (const Dependency &d : graph_.dependencies)
			for (const std::string &to : d.to)
				declared.push_back({index(d.from), index(to), d.line});
		for (const Explicit_binding &b : graph_.bindings)
			declared.push_back({index(b.component), index(b.provider), b.line});
		std::stable_sort(declared.begin(), declared.end(),
				 [](const Declared &a, const Declared &b) { return a.line < b.line; });

		callees_.resize(count_);
		for (const Declared &edge : declared) {
			if (edge.from == edge.to)
				return fail(Graph_error_kind::self_dependency, edge.line,
					    "component " + quoted(name(edge.from)) +
						    " cannot depend on itself");
			auto &list = callees_[edge.from];
			if (std::none_of(list.begin(), list.end(),
					 [&edge](const Edge &e) { return e.to == edge.to; }))
				list.push_back({edge.to, edge.line});
		}
		return Done{};
	}

	Step check_entry_count()
	{
		if (graph_.entries.empty())
			return fail(Graph_error_kind::missing_entry, 0,
				    "no `entry` line: expected one `entry NAME[.FUNCTION]`");
		if (graph_.entries.size() > 1) {
			const Entry &first = graph_.entries[0];
			return fail(Graph_error_kind::duplicate_entry, graph_.entries[1].line,
				    "second `entry` line: the entry is already " +
					    quoted(first.component + "." + first.function) + " at line " +
					    std::to_string(first.line));
		}
		return Done{};
	}

	Step check_pds()
	{
		pd_of_.assign(count_, none);
		for (std::size_t group = 0; group < graph_.pds.size(); ++group) {
			const Pd_group &pd = graph_.pds[group];
			for (const std::string &member : pd.members) {
				std::size_t &slot = pd_of_[index(member)];
				if (slot == group)
					return fail(Graph_error_kind::duplicate_pd_member, pd.line,
						    quoted(member) + " is listed twice in this pd");
				if (slot != none)
					return fail(Graph_error_kind::duplicate_pd_member, pd.line,
						    quoted(member) + " is already in the pd at line " +
							    std::to_string(graph_.pds[slot].line));
				slot = group;
			}
		}
		for (std::size_t group = 0; group < graph_.pds.size(); ++group)
			for (const Immutable_pair &pair : graph_.immutables)
				if (pd_of_[index(pair.first)] == group && pd_of_[index(pair.second)] == group)
					return fail(Graph_error_kind::immutable_in_pd, graph_.pds[group].line,
						    "pd puts " + quoted(pair.first) + " and " +
							    quoted(pair.second) +
							    " in one protection domain, but line " +
							    std::to_string(pair.line) +
							    " declares their boundary immutable");
		return Done{};
	}

	Step collect_number_lines()
	{
		auto numbers = collect_numbers(graph_);
		if (!numbers)
			return Failure{numbers.error()};
		numbers_ = std::move(numbers).value();
		return Done{};
	}

	Step collect_grant_lines()
	{
		auto grants = collect_grants(graph_);
		if (!grants)
			return Failure{grants.error()};
		grants_ = std::move(grants).value();
		return Done{};
	}

	Step check_grants_against_images()
	{
		return check_grants(graph_, grants_, interfaces_);
	}

	Step collect_config_lines()
	{
		auto configs = collect_configs(graph_);
		if (!configs)
			return Failure{configs.error()};
		configs_ = std::move(configs).value();
		return Done{};
	}

	Step check_configs_against_images()
	{
		return check_configs(graph_, configs_, interfaces_);
	}

	Step collect_share_lines()
	{
		auto shares = collect_shares(graph_);
		if (!shares)
			return Failure{shares.error()};
		shares_ = std::move(shares).value();
		return Done{};
	}

	Step collect_nic_line()
	{
		auto nic = collect_nic(graph_);
		if (!nic)
			return Failure{nic.error()};
		nic_ = std::move(nic).value();
		return Done{};
	}

	// The ring, the shares and the file area are placed here: where they go depends on the graph
	// alone (and the file area's size on its directory).
	Step collect_files_line()
	{
		auto files = collect_files(graph_);
		if (!files)
			return Failure{files.error()};
		files_ = std::move(files).value();
		areas_ = place_areas(shares_, nic_, files_);
		return Done{};
	}

	Step check_nic_granted()
	{
		return check_nic_grant(graph_, nic_, grants_);
	}

	Step check_area_settings_against_images()
	{
		return check_area_settings(graph_, configs_, areas_, interfaces_);
	}

	Step find_interfaces()
	{
		for (const Component_decl &decl : graph_.components) {
			auto found = interfaces_.find(decl.name);
			if (found == interfaces_.end())
				return fail(Graph_error_kind::bad_image, decl.line,
					    "no interface was read for component " + quoted(decl.name) +
						    " (image " + quoted(decl.image) + ")");
			interface_of_.push_back(&found->second);
		}
		return Done{};
	}

	Step check_bindings()
	{
		for (const Explicit_binding &b : graph_.bindings) {
			const std::size_t component = index(b.component);
			const std::string what = quoted(b.component + "." + b.function);
			auto [first, added] = explicit_.try_emplace({component, b.function}, &b);
			if (!added)
				return fail(Graph_error_kind::duplicate_binding, b.line,
					    what + " is already bound at line " +
						    std::to_string(first->second->line));
			if (!contains(interface_of_[component]->imports, b.function))
				return fail(Graph_error_kind::unknown_import, b.line,
					    "component " + quoted(b.component) + " does not import " +
						    quoted(b.function) + ", so " + what +
						    " cannot be bound");
			if (!contains(interface_of_[index(b.provider)]->exports, b.function))
				return fail(Graph_error_kind::missing_export, b.line,
					    "component " + quoted(b.provider) + " does not export " +
						    quoted(b.function) + ", which the binding of " +
						    what + " needs");
		}
		return Done{};
	}

	Step check_entry_export()
	{
		const Entry &entry = graph_.entries[0];
		if (contains(interface_of_[index(entry.component)]->exports, entry.function))
			return Done{};
		return fail(Graph_error_kind::missing_export, entry.line,
			    "entry " + quoted(entry.component + "." + entry.function) + ": component " +
				    quoted(entry.component) + " does not export " +
				    quoted(entry.function));
	}

	// Depth-first, iteratively so that a long chain cannot exhaust the stack; the post-order
	// puts callees before callers, and a callee still on the stack closes a cycle.
	Step order_components()
	{
		enum class Mark : unsigned char { unvisited, active, done };
		std::vector<Mark> mark(count_, Mark::unvisited);
		std::vector<Frame> stack;
		for (std::size_t root = 0; root < count_; ++root) {
			if (mark[root] != Mark::unvisited)
				continue;
			mark[root] = Mark::active;
			stack.push_back({root, 0});
			while (!stack.empty()) {
				Frame &top = stack.back();
				if (top.next_edge == callees_[top.component].size()) {
					mark[top.component] = Mark::done;
					order_.push_back(top.component);
					stack.pop_back();
					continue;
				}
				const Edge edge = callees_[top.component][top.next_edge++];
				if (mark[edge.to] == Mark::active)
					return fail(Graph_error_kind::cyclic_dependency, edge.line,
						    "dependency cycle: " + describe_cycle(stack, edge.to));
				if (mark[edge.to] == Mark::unvisited) {
					mark[edge.to] = Mark::active;
					stack.push_back({edge.to, 0});
				}
			}
		}
		return Done{};
	}

	// `a -> b -> a`, from closing's frame to the top of the stack and back to closing.
	std::string describe_cycle(const std::vector<Frame> &stack, std::size_t closing) const
	{
		std::string text;
		auto frame = std::find_if(stack.begin(), stack.end(),
					  [closing](const Frame &f) { return f.component == closing; });
		for (; frame != stack.end(); ++frame)
			text += name(frame->component) + " -> ";
		return text + name(closing);
	}

	Step resolve_imports()
	{
		bindings_.resize(count_);
		for (std::size_t component = 0; component < count_; ++component) {
			for (const std::string &import : interface_of_[component]->imports) {
				auto &resolved = bindings_[component];
				if (std::any_of(resolved.begin(), resolved.end(),
						[&import](const Binding &b) { return b.import == import; }))
					continue;
				auto chosen = explicit_.find({component, import});
				if (chosen != explicit_.end()) {
					resolved.push_back({import, index(chosen->second->provider)});
					continue;
				}
				std::vector<std::size_t> providers;
				for (const Edge &edge : callees_[component])
					if (contains(interface_of_[edge.to]->exports, import))
						providers.push_back(edge.to);
				if (providers.size() != 1)
					return import_error(component, import, providers);
				resolved.push_back({import, providers[0]});
			}
		}
		return Done{};
	}

	Failure<Graph_error> import_error(std::size_t component, const std::string &import,
					  const std::vector<std::size_t> &providers) const
	{
		const std::string head = "component " + quoted(name(component)) + " imports " +
					 quoted(import);
		const std::size_t line = graph_.components[component].line;
		auto list = [this](const std::vector<std::size_t> &components) {
			std::string text;
			for (std::size_t i = 0; i < components.size(); ++i)
				text += (i == 0 ? "" : i + 1 == components.size() ? " and " : ", ") +
					quoted(name(components[i]));
			return text;
		};
		if (providers.empty()) {
			std::vector<std::size_t> callees;
			for (const Edge &edge : callees_[component])
				callees.push_back(edge.to);
			return fail(Graph_error_kind::unbound_import, line,
				    head + ", but " +
					    (callees.empty() ? "it has no dependencies"
							     : "none of its dependencies (" + list(callees) +
									") exports it"));
		}
		return fail(Graph_error_kind::ambiguous_import, line,
			    head + ", which " + list(providers) +
				    (providers.size() == 2 ? " both" : " all") +
				    " export: choose one with a binding such as " +
				    quoted(name(component) + "." + import + " -> " + name(providers[0])));
	}

	Resolved_graph build() const
	{
		Resolved_graph out;
		out.file = graph_.file;
		out.directory = graph_.directory;
		std::vector<std::size_t> position(count_);
		for (std::size_t k = 0; k < count_; ++k)
			position[order_[k]] = k;

		for (std::size_t component : order_) {
			const Component_decl &decl = graph_.components[component];
			Resolved_component &r = out.components.emplace_back();
			r.name = decl.name;
			r.image = decl.image;
			r.line = decl.line;
			if (auto granted = grants_.find(decl.name); granted != grants_.end())
				r.privileges = granted->second;
			if (auto number = numbers_.find(decl.name); number != numbers_.end())
				r.number = number->second;
			if (auto config = configs_.find(decl.name); config != configs_.end())
				r.config = config->second.text;
			if (auto told = areas_.settings.find(decl.name); told != areas_.settings.end())
				for (const Area_settings &area : told->second)
					r.config += area.text;
			for (const Edge &edge : callees_[component])
				r.callees.push_back(position[edge.to]);
			std::sort(r.callees.begin(), r.callees.end());
			for (const Binding &b : bindings_[component])
				r.bindings.push_back({b.import, position[b.provider]});
		}
		for (const Pd_group &pd : graph_.pds) {
			auto &group = out.pd_groups.emplace_back();
			for (const std::string &member : pd.members)
				group.push_back(position[index(member)]);
		}
		for (std::size_t component : order_)
			if (pd_of_[component] == none)
				out.pd_groups.push_back({position[component]});
		for (const Immutable_pair &pair : graph_.immutables)
			out.immutable_pairs.emplace_back(position[index(pair.first)],
							 position[index(pair.second)]);
		for (std::size_t s = 0; s < shares_.size(); ++s) {
			const Share_decl &share = shares_[s];
			Resolved_share &r = out.shares.emplace_back();
			r.name = share.name;
			r.size = share.size;
			r.line = share.line;
			for (std::size_t m = 0; m < share.members.size(); ++m)
				r.members.push_back({position[index(share.members[m])], areas_.shares[s][m]});
		}
		if (nic_)
			out.nic = Resolved_nic{position[index(nic_->component)], nic_->ifname, nic_->mac, nic_->slots,
					       areas_.ring_offset, nic_->line};
		if (files_)
			out.files = Resolved_files{position[index(files_->component)], areas_.files_offset, files_->bytes,
						   files_->line};
		const Entry &entry = graph_.entries[0];
		out.entry = {position[index(entry.component)], entry.function};
		return out;
	}

	const Graph &graph_;
	const Interfaces &interfaces_;
	const std::size_t capacity_;
	const std::size_t count_;
	std::map<std::string_view, std::size_t, std::less<>> index_;
	std::vector<std::vector<Edge>> callees_;
	std::vector<std::size_t> pd_of_;
	std::vector<const Component_interface *> interface_of_;
	Numbers numbers_;
	Grants grants_;
	Configs configs_;
	Shares shares_;
	std::optional<Nic_decl> nic_;
	std::optional<Files_decl> files_;
	Area_placement areas_;
	std::map<std::pair<std::size_t, std::string_view>, const Explicit_binding *> explicit_;
	std::vector<std::size_t> order_;
	std::vector<std::vector<Binding>> bindings_; // providers by declaration index
};

} // namespace

Attempt<Resolved_graph, Graph_error>
check_graph(const Graph &graph, const std::map<std::string, Component_interface> &interfaces,
	    std::size_t region_capacity)
{
	return Checker(graph, interfaces, region_capacity).run();
}

} // namespace cosk::loader
