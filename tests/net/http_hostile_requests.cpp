// SPDX-License-Identifier: GPL-2.0
// http_hostile's classes of single hostile requests: random junk, valid requests cut short, and
// requests too long in their target, their headers or their body.
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/net/http_hostile_classes.hpp"
#include "tests/net/http_hostile_ending.hpp"

namespace cosk::net_test {

namespace {

// A connection to the target, or nothing after a line saying why there is none.
std::optional<Tcp_connection> connect_to(const Http_target &target, const std::string &what)
{
	Connected connected = Tcp_connection::open(target.address, hostile_wait);
	if (!connected.connection)
		std::fprintf(stderr, "http_hostile: %s: cannot connect to %s: %s\n", what.c_str(), target.where().c_str(),
			     describe(connected, hostile_wait).c_str());
	return std::move(connected.connection);
}

// Sends bytes (then shuts the write side down if asked) and observes how the server ends the
// connection. A server that closes while the bytes still go out has ended it: that is observed.
Ending send_and_observe(Tcp_connection &connection, std::string_view bytes, bool shut_write, bool until_close)
{
	const Written written = connection.write_all(bytes, hostile_wait);
	if (written.error == Write_error::timeout || written.error == Write_error::system) {
		Ending stuck;
		stuck.error = describe(written, hostile_wait) + ", neither answering nor closing";
		return stuck;
	}
	if (shut_write && written.error == Write_error::none)
		connection.shutdown_write();
	return observe(connection, hostile_wait, until_close);
}

// Counts a class's connections and remembers the first the server got wrong.
class Verdicts {
public:
	explicit Verdicts(const char *class_name) : class_name_(class_name) {}

	// what: the connection; want: what the server should have done.
	void add(const Ending &ending, bool right, const std::string &what, const char *want)
	{
		tally_.add(ending);
		if (!right && wrong_++ == 0)
			first_wrong_ = what + ": " + describe(ending, hostile_wait) + "; want " + want;
	}

