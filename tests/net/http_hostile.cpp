// SPDX-License-Identifier: GPL-2.0
// http_hostile HOST PORT CLASS [--seed N] [--count N] [--wait S]: hostile requests to an HTTP/1.x server over
// IPv4, for proving that it turns them away and ends every such connection itself.
//
//   random     COUNT connections (default 200), each 1 to 4096 random bytes: every one must end
//              (an answer, or a close) within 3 s, and no answer may be a 2xx
//   truncated  COUNT valid requests (default 200) cut at random points, the write side then shut
//              down: the server must close within 3 s; a head cut short it may answer 400 instead
//              (or 405 or 501, once the request line is whole)
//   oversize   a 100 KiB target (414, 431 or a close), 100 KiB of headers in 1024 lines and in one
//              (431 or a close), a Content-Length of 100 MiB (413 or a close), each within 3 s
//   slow [N [SECONDS]]
//              N connections (default 200) sending a request head a byte a second, never ending
//              it: the server must end every one within SECONDS (default 60)
//   all        random, truncated and oversize in turn
//
// "3 s" above is --wait's default: how long the tool waits for the server at each step. The seed
// (default 1) fixes every byte, each class drawing from a stream of its own. Prints a
// line per class saying what it sent and how the server ended the connections; where the server
// misbehaved, a line saying how, first. Exit status 0 when it behaved, 1 when it did not or could
// not be reached, 2 on a usage error.
#include <cerrno>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "tests/net/http_hostile_classes.hpp"

using namespace cosk::net_test;

namespace {

constexpr const char *usage_text = "usage: http_hostile HOST PORT CLASS [--seed N] [--count N] [--wait S]\n"
				   "  CLASS: random truncated oversize all, or slow [N [SECONDS]]\n";

[[noreturn]] void usage_error(const std::string &what)
{
	std::fprintf(stderr, "http_hostile: %s\n%s", what.c_str(), usage_text);
	std::exit(2);
}

std::uint64_t number(const std::string &text, std::uint64_t least, std::uint64_t most, const char *what)
{
	char *end = nullptr;
	errno = 0;
	const std::uint64_t value = std::strtoull(text.c_str(), &end, 0);
	if (text.empty() || text[0] == '-' || *end || errno || value < least || value > most)
		usage_error(std::string(what) + " '" + text + "' is not a number from " + std::to_string(least) + " to " +
			    std::to_string(most));
	return value;
}

struct Arguments {
	std::string host, port, class_name;
	std::vector<std::string> class_arguments; // slow's N and SECONDS
	std::uint64_t seed = 1;
	std::optional<std::uint64_t> count;
};

Arguments parse(int argc, char **argv)
{
	Arguments out;
	std::vector<std::string> positional;
	for (int i = 1; i < argc; i++) {
		const std::string arg = argv[i];
		if (arg.rfind("--", 0) != 0) {
			positional.push_back(arg);
			continue;
		}
		if (i + 1 >= argc)
			usage_error(arg + " needs a value");
		const std::string value = argv[++i];
		if (arg == "--seed")
			out.seed = number(value, 0, UINT64_MAX, "the seed");
		else if (arg == "--count")
			out.count = number(value, 1, 1000000, "the count");
		else if (arg == "--wait")
			hostile_wait = Milliseconds{1000 * static_cast<std::int64_t>(number(value, 1, 3600, "the wait"))};
		else
			usage_error("unknown option " + arg);
	}
	if (positional.size() < 3)
		usage_error("wrong number of arguments");
	out.host = positional[0];
	out.port = positional[1];
	out.class_name = positional[2];
	out.class_arguments.assign(positional.begin() + 3, positional.end());
	return out;
}

} // namespace

int main(int argc, char **argv)
{
	const Arguments args = parse(argc, argv);
	// Every argument is checked before anything is sent: a usage error is always status 2.
	const std::string &name = args.class_name;
	const bool slow = name == "slow";
	if (!slow && name != "random" && name != "truncated" && name != "oversize" && name != "all")
		usage_error("unknown class '" + name + "'");
	if (!slow && !args.class_arguments.empty())
		usage_error(name + " takes no arguments");
	if (slow && args.class_arguments.size() > 2)
		usage_error("slow takes N and SECONDS, no more");
	if (args.count && (slow || name == "oversize"))
		usage_error("--count is for random and truncated");
	const std::optional<sockaddr_in> address = ipv4_endpoint(args.host, args.port);
	if (!address)
		usage_error("'" + args.host + "' '" + args.port + "' is not an IPv4 address and port");
	const Http_target target{*address, args.host, args.port};
	const std::uint64_t slow_connections =
		slow && !args.class_arguments.empty() ? number(args.class_arguments[0], 1, 60000, "N") : 200;
	const std::uint64_t slow_seconds =
		slow && args.class_arguments.size() == 2 ? number(args.class_arguments[1], 1, 86400, "SECONDS") : 60;

	// A server that closes while a request is still going out has answered, not killed the tool.
	std::signal(SIGPIPE, SIG_IGN);
	// One connection first: a server that cannot be reached at all is one clear line, not a class
	// full of failed connections.
	if (const Connected first = Tcp_connection::open(target.address, hostile_wait); !first.connection) {
		std::fprintf(stderr, "http_hostile: cannot connect to %s: %s\n", target.where().c_str(),
			     describe(first, hostile_wait).c_str());
		return 1;
	}
	if (slow)
		return send_slow(target, slow_connections, slow_seconds) ? 0 : 1;
	bool behaved = true;
	// Each class its own stream, so that it sends the same bytes alone as within all.
	if (name == "random" || name == "all") {
		Prng random(args.seed ^ (std::uint64_t{1} << 56));
		behaved = send_random(target, random, args.count.value_or(200)) && behaved;
	}
	if (name == "truncated" || name == "all") {
		Prng random(args.seed ^ (std::uint64_t{2} << 56));
		behaved = send_truncated(target, random, args.count.value_or(200)) && behaved;
	}
	if (name == "oversize" || name == "all")
		behaved = send_oversize(target) && behaved;
	return behaved ? 0 : 1;
}
