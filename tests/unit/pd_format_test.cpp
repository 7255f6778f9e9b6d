// SPDX-License-Identifier: GPL-2.0
// `cos pd`, `cos merge` and `cos split` output: the Table-4 grouping, stale domains, refusals.
#include <gtest/gtest.h>

#include <cerrno>

#include "loader/cli/pd_format.hpp"
#include "loader/cli/system_view.hpp"
#include "mpd_test_system.hpp"

using namespace cosk::cli;
using namespace cosk::cli::test_support;

TEST(PdFormat, GroupsMembersPerLiveDomainThenStaleOnesThenSums)
{
	EXPECT_EQ(format_pd_text(*small_system()), "pd 1   (printer)\n"
						    "pd 3   (tcp, ip, vnic)\n"
						    "pd 4   (app)\n"
						    "stale pd 2   (ip, vnic), 2 frames running\n"
						    "5 components in 3 protection domains, 1 stale\n");
}

TEST(PdFormat, LabelsOfDifferentWidthsKeepTheGroupsInOneColumn)
{
	auto list = small_system();
	list->pds[3].id = 12;
	list->components[4].pd = 12;
	list->pds[1].frames = 1;
	EXPECT_EQ(format_pd_text(*list), "pd 1    (printer)\n"
					 "pd 3    (tcp, ip, vnic)\n"
					 "pd 12   (app)\n"
					 "stale pd 2   (ip, vnic), 1 frame running\n"
					 "5 components in 3 protection domains, 1 stale\n");
}

TEST(PdFormat, LiveMembersComeFromTheComponentsStaleOnesFromTheMappedSlots)
{
	auto list = small_system();
	// A live domain's slot mask is not its membership: the components say where they are.
	list->pds[2].members |= slot_bit(5);
	// A stale domain may map a slot no listed component owns.
	list->pds[1].members |= slot_bit(9);
	const auto live = member_names(*list, list->pds[2]);
	EXPECT_EQ(live, (std::vector<std::string>{"tcp", "ip", "vnic"}));
	const auto stale = member_names(*list, list->pds[1]);
	EXPECT_EQ(stale, (std::vector<std::string>{"ip", "vnic", "slot 9"}));
}

TEST(PdFormat, JsonHasComponentsAndDomainsByName)
{
	EXPECT_EQ(format_pd_json(*small_system()),
		  R"({"components": [{"name": "printer", "id": 0, "pd": 1, "number": null}, )"
		  R"({"name": "tcp", "id": 1, "pd": 3, "number": null}, )"
		  R"({"name": "ip", "id": 2, "pd": 3, "number": null}, {"name": "vnic", "id": 3, "pd": 3, "number": null}, )"
		  R"({"name": "app", "id": 4, "pd": 4, "number": null}], )"
		  R"("domains": [{"id": 1, "stale": false, "members": ["printer"], "frames": 0}, )"
		  R"({"id": 2, "stale": true, "members": ["ip", "vnic"], "frames": 2}, )"
		  R"({"id": 3, "stale": false, "members": ["tcp", "ip", "vnic"], "frames": 1}, )"
		  R"({"id": 4, "stale": false, "members": ["app"], "frames": 0}]})");
}

TEST(PdFormat, EmptySystemSaysSo)
{
	auto list = std::make_unique<cos_pd_list>();
	*list = cos_pd_list{};
	EXPECT_EQ(format_pd_text(*list), "0 components in 0 protection domains, 0 stale\n");
}

TEST(SystemView, NameWithoutTerminatorStopsAtTheField)
{
	auto list = small_system();
	std::memset(list->components[0].name, 'x', COS_NAME_SIZE);
	EXPECT_EQ(name_of(list->components[0]), std::string(COS_NAME_SIZE, 'x'));
}

TEST(SystemView, FindsComponentsByNameAndNamesUnknownIds)
{
	auto list = small_system();
	EXPECT_EQ(find_component(*list, "vnic"), std::optional<std::uint32_t>{3});
	EXPECT_EQ(find_component(*list, "udp"), std::nullopt);
	EXPECT_EQ(component_name(*list, 2), "ip");
	EXPECT_EQ(component_name(*list, 9), "#9");
	EXPECT_EQ(all_names(*list), "printer, tcp, ip, vnic, app");
}

TEST(SystemView, CountsBeyondTheArraysAreCut)
{
	auto list = small_system();
	list->ncomponents = 1000;
	list->npds = 1000;
	EXPECT_EQ(components_of(*list).size(), std::size_t{COS_MAX_COMPONENTS});
	EXPECT_EQ(domains_of(*list).size(), std::size_t{COS_MAX_PDS});
}

