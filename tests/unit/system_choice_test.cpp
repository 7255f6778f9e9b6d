// SPDX-License-Identifier: GPL-2.0
// Choosing the system a command acts on, and `cos systems` output.
#include <gtest/gtest.h>

#include <vector>

#include "loader/cli/system_choice.hpp"

using namespace cosk::cli;

namespace {

const std::vector<cos_system_entry> one = {{3, 1234, 5, 1}};
const std::vector<cos_system_entry> two = {{3, 1234, 5, 1}, {7, 1300, 12, 0}};

} // namespace

TEST(SystemChoice, NoSystemTellsHowToStartOne)
{
	auto chosen = choose_system({}, std::nullopt);
	ASSERT_FALSE(chosen.ok());
	EXPECT_EQ(chosen.error().kind, System_choice_error::none);
	EXPECT_EQ(chosen.error().message, "no system is running components: start one with cos load");
	EXPECT_EQ(choose_system({}, 3).error().kind, System_choice_error::none);
}

TEST(SystemChoice, TheOnlySystemIsChosen)
{
	auto chosen = choose_system(one, std::nullopt);
	ASSERT_TRUE(chosen.ok());
	EXPECT_EQ(chosen.value(), 3u);
}

TEST(SystemChoice, SeveralSystemsAreListedWithTheirPidsAndNeedSystem)
{
	auto chosen = choose_system(two, std::nullopt);
	ASSERT_FALSE(chosen.ok());
	EXPECT_EQ(chosen.error().kind, System_choice_error::several);
	EXPECT_EQ(chosen.error().message, "several systems are running components: 3 (host pid 1234), 7 (host pid "
					  "1300); choose one with --system ID");
}

TEST(SystemChoice, RequestedSystemIsChosenAmongSeveral)
{
	auto chosen = choose_system(two, 7);
	ASSERT_TRUE(chosen.ok());
	EXPECT_EQ(chosen.value(), 7u);
}

TEST(SystemChoice, RequestedSystemThatIsNotListedIsRefused)
{
	auto chosen = choose_system(one, 4);
	ASSERT_FALSE(chosen.ok());
	EXPECT_EQ(chosen.error().kind, System_choice_error::unknown);
	EXPECT_EQ(chosen.error().message, "no system 4 has components; these have: 3 (host pid 1234)");
}

TEST(SystemsFormat, TableAndJson)
{
	EXPECT_EQ(format_systems_text(two), "system   host pid   components   running\n"
					    "     3       1234            5   yes\n"
					    "     7       1300           12   no\n");
	EXPECT_EQ(format_systems_text({}), "no system is running components\n");
	EXPECT_EQ(format_systems_json(two),
		  R"({"systems": [{"id": 3, "host_pid": 1234, "components": 5, "running": true}, )"
		  R"({"id": 7, "host_pid": 1300, "components": 12, "running": false}]})");
	EXPECT_EQ(format_systems_json({}), R"({"systems": []})");
}