	// The class's line, and the first wrong connection's; true when none was wrong.
	bool report(const std::string &sent, std::uint64_t count)
	{
		std::printf("%s: %s: %s\n", class_name_, sent.c_str(), tally_.text().c_str());
		std::fflush(stdout);
		if (wrong_)
			std::fprintf(stderr,
				     "http_hostile: %s: the server got %llu of %llu connections wrong; the first, %s\n",
				     class_name_, static_cast<unsigned long long>(wrong_),
				     static_cast<unsigned long long>(count), first_wrong_.c_str());
		return wrong_ == 0;
	}

private:
	const char *class_name_;
	Ending_tally tally_;
	std::uint64_t wrong_ = 0;
	std::string first_wrong_;
};

bool is_token_char(std::uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       std::string_view("!#$%&'*+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

// Whether junk could still become a request: a method's token characters, then perhaps a space
// and a target's visible characters and spaces. A server may wait for the rest of such bytes, so
// junk is never allowed to look like it.
bool could_begin_request(const std::vector<std::uint8_t> &junk)
{
	std::size_t i = 0;
	while (i < junk.size() && is_token_char(junk[i]))
		i++;
	if (i == 0)
		return false;
	if (i < junk.size() && junk[i] != ' ')
		return false;
	for (; i < junk.size(); i++)
		if (junk[i] < 0x20 || junk[i] >= 0x7f)
			return false;
	return true;
}

// Valid requests for truncated: each cut short at a random point.
std::vector<std::string> valid_requests(const std::string &host)
{
	const std::string body = "name=value&other=something";
	return {
		"GET / HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: http_hostile\r\nAccept: */*\r\n\r\n",
		"GET /index.html HTTP/1.0\r\n\r\n",
		"HEAD /index.html HTTP/1.1\r\nHost: " + host + "\r\nConnection: keep-alive\r\n\r\n",
		"POST /form HTTP/1.1\r\nHost: " + host +
			"\r\nContent-Type: application/x-www-form-urlencoded\r\n"
			"Content-Length: " +
			std::to_string(body.size()) + "\r\n\r\n" + body,
	};
}

} // namespace

bool send_random(const Http_target &target, Prng &random, std::uint64_t connections)
{
	Verdicts verdicts("random");
	for (std::uint64_t c = 0; c < connections; c++) {
		std::vector<std::uint8_t> junk = random.bytes(1 + random.below(4096));
		if (could_begin_request(junk))
			junk.back() = 0;
		const std::string what =
			"connection " + std::to_string(c) + " (" + std::to_string(junk.size()) + " random bytes)";
		std::optional<Tcp_connection> connection = connect_to(target, "random: " + what);
		if (!connection)
			return false;
		const Ending ending = send_and_observe(
			*connection, std::string_view(reinterpret_cast<const char *>(junk.data()), junk.size()), false,
			false);
		// Junk deserves an error or a close; a 2xx (or anything that is no HTTP) says the server
		// took it for something else.
		const bool right = ending.error.empty() && !ending.not_http && ending.ended() &&
				   !(ending.status && *ending.status / 100 == 2);
		verdicts.add(ending, right, what, "an answer that is no 2xx, or a close");
	}
	return verdicts.report(std::to_string(connections) + " connections of 1 to 4096 random bytes", connections);
}

bool send_truncated(const Http_target &target, Prng &random, std::uint64_t connections)
{
	const std::vector<std::string> requests = valid_requests(target.host);
	Verdicts verdicts("truncated");
	for (std::uint64_t c = 0; c < connections; c++) {
		const std::string &request = requests[random.below(requests.size())];
		const std::size_t head_end = request.find("\r\n\r\n") + 4;
		const std::size_t cut = 1 + random.below(request.size() - 1);
		const bool in_head = cut < head_end;
		const std::string what = "connection " + std::to_string(c) + " (\"" + request.substr(0, request.find(' ')) +
					 "\" cut at byte " + std::to_string(cut) + " of " + std::to_string(request.size()) +
					 (in_head ? ", in the head)" : ", in the body)");
		std::optional<Tcp_connection> connection = connect_to(target, "truncated: " + what);
		if (!connection)
			return false;
		// A head cut short is a bad request (400) or nothing; but once the request line is whole,
		// a server may refuse its method (405, 501) before the rest. After a whole head the server
		// may answer as it sees fit, but the end of the body must end the connection.
		const bool method_known = cut >= request.find("\r\n") + 2;
		const Ending ending =
			send_and_observe(*connection, std::string_view(request).substr(0, cut), true, !in_head);
		bool right = ending.error.empty() && !ending.not_http && ending.closed;
		if (in_head && ending.status) {
			const unsigned status = *ending.status;
			right = ending.error.empty() &&
				(status == 400 || (method_known && (status == 405 || status == 501)));
		}
		verdicts.add(ending, right, what,
			     !in_head       ? "a close"
			     : method_known ? "400, 405 or 501, or a close"
					    : "400 or a close");
	}
	return verdicts.report(std::to_string(connections) + " valid requests cut short, then the write side shut",
			       connections);
}

bool send_oversize(const Http_target &target)
{
	struct Case {
		const char *name;
		std::string request;
		std::vector<unsigned> statuses; // the answers allowed besides a close
		const char *want;
	};
	const std::string host = "Host: " + target.host + "\r\n";
	std::string many_headers;
	for (unsigned i = 0; i < 1024; i++) {
		std::string line = "X-Filler-" + std::to_string(1000 + i) + ": ";
		line += std::string(98 - line.size(), 'f') + "\r\n";
		many_headers += line;
	}
	const Case cases[] = {
		{"a 100 KiB target",
		 "GET /" + std::string(100 * 1024, 'a') + " HTTP/1.1\r\n" + host + "\r\n",
		 {414, 431},
		 "414 or 431 or a close"},
		{"1024 header lines of 100 bytes",
		 "GET / HTTP/1.1\r\n" + host + many_headers + "\r\n",
		 {431},
		 "431 or a close"},
		{"one header line of 100 KiB",
		 "GET / HTTP/1.1\r\n" + host + "X-Big: " + std::string(100 * 1024, 'b') + "\r\n\r\n",
		 {431},
		 "431 or a close"},
		{"a Content-Length of 100 MiB",
		 "POST / HTTP/1.1\r\n" + host + "Content-Length: 104857600\r\n\r\n",
		 {413},
		 "413 or a close"},
	};
	bool all_right = true;
	std::string line = "oversize:";
	std::string first_wrong;
	for (const Case &c : cases) {
		std::optional<Tcp_connection> connection = connect_to(target, std::string("oversize: ") + c.name);
		if (!connection)
			return false;
		const Ending ending = send_and_observe(*connection, c.request, false, false);
		bool right = ending.error.empty() && !ending.not_http && (ending.closed || ending.status);
		if (ending.status) {
			right = false;
			for (const unsigned status : c.statuses)
				right = right || *ending.status == status;
		}
		line += std::string(&c == cases ? " " : "; ") + c.name + " " + outcome(ending);
		if (!right && all_right)
			first_wrong = c.name + std::string(": ") + describe(ending, hostile_wait) + "; want " + c.want;
		all_right = all_right && right;
	}
	std::printf("%s\n", line.c_str());
	std::fflush(stdout);
	if (!all_right)
		std::fprintf(stderr, "http_hostile: oversize: %s\n", first_wrong.c_str());
	return all_right;
}

} // namespace cosk::net_test
