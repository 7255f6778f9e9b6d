// SPDX-License-Identifier: GPL-2.0
// http_hostile's slow class: many connections that each send a valid request head one byte a
// second and never finish it (slowloris), all held by one thread with poll(). The server must
// end every one (close it, or answer 408) before the class gives up.
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "tests/net/http_hostile_classes.hpp"
#include "tests/net/http_hostile_ending.hpp"

namespace cosk::net_test {

namespace {

using Clock = std::chrono::steady_clock;

// A request head that never ends: the request line, then header lines with no empty line after
// them, enough for a byte a second over seconds.
std::string endless_head(const std::string &host, std::uint64_t seconds)
{
	std::string out = "GET / HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: http_hostile\r\n";
	for (unsigned i = 0; out.size() <= seconds + 2; i++)
		out += "X-Slow-" + std::to_string(i) + ": " + std::to_string(i) + "\r\n";
	return out;
}

struct Slow_connection {
	std::optional<Tcp_connection> connection; // until the server ends it
	bool connected = false;
	std::string failure; // why it could not be made
	std::size_t sent = 0;
	Clock::time_point made, next_byte, last_byte, ended_at;
	std::string received; // the first bytes the server sent
	Ending ending;
};

// Reads what the server has sent; records an answer's status line, a close or a reset.
void drain(Slow_connection &slow)
{
	char chunk[4096];
	for (;;) {
		const ssize_t got = read(slow.connection->fd(), chunk, sizeof chunk);
		if (got > 0) {
			if (slow.received.size() < 2048)
				slow.received.append(chunk, static_cast<std::size_t>(got));
			classify(slow.received, false, slow.ending);
			continue;
		}
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 && errno == EAGAIN)
			return;
		if (got < 0 && errno != ECONNRESET && errno != EPIPE) {
			slow.ending.error = std::string("read: ") + std::strerror(errno);
			return;
		}
		slow.ending.closed = true;
		slow.ending.reset = got < 0;
		classify(slow.received, true, slow.ending);
		return;
	}
}

// The next byte of the head, if it is due; a server that has gone shows in the send.
void send_due_byte(Slow_connection &slow, const std::string &head, Clock::time_point now)
{
	if (now < slow.next_byte || slow.sent >= head.size())
		return;
	const ssize_t put = send(slow.connection->fd(), &head[slow.sent], 1, MSG_NOSIGNAL | MSG_DONTWAIT);
	if (put == 1) {
		slow.sent++;
		slow.last_byte = now;
		slow.next_byte += std::chrono::seconds(1);
	} else if (errno == EAGAIN || errno == EINTR) {
		slow.next_byte = now + std::chrono::milliseconds(100);
	} else if (errno == EPIPE || errno == ECONNRESET) {
		drain(slow);
		slow.ending.closed = true;
		slow.ending.reset = slow.ending.reset || errno == ECONNRESET;
	} else {
		slow.ending.error = std::string("send: ") + std::strerror(errno);
	}
}

// Whether the connection is over (ended by the server, or failed here); closes it then.
bool finished(Slow_connection &slow, Clock::time_point now)
{
	if (!slow.connection)
		return true;
	if (!slow.ending.ended() && !slow.ending.not_http && slow.ending.error.empty())
		return false;
	slow.ended_at = now;
	slow.ending.after = std::chrono::duration_cast<Milliseconds>(now - slow.last_byte);
	slow.connection.reset();
	return true;
}

double seconds_between(Clock::time_point from, Clock::time_point to)
{
	return std::chrono::duration<double>(to - from).count();
}

} // namespace

