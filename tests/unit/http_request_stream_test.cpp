// SPDX-License-Identifier: GPL-2.0
// The HTTP request parser on bytes as a connection delivers them: split at every byte, requests
// back to back, line endings of either kind, empty lines between requests, and random bytes.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "http_test_support.hpp"

using namespace cosk::http;
using namespace cosk::http::test_support;

namespace {

void expect_same(const Parsed &a, const Parsed &b, const std::string &where)
{
	EXPECT_EQ(a.outcome, b.outcome) << where;
	EXPECT_EQ(a.status, b.status) << where;
	const Request &x = a.request;
	const Request &y = b.request;
	EXPECT_EQ(x.method, y.method) << where;
	EXPECT_EQ(x.version, y.version) << where;
	EXPECT_EQ(x.target_at, y.target_at) << where;
	EXPECT_EQ(x.target_length, y.target_length) << where;
	EXPECT_EQ(x.path_at, y.path_at) << where;
	EXPECT_EQ(x.path_length, y.path_length) << where;
	EXPECT_EQ(x.query_at, y.query_at) << where;
	EXPECT_EQ(x.query_length, y.query_length) << where;
	EXPECT_EQ(x.keep_alive, y.keep_alive) << where;
	EXPECT_EQ(x.length, y.length) << where;
}

// Every prefix of input is need_more until the verdict on the whole can be given, and from there on
// it is that verdict: a complete request exactly when its last byte arrives.
void expect_same_at_every_split(const std::string &input, const Limits &limits = {})
{
	const Parsed whole = parse(input, limits);
	ASSERT_NE(whole.outcome, Outcome::need_more) << input;
	std::size_t first_verdict = input.size() + 1;
	for (std::size_t k = 0; k <= input.size(); k++) {
		const Parsed part = parse(input.substr(0, k), limits);
		if (part.outcome == Outcome::need_more) {
			EXPECT_EQ(first_verdict, input.size() + 1) << "need_more after a verdict, at " << k;
			continue;
		}
		if (first_verdict > input.size())
			first_verdict = k;
		expect_same(part, whole, "prefix of " + std::to_string(k) + " bytes of " + input);
	}
	if (whole.outcome == Outcome::complete) {
		EXPECT_EQ(first_verdict, whole.request.length);
	}
}

} // namespace

TEST(HttpRequestStream, GivesTheSameAnswerHoweverTheBytesAreSplit)
{
	Limits bodies;
	bodies.body_max = 64;
	expect_same_at_every_split("GET /index.html?q=1 HTTP/1.1\r\nHost: example\r\nConnection: keep-alive\r\n\r\n");
	expect_same_at_every_split("HEAD /a HTTP/1.0\nConnection: keep-alive\n\n");
	expect_same_at_every_split("\r\n\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n");
	expect_same_at_every_split("GET / HTTP/1.1\nHost: h\r\n\n");
	expect_same_at_every_split("GET /up HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello world", bodies);
	expect_same_at_every_split("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n");
}

