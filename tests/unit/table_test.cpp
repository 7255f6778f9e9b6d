// SPDX-License-Identifier: GPL-2.0
// Text tables and counted nouns for the `cos` reports.
#include <gtest/gtest.h>

#include "loader/cli/table.hpp"

using namespace cosk::cli;

TEST(Table, ColumnsTakeTheirWidestCellAndLinesEndWithoutSpaces)
{
	Table table({{"name", Align::left}, {"n", Align::right}, {"note", Align::left}});
	table.add({"a", "1000", "x"});
	table.add({"longer", "7", ""});
	EXPECT_EQ(table.str(), "name        n   note\n"
			       "a        1000   x\n"
			       "longer      7\n");
}

TEST(Table, CountedNounsAreSingularForOne)
{
	EXPECT_EQ(counted(0, "merge"), "0 merges");
	EXPECT_EQ(counted(1, "merge"), "1 merge");
	EXPECT_EQ(counted(2, "stale pd"), "2 stale pds");
}
