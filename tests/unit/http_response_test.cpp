// SPDX-License-Identifier: GPL-2.0
// The HTTP response formatter (components/web/include/cos/web/http_response.hpp): the exact bytes
// of heads and error responses, refusing a buffer that is too small without writing past it, reason
// phrases, and the media type a file's name suggests.
#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <utility>

#include <cos/web/http_response.hpp>

using namespace cosk::http;

namespace {

// The statuses the web components answer, and their reason phrases (RFC 9110 15).
const std::pair<unsigned, std::string> statuses[] = {
	{200, "OK"}, {400, "Bad Request"}, {403, "Forbidden"}, {404, "Not Found"}, {405, "Method Not Allowed"},
	{408, "Request Timeout"}, {413, "Content Too Large"}, {414, "URI Too Long"},
	{431, "Request Header Fields Too Large"}, {500, "Internal Server Error"}, {501, "Not Implemented"},
	{503, "Service Unavailable"}, {505, "HTTP Version Not Supported"}};

std::string head(unsigned status, std::size_t content_length, bool keep_alive, const char *type)
{
	char out[512];
	const std::size_t n = format_head(out, sizeof out, status, content_length, keep_alive, type);
	return std::string(out, n);
}

std::string error(unsigned status, bool keep_alive)
{
	char out[512];
	const std::size_t n = format_error(out, sizeof out, status, keep_alive);
	return std::string(out, n);
}

// Formatting into every buffer shorter than the whole gives 0 and leaves the bytes past the
// buffer alone; a buffer of exactly the whole's size takes it.
template <typename Format>
void expect_refused_when_short(const std::string &whole, Format format)
{
	for (std::size_t cap = 0; cap < whole.size(); cap++) {
		std::string out(whole.size() + 8, '#');
		EXPECT_EQ(format(out.data(), cap), 0u) << "cap " << cap;
		EXPECT_EQ(out.substr(cap), std::string(out.size() - cap, '#')) << "cap " << cap;
	}
	std::string out(whole.size(), '#');
	ASSERT_EQ(format(out.data(), whole.size()), whole.size());
	EXPECT_EQ(out, whole);
}

} // namespace

TEST(HttpResponse, NamesTheReasonForEachStatus)
{
	for (const auto &[status, phrase] : statuses)
		EXPECT_EQ(std::string(reason(status)), phrase) << status;
	for (unsigned other : {0u, 100u, 201u, 302u, 418u, 599u, 1000u})
		EXPECT_EQ(std::string(reason(other)), "Unknown") << other;
}

TEST(HttpResponse, WritesAHeadExactly)
{
	EXPECT_EQ(head(200, 1234, true, "text/html"),
		  "HTTP/1.1 200 OK\r\nServer: cos\r\nContent-Length: 1234\r\nContent-Type: text/html\r\n"
		  "Connection: keep-alive\r\n\r\n");
	EXPECT_EQ(head(404, 0, false, "text/plain"),
		  "HTTP/1.1 404 Not Found\r\nServer: cos\r\nContent-Length: 0\r\nContent-Type: text/plain\r\n"
		  "Connection: close\r\n\r\n");
}

TEST(HttpResponse, LeavesOutTheContentTypeWhenThereIsNone)
{
	EXPECT_EQ(head(200, 7, false, nullptr),
		  "HTTP/1.1 200 OK\r\nServer: cos\r\nContent-Length: 7\r\nConnection: close\r\n\r\n");
}

TEST(HttpResponse, SaysWhatIsAllowedWithA405)
{
	EXPECT_EQ(head(405, 0, true, nullptr),
		  "HTTP/1.1 405 Method Not Allowed\r\nServer: cos\r\nContent-Length: 0\r\n"
		  "Connection: keep-alive\r\nAllow: GET, HEAD\r\n\r\n");
}

TEST(HttpResponse, WritesEveryDigitOfALength)
{
	EXPECT_EQ(head(200, SIZE_MAX, true, nullptr),
		  "HTTP/1.1 200 OK\r\nServer: cos\r\nContent-Length: 18446744073709551615\r\n"
		  "Connection: keep-alive\r\n\r\n");
	EXPECT_EQ(head(999, 10, true, nullptr),
		  "HTTP/1.1 999 Unknown\r\nServer: cos\r\nContent-Length: 10\r\nConnection: keep-alive\r\n\r\n");
}

TEST(HttpResponse, RefusesABufferTooSmallForTheHead)
{
	expect_refused_when_short(head(200, 1234, true, "text/html"), [](char *out, std::size_t cap) {
		return format_head(out, cap, 200, 1234, true, "text/html");
	});
	expect_refused_when_short(head(405, 0, false, nullptr), [](char *out, std::size_t cap) {
		return format_head(out, cap, 405, 0, false, nullptr);
	});
}

TEST(HttpResponse, WritesAnErrorResponseExactly)
{
	EXPECT_EQ(error(404, false),
		  "HTTP/1.1 404 Not Found\r\nServer: cos\r\nContent-Length: 14\r\nContent-Type: text/plain\r\n"
		  "Connection: close\r\n\r\n404 Not Found\n");
	EXPECT_EQ(error(405, true),
		  "HTTP/1.1 405 Method Not Allowed\r\nServer: cos\r\nContent-Length: 23\r\nContent-Type: text/plain\r\n"
		  "Connection: keep-alive\r\nAllow: GET, HEAD\r\n\r\n405 Method Not Allowed\n");
}

TEST(HttpResponse, GivesEveryErrorABodyOfTheLengthItAnnounces)
{
	for (const auto &[status, phrase] : statuses) {
		const std::string body = std::to_string(status) + " " + phrase + "\n";
		for (bool keep_alive : {false, true}) {
			const std::string whole = error(status, keep_alive);
			EXPECT_EQ(whole, head(status, body.size(), keep_alive, "text/plain") + body) << status;
		}
	}
}

TEST(HttpResponse, RefusesABufferTooSmallForTheErrorResponse)
{
	expect_refused_when_short(error(431, true), [](char *out, std::size_t cap) {
		return format_error(out, cap, 431, true);
	});
}

TEST(HttpResponse, NamesTheMediaTypeByExtensionInAnyCase)
{
	const std::pair<const char *, const char *> types[] = {
		{"/index.html", "text/html"}, {"/a.htm", "text/html"}, {"/INDEX.HTML", "text/html"},
		{"/a.txt", "text/plain"}, {"/s.css", "text/css"}, {"/app.js", "text/javascript"},
		{"/d.json", "application/json"}, {"/i.png", "image/png"}, {"/p.jpg", "image/jpeg"},
		{"/p.JPEG", "image/jpeg"}, {"/a.gif", "image/gif"}, {"/v.svg", "image/svg+xml"},
		{"/favicon.ico", "image/x-icon"}, {"/a.b/c.Css", "text/css"}, {"/.html", "text/html"}};
	for (const auto &[path, type] : types)
		EXPECT_EQ(std::string(content_type_for(path, std::strlen(path))), type) << path;
}

TEST(HttpResponse, SendsAnythingElseAsOctets)
{
	for (const char *path : {"", "/", "/README", "/a.", "/a.tar.gz", "/a.html5", "/a.xhtml", "/dir.html/file",
				 "/a.exe", "/htm", "/a.j"})
		EXPECT_EQ(std::string(content_type_for(path, std::strlen(path))), "application/octet-stream") << path;
	EXPECT_EQ(std::string(content_type_for("/a.html", 4)), "application/octet-stream") << "only n bytes count";
}
