// SPDX-License-Identifier: GPL-2.0
// The classes of frames hostile_frames sends, and what they share: who sends to whom, the seeded
// random source (prng.hpp), and the count of what the kernel took. Each class lives in a file of
// its own (hostile_*.cpp); the table at the end names them in the order `all` sends them.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "tests/net/frame.hpp"
#include "tests/net/packet_socket.hpp"
#include "tests/net/prng.hpp"

namespace cosk::net_test {

// Who the frames go from and to. Addresses in host byte order.
struct Target {
	Mac own_mac{}, dst_mac{};
	std::uint32_t own_ip = 0, dst_ip = 0;
	std::optional<std::uint32_t> interface_ip; // the interface's own, if it has one
	std::uint16_t port = 7;
	unsigned mtu = 1500;
};

// A refusal by the kernel that a class expects, and that does not fail the run.
enum class May_refuse {
	no,
	shorter_than_ethernet_header, // a packet socket takes nothing shorter (EINVAL)
	longer_than_mtu,              // nor anything longer than the MTU allows (EMSGSIZE)
};

struct Tally {
	std::uint64_t sent = 0;
	std::uint64_t refused_short = 0;
	std::uint64_t refused_long = 0;
	std::uint64_t failed = 0; // refused for no reason the class expected
	int first_error = 0;      // the errno of the first of those
};

// Where a class hands its frames; counts what the kernel took and what it refused.
class Sender {
public:
	explicit Sender(Packet_socket &socket) : socket_(socket) {}
	void send(std::span<const std::uint8_t> frame, May_refuse may = May_refuse::no);
	[[nodiscard]] Tally take();

private:
	Packet_socket &socket_;
	Tally tally_;
};

// Frames from the interface's Ethernet address to the target's.
[[nodiscard]] Bytes frame_to(const Target &target, std::uint16_t type, std::span<const std::uint8_t> payload);
// An IPv4 header from own_ip to dst_ip with a random id.
[[nodiscard]] Ipv4 ipv4_to(const Target &target, Prng &random, std::uint8_t protocol);
// A TCP header to the target's port from a random port above 1023, random sequence numbers.
[[nodiscard]] Tcp tcp_to(const Target &target, Prng &random, std::uint16_t flags);
// A whole frame: Ethernet, that IPv4 header, the segment (checksums as tcp and ip ask).
[[nodiscard]] Bytes tcp_frame(const Target &target, const Ipv4 &ip, const Tcp &tcp,
			      std::span<const std::uint8_t> payload = {});
// The usual options of a connection request: MSS 1460, SACK permitted, timestamps, window scale.
[[nodiscard]] Bytes syn_options();
// A random address of the target's /24 that is nobody here: not .0 or .255, not the target's,
// not ours, not the interface's. Frames may claim it from any Ethernet address.
[[nodiscard]] std::uint32_t bystander_ip(const Target &target, Prng &random);
// A random locally administered unicast Ethernet address.
[[nodiscard]] Mac random_mac(Prng &random);

struct Hostile_class {
	const char *name;
	// count: for syn_flood and random the frames to send, for the others how many rounds of
	// their catalogue (each round with fresh ports, sequence numbers and ids)
	void (*send)(const Target &target, Prng &random, std::uint64_t count, Sender &out);
	std::uint64_t default_count;
};

void send_truncated(const Target &target, Prng &random, std::uint64_t rounds, Sender &out);
void send_bad_checksum(const Target &target, Prng &random, std::uint64_t rounds, Sender &out);
void send_random(const Target &target, Prng &random, std::uint64_t frames, Sender &out);
void send_oversize(const Target &target, Prng &random, std::uint64_t rounds, Sender &out);
void send_fragments(const Target &target, Prng &random, std::uint64_t rounds, Sender &out);
void send_tcp_flags(const Target &target, Prng &random, std::uint64_t rounds, Sender &out);
void send_syn_flood(const Target &target, Prng &random, std::uint64_t syns, Sender &out);
void send_arp(const Target &target, Prng &random, std::uint64_t rounds, Sender &out);

[[nodiscard]] std::span<const Hostile_class> hostile_classes();

} // namespace cosk::net_test
