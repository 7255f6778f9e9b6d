// SPDX-License-Identifier: GPL-2.0
// The `files` line's packing (loader/graph/files_check.hpp): every regular file under the
// directory, by its path from there, sorted, with its bytes, in <cos/web/files.hpp>'s layout.
#include <gtest/gtest.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include <cos/web/files.hpp>

#include "loader/graph/files_check.hpp"

namespace {

namespace fs = std::filesystem;

class Files : public ::testing::Test {
protected:
	void SetUp() override
	{
		dir_ = fs::temp_directory_path() / ("cos-files-test-" + std::to_string(::getpid()));
		fs::remove_all(dir_);
		fs::create_directories(dir_ / "sub");
	}
	void TearDown() override { fs::remove_all(dir_); }
	void write(const std::string &path, const std::string &text)
	{
		std::ofstream(dir_ / path, std::ios::binary) << text;
	}
	fs::path dir_;
};

std::string at(const std::vector<std::uint8_t> &bytes, std::uint64_t from, std::uint64_t n)
{
	return std::string(reinterpret_cast<const char *>(bytes.data() + from), n);
}

} // namespace

TEST_F(Files, PacksEveryRegularFileSortedByPathWithItsBytes)
{
	write("index.html", "<p>hi</p>\n");
	write("sub/b.txt", "bee");
	write("a.txt", "");
	fs::create_symlink(dir_ / "a.txt", dir_ / "link.txt");
	auto packed = cosk::loader::pack_files(dir_.string());
	ASSERT_TRUE(packed.ok()) << packed.error();
	const std::vector<std::uint8_t> &bytes = packed.value();
	cosk::files::Files_header h;
	std::memcpy(&h, bytes.data(), sizeof(h));
	EXPECT_EQ(h.magic, cosk::files::magic);
	ASSERT_EQ(h.count, 3u);
	const char *want[][2] = {{"/a.txt", ""}, {"/index.html", "<p>hi</p>\n"}, {"/sub/b.txt", "bee"}};
	for (std::uint64_t i = 0; i < 3; i++) {
		cosk::files::File_entry e;
		std::memcpy(&e, bytes.data() + sizeof(h) + i * sizeof(e), sizeof(e));
		ASSERT_LE(e.data_at + e.data_length, bytes.size());
		EXPECT_EQ(at(bytes, e.path_at, e.path_length), want[i][0]);
		EXPECT_EQ(at(bytes, e.data_at, e.data_length), want[i][1]);
	}
}

TEST_F(Files, AnEmptyDirectoryPacksToAHeaderAlone)
{
	auto packed = cosk::loader::pack_files((dir_ / "sub").string());
	ASSERT_TRUE(packed.ok());
	EXPECT_EQ(packed.value().size(), sizeof(cosk::files::Files_header));
}

TEST_F(Files, AMissingDirectoryIsRefusedByName)
{
	auto packed = cosk::loader::pack_files((dir_ / "nothing").string());
	ASSERT_FALSE(packed.ok());
	EXPECT_NE(packed.error().find("nothing"), std::string::npos) << packed.error();
}
