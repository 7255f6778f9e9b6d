// SPDX-License-Identifier: GPL-2.0
// The HTTP request parser (components/web/include/cos/web/http_request.hpp), one rule at a time:
// the request line and its parts, the version, the limits, the header fields it recognizes, the
// connection's fate and the body; every status it answers (400, 413, 414, 431, 501, 505).
#include <gtest/gtest.h>

#include <cctype>
#include <cstdint>
#include <initializer_list>
#include <string>

#include "http_test_support.hpp"

using namespace cosk::http;
using namespace cosk::http::test_support;

namespace {

// A request line with a Host field, so that only the line is judged.
std::string with_host(const std::string &request_line)
{
	return request_line + "\r\nHost: h\r\n\r\n";
}

// A GET / HTTP/1.1 with the given field lines (each without its CRLF) and a Host.
std::string with_fields(std::initializer_list<std::string> fields)
{
	std::string s = "GET / HTTP/1.1\r\nHost: h\r\n";
	for (const std::string &f : fields)
		s += f + "\r\n";
	return s + "\r\n";
}

} // namespace

TEST(HttpRequest, ParsesAGetWithItsParts)
{
	const std::string in = "GET /docs/a.html?x=1&y HTTP/1.1\r\nHost: example\r\n\r\n";
	Parsed p = parse(in);
	ASSERT_EQ(p.outcome, Outcome::complete);
	EXPECT_EQ(p.request.method, Method::get);
	EXPECT_EQ(p.request.version, Version::http11);
	EXPECT_EQ(target_of(in, p.request), "/docs/a.html?x=1&y");
	EXPECT_EQ(path_of(in, p.request), "/docs/a.html");
	EXPECT_EQ(query_of(in, p.request), "x=1&y");
	EXPECT_TRUE(p.request.keep_alive);
	EXPECT_EQ(p.request.length, in.size());
}

TEST(HttpRequest, ATargetWithoutAQueryHasAnEmptyOneAtItsEnd)
{
	const std::string in = with_host("GET /a HTTP/1.1");
	Parsed p = parse(in);
	ASSERT_EQ(p.outcome, Outcome::complete);
	EXPECT_EQ(path_of(in, p.request), "/a");
	EXPECT_EQ(p.request.query_length, 0u);
	EXPECT_EQ(p.request.query_at, p.request.target_at + p.request.target_length);

	const std::string empty_query = with_host("GET /a? HTTP/1.1");
	Parsed q = parse(empty_query);
	ASSERT_EQ(q.outcome, Outcome::complete);
	EXPECT_EQ(path_of(empty_query, q.request), "/a");
	EXPECT_EQ(q.request.query_length, 0u);
	EXPECT_EQ(query_of(empty_query, q.request), "");
}

TEST(HttpRequest, TellsGetAndHeadFromEveryOtherMethod)
{
	EXPECT_EQ(parse(with_host("GET / HTTP/1.1")).request.method, Method::get);
	EXPECT_EQ(parse(with_host("HEAD / HTTP/1.1")).request.method, Method::head);
	for (const char *other : {"POST", "PUT", "DELETE", "OPTIONS", "get", "Head", "GETS", "X-Custom!~"}) {
		Parsed p = parse(with_host(std::string(other) + " / HTTP/1.1"));
		EXPECT_EQ(p.outcome, Outcome::complete) << other;
		EXPECT_EQ(p.request.method, Method::other) << other << ": methods are case-sensitive";
	}
}

