// SPDX-License-Identifier: GPL-2.0
// http_client [--timeout S] HOST PORT MODE ARGS...: drives an HTTP/1.x server over IPv4 and checks
// every response it gets.
//
//   exact REQUEST_FILE RESPONSE_FILE   the file's bytes sent verbatim; what comes back, up to the
//                                      server's close (or a second of silence once it is all
//                                      there), must be RESPONSE_FILE's bytes
//   get PATH BODY_FILE [--http10 | --keep-alive N | --pipeline N] [--head]
//                                      GET (HEAD) for PATH: one HTTP/1.0 request and the server's
//                                      close; N HTTP/1.1 requests one after another on one
//                                      connection (the default: one); or N written at once.
//                                      Each response a 200 with BODY_FILE's length and bytes
//   status REQUEST_FILE CODE           the file's bytes sent verbatim; the response's status line
//                                      must be `HTTP/1.1 CODE ...`
//   load PATH BODY_FILE CONNECTIONS SECONDS
//                                      CONNECTIONS threads doing HTTP/1.0 GETs for SECONDS, every
//                                      response checked as with --http10
//
// Every wait is bounded by the timeout (default 10 s). Prints one line saying what it checked;
// on the first wrong response, what was wrong, and exits 1. Exit status 2 on a usage error.
#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "tests/net/byte_text.hpp"
#include "tests/net/http_response_reader.hpp"
#include "tests/net/tcp_connection.hpp"

using namespace cosk::net_test;

namespace {

constexpr const char *usage_text = "usage: http_client [--timeout S] HOST PORT MODE ARGS...\n"
				   "  exact REQUEST_FILE RESPONSE_FILE\n"
				   "  get PATH BODY_FILE [--http10 | --keep-alive N | --pipeline N] [--head]\n"
				   "  status REQUEST_FILE CODE\n"
				   "  load PATH BODY_FILE CONNECTIONS SECONDS\n";

[[noreturn]] void usage_error(const std::string &what)
{
	std::fprintf(stderr, "http_client: %s\n%s", what.c_str(), usage_text);
	std::exit(2);
}

int failure(const std::string &what)
{
	std::fprintf(stderr, "http_client: %s\n", what.c_str());
	return 1;
}

std::uint64_t number(const std::string &text, std::uint64_t least, std::uint64_t most, const char *what)
{
	char *end = nullptr;
	errno = 0;
	const std::uint64_t value = std::strtoull(text.c_str(), &end, 10);
	if (text.empty() || text[0] == '-' || *end || errno || value < least || value > most)
		usage_error(std::string(what) + " '" + text + "' is not a number from " + std::to_string(least) + " to " +
			    std::to_string(most));
	return value;
}

std::string file_bytes(const std::string &path)
{
	std::ifstream in(path, std::ios::binary);
	if (!in)
		usage_error("cannot read " + path);
	std::ostringstream bytes;
	bytes << in.rdbuf();
	return bytes.str();
}

// Where the server is and how long any one wait on it may last.
struct Server {
	sockaddr_in address{};
	std::string host; // as given, for Host: and messages
	std::string port;
	Milliseconds timeout{10000};
};

// A connection to the server, or a message saying why there is none.
std::optional<Tcp_connection> connect_to(const Server &server, std::string &problem)
{
	Connected connected = Tcp_connection::open(server.address, server.timeout);
	if (!connected.connection)
		problem =
			"cannot connect to " + server.host + ":" + server.port + ": " + describe(connected, server.timeout);
	return std::move(connected.connection);
}

// What a GET or HEAD for a body asks, and how it is checked.
struct Fetch {
	std::string path;
	std::string body; // BODY_FILE's bytes
	bool head = false;