TEST(MpdOpFormat, MergeAndSplitSayWhereAndHowLong)
{
	cos_mpd_op op{};
	op.pd = 2;
	op.cost_ns = 1830;
	EXPECT_EQ(format_merge("tcp", "ip", op), "merged tcp and ip into pd 2 in 1830 ns");
	op.pd = 7;
	op.reused = 1;
	EXPECT_EQ(format_split("tcp", op), "split tcp into pd 7 (old domain reused) in 1830 ns");
	op.reused = 0;
	EXPECT_EQ(format_split("tcp", op), "split tcp into pd 7 (new domains built) in 1830 ns");
}

TEST(MpdOpFormat, RefusalsNameTheirReason)
{
	EXPECT_EQ(merge_refusal("app", "tcp", EPERM),
		  "cannot merge app and tcp: a boundary between their domains is immutable (see the graph's "
		  "immutable lines)");
	EXPECT_EQ(merge_refusal("app", "tcp", EALREADY), "app and tcp share a protection domain already");
	EXPECT_EQ(merge_refusal("app", "tcp", EINVAL), "cannot merge app and tcp: Invalid argument");
	EXPECT_EQ(split_refusal("tcp", EALREADY), "tcp is alone in its protection domain already");
	EXPECT_EQ(split_refusal("tcp", ENOMEM), "cannot split tcp: the module is out of memory");
	EXPECT_EQ(split_refusal("tcp", ENOSPC),
		  "cannot split tcp: no protection domain id is free (a system has at most 128, live and stale)");
	EXPECT_EQ(split_refusal("tcp", EINVAL), "cannot split tcp: Invalid argument");
}

TEST(PdFormat, NumbersNameTheMembersInNumericOrderAsTable4)
{
	EXPECT_EQ(format_pd_text(*numbered_small_system(), Naming::numbers), "pd 1   (5)\n"
									    "pd 3   (7, 16, 17)\n"
									    "pd 4   (app)\n"
									    "stale pd 2   (16, 17), 2 frames running\n"
									    "5 components in 3 protection domains, 1 stale\n");
	// Without --numbers, the numbers change nothing.
	EXPECT_EQ(format_pd_text(*numbered_small_system()), format_pd_text(*small_system()));
}

TEST(PdFormat, ComponentsWithoutANumberFollowTheNumberedInIdOrder)
{
	auto list = numbered_small_system();
	list->components[1].number = 0; // tcp
	list->components[4].pd = 3;     // app joins tcp, ip and vnic
	list->pds[1].members |= slot_bit(9);
	EXPECT_EQ(member_names(*list, list->pds[2], Naming::numbers),
		  (std::vector<std::string>{"16", "17", "tcp", "app"}));
	EXPECT_EQ(member_names(*list, list->pds[2]), (std::vector<std::string>{"tcp", "ip", "vnic", "app"}));
	EXPECT_EQ(member_names(*list, list->pds[1], Naming::numbers),
		  (std::vector<std::string>{"16", "17", "slot 9"}));
}

TEST(PdFormat, JsonGivesEveryComponentsNumberOrNull)
{
	const std::string json = format_pd_json(*numbered_small_system());
	EXPECT_NE(json.find(R"({"name": "printer", "id": 0, "pd": 1, "number": 5}, )"
			    R"({"name": "tcp", "id": 1, "pd": 3, "number": 7}, )"
			    R"({"name": "ip", "id": 2, "pd": 3, "number": 17}, )"
			    R"({"name": "vnic", "id": 3, "pd": 3, "number": 16}, )"
			    R"({"name": "app", "id": 4, "pd": 4, "number": null}], )"),
		  std::string::npos)
		<< json;
	// The domains' members stay names: the numbers are in the components.
	EXPECT_NE(json.find(R"({"id": 3, "stale": false, "members": ["tcp", "ip", "vnic"], "frames": 1})"),
		  std::string::npos)
		<< json;
}

TEST(SystemView, NumbersAndLabels)
{
	auto list = numbered_small_system();
	EXPECT_EQ(number_of(list->components[2]), std::optional<std::uint32_t>{17});
	EXPECT_EQ(number_of(list->components[4]), std::nullopt);
	EXPECT_EQ(component_number(*list, 1), std::optional<std::uint32_t>{7});
	EXPECT_EQ(component_number(*list, 4), std::nullopt);
	EXPECT_EQ(component_number(*list, 9), std::nullopt);
	EXPECT_EQ(component_name(*list, 1, Naming::numbers), "7");
	EXPECT_EQ(component_name(*list, 4, Naming::numbers), "app");
	EXPECT_EQ(component_name(*list, 9, Naming::numbers), "#9");
	EXPECT_EQ(component_name(*list, 1), "tcp");
	// Merge and split still find components by name.
	EXPECT_EQ(find_component(*list, "ip"), std::optional<std::uint32_t>{2});
}
