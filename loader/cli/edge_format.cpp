// SPDX-License-Identifier: GPL-2.0
// The text of a system's call counts: the `cos stat` table and the `cos graph` dot file.
#include "loader/cli/edge_format.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>
#include <utility>

#include "loader/cli/json.hpp"
#include "loader/cli/system_view.hpp"
#include "loader/cli/table.hpp"

namespace cosk::cli {

namespace {

std::vector<Edge_total> shown(std::span<const cos_edge> edges, bool all)
{
	std::vector<Edge_total> rows = busiest_first(aggregate_edges(edges));
	if (!all)
		std::erase_if(rows, [](const Edge_total &e) { return e.since == 0; });
	return rows;
}

// A Graphviz ID: a double-quoted string, in which only quotes need escaping (and a backslash,
// which would escape them).
std::string dot_id(const std::string &text)
{
	std::string out = "\"";
	for (char c : text) {
		if (c == '"' || c == '\\')
			out += '\\';
		out += c;
	}
	return out + "\"";
}

} // namespace

std::vector<Edge_total> aggregate_edges(std::span<const cos_edge> edges)
{
	std::map<std::pair<std::uint32_t, std::uint32_t>, Edge_total> pairs;
	for (const cos_edge &e : edges) {
		Edge_total &sum = pairs[{e.client, e.server}];
		sum.client = e.client;
		sum.server = e.server;
		sum.since += e.since;
		sum.total += e.total;
		sum.inter_pd += e.inter_pd;
	}
	std::vector<Edge_total> out;
	for (const auto &[ids, sum] : pairs)
		out.push_back(sum);
	return out;
}

std::vector<Edge_total> busiest_first(std::vector<Edge_total> edges)
{
	std::sort(edges.begin(), edges.end(), [](const Edge_total &x, const Edge_total &y) {
		// The counts compare y to x (descending), the ids x to y (ascending).
		return std::tie(y.since, y.total, x.client, x.server) < std::tie(x.since, x.total, y.client, y.server);
	});
	return edges;
}

std::string format_stats_line(const cos_stats &s)
{
	return counted(s.components, "component") + ", " + counted(s.pds, "live pd") + ", " +
	       counted(s.stale_pds, "stale pd") + ", " + counted(s.invocations, "invocation") + " across pds, " +
	       counted(s.merges, "merge") + ", " + counted(s.splits, "split") + " (" +
	       std::to_string(s.splits_reused) + " reused), " + counted(s.stale_repairs, "stale repair") + ", " +
	       counted(s.faults, "fault");
}

std::string format_thread_stats_line(const cos_stats &s)
{
	return counted(s.threads, "thread") + ", " + std::to_string(s.switches) +
	       (s.switches == 1 ? " switch, " : " switches, ") + counted(s.ticks, "tick") + ", " +
	       counted(s.preemptions, "preemption") + ", " + counted(s.interrupts, "interrupt");
}

std::string format_nic_stats_line(const cos_stats &s)
{
	return "nic: " + counted(s.nic_rx_seen, "frame") + " received, " + std::to_string(s.nic_rx_delivered) +
	       " into the ring, " + std::to_string(s.nic_rx_full) + " dropped (ring full), " +
	       std::to_string(s.nic_rx_dropped) + " dropped (malformed or oversize), " + std::to_string(s.nic_tx_sent) +
	       " sent, " + counted(s.nic_tx_failed, "send failure");
}

std::string format_stat_text(const cos_stats &stats, const cos_pd_list &list, std::span<const cos_edge> edges,
			     bool all, Naming naming)
{
	const bool threads = stats.ticks || stats.switches || stats.interrupts;
	const std::string counters = format_stats_line(stats) + "\n" +
				     (threads ? format_thread_stats_line(stats) + "\n" : "") +
				     (stats.nics ? format_nic_stats_line(stats) + "\n" : "");
	const std::vector<Edge_total> rows = shown(edges, all);
	if (rows.empty())
		return counters + (all ? "no capabilities\n"
				       : "no calls since the last read (--all lists every edge)\n");
	Table table({{"client -> server", Align::left},
		     {"since last read", Align::right},
		     {"total", Align::right},
		     {"inter-pd", Align::right}});
	for (const Edge_total &e : rows)
		table.add({component_name(list, e.client, naming) + " -> " + component_name(list, e.server, naming),
			   std::to_string(e.since), std::to_string(e.total), std::to_string(e.inter_pd)});
	return counters + table.str();
}

std::string format_stat_json(const cos_stats &stats, const cos_pd_list &list, std::span<const cos_edge> edges,
			     bool all)
{
	Json_array rows;
	for (const Edge_total &e : shown(edges, all))
		rows.push(Json_object()
				  .add("client", component_name(list, e.client))
				  .add("server", component_name(list, e.server))
				  .add("client_number", component_number(list, e.client))
				  .add("server_number", component_number(list, e.server))
				  .add("since", e.since)
				  .add("total", e.total)
				  .add("inter_pd", e.inter_pd));
	Json_object json;
	json.add("components", stats.components)
		.add("pds", stats.pds)
		.add("stale_pds", stats.stale_pds)
		.add("invocations", stats.invocations)
		.add("merges", stats.merges)
		.add("splits", stats.splits)
		.add("splits_reused", stats.splits_reused)
		.add("stale_repairs", stats.stale_repairs)
		.add("reserve_pages", stats.reserve_pages)
		.add("threads", stats.threads)
		.add("switches", stats.switches)
		.add("ticks", stats.ticks)
		.add("preemptions", stats.preemptions)
		.add("interrupts", stats.interrupts)
		.add("faults", stats.faults);
	if (stats.nics)
		json.add("nic", Json_object()
					.add("rx_seen", stats.nic_rx_seen)
					.add("rx_delivered", stats.nic_rx_delivered)
					.add("rx_full", stats.nic_rx_full)
					.add("rx_dropped", stats.nic_rx_dropped)
					.add("tx_sent", stats.nic_tx_sent)
					.add("tx_failed", stats.nic_tx_failed));
	json.add("edges", rows);
	return json.str();
}

std::string format_graph_dot(const cos_pd_list &list, std::span<const cos_edge> edges)
{
	std::string dot = "digraph cos {\n";
	std::vector<std::uint32_t> clustered;
	for (const cos_pd_state &pd : domains_of(list)) {
		if (is_stale(pd))
			continue;
		dot += "\tsubgraph cluster_pd" + std::to_string(pd.id) + " {\n\t\tlabel=\"pd " + std::to_string(pd.id) +
		       "\";\n";
		for (const std::string &member : member_names(list, pd))
			dot += "\t\t" + dot_id(member) + ";\n";
		dot += "\t}\n";
		clustered.push_back(pd.id);
	}
	// A component whose domain the list does not show as live still belongs in the graph.
	for (const cos_component_state &c : components_of(list))
		if (std::find(clustered.begin(), clustered.end(), c.pd) == clustered.end())
			dot += "\t" + dot_id(name_of(c)) + ";\n";
	for (const Edge_total &e : aggregate_edges(edges)) {
		// dot reads a weight as an int: the label keeps the exact count.
		const std::uint64_t weight = std::min<std::uint64_t>(e.total, std::numeric_limits<int>::max());
		dot += "\t" + dot_id(component_name(list, e.client)) + " -> " + dot_id(component_name(list, e.server)) +
		       " [label=\"" + std::to_string(e.total) + "\", weight=" + std::to_string(weight) + "];\n";
	}
	return dot + "}\n";
}

} // namespace cosk::cli