	[[nodiscard]] std::string method() const { return head ? "HEAD" : "GET"; }
	[[nodiscard]] std::string request(const std::string &host, bool http10) const
	{
		return method() + " " + path + (http10 ? " HTTP/1.0" : " HTTP/1.1") + "\r\nHost: " + host + "\r\n\r\n";
	}
};

// What is wrong with a response to fetch, or nothing. kept_alive: the connection is to stay open
// (Connection: keep-alive or no Connection header).
std::optional<std::string> wrong(const Response &response, const Fetch &fetch, bool kept_alive)
{
	const Response_head &head = response.head;
	if (head.status != 200)
		return "status line \"" + escaped(head.status_line) + "\"";
	if (!head.content_length) // a response to HEAD may come here without one
		return "a 200 response without a Content-Length";
	if (*head.content_length != fetch.body.size())
		return "Content-Length " + std::to_string(*head.content_length) + ", BODY_FILE has " +
		       std::to_string(fetch.body.size()) + " bytes";
	if (!fetch.head)
		if (const auto at = first_difference(response.body, fetch.body))
			return "body: " + difference_text(response.body, fetch.body, *at);
	// HTTP/1.1 keeps a connection unless told otherwise; HTTP/1.0 only when told so.
	if (kept_alive && head.header("Connection") && !head.lists("Connection", "keep-alive"))
		return "Connection: " + escaped(*head.header("Connection")) + " on a connection kept alive";
	if (kept_alive && head.minor_version == 0 && !head.lists("Connection", "keep-alive"))
		return "an HTTP/1.0 response without Connection: keep-alive on a connection kept alive";
	return std::nullopt;
}

// One HTTP/1.0 request on a connection of its own, its response checked and the server's close.
std::optional<std::string> fetch_http10(const Server &server, const Fetch &fetch)
{
	std::string problem;
	std::optional<Tcp_connection> connection = connect_to(server, problem);
	if (!connection)
		return problem;
	if (const Written written = connection->write_all(fetch.request(server.host, true), server.timeout);
	    written.error != Write_error::none)
		return "request: " + describe(written, server.timeout);
	Http_response_reader reader(connection->fd(), server.timeout);
	Response response;
	if (reader.read_response(fetch.head, response) != Read_error::none)
		return reader.problem();
	if (auto what = wrong(response, fetch, false))
		return what;
	if (reader.read_close() != Read_error::none)
		return reader.problem();
	return std::nullopt;
}

int exact(const Server &server, const std::string &request_file, const std::string &response_file)
{
	const std::string request = file_bytes(request_file);
	const std::string want = file_bytes(response_file);
	std::string problem;
	std::optional<Tcp_connection> connection = connect_to(server, problem);
	if (!connection)
		return failure(problem);
	// A server may answer and close before taking the whole request: what it answered counts.
	if (const Written written = connection->write_all(request, server.timeout);
	    written.error != Write_error::none && written.error != Write_error::gone)
		return failure(request_file + ": " + describe(written, server.timeout));
	Http_response_reader reader(connection->fd(), server.timeout);
	// Read to the end of the connection; once all of want is there and nothing more, a second of
	// silence ends it too.
	std::string ending;
	for (;;) {
		const std::string_view got = reader.unread();
		const bool complete = got == want;
		// Once a difference has come with a little after it, more bytes cannot undo it.
		if (const auto at = first_difference(got, want); at && *at + 16 <= got.size()) {
			ending = "read no further";
			break;
		}
		const Read_error error = reader.fill(complete ? Milliseconds(1000) : server.timeout);
		if (error == Read_error::none)
			continue;
		if (error == Read_error::closed)
			ending = "the server closed the connection";
		else if (error == Read_error::timeout && complete)
			ending = "the connection left open";
		else if (error == Read_error::timeout)
			ending = "then nothing for " + seconds_text(server.timeout) + ", the connection still open";
		else
			ending = reader.problem();
		break;
	}
	const std::string_view got = reader.unread();
	if (const auto at = first_difference(got, want))
		return failure(response_file + ": " + difference_text(got, want, *at) + "; " + ending);
	std::printf("http_client: the response to %s is %s byte for byte (%zu bytes), %s\n", request_file.c_str(),
		    response_file.c_str(), want.size(), ending.c_str());
	return 0;
}

int get_http10(const Server &server, const Fetch &fetch)
{
	if (const auto what = fetch_http10(server, fetch))
		return failure("HTTP/1.0 " + fetch.method() + " " + fetch.path + ": " + *what);
	std::printf("http_client: HTTP/1.0 %s %s, the response right and the connection closed by the server\n",
		    fetch.method().c_str(), fetch.path.c_str());
	return 0;
}

// count requests on one HTTP/1.1 connection: one after another, or all in one write (pipelined).
int get_http11(const Server &server, const Fetch &fetch, std::uint64_t count, bool pipelined)
{
	const char *how = pipelined ? "pipelined" : "kept-alive";
	const std::string request = fetch.request(server.host, false);
	std::string problem;
	std::optional<Tcp_connection> connection = connect_to(server, problem);
	if (!connection)
		return failure(problem);
	Http_response_reader reader(connection->fd(), server.timeout);
	std::string all;
	for (std::uint64_t i = 0; pipelined && i < count; i++)
		all += request;
	for (std::uint64_t i = 0; i < count; i++) {
		const std::string which = count == 1 && !pipelined
						  ? "HTTP/1.1 " + fetch.method() + " " + fetch.path + ": "
						  : "response " + std::to_string(i + 1) + " of " + std::to_string(count) +
							    " " + how + " " + fetch.method() + " " + fetch.path + ": ";
		if (!pipelined || i == 0) {
			const Written written = connection->write_all(pipelined ? all : request, server.timeout);
			if (written.error != Write_error::none)
				return failure(which + "request: " + describe(written, server.timeout));
		}
		Response response;
		if (reader.read_response(fetch.head, response) != Read_error::none)
			return failure(which + reader.problem());
		if (const auto what = wrong(response, fetch, true))
			return failure(which + *what);
	}
	if (count == 1 && !pipelined)
		std::printf("http_client: HTTP/1.1 %s %s, the response right\n", fetch.method().c_str(),
			    fetch.path.c_str());
	else if (pipelined)
		std::printf("http_client: %llu pipelined %s %s, every response right\n",
			    static_cast<unsigned long long>(count), fetch.method().c_str(), fetch.path.c_str());
	else
		std::printf("http_client: %llu %s %s one after another on one kept-alive connection, every response "
			    "right\n",
			    static_cast<unsigned long long>(count), fetch.method().c_str(), fetch.path.c_str());
	return 0;
}

int status(const Server &server, const std::string &request_file, const std::string &code)
{
	const std::string request = file_bytes(request_file);
	std::string problem;
	std::optional<Tcp_connection> connection = connect_to(server, problem);
	if (!connection)
		return failure(problem);
	// A server may answer and close before taking the whole request: what it answered counts.
	if (const Written written = connection->write_all(request, server.timeout);
	    written.error != Write_error::none && written.error != Write_error::gone)
		return failure(request_file + ": " + describe(written, server.timeout));
	// Whatever the connection does after the response is the server's choice: it is not read.
	Http_response_reader reader(connection->fd(), server.timeout);
	Response response;
	if (reader.read_response(request.rfind("HEAD ", 0) == 0, response) != Read_error::none)
		return failure(request_file + ": " + reader.problem());
	const std::string &line = response.head.status_line;
	if (line.rfind("HTTP/1.1 " + code + " ", 0) != 0)
		return failure(request_file + ": status line \"" + escaped(line) + "\", want HTTP/1.1 " + code);
	std::printf("http_client: %s answered \"%s\"\n", request_file.c_str(), escaped(line).c_str());
	return 0;
}

int load(const Server &server, const Fetch &fetch, std::uint64_t connections, std::uint64_t seconds)
{
	using Clock = std::chrono::steady_clock;
	std::atomic<bool> stop{false};
	std::atomic<std::uint64_t> done{0};
	std::mutex first_problem_lock;
	std::string first_problem;
	const Clock::time_point start = Clock::now();
	const Clock::time_point end = start + std::chrono::seconds(seconds);
	std::vector<std::thread> threads;
	for (std::uint64_t t = 0; t < connections; t++)
		threads.emplace_back([&] {
			while (!stop && Clock::now() < end) {
				if (auto what = fetch_http10(server, fetch)) {
					const std::lock_guard<std::mutex> guard(first_problem_lock);
					if (!stop.exchange(true))
						first_problem = std::move(*what);
					return;
				}
				done++;
			}
		});
	for (auto &thread : threads)
		thread.join();
	if (stop)
		return failure("load " + fetch.method() + " " + fetch.path + ", after " + std::to_string(done) +
			       " right responses: " + first_problem);
	const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
	std::printf("http_client: load HTTP/1.0 %s %s, %llu connections at a time for %llu s: %llu requests, "
		    "%.1f per second, every response right\n",
		    fetch.method().c_str(), fetch.path.c_str(), static_cast<unsigned long long>(connections),
		    static_cast<unsigned long long>(seconds), static_cast<unsigned long long>(done.load()),
		    static_cast<double>(done.load()) / elapsed);
	return 0;
}

// get's arguments after PATH BODY_FILE.
int get(const Server &server, Fetch fetch, const std::vector<std::string> &options)
{
	enum class Mode { one, http10, keep_alive, pipeline } mode = Mode::one;
	std::uint64_t count = 1;
	for (std::size_t i = 0; i < options.size(); i++) {
		const std::string &option = options[i];
		if (option == "--head") {
			fetch.head = true;
			continue;
		}
		if (mode != Mode::one)
			usage_error("get takes one of --http10, --keep-alive N, --pipeline N");
		if (option == "--http10") {
			mode = Mode::http10;
			continue;
		}
		if (option != "--keep-alive" && option != "--pipeline")
			usage_error("unknown get option '" + option + "'");
		if (i + 1 == options.size())
			usage_error(option + " needs a count");
		mode = option == "--pipeline" ? Mode::pipeline : Mode::keep_alive;
		count = number(options[++i], 1, 1000000, "the count");
	}
	if (mode == Mode::http10)
		return get_http10(server, fetch);
	return get_http11(server, fetch, count, mode == Mode::pipeline);
}

} // namespace

