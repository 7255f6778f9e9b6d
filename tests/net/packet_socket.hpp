// SPDX-License-Identifier: GPL-2.0
// An AF_PACKET socket bound to one interface, which hands whole Ethernet frames to its driver
// (the kernel adds nothing and checks little), and what hostile_frames needs to know of the
// interface: its index, Ethernet address, IPv4 address (if it has one) and MTU. Only reads the
// interface; never changes it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "tests/net/frame.hpp"

namespace cosk::net_test {

struct Interface {
	int index = 0;
	Mac mac{};
	std::optional<std::uint32_t> ipv4; // host byte order
	unsigned mtu = 0;
};

enum class Socket_error {
	none,
	no_such_interface,
	not_permitted, // no CAP_NET_RAW: not root
	system,        // anything else: errno says what
};

struct Socket_opened;

class Packet_socket {
public:
	[[nodiscard]] static Socket_opened open(const std::string &interface_name);

	Packet_socket(Packet_socket &&other) noexcept;
	Packet_socket(const Packet_socket &) = delete;
	Packet_socket &operator=(const Packet_socket &) = delete;
	Packet_socket &operator=(Packet_socket &&) = delete;
	~Packet_socket();

	// Hands one frame to the driver: 0, or the errno the kernel refused it with. A full queue
	// (ENOBUFS) is waited out, a hundred times a millisecond, before it counts as a refusal.
	// Handed over is not delivered: a driver may still drop it.
	[[nodiscard]] int send(std::span<const std::uint8_t> frame);

	[[nodiscard]] const Interface &interface() const { return interface_; }

private:
	Packet_socket(int fd, Interface interface) : fd_(fd), interface_(interface) {}

	int fd_;
	Interface interface_;
};

struct [[nodiscard]] Socket_opened {
	std::optional<Packet_socket> socket; // set when error is none
	Socket_error error = Socket_error::none;
	int errno_value = 0;
};

} // namespace cosk::net_test
