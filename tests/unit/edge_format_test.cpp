// SPDX-License-Identifier: GPL-2.0
// `cos stat` and `cos graph` output: per-pair sums, busiest first, and the dot file.
#include <gtest/gtest.h>

#include "loader/cli/edge_format.hpp"
#include "mpd_test_system.hpp"

using namespace cosk::cli;
using namespace cosk::cli::test_support;

namespace {

std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint64_t, std::uint64_t, std::uint64_t>>
tuples(const std::vector<Edge_total> &edges)
{
	std::vector<std::tuple<std::uint32_t, std::uint32_t, std::uint64_t, std::uint64_t, std::uint64_t>> out;
	for (const Edge_total &e : edges)
		out.emplace_back(e.client, e.server, e.since, e.total, e.inter_pd);
	return out;
}

} // namespace

TEST(EdgeFormat, CapabilitiesBetweenOnePairAreSummed)
{
	const auto sums = aggregate_edges(small_system_edges());
	EXPECT_EQ(tuples(sums), (decltype(tuples(sums)){{1, 2, 100, 1000, 400},
							{2, 0, 0, 0, 0},
							{2, 3, 100, 1000, 0},
							{4, 0, 0, 7, 7},
							{4, 1, 60, 600, 600}}));
}

TEST(EdgeFormat, BusiestSinceTheLastReadFirstThenTotalThenIds)
{
	std::vector<Edge_total> edges = {{5, 6, 10, 10, 0}, {1, 2, 10, 50, 0}, {3, 4, 20, 20, 0}, {2, 1, 10, 10, 0}};
	EXPECT_EQ(tuples(busiest_first(edges)), (decltype(tuples(edges)){{3, 4, 20, 20, 0},
									 {1, 2, 10, 50, 0},
									 {2, 1, 10, 10, 0},
									 {5, 6, 10, 10, 0}}));
}

TEST(EdgeFormat, StatShowsCountersThenCalledPairsBusiestFirst)
{
	EXPECT_EQ(format_stat_text(small_system_stats(), *small_system(), small_system_edges(), false),
		  "5 components, 3 live pds, 1 stale pd, 1007 invocations across pds, 2 merges, 1 split (1 reused), "
		  "0 stale repairs, 1 fault\n"
		  "client -> server   since last read   total   inter-pd\n"
		  "tcp -> ip                      100    1000        400\n"
		  "ip -> vnic                     100    1000          0\n"
		  "app -> tcp                      60     600        600\n");
}

TEST(EdgeFormat, StatAllAddsThePairsWithoutRecentCalls)
{
	EXPECT_EQ(format_stat_text(small_system_stats(), *small_system(), small_system_edges(), true),
		  "5 components, 3 live pds, 1 stale pd, 1007 invocations across pds, 2 merges, 1 split (1 reused), "
		  "0 stale repairs, 1 fault\n"
		  "client -> server   since last read   total   inter-pd\n"
		  "tcp -> ip                      100    1000        400\n"
		  "ip -> vnic                     100    1000          0\n"
		  "app -> tcp                      60     600        600\n"
		  "app -> printer                   0       7          7\n"
		  "ip -> printer                    0       0          0\n");
}

TEST(EdgeFormat, StatWithoutRecentCallsSaysSo)
{
	auto edges = small_system_edges();
	for (cos_edge &e : edges)
		e.since = 0;
	const std::string text = format_stat_text(cos_stats{}, *small_system(), edges, false);
	EXPECT_EQ(text, "0 components, 0 live pds, 0 stale pds, 0 invocations across pds, 0 merges, 0 splits "
			"(0 reused), 0 stale repairs, 0 faults\n"
			"no calls since the last read (--all lists every edge)\n");
}

TEST(EdgeFormat, StatJsonIsOneObjectWithNamedEdges)
{
	EXPECT_EQ(format_stat_json(small_system_stats(), *small_system(), small_system_edges(), false),
		  R"({"components": 5, "pds": 3, "stale_pds": 1, "invocations": 1007, "merges": 2, "splits": 1, )"
		  R"("splits_reused": 1, "stale_repairs": 0, "reserve_pages": 0, "threads": 0, "switches": 0, "ticks": 0, )"
		  R"("preemptions": 0, "interrupts": 0, "faults": 1, "edges": [)"
		  R"({"client": "tcp", "server": "ip", "client_number": null, "server_number": null, )"
		  R"("since": 100, "total": 1000, "inter_pd": 400}, )"
		  R"({"client": "ip", "server": "vnic", "client_number": null, "server_number": null, )"
		  R"("since": 100, "total": 1000, "inter_pd": 0}, )"
		  R"({"client": "app", "server": "tcp", "client_number": null, "server_number": null, )"
		  R"("since": 60, "total": 600, "inter_pd": 600}]})");
}

TEST(EdgeFormat, StatNumbersNameBothEndsAsTable3)
{
	EXPECT_EQ(format_stat_text(small_system_stats(), *numbered_small_system(), small_system_edges(), false,
				   Naming::numbers),
		  "5 components, 3 live pds, 1 stale pd, 1007 invocations across pds, 2 merges, 1 split (1 reused), "
		  "0 stale repairs, 1 fault\n"
		  "client -> server   since last read   total   inter-pd\n"
		  "7 -> 17                        100    1000        400\n"
		  "17 -> 16                       100    1000          0\n"
		  "app -> 7                        60     600        600\n");
	// Without --numbers, the numbers change nothing.
	EXPECT_EQ(format_stat_text(small_system_stats(), *numbered_small_system(), small_system_edges(), true),
		  format_stat_text(small_system_stats(), *small_system(), small_system_edges(), true));
}

