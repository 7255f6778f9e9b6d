// SPDX-License-Identifier: GPL-2.0
// lay_out: slots and bases in load order, page-rounded ranges, the stack, absolute symbols.
#include <gtest/gtest.h>

#include <vector>

#include "image_test_support.hpp"
#include "loader/image/layout.hpp"
#include "module/uapi/cos.h"

using namespace cosk::loader;
using namespace cosk::loader::test_support;

namespace {

Image_segment segment(std::uint64_t vaddr, std::uint64_t memsz, std::uint32_t prot)
{
	return {vaddr, memsz, 0, {}, prot};
}

Component_image synthetic_image()
{
	Component_image image;
	image.path = "synthetic.elf";
	image.segments = {segment(0x1234, 0x2000, rx), segment(0x5000, 0x10, r), segment(0x5ff0, 0x20, r),
			  segment(0x9008, 0x1, rw)};
	image.exports = {{"main", 0x1300}, {"other", 0x2000}};
	image.imports = {{"log", 0x9008}};
	image.upcall_entry = 0x1240;
	image.inv_stub = 0x1280;
	return image;
}

} // namespace

TEST(Layout, SlotBasesAreSlotSizedStepsFromTheRegionBase)
{
	EXPECT_EQ(slot_base(0), 0x200000000000u);
	EXPECT_EQ(slot_base(1), 0x208000000000u);
	EXPECT_EQ(slot_base(2), 0x210000000000u);
	EXPECT_EQ(slot_base(63), 0x3f8000000000u);
}

TEST(Layout, ComponentsTakeConsecutiveSlotsFromTheFirstComponentSlot)
{
	const std::vector<Component_image> images(3, synthetic_image());
	const std::vector<Component_layout> layouts = lay_out(images);
	ASSERT_EQ(layouts.size(), 3u);
	EXPECT_EQ(layouts[0].slot, 1u);
	EXPECT_EQ(layouts[1].slot, 2u);
	EXPECT_EQ(layouts[2].slot, 3u);
	EXPECT_EQ(layouts[0].base, 0x208000000000u);
	EXPECT_EQ(layouts[2].base, 0x218000000000u);
}

TEST(Layout, SegmentsAreRoundedOutToPagesAndSamePermissionNeighboursMerge)
{
	const Component_layout layout = lay_out_component(synthetic_image(), 1);
	const std::uint64_t base = 0x208000000000;
	ASSERT_EQ(layout.ranges.size(), 4u);
	// 0x1234 + 0x2000 ends at 0x3234: pages 0x1000 to 0x4000.
	EXPECT_EQ(layout.ranges[0].address, base + 0x1000);
	EXPECT_EQ(layout.ranges[0].size, 0x3000u);
	EXPECT_EQ(layout.ranges[0].prot, rx);
	// 0x5000 and 0x5ff0 share page 0x5000 with one protection; the second spills into 0x6000.
	EXPECT_EQ(layout.ranges[1].address, base + 0x5000);
	EXPECT_EQ(layout.ranges[1].size, 0x2000u);
	EXPECT_EQ(layout.ranges[1].prot, r);
	EXPECT_EQ(layout.ranges[2].address, base + 0x9000);
	EXPECT_EQ(layout.ranges[2].size, 0x1000u);
	EXPECT_EQ(layout.ranges[2].prot, rw);
	EXPECT_FALSE(layout.ranges[2].stack);
}

TEST(Layout, StackEndsAtTheStackTopOffsetAndIsReadWrite)
{
	const Component_layout layout = lay_out_component(synthetic_image(), 2);
	const Mapped_range &stack = layout.ranges.back();
	EXPECT_TRUE(stack.stack);
	EXPECT_EQ(stack.address, 0x210000000000u + 0x40000000u - 0x10000u);
	EXPECT_EQ(stack.size, 0x10000u);
	EXPECT_EQ(stack.address + stack.size, slot_base(2) + COS_STACK_TOP_OFFSET);
	EXPECT_EQ(stack.prot, rw);
}

TEST(Layout, SymbolsBecomeAbsolute)
{
	const Component_layout layout = lay_out_component(synthetic_image(), 3);
	const std::uint64_t base = 0x218000000000;
	EXPECT_EQ(layout.upcall_entry, base + 0x1240);
	EXPECT_EQ(layout.inv_stub, base + 0x1280);
	EXPECT_EQ(layout.exports.at("main"), base + 0x1300);
	EXPECT_EQ(layout.exports.at("other"), base + 0x2000);
	EXPECT_EQ(layout.imports.at("log"), base + 0x9008);
}

TEST(Layout, HelloGetsOnePageRangePerSegmentAndNoneOverlap)
{
	auto image = cosk::loader::read_component_image(hello_image);
	ASSERT_TRUE(image.ok()) << image.error().message;
	const Component_layout layout = lay_out_component(image.value(), 1);
	ASSERT_EQ(layout.ranges.size(), 5u);
	const std::uint32_t prots[] = {r, rx, r, rw, rw};
	for (std::size_t i = 0; i < layout.ranges.size(); ++i) {
		SCOPED_TRACE(i);
		EXPECT_EQ(layout.ranges[i].address % 4096, 0u);
		EXPECT_EQ(layout.ranges[i].size % 4096, 0u);
		EXPECT_EQ(layout.ranges[i].prot, prots[i]);
		if (i > 0) {
			EXPECT_GE(layout.ranges[i].address, layout.ranges[i - 1].address + layout.ranges[i - 1].size);
		}
	}
	// The data segment at 0x3ef8 lies in page 0x3000.
	EXPECT_EQ(layout.ranges[3].address, 0x208000003000u);
	EXPECT_EQ(layout.ranges[3].size, 0x1000u);
}