int main(int argc, char **argv)
{
	std::vector<std::string> args(argv + 1, argv + argc);
	Server server;
	if (args.size() >= 2 && args[0] == "--timeout") {
		char *end = nullptr;
		const double seconds = std::strtod(args[1].c_str(), &end);
		if (args[1].empty() || *end || !(seconds >= 0.001 && seconds <= 3600))
			usage_error("the timeout '" + args[1] + "' is not a number of seconds from 0.001 to 3600");
		server.timeout = Milliseconds(std::llround(seconds * 1000));
		args.erase(args.begin(), args.begin() + 2);
	}
	if (args.size() < 3)
		usage_error("wrong number of arguments");
	const std::optional<sockaddr_in> address = ipv4_endpoint(args[0], args[1]);
	if (!address)
		usage_error("'" + args[0] + "' '" + args[1] + "' is not an IPv4 address and port");
	server.address = *address;
	server.host = args[0];
	server.port = args[1];
	const std::string &mode = args[2];
	const std::size_t n = args.size() - 3;
	// A server that closes while a request is still going out is reported, not a SIGPIPE.
	std::signal(SIGPIPE, SIG_IGN);
	if (mode == "exact" && n == 2)
		return exact(server, args[3], args[4]);
	if (mode == "get" && n >= 2)
		return get(server, Fetch{args[3], file_bytes(args[4])}, {args.begin() + 5, args.end()});
	if (mode == "status" && n == 2) {
		if (args[4].size() != 3)
			usage_error("CODE '" + args[4] + "' is not a three-digit status");
		number(args[4], 100, 599, "CODE");
		return status(server, args[3], args[4]);
	}
	if (mode == "load" && n == 4) {
		const std::uint64_t connections = number(args[5], 1, 10000, "CONNECTIONS");
		const std::uint64_t seconds = number(args[6], 1, 86400, "SECONDS");
		return load(server, Fetch{args[3], file_bytes(args[4])}, connections, seconds);
	}
	usage_error("unknown mode or wrong arguments for '" + mode + "'");
}
