// SPDX-License-Identifier: GPL-2.0
// `cos info` output, for people and for scripts.
#include <gtest/gtest.h>

#include "loader/cli/info_format.hpp"

namespace {

cosk::host::Machine_info sample()
{
	return cosk::host::Machine_info{
		.abi_version = 1, .pti = true, .paging_levels = 4, .pcid = false, .smep = true,
		.smap = false, .pku = false, .nx = true, .testing_build = false, .pages_in_use = 7,
		.kernel_release = "6.1.0-test"};
}

} // namespace

TEST(InfoFormat, JsonHasTheKeysScriptsRelyOn)
{
	std::string json = cosk::cli::format_info_json(sample());
	EXPECT_NE(json.find(R"("abi": 1)"), std::string::npos);
	EXPECT_NE(json.find(R"("pti": true)"), std::string::npos);
	EXPECT_NE(json.find(R"("paging_levels": 4)"), std::string::npos);
	EXPECT_NE(json.find(R"("pcid": false)"), std::string::npos);
	EXPECT_NE(json.find(R"("smep": true)"), std::string::npos);
	EXPECT_NE(json.find(R"("smap": false)"), std::string::npos);
	EXPECT_NE(json.find(R"("kernel": "6.1.0-test")"), std::string::npos);
	EXPECT_NE(json.find(R"("pages_in_use": 7)"), std::string::npos);
	EXPECT_EQ(json.find('\n'), std::string::npos);
}

TEST(InfoFormat, TextNamesPagingAndPti)
{
	auto info = sample();
	info.paging_levels = 5;
	info.pti = false;
	std::string text = cosk::cli::format_info_text(info);
	EXPECT_NE(text.find("5-level"), std::string::npos);
	EXPECT_NE(text.find("PTI             off"), std::string::npos);
}