TEST(EdgeFormat, StatJsonGivesBothEndsNumbersOrNull)
{
	const std::string json =
		format_stat_json(small_system_stats(), *numbered_small_system(), small_system_edges(), false);
	EXPECT_NE(json.find(R"({"client": "tcp", "server": "ip", "client_number": 7, "server_number": 17, )"),
		  std::string::npos)
		<< json;
	EXPECT_NE(json.find(R"({"client": "app", "server": "tcp", "client_number": null, "server_number": 7, )"),
		  std::string::npos)
		<< json;
}

TEST(EdgeFormat, StatShowsTheNetworkInterfaceOnlyWhenOneWasAttached)
{
	cos_stats stats{};
	stats.nics = 1;
	stats.nic_rx_seen = 5;
	stats.nic_rx_delivered = 2;
	stats.nic_rx_full = 1;
	stats.nic_rx_dropped = 2;
	stats.nic_tx_sent = 3;
	stats.nic_tx_failed = 1;
	const std::string text = format_stat_text(stats, *small_system(), {}, true);
	EXPECT_NE(text.find("nic: 5 frames received, 2 into the ring, 1 dropped (ring full), 2 dropped (malformed or "
			    "oversize), 3 sent, 1 send failure\n"),
		  std::string::npos)
		<< text;
	EXPECT_NE(format_stat_json(stats, *small_system(), {}, true)
			  .find(R"("nic": {"rx_seen": 5, "rx_delivered": 2, "rx_full": 1, "rx_dropped": 2, )"
				R"("tx_sent": 3, "tx_failed": 1}, "edges": [])"),
		  std::string::npos);
	EXPECT_EQ(format_stat_text(cos_stats{}, *small_system(), {}, true).find("nic:"), std::string::npos);
}

TEST(EdgeFormat, DotClustersLiveDomainsAndWeighsEdgesByTheirCalls)
{
	EXPECT_EQ(format_graph_dot(*small_system(), small_system_edges()),
		  "digraph cos {\n"
		  "\tsubgraph cluster_pd1 {\n"
		  "\t\tlabel=\"pd 1\";\n"
		  "\t\t\"printer\";\n"
		  "\t}\n"
		  "\tsubgraph cluster_pd3 {\n"
		  "\t\tlabel=\"pd 3\";\n"
		  "\t\t\"tcp\";\n"
		  "\t\t\"ip\";\n"
		  "\t\t\"vnic\";\n"
		  "\t}\n"
		  "\tsubgraph cluster_pd4 {\n"
		  "\t\tlabel=\"pd 4\";\n"
		  "\t\t\"app\";\n"
		  "\t}\n"
		  "\t\"tcp\" -> \"ip\" [label=\"1000\", weight=1000];\n"
		  "\t\"ip\" -> \"printer\" [label=\"0\", weight=0];\n"
		  "\t\"ip\" -> \"vnic\" [label=\"1000\", weight=1000];\n"
		  "\t\"app\" -> \"printer\" [label=\"7\", weight=7];\n"
		  "\t\"app\" -> \"tcp\" [label=\"600\", weight=600];\n"
		  "}\n");
}

TEST(EdgeFormat, DotQuotesNamesAndKeepsComponentsOfUnlistedDomains)
{
	auto list = small_system();
	std::strcpy(list->components[4].name, "a\"b");
	list->components[4].pd = 9;
	const std::string dot = format_graph_dot(*list, {});
	EXPECT_NE(dot.find("\t\"a\\\"b\";\n}\n"), std::string::npos) << dot;
	EXPECT_EQ(dot.find("cluster_pd2"), std::string::npos) << "stale domains are no clusters";
}

TEST(EdgeFormat, DotWeightFitsTheIntGraphvizReadsAndTheLabelKeepsTheCount)
{
	const std::vector<cos_edge> edges = {edge(1, 2, 0x20, 5000000000, 0, 0)};
	const std::string dot = format_graph_dot(*small_system(), edges);
	EXPECT_NE(dot.find("\t\"tcp\" -> \"ip\" [label=\"5000000000\", weight=2147483647];\n"), std::string::npos) << dot;
}

TEST(EdgeFormat, ThreadCountersGetALineOfTheirOwnOnceThreadsSwitch)
{
	cos_stats stats = small_system_stats();
	EXPECT_EQ(format_stat_text(stats, *small_system(), small_system_edges(), false).find("switch"),
		  std::string::npos);
	stats.threads = 5;
	stats.switches = 1;
	stats.ticks = 400;
	stats.preemptions = 380;
	EXPECT_EQ(format_thread_stats_line(stats), "5 threads, 1 switch, 400 ticks, 380 preemptions, 0 interrupts");
	EXPECT_NE(format_stat_text(stats, *small_system(), small_system_edges(), false)
			  .find("\n5 threads, 1 switch, 400 ticks, 380 preemptions, 0 interrupts\n"),
		  std::string::npos);
	stats.switches = 2;
	stats.interrupts = 1;
	EXPECT_EQ(format_thread_stats_line(stats), "5 threads, 2 switches, 400 ticks, 380 preemptions, 1 interrupt");
}

TEST(EdgeFormat, InterruptsAloneGiveTheThreadCountersTheirLine)
{
	cos_stats stats = small_system_stats();
	stats.interrupts = 3;
	EXPECT_NE(format_stat_text(stats, *small_system(), small_system_edges(), false)
			  .find("\n0 threads, 0 switches, 0 ticks, 0 preemptions, 3 interrupts\n"),
		  std::string::npos);
	EXPECT_NE(format_stat_json(stats, *small_system(), small_system_edges(), false).find(R"("interrupts": 3, )"),
		  std::string::npos);
}
