// SPDX-License-Identifier: GPL-2.0
// How `cos stat` and `cos graph` show the calls between a running system's components.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "loader/cli/system_view.hpp"
#include "module/uapi/cos.h"

namespace cosk::cli {

// The calls from one component to another, summed over every capability between the two.
struct Edge_total {
	std::uint32_t client = 0;
	std::uint32_t server = 0;
	std::uint64_t since = 0;    // since the previous COS_IOC_EDGES
	std::uint64_t total = 0;    // since the system was built
	std::uint64_t inter_pd = 0; // of total, the ones the module carried across domains
};

// One entry per (client, server) pair, by client id, then server id.
[[nodiscard]] std::vector<Edge_total> aggregate_edges(std::span<const cos_edge> edges);
// The busiest first, as Table 3 of the MPD paper: most calls since the last read, then most in
// total, then by ids.
[[nodiscard]] std::vector<Edge_total> busiest_first(std::vector<Edge_total> edges);

// The system's counters on one line (no newline).
[[nodiscard]] std::string format_stats_line(const cos_stats &stats);

// One line of the threads' counters: switches, ticks, preemptions, interrupts.
[[nodiscard]] std::string format_thread_stats_line(const cos_stats &stats);

// The network interface's counters, one line (`cos stat` shows it when a device was attached).
[[nodiscard]] std::string format_nic_stats_line(const cos_stats &stats);

// The counters, then a line per component pair, busiest first: only pairs with calls since the
// last read, or every pair with all. By numbers, a pair is `7 -> 17`, as Table 3 of the MPD paper
// writes it.
[[nodiscard]] std::string format_stat_text(const cos_stats &stats, const cos_pd_list &list,
					   std::span<const cos_edge> edges, bool all, Naming naming = Naming::names);
// The same as one JSON object: the counters, and "edges" with component names and numbers
// ("client_number", "server_number": null when none).
[[nodiscard]] std::string format_stat_json(const cos_stats &stats, const cos_pd_list &list,
					   std::span<const cos_edge> edges, bool all);

// The component graph for Graphviz: each live domain a cluster of its members, each component
// pair an edge labelled (and weighted) with its calls in total.
[[nodiscard]] std::string format_graph_dot(const cos_pd_list &list, std::span<const cos_edge> edges);

} // namespace cosk::cli
