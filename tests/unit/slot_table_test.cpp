// SPDX-License-Identifier: GPL-2.0
// The components' fixed-capacity table (runtime/include/cos/slot_table.hpp), built for the host:
// ids handed out lowest first, a full table refused, freed slots reused, and no id a client makes
// up finding anything.
#include <gtest/gtest.h>

#include <cos/slot_table.hpp>

namespace {

struct Thing {
	cos_word value = 7;
};

template <typename Table>
bool found(const Table &table, cos_word id)
{
	return table.lookup(id) != nullptr;
}

// The value in slot id, or 0 when it finds nothing.
template <typename Table>
cos_word value_at(const Table &table, cos_word id)
{
	const Thing *thing = table.lookup(id);
	return thing ? thing->value : 0;
}

} // namespace

TEST(SlotTable, AllocatesTheLowestFreeSlotHoldingTheValue)
{
	cosk::Slot_table<Thing, 4> table;
	auto first = table.allocate();
	ASSERT_TRUE(first.ok());
	EXPECT_EQ(first.value(), 0u);
	EXPECT_EQ(value_at(table, 0), 7u);
	auto second = table.allocate(Thing{42});
	ASSERT_TRUE(second.ok());
	EXPECT_EQ(second.value(), 1u);
	EXPECT_EQ(value_at(table, 1), 42u);
}

TEST(SlotTable, RefusesWhenFull)
{
	cosk::Slot_table<Thing, 3> table;
	for (cos_word i = 0; i < 3; i++) {
		auto id = table.allocate();
		ASSERT_TRUE(id.ok());
		EXPECT_EQ(id.value(), i);
	}
	auto none = table.allocate();
	ASSERT_FALSE(none.ok());
	EXPECT_EQ(none.error(), cosk::Slot_error::full);
}

TEST(SlotTable, ReusesAFreedSlotAfreshAndFindsItNoLonger)
{
	cosk::Slot_table<Thing, 3> table;
	for (int i = 0; i < 3; i++)
		ASSERT_TRUE(table.allocate(Thing{100}).ok());
	if (Thing *thing = table.lookup(1))
		thing->value = 5;
	EXPECT_EQ(value_at(table, 1), 5u);
	table.free(1);
	EXPECT_FALSE(found(table, 1));
	EXPECT_TRUE(found(table, 0));
	EXPECT_TRUE(found(table, 2));
	auto again = table.allocate();
	ASSERT_TRUE(again.ok());
	EXPECT_EQ(again.value(), 1u);
	EXPECT_EQ(value_at(table, 1), 7u) << "a reused slot holds the new value, not the old";
}

TEST(SlotTable, FindsNothingForUnknownIds)
{
	cosk::Slot_table<Thing, 4> table;
	EXPECT_FALSE(found(table, 0)) << "free";
	ASSERT_TRUE(table.allocate().ok());
	EXPECT_FALSE(found(table, 4)) << "one past the end";
	EXPECT_FALSE(found(table, ~cos_word{0}));
	EXPECT_FALSE(found(table, cos_word{1} << 63));
	table.free(99); // an unknown id: nothing happens
	table.free(3);  // a free one: still free
	EXPECT_FALSE(found(table, 3));
	EXPECT_TRUE(found(table, 0));
	EXPECT_TRUE(table.lookup(0) != nullptr) << "the table, not a const view of it";
}