bool send_slow(const Http_target &target, std::uint64_t count, std::uint64_t seconds)
{
	const std::string head = endless_head(target.host, seconds);
	const Clock::time_point start = Clock::now();
	const Clock::time_point deadline = start + std::chrono::seconds(seconds);
	std::vector<Slow_connection> all(count);
	for (Slow_connection &slow : all) {
		Connected started = Tcp_connection::start(target.address);
		if (!started.connection)
			slow.failure = describe(started, hostile_wait);
		slow.connection = std::move(started.connection);
	}
	std::vector<pollfd> polled;
	std::vector<Slow_connection *> owners;
	for (;;) {
		Clock::time_point now = Clock::now();
		polled.clear();
		owners.clear();
		Clock::time_point wake = deadline;
		for (Slow_connection &slow : all) {
			if (slow.connection && slow.connected)
				send_due_byte(slow, head, now);
			if (finished(slow, now))
				continue;
			polled.push_back({slow.connection->fd(), static_cast<short>(slow.connected ? POLLIN : POLLOUT), 0});
			owners.push_back(&slow);
			if (slow.connected)
				wake = std::min(wake, slow.next_byte);
		}
		if (polled.empty() || now >= deadline)
			break;
		const auto wait = std::chrono::ceil<std::chrono::milliseconds>(wake - now).count();
		if (poll(polled.data(), polled.size(), static_cast<int>(std::max<decltype(wait)>(wait, 0))) < 0 &&
		    errno != EINTR) {
			std::fprintf(stderr, "http_hostile: slow: poll: %s\n", std::strerror(errno));
			return false;
		}
		now = Clock::now();
		for (std::size_t i = 0; i < polled.size(); i++) {
			Slow_connection &slow = *owners[i];
			if (!polled[i].revents)
				continue;
			if (slow.connected) {
				drain(slow);
				finished(slow, now);
				continue;
			}
			if (const int error = slow.connection->pending_error(); error != 0) {
				slow.failure = std::strerror(error);
				slow.connection.reset();
				continue;
			}
			slow.connected = true;
			slow.made = slow.next_byte = now;
		}
	}

	Ending_tally tally;
	std::vector<double> times;
	std::uint64_t open = 0, unmade = 0, wrong = 0;
	std::string first_unmade, first_wrong;
	std::size_t most_sent = 0;
	for (std::size_t i = 0; i < all.size(); i++) {
		const Slow_connection &slow = all[i];
		if (!slow.connected) {
			if (unmade++ == 0)
				first_unmade = slow.failure.empty() ? "not made within " + std::to_string(seconds) + " s"
								    : slow.failure;
			continue;
		}
		if (slow.connection) {
			open++;
			most_sent = std::max(most_sent, slow.sent);
			continue;
		}
		tally.add(slow.ending);
		times.push_back(seconds_between(slow.made, slow.ended_at));
		// Nothing in a head never finished deserves a 2xx; bytes that are no HTTP are wrong too.
		const bool right = slow.ending.error.empty() && !slow.ending.not_http &&
				   !(slow.ending.status && *slow.ending.status / 100 == 2);
		if (!right && wrong++ == 0)
			first_wrong = "connection " + std::to_string(i) + ", after " + std::to_string(slow.sent) +
				      " bytes: " + describe(slow.ending, hostile_wait);
	}
	std::sort(times.begin(), times.end());
	std::printf("slow: %llu connections sending a request head a byte a second: the server ended %zu within %llu s",
		    static_cast<unsigned long long>(count), times.size(), static_cast<unsigned long long>(seconds));
	if (!times.empty())
		std::printf(" (%s), %.1f to %.1f s after each was made (median %.1f s)", tally.text().c_str(),
			    times.front(), times.back(), times[times.size() / 2]);
	std::printf("\n");
	std::fflush(stdout);
	if (unmade)
		std::fprintf(stderr, "http_hostile: slow: %llu of %llu connections could not be made: %s\n",
			     static_cast<unsigned long long>(unmade), static_cast<unsigned long long>(count),
			     first_unmade.c_str());
	if (open)
		std::fprintf(stderr,
			     "http_hostile: slow: %llu of %llu connections still open after %llu s (up to %zu bytes "
			     "of the head sent)\n",
			     static_cast<unsigned long long>(open), static_cast<unsigned long long>(count),
			     static_cast<unsigned long long>(seconds), most_sent);
	if (wrong)
		std::fprintf(stderr, "http_hostile: slow: the server got %llu connections wrong; the first, %s\n",
			     static_cast<unsigned long long>(wrong), first_wrong.c_str());
	return unmade == 0 && open == 0 && wrong == 0;
}

} // namespace cosk::net_test