TEST(HttpRequestStream, RefusesTheSameWayHoweverTheBytesAreSplit)
{
	Limits small;
	small.head_max = 40;
	small.target_max = 4;
	expect_same_at_every_split("GET / HTTP/2.0\r\nHost: h\r\n\r\n");
	expect_same_at_every_split("GET / HTTP/1.1\r\n\r\n");
	expect_same_at_every_split("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 9\r\n\r\n123456789");
	expect_same_at_every_split("GET / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
	expect_same_at_every_split("GET /long HTTP/1.1\r\nHost: h\r\n\r\n", small);
	expect_same_at_every_split("GET / HTTP/1.1\r\nHost: h\r\nX-Padding: 0123456789\r\n\r\n", small);
	expect_same_at_every_split("\rGET / HTTP/1.1\r\nHost: h\r\n\r\n");
}

TEST(HttpRequestStream, IgnoresWhatFollowsACompleteRequest)
{
	const std::string one = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n";
	const Parsed alone = parse(one);
	ASSERT_EQ(alone.outcome, Outcome::complete);
	for (const std::string next : {"GET /b HTTP/1.1\r\n", "\r\n", "\x80\xff", "garbage"})
		expect_same(parse(one + next), alone, next);
	expect_same(parse(one + std::string(3, '\0')), alone, "NULs");
}

TEST(HttpRequestStream, ParsesPipelinedRequestsOneAfterAnother)
{
	const std::string stream = "GET /one HTTP/1.1\r\nHost: h\r\n\r\n"
				   "\r\nHEAD /two?x HTTP/1.1\nHost: h\n\n"
				   "GET /three HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\n\r\nbody"
				   "GET /four HTTP/1.0\r\n\r\n";
	const std::vector<std::string> targets = {"/one", "/two?x", "/three", "/four"};
	const std::vector<Method> methods = {Method::get, Method::head, Method::get, Method::get};
	Limits limits;
	limits.body_max = 16;

	std::size_t at = 0;
	for (std::size_t i = 0; i < targets.size(); i++) {
		const std::string rest = stream.substr(at);
		const Parsed p = parse(rest, limits);
		ASSERT_EQ(p.outcome, Outcome::complete) << "request " << i;
		EXPECT_EQ(target_of(rest, p.request), targets[i]);
		EXPECT_EQ(p.request.method, methods[i]);
		EXPECT_EQ(p.request.keep_alive, i != 3) << "the HTTP/1.0 one closes";
		at += p.request.length;
	}
	EXPECT_EQ(at, stream.size());
	EXPECT_EQ(parse(stream.substr(at), limits).outcome, Outcome::need_more) << "nothing left is not a request yet";
}

TEST(HttpRequestStream, WaitsForAPipelinedRequestCutShortAndRefusesABadOne)
{
	const std::string first = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n";
	const std::string cut = first + "GET /b HTTP/1.1\r\nHo";
	const Parsed p = parse(cut);
	ASSERT_EQ(p.outcome, Outcome::complete);
	EXPECT_EQ(parse(cut.substr(p.request.length)).outcome, Outcome::need_more);

	const std::string bad = first + "GET /b HTTP/1.1\r\n\r\n";
	EXPECT_EQ(refusal(bad.substr(parse(bad).request.length)), 400u);
}

TEST(HttpRequestStream, SkipsEmptyLinesBeforeARequestAndCountsThem)
{
	const std::string in = "\r\n\n\r\nGET /x HTTP/1.1\r\nHost: h\r\n\r\n";
	const Parsed p = parse(in);
	ASSERT_EQ(p.outcome, Outcome::complete);
	EXPECT_EQ(p.request.length, in.size());
	EXPECT_EQ(p.request.target_at, 9u);
	EXPECT_EQ(target_of(in, p.request), "/x");
	EXPECT_EQ(parse("\r\n\r\n").outcome, Outcome::need_more);
	EXPECT_EQ(parse("\r").outcome, Outcome::need_more) << "its LF may be on the way";
	EXPECT_EQ(refusal("\r\rGET / HTTP/1.1\r\nHost: h\r\n\r\n"), 400u) << "a bare CR is not an empty line";
}

TEST(HttpRequestStream, TakesLineFeedsAloneAsLineEndings)
{
	const std::string in = "GET /lf HTTP/1.1\nHost: h\nConnection: close\n\n";
	const Parsed p = parse(in);
	ASSERT_EQ(p.outcome, Outcome::complete);
	EXPECT_EQ(target_of(in, p.request), "/lf");
	EXPECT_FALSE(p.request.keep_alive);
	EXPECT_EQ(p.request.length, in.size());
}

// Random inputs, half from scratch and half mutated from good requests, under default and tight
// limits: the parser must not read outside them, must answer only its own statuses, and a request
// it takes must lie within the input and read the same without what follows it.
TEST(HttpRequestStream, SurvivesRandomBytes)
{
	const std::vector<std::string> pieces = {
		"GET", "HEAD", "OPTIONS", " ", "/", "*", "?", "%", ":", "\t", "\r\n", "\n", "\r", std::string(1, '\0'),
		"HTTP/1.1", "HTTP/1.0", "HTTP/2.0", "Host", "Content-Length", "Transfer-Encoding", "Connection",
		"close", "keep-alive", "0", "7", "18446744073709551616", "\r\n\r\n"};
	const std::vector<std::string> good = {
		"GET /a?b HTTP/1.1\r\nHost: h\r\n\r\n",
		"HEAD / HTTP/1.0\nConnection: keep-alive\n\n",
		"GET /p HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nxyz"};
	Limits tight;
	tight.head_max = 48;
	tight.body_max = 8;
	tight.target_max = 8;

	std::mt19937 random(0x485454u);
	auto below = [&](std::size_t n) { return static_cast<std::size_t>(random() % n); };
	unsigned completes = 0;
	for (int round = 0; round < 100000; round++) {
		std::string input;
		if (round % 2 == 0) {
			const std::size_t parts = below(40);
			for (std::size_t i = 0; i < parts; i++)
				input += below(3) == 0 ? std::string(1, static_cast<char>(below(256)))
						       : pieces[below(pieces.size())];
		} else {
			input = good[below(good.size())];
			const std::size_t flips = 1 + below(3);
			for (std::size_t i = 0; i < flips; i++)
				input[below(input.size())] = static_cast<char>(below(256));
		}
		// A copy of exactly the input's size, so that a read past its end is a sanitizer's to see.
		const std::vector<char> bytes(input.begin(), input.end());
		const Limits limits = round % 3 == 0 ? tight : Limits{};
		const Parsed p = parse_request(bytes.data(), bytes.size(), limits);

		const std::string where = "round " + std::to_string(round);
		switch (p.outcome) {
		case Outcome::need_more:
			EXPECT_EQ(p.status, 0u) << where;
			break;
		case Outcome::error: {
			const std::vector<unsigned> ours = {400, 413, 414, 431, 501, 505};
			EXPECT_NE(std::find(ours.begin(), ours.end(), p.status), ours.end()) << where << ": " << p.status;
			break;
		}
		case Outcome::complete: {
			completes++;
			const Request &r = p.request;
			ASSERT_LE(r.length, bytes.size()) << where;
			ASSERT_LE(r.target_at + r.target_length, r.length) << where;
			EXPECT_EQ(r.path_at, r.target_at) << where;
			EXPECT_LE(r.path_length, r.target_length) << where;
			EXPECT_GE(r.query_at, r.path_at + r.path_length) << where;
			EXPECT_EQ(r.query_at + r.query_length, r.target_at + r.target_length) << where;
			EXPECT_LE(r.target_length, limits.target_max) << where;
			expect_same(parse_request(bytes.data(), r.length, limits), p, where);
			break;
		}
		default:
			ADD_FAILURE() << where << ": outcome " << static_cast<int>(p.outcome);
		}
	}
	EXPECT_GT(completes, 1000u) << "the mutants should still hold some good requests";
}
