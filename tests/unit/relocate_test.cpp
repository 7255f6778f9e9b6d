// SPDX-License-Identifier: GPL-2.0
// initialize_ranges: file bytes at their page offsets, zero elsewhere, relocations applied.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include "image_test_support.hpp"
#include "loader/image/relocate.hpp"
#include "module/uapi/cos.h"

using namespace cosk::loader;
using namespace cosk::loader::test_support;

namespace {

// A range's bytes at an absolute address, zero past the bytes given (as the module fills it).
std::uint64_t word_at(const std::vector<Initialized_range> &ranges, std::uint64_t address)
{
	for (const Initialized_range &range : ranges)
		if (address >= range.range.address && address + 8 <= range.range.address + range.range.size) {
			std::uint8_t bytes[8] = {};
			const std::uint64_t at = address - range.range.address;
			for (std::uint64_t i = 0; i < 8 && at + i < range.bytes.size(); ++i)
				bytes[i] = range.bytes[at + i];
			std::uint64_t word = 0;
			std::memcpy(&word, bytes, 8);
			return word;
		}
	ADD_FAILURE() << "no range holds " << std::hex << address;
	return 0;
}

Component_image synthetic_image()
{
	Component_image image;
	image.path = "synthetic.elf";
	image.segments = {{0x1000, 0x10, 0x10, std::vector<std::uint8_t>(0x10, 0xcc), rx},
			  {0x2010, 0x100, 3, {1, 2, 3}, rw}};
	return image;
}

} // namespace

TEST(Relocate, HelloGreetingPointerBecomesTheGreetingsAbsoluteAddress)
{
	auto image = read_component_image(hello_image);
	ASSERT_TRUE(image.ok()) << image.error().message;
	const Elf_bytes raw(hello_image);
	const std::uint64_t pointer = raw.symbol(*raw.find_symbol("hello_greeting")).st_value;
	const std::uint64_t greeting = *raw.vaddr_of("hello from a component");
	for (std::uint32_t slot : {1u, 5u}) {
		SCOPED_TRACE(slot);
		const Component_layout layout = lay_out_component(image.value(), slot);
		auto ranges = initialize_ranges(image.value(), layout);
		ASSERT_TRUE(ranges.ok()) << ranges.error().message;
		EXPECT_EQ(word_at(ranges.value(), layout.base + pointer), slot_base(slot) + greeting);
		// The greeting itself is copied where the relocated pointer points.
		std::string text;
		for (std::uint64_t i = 0; i < 22; i += 8) {
			const std::uint64_t word = word_at(ranges.value(), layout.base + greeting + i);
			text.append(reinterpret_cast<const char *>(&word), 8);
		}
		EXPECT_EQ(text.substr(0, 22), "hello from a component");
	}
}

TEST(Relocate, FileBytesLandAtTheirPageOffsetAndTheRestIsZero)
{
	const Component_image image = synthetic_image();
	const Component_layout layout = lay_out_component(image, 1);
	auto ranges = initialize_ranges(image, layout);
	ASSERT_TRUE(ranges.ok()) << ranges.error().message;
	ASSERT_EQ(ranges.value().size(), 3u);
	const Initialized_range &data = ranges.value()[1];
	EXPECT_EQ(data.range.address, layout.base + 0x2000);
	ASSERT_EQ(data.bytes.size(), 0x1000u);
	EXPECT_EQ(data.bytes[0x0f], 0);
	EXPECT_EQ(data.bytes[0x10], 1);
	EXPECT_EQ(data.bytes[0x11], 2);
	EXPECT_EQ(data.bytes[0x12], 3);
	EXPECT_EQ(data.bytes[0x13], 0);
	EXPECT_EQ(ranges.value()[0].bytes[0], 0xcc);
	EXPECT_EQ(ranges.value()[0].bytes[0x10], 0);
	// The stack starts out zero: no bytes are copied for it.
	EXPECT_TRUE(ranges.value()[2].range.stack);
	EXPECT_TRUE(ranges.value()[2].bytes.empty());
}

TEST(Relocate, RelocationInZeroFilledMemoryIsApplied)
{
	Component_image image = synthetic_image();
	image.relocations = {{0x2100, 0x1008}, {0x2010, -16}};
	const Component_layout layout = lay_out_component(image, 2);
	auto ranges = initialize_ranges(image, layout);
	ASSERT_TRUE(ranges.ok()) << ranges.error().message;
	EXPECT_EQ(word_at(ranges.value(), layout.base + 0x2100), 0x210000001008u);
	EXPECT_EQ(word_at(ranges.value(), layout.base + 0x2010), 0x210000000000u - 16);
}

TEST(Relocate, RelocationIntoCodeIsABadRelocation)
{
	Component_image image = synthetic_image();
	image.relocations = {{0x1000, 0}};
	auto ranges = initialize_ranges(image, lay_out_component(image, 1));
	ASSERT_FALSE(ranges.ok());
	EXPECT_EQ(kind_name(ranges.error().kind), "bad_relocation");
	EXPECT_EQ(ranges.error().message, "synthetic.elf: relocation at 0x1000 is not inside a non-executable segment");
}

TEST(Relocate, RelocationCrossingTheSegmentEndIsABadRelocation)
{
	Component_image image = synthetic_image();
	// The segment ends at 0x2110: the word at 0x210c would spill over by 4 bytes, although the
	// page goes on.
	image.relocations = {{0x210c, 0}};
	auto ranges = initialize_ranges(image, lay_out_component(image, 1));
	ASSERT_FALSE(ranges.ok());
	EXPECT_EQ(kind_name(ranges.error().kind), "bad_relocation");
}

TEST(Relocate, RelocationOutsideEverySegmentIsABadRelocation)
{
	Component_image image = synthetic_image();
	image.relocations = {{0x40000000 - 0x100, 0}}; // in the stack, not the image
	auto ranges = initialize_ranges(image, lay_out_component(image, 1));
	ASSERT_FALSE(ranges.ok());
	EXPECT_EQ(kind_name(ranges.error().kind), "bad_relocation");
}

TEST(Relocate, ReadOnlyDataMayBeRelocated)
{
	Component_image image = synthetic_image();
	image.segments.push_back({0x3000, 0x8, 0, {}, r});
	image.relocations = {{0x3000, 0x10}};
	auto ranges = initialize_ranges(image, lay_out_component(image, 1));
	ASSERT_TRUE(ranges.ok()) << ranges.error().message;
	EXPECT_EQ(word_at(ranges.value(), slot_base(1) + 0x3000), slot_base(1) + 0x10);
}
