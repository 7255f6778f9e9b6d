// SPDX-License-Identifier: GPL-2.0
// The flat JSON writer used by `cos --json` and the benchmarks.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <optional>

#include "loader/cli/json.hpp"

using cosk::cli::Json_object;

TEST(Json, WritesKeysInOrderOnOneLine)
{
	Json_object json;
	json.add("a", 1).add("b", true).add("c", "x");
	EXPECT_EQ(json.str(), R"({"a": 1, "b": true, "c": "x"})");
}

TEST(Json, EscapesQuotesBackslashesAndControlCharacters)
{
	Json_object json;
	json.add("k", "a\"b\\c\nd\x01");
	EXPECT_EQ(json.str(), R"({"k": "a\"b\\c\nd\u0001"})");
}

TEST(Json, WritesNonFiniteNumbersAsNull)
{
	Json_object json;
	json.add("nan", std::numeric_limits<double>::quiet_NaN()).add("x", 2.5);
	EXPECT_EQ(json.str(), R"({"nan": null, "x": 2.5})");
}

TEST(Json, WritesAnAbsentIntegerAsNull)
{
	Json_object json;
	json.add("number", std::optional<std::uint32_t>{7}).add("none", std::optional<std::uint32_t>{});
	EXPECT_EQ(json.str(), R"({"number": 7, "none": null})");
}

TEST(Json, EmptyObject)
{
	EXPECT_EQ(Json_object().str(), "{}");
}

TEST(Json, NestsArraysAndObjects)
{
	cosk::cli::Json_array names;
	names.push("a").push(std::string("b"));
	cosk::cli::Json_array numbers;
	numbers.push(1).push(std::uint64_t{2});
	Json_object inner;
	inner.add("names", names);
	cosk::cli::Json_array objects;
	objects.push(inner);
	Json_object json;
	json.add("objects", objects).add("numbers", numbers).add("empty", cosk::cli::Json_array()).add("o", inner);
	EXPECT_EQ(json.str(), R"({"objects": [{"names": ["a", "b"]}], "numbers": [1, 2], "empty": [], )"
			      R"("o": {"names": ["a", "b"]}})");
}
