// SPDX-License-Identifier: GPL-2.0
// Frames built byte by byte for hostile_frames: Ethernet, IPv4, TCP, UDP, ICMP and ARP with every
// field settable, so that a header can lie, and checksums computed right unless a field asks for
// them wrong (a stack must then parse past them to find what is hostile).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace cosk::net_test {

using Bytes = std::vector<std::uint8_t>;
using Mac = std::array<std::uint8_t, 6>;

constexpr std::uint16_t ethertype_ipv4 = 0x0800;
constexpr std::uint16_t ethertype_arp = 0x0806;
constexpr std::uint16_t ethertype_vlan = 0x8100;
constexpr std::uint8_t protocol_icmp = 1;
constexpr std::uint8_t protocol_tcp = 6;
constexpr std::uint8_t protocol_udp = 17;
constexpr std::size_t ethernet_header_size = 14;
constexpr std::uint16_t ipv4_more_fragments = 0x2000;

namespace tcp_flag {
constexpr std::uint16_t fin = 0x001, syn = 0x002, rst = 0x004, psh = 0x008, ack = 0x010, urg = 0x020,
			ece = 0x040, cwr = 0x080, ns = 0x100;
constexpr std::uint16_t all = 0x1ff;
} // namespace tcp_flag

// RFC 1071: the one's-complement sum of bytes (an odd last byte padded with zero), added to sum;
// checksum_of folds and inverts it into the value a header carries.
[[nodiscard]] std::uint32_t checksum_add(std::span<const std::uint8_t> bytes, std::uint32_t sum = 0);
[[nodiscard]] std::uint16_t checksum_of(std::uint32_t sum);
// A checksum that is certainly wrong where right was right (one's complement has two zeroes,
// 0x0000 and 0xffff, so flipping all bits could give an equivalent value; one bit cannot).
[[nodiscard]] constexpr std::uint16_t wrong_checksum(std::uint16_t right) { return right ^ 0x0100; }

void put16(Bytes &out, std::size_t at, std::uint16_t value);
void put32(Bytes &out, std::size_t at, std::uint32_t value);

struct Ipv4 {
	std::uint32_t src = 0, dst = 0; // host byte order, as every address here
	std::uint8_t protocol = protocol_tcp;
	std::uint16_t id = 0;
	std::uint16_t fragment = 0; // flags and offset in 8-byte units, as on the wire
	std::uint8_t ttl = 64;
	std::uint8_t version = 4;
	Bytes options;                             // padded with zeroes (end of options) to whole words
	std::optional<std::uint8_t> ihl;           // the true header length in words unless set
	std::optional<std::uint16_t> total_length; // the true length unless set
	bool bad_checksum = false;
};

// Header and payload. The header checksum covers the ihl * 4 bytes the header claims (as a
// receiver computes it), or as many of them as the packet holds.
[[nodiscard]] Bytes ipv4_packet(const Ipv4 &ip, std::span<const std::uint8_t> payload);

struct Tcp {
	std::uint16_t src_port = 0, dst_port = 0;
	std::uint32_t seq = 0, ack = 0;
	std::uint16_t flags = 0;
	std::uint16_t window = 65535;
	std::uint16_t urgent = 0;
	Bytes options;                            // padded with zeroes to whole words
	std::optional<std::uint8_t> data_offset;  // the true header length in words unless set
	bool bad_checksum = false;
	bool no_pseudo_header = false;            // the checksum of the segment alone: a classic bug
};

// Header and payload, the checksum over the pseudo-header (src, dst) and the whole segment.
[[nodiscard]] Bytes tcp_segment(const Tcp &tcp, std::span<const std::uint8_t> payload, std::uint32_t src,
				std::uint32_t dst);

// A UDP datagram; checksum 0 (none, allowed over IPv4) when right_checksum is false.
[[nodiscard]] Bytes udp_datagram(std::uint16_t src_port, std::uint16_t dst_port, std::span<const std::uint8_t> payload,
				 std::uint32_t src, std::uint32_t dst, bool right_checksum = true,
				 std::optional<std::uint16_t> length = std::nullopt);

// An ICMP message (echo request unless told): type, code, id, sequence, payload, its checksum.
[[nodiscard]] Bytes icmp_message(std::uint16_t id, std::uint16_t sequence, std::span<const std::uint8_t> payload,
				 bool bad_checksum = false, std::uint8_t type = 8, std::uint8_t code = 0);

struct Arp {
	std::uint16_t hardware_type = 1;
	std::uint16_t protocol_type = ethertype_ipv4;
	std::optional<std::uint8_t> hardware_length; // sender_hw's size unless set
	std::optional<std::uint8_t> protocol_length; // sender_ip's size unless set
	std::uint16_t operation = 1;
	Bytes sender_hw, sender_ip, target_hw, target_ip; // laid out as given, whatever the lengths say
};

[[nodiscard]] Bytes arp_packet(const Arp &arp);

[[nodiscard]] Bytes ethernet_frame(const Mac &dst, const Mac &src, std::uint16_t type,
				   std::span<const std::uint8_t> payload);

[[nodiscard]] Bytes ipv4_bytes(std::uint32_t address);
[[nodiscard]] Bytes mac_bytes(const Mac &mac);

} // namespace cosk::net_test
