// SPDX-License-Identifier: GPL-2.0
// The classes of requests http_hostile sends: random, truncated and oversize
// (http_hostile_requests.cpp), slow (http_hostile_slow.cpp), and what they share.
#pragma once

#include <netinet/in.h>

#include <cstdint>
#include <string>

#include "tests/net/prng.hpp"
#include "tests/net/tcp_connection.hpp"

namespace cosk::net_test {

// How long a class waits, after its last byte, for the server to end a connection; and for any
// one step of connecting or writing (--wait; 3 s unless told).
inline Milliseconds hostile_wait{3000};

struct Http_target {
	sockaddr_in address{};
	std::string host, port; // as given: for Host: headers and messages

	[[nodiscard]] std::string where() const { return host + ":" + port; }
};

// Each class prints one line saying what it sent and how the server ended the connections and,
// when the server misbehaved, a line on stderr saying how, first. True when it behaved.
[[nodiscard]] bool send_random(const Http_target &target, Prng &random, std::uint64_t connections);
[[nodiscard]] bool send_truncated(const Http_target &target, Prng &random, std::uint64_t connections);
[[nodiscard]] bool send_oversize(const Http_target &target);
[[nodiscard]] bool send_slow(const Http_target &target, std::uint64_t connections, std::uint64_t seconds);

} // namespace cosk::net_test
