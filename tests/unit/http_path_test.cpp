// SPDX-License-Identifier: GPL-2.0
// percent_decode_path (components/web/include/cos/web/http_request.hpp): a request's path made
// into a file name, and every path that must not become one.
#include <gtest/gtest.h>

#include <cstring>
#include <string>

#include <cos/web/http_request.hpp>

using cosk::http::percent_decode_path;

namespace {

struct Decoded {
	bool ok;
	std::string path;
};

Decoded decode(const std::string &in, std::size_t cap = 256)
{
	std::string out(cap, '#');
	std::size_t length = 12345;
	const bool ok = percent_decode_path(in.data(), in.size(), out.data(), cap, &length);
	if (!ok) {
		EXPECT_EQ(length, 0u) << in << ": a refused path has no length";
	}
	return {ok, out.substr(0, length)};
}

bool refused(const std::string &in) { return !decode(in).ok; }

} // namespace

TEST(HttpPath, LeavesAPlainPathAsItIs)
{
	for (const char *path : {"/", "/index.html", "/a/b/c.txt", "//a//b/", "/a+b", "/~user/", "/a;b=c", "/a?"})
		EXPECT_EQ(decode(path).path, path) << path;
}

TEST(HttpPath, DecodesEscapesInEitherCase)
{
	EXPECT_EQ(decode("/%41%62c").path, "/Abc");
	EXPECT_EQ(decode("/%7e%7E").path, "/~~");
	EXPECT_EQ(decode("/a%20b").path, "/a b");
	EXPECT_EQ(decode("/caf%C3%a9").path, "/caf\xc3\xa9");
	EXPECT_EQ(decode("/%25").path, "/%") << "decoded once, not again";
	EXPECT_EQ(decode("/%2541").path, "/%41");
	EXPECT_EQ(decode("/%ff").path, "/\xff");
}

TEST(HttpPath, RefusesABadEscape)
{
	for (const char *path : {"/%", "/%4", "/a%", "/a%2", "/%G1", "/%4G", "/%%41", "/% 41", "/%-1", "/%+1"})
		EXPECT_TRUE(refused(path)) << path;
}

TEST(HttpPath, RefusesAnEscapedNulOrSlash)
{
	for (const char *path : {"/a%00b", "/%00", "/a%2Fb", "/a%2fb", "/%2F..%2Fetc"})
		EXPECT_TRUE(refused(path)) << path;
}

TEST(HttpPath, RefusesDotSegmentsHoweverTheyAreWritten)
{
	for (const char *path : {"/.", "/..", "/./a", "/../a", "/a/.", "/a/..", "/a/./b", "/a/../b", "/a/../../etc",
				 "//..//", "/%2e", "/%2E%2e", "/a/%2e%2E/b", "/.%2e/x", "/%2e./x"})
		EXPECT_TRUE(refused(path)) << path;
}

TEST(HttpPath, TakesNamesThatOnlyContainDots)
{
	for (const char *path : {"/.a", "/a.", "/...", "/..a", "/a..", "/a..b", "/.well-known/x", "/%2e%2e%2e"})
		EXPECT_FALSE(refused(path)) << path;
}

TEST(HttpPath, RefusesAPathThatDoesNotBeginWithASlash)
{
	for (const char *path : {"", "a", "*", "%2Fa", "%2fa", ".", "..", "a/b"})
		EXPECT_TRUE(refused(path)) << path;
}

TEST(HttpPath, RefusesWhatDoesNotFitAndWritesNoFurther)
{
	EXPECT_EQ(decode("/abc", 4).path, "/abc") << "exactly the room";
	EXPECT_TRUE(!decode("/abc", 3).ok);
	EXPECT_TRUE(!decode("/", 0).ok);
	EXPECT_EQ(decode("/%41%42", 3).path, "/AB") << "room for the decoded bytes is enough";

	char out[8];
	std::memset(out, '#', sizeof out);
	std::size_t length = 0;
	EXPECT_FALSE(percent_decode_path("/abcdef", 7, out, 4, &length));
	EXPECT_EQ(std::string(out + 4, 4), "####");
}