TEST(HttpRequest, AcceptsEveryTokenCharacterInAMethodAndNothingElse)
{
	for (int c = 0; c < 256; c++) {
		const std::string method = std::string("G") + static_cast<char>(c) + "T";
		const std::string in = with_host(method + " / HTTP/1.1");
		const bool tchar = std::isalnum(c) || std::string("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) !=
							      std::string::npos;
		if (tchar)
			EXPECT_EQ(parse(in).outcome, Outcome::complete) << c;
		else
			EXPECT_EQ(refusal(in), 400u) << c;
	}
}

TEST(HttpRequest, TakesTheAsteriskFormOnlyFromOptions)
{
	const std::string in = with_host("OPTIONS * HTTP/1.1");
	Parsed p = parse(in);
	ASSERT_EQ(p.outcome, Outcome::complete);
	EXPECT_EQ(p.request.method, Method::other);
	EXPECT_EQ(target_of(in, p.request), "*");
	EXPECT_EQ(refusal(with_host("GET * HTTP/1.1")), 400u);
	EXPECT_EQ(refusal(with_host("HEAD * HTTP/1.1")), 400u);
	EXPECT_EQ(refusal(with_host("OPTIONS *x HTTP/1.1")), 400u);
}

TEST(HttpRequest, RefusesARequestLineThatIsNotThreePartsBySingleSpaces)
{
	for (const char *line : {"GET  / HTTP/1.1", "GET /  HTTP/1.1", " GET / HTTP/1.1", "GET / HTTP/1.1 ",
				 "GET / HTTP/1.1 extra", "GET /", "GET / ", "GET", "/ HTTP/1.1", "GET\t/ HTTP/1.1",
				 "GET /\tHTTP/1.1", "G(T / HTTP/1.1", "GET index.html HTTP/1.1",
				 "GET http://example/ HTTP/1.1", "GET ?x HTTP/1.1"})
		EXPECT_EQ(refusal(with_host(line)), 400u) << line;
}

TEST(HttpRequest, RefusesControlSpaceAndHighBytesInTheTarget)
{
	for (int c = 0; c < 256; c++) {
		if (!(c < 0x21 || c >= 0x7f))
			continue;
		const std::string in = with_host(std::string("GET /a") + static_cast<char>(c) + "b HTTP/1.1");
		EXPECT_EQ(refusal(in), 400u) << c;
	}
	// Every visible ASCII byte is taken as it is; decoding the path is percent_decode_path's job.
	std::string visible = "GET /";
	for (char c = '!'; c < 0x7f; c++)
		visible += c;
	EXPECT_EQ(parse(with_host(visible + " HTTP/1.1")).outcome, Outcome::complete);
}

TEST(HttpRequest, ServesHttp10AndHttp11)
{
	EXPECT_EQ(parse(with_host("GET / HTTP/1.1")).request.version, Version::http11);
	EXPECT_EQ(parse(with_host("GET / HTTP/1.0")).request.version, Version::http10);
}

TEST(HttpRequest, AnswersAWellFormedVersionItDoesNotSpeakWith505)
{
	for (const char *version : {"HTTP/2.0", "HTTP/0.9", "HTTP/1.2", "HTTP/1.9", "HTTP/3.0", "HTTP/9.9", "HTTP/0.0"})
		EXPECT_EQ(refusal(with_host(std::string("GET / ") + version)), 505u) << version;
}

TEST(HttpRequest, AnswersSomethingThatIsNotAVersionWith400)
{
	for (const char *version : {"http/1.1", "Http/1.1", "HTTP/1", "HTTP/1.", "HTTP/11", "HTTP/1.10", "HTTP/a.b",
				    "HTTP/1,1", "HTTPS/1.1", "HTTP/1.1x", "HTTP/", "1.1", "HTTP 1.1"})
		EXPECT_EQ(refusal(with_host(std::string("GET / ") + version)), 400u) << version;
}

TEST(HttpRequest, AnswersATargetLongerThanTheLimitWith414)
{
	Limits limits;
	limits.target_max = 10;
	EXPECT_EQ(parse(with_host("GET /123456789 HTTP/1.1"), limits).outcome, Outcome::complete) << "10 bytes";
	EXPECT_EQ(refusal(with_host("GET /1234567890 HTTP/1.1"), limits), 414u) << "11 bytes";

	const std::string longest = "/" + std::string(2047, 'a');
	EXPECT_EQ(parse(with_host("GET " + longest + " HTTP/1.1")).outcome, Outcome::complete);
	EXPECT_EQ(refusal(with_host("GET " + longest + "a HTTP/1.1")), 414u) << "the default is 2048";
}

TEST(HttpRequest, AnswersAHeadLargerThanTheLimitWith431AsSoonAsTheLimitIsReached)
{
	Limits limits;
	limits.head_max = 64;
	std::string head = "GET / HTTP/1.1\r\nHost: h\r\nX: ";
	head += std::string(64 - head.size() - 4, 'v') + "\r\n\r\n";
	ASSERT_EQ(head.size(), 64u);
	EXPECT_EQ(parse(head, limits).outcome, Outcome::complete) << "exactly the limit";

	std::string longer = head;
	longer.insert(longer.size() - 4, "v");
	EXPECT_EQ(refusal(longer, limits), 431u);
	EXPECT_EQ(parse(longer.substr(0, 63), limits).outcome, Outcome::need_more);
	EXPECT_EQ(refusal(longer.substr(0, 64), limits), 431u) << "no waiting for the blank line";

	const std::string endless = "GET / HTTP/1.1\r\nHost: h\r\nX: " + std::string(8192, 'v');
	EXPECT_EQ(refusal(endless.substr(0, 8191)), 0u);
	EXPECT_EQ(refusal(endless.substr(0, 8192)), 431u) << "the default is 8192";
}

TEST(HttpRequest, CountsEmptyLinesBeforeTheRequestTowardTheHeadLimit)
{
	Limits limits;
	limits.head_max = 32;
	EXPECT_EQ(refusal(std::string(32, '\n'), limits), 431u);
	EXPECT_EQ(refusal(std::string(16, '\n') + "GET / HTTP/1.1\r\nHost: h\r\n\r\n", limits), 431u);
}

TEST(HttpRequest, RefusesMalformedFieldLines)
{
	for (const char *field : {"Host2 : h", "Name\t: v", "NoColon", ": empty name", "Na(me: v", "Na me: v",
				  " Folded: x", "\tFolded: x", "X: a\x01" "b", "X: a\x7f", "X: a\rb", "X: \x1b[0m"})
		EXPECT_EQ(refusal(with_fields({field})), 400u) << field;
	EXPECT_EQ(refusal(with_fields({"X: a", " continued"})), 400u) << "obsolete line folding";
	EXPECT_EQ(refusal("GET / HTTP/1.1\r\n Host: h\r\n\r\n"), 400u) << "whitespace before the first field";
}

TEST(HttpRequest, TakesTabsAndHighBytesInValues)
{
	EXPECT_EQ(parse(with_fields({"X: a\tb", "Y: caf\xc3\xa9", "Z:", "W:   "})).outcome, Outcome::complete);
}

TEST(HttpRequest, RefusesANulAnywhereInTheHead)
{
	const std::string in = "\r\nGET /a?b HTTP/1.1\r\nHost: h\r\nX-Long: value here\r\n\r\n";
	for (std::size_t i = 0; i < in.size(); i++) {
		std::string with_nul = in;
		with_nul[i] = '\0';
		// Two line ends more: a NUL in place of the blank line's CR or LF leaves the head unfinished.
		EXPECT_EQ(refusal(with_nul + "\r\n\r\n"), 400u) << "at " << i;
	}
}

TEST(HttpRequest, RequiresExactlyOneHostFromHttp11)
{
	EXPECT_EQ(refusal("GET / HTTP/1.1\r\n\r\n"), 400u);
	EXPECT_EQ(refusal("GET / HTTP/1.1\r\nX: y\r\n\r\n"), 400u);
	EXPECT_EQ(parse("GET / HTTP/1.0\r\n\r\n").outcome, Outcome::complete) << "HTTP/1.0 needs none";
	EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost:\r\n\r\n").outcome, Outcome::complete) << "empty is allowed";
	EXPECT_EQ(refusal(with_fields({"Host: h"})), 400u) << "the same twice";
	EXPECT_EQ(refusal(with_fields({"HOST: other"})), 400u);
	EXPECT_EQ(refusal("GET / HTTP/1.0\r\nHost: a\r\nhost: b\r\n\r\n"), 400u);
}

TEST(HttpRequest, ComparesFieldNamesInAnyCase)
{
	EXPECT_EQ(parse("GET / HTTP/1.1\r\nhOsT: h\r\n\r\n").outcome, Outcome::complete);
	EXPECT_EQ(refusal(with_fields({"CONTENT-length: 1"})), 413u);
	EXPECT_EQ(refusal(with_fields({"TRANSFER-ENCODING: chunked"})), 501u);
	EXPECT_FALSE(parse(with_fields({"cOnNeCtIoN: ClOsE"})).request.keep_alive);
}

TEST(HttpRequest, RefusesAContentLengthThatIsNotJustDigits)
{
	for (const char *value : {"", "+5", "-1", "5a", "0x10", "1 2", "5,5", "5, 5", "1.0", "\t", "\xd9\xa1"})
		EXPECT_EQ(refusal(with_fields({std::string("Content-Length: ") + value})), 400u) << value;
}

TEST(HttpRequest, RefusesAContentLengthPastSizeMaxInsteadOfWrapping)
{
	Limits limits;
	limits.body_max = SIZE_MAX;
	EXPECT_EQ(refusal(with_fields({"Content-Length: 18446744073709551616"}), limits), 400u);
	EXPECT_EQ(refusal(with_fields({"Content-Length: 99999999999999999999999"}), limits), 400u);
	EXPECT_EQ(refusal(with_fields({"Content-Length: 18446744073709551615"}), limits), 413u)
		<< "fits a size_t, but head and body together do not";
}

TEST(HttpRequest, TakesRepeatedContentLengthsOnlyWhenTheyAgree)
{
	Limits limits;
	limits.body_max = 100;
	const std::string same = with_fields({"Content-Length: 3", "content-length: 003"}) + "abc";
	Parsed p = parse(same, limits);
	ASSERT_EQ(p.outcome, Outcome::complete);
	EXPECT_EQ(p.request.length, same.size());
	EXPECT_EQ(refusal(with_fields({"Content-Length: 3", "Content-Length: 4"}) + "abcd", limits), 400u);
}

TEST(HttpRequest, AnswersABodyLargerThanTheLimitWith413)
{
	EXPECT_EQ(parse(with_fields({"Content-Length: 0"})).outcome, Outcome::complete);
	EXPECT_EQ(refusal(with_fields({"Content-Length: 1"}) + "x"), 413u) << "the default takes no body";
	Limits limits;
	limits.body_max = 10;
	EXPECT_EQ(parse(with_fields({"Content-Length: 10"}) + "0123456789", limits).outcome, Outcome::complete);
	EXPECT_EQ(refusal(with_fields({"Content-Length: 11"}), limits), 413u) << "refused before it arrives";
}

TEST(HttpRequest, AnswersAnyTransferEncodingWith501)
{
	for (const char *value : {"chunked", "gzip, chunked", "identity", ""})
		EXPECT_EQ(refusal(with_fields({std::string("Transfer-Encoding: ") + value})), 501u) << value;
	EXPECT_EQ(refusal(with_fields({"Transfer-Encoding: chunked", "Content-Length: 0"})), 501u);
}

TEST(HttpRequest, JudgesEveryLineBeforeWhatTheFieldsAsk)
{
	EXPECT_EQ(refusal(with_fields({"Transfer-Encoding: chunked", "Bad Name: x"})), 400u);
	EXPECT_EQ(refusal("GET / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"), 400u) << "no Host";
	Limits limits;
	limits.body_max = 1;
	EXPECT_EQ(refusal(with_fields({"Content-Length: 5", "Transfer-Encoding: chunked"}), limits), 501u);
}

TEST(HttpRequest, KeepsHttp11ConnectionsUnlessAskedToClose)
{
	EXPECT_TRUE(parse(with_fields({})).request.keep_alive);
	EXPECT_TRUE(parse(with_fields({"Connection: keep-alive"})).request.keep_alive);
	EXPECT_TRUE(parse(with_fields({"Connection: upgrade, closed, x-close"})).request.keep_alive);
	EXPECT_FALSE(parse(with_fields({"Connection: close"})).request.keep_alive);
	EXPECT_FALSE(parse(with_fields({"Connection: \t Close \t"})).request.keep_alive);
	EXPECT_FALSE(parse(with_fields({"Connection: upgrade,close"})).request.keep_alive);
	EXPECT_FALSE(parse(with_fields({"Connection: keep-alive", "Connection: foo , CLOSE ,"})).request.keep_alive);
}

TEST(HttpRequest, ClosesHttp10ConnectionsUnlessAskedToKeepThem)
{
	auto keep = [](const std::string &fields) {
		return parse("GET / HTTP/1.0\r\n" + fields + "\r\n").request.keep_alive;
	};
	EXPECT_FALSE(keep(""));
	EXPECT_TRUE(keep("Connection: keep-alive\r\n"));
	EXPECT_TRUE(keep("Connection: Keep-Alive\r\n"));
	EXPECT_TRUE(keep("Connection: foo, keep-alive\r\n"));
	EXPECT_FALSE(keep("Connection: keep-alive, close\r\n")) << "close wins";
	EXPECT_FALSE(keep("Connection: keep-alives\r\n"));
}

TEST(HttpRequest, ClaimsTheBodyThatContentLengthAnnounces)
{
	Limits limits;
	limits.body_max = 64;
	const std::string head = with_fields({"Content-Length: 5"});
	EXPECT_EQ(parse(head, limits).outcome, Outcome::need_more);
	EXPECT_EQ(parse(head + "hell", limits).outcome, Outcome::need_more);
	Parsed p = parse(head + "hello", limits);
	ASSERT_EQ(p.outcome, Outcome::complete);
	EXPECT_EQ(p.request.length, head.size() + 5);
	Parsed more = parse(head + "helloGET", limits);
	ASSERT_EQ(more.outcome, Outcome::complete);
	EXPECT_EQ(more.request.length, head.size() + 5) << "what follows is the next request's";
}

TEST(HttpRequest, LeavesTheRequestEmptyWhenItRefuses)
{
	Parsed p = parse(with_fields({"Connection: keep-alive", "Transfer-Encoding: chunked"}));
	ASSERT_EQ(p.outcome, Outcome::error);
	EXPECT_FALSE(p.request.keep_alive) << "a refused request ends its connection";
	EXPECT_EQ(p.request.length, 0u);
	EXPECT_EQ(parse("GET / HT").status, 0u) << "need_more has no status";
	EXPECT_EQ(parse(with_fields({})).status, 0u);
}
