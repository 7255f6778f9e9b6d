// SPDX-License-Identifier: GPL-2.0
// Frames built byte by byte: see frame.hpp.
#include "tests/net/frame.hpp"

#include <algorithm>

namespace cosk::net_test {

namespace {

// Options padded with zeroes to a whole number of 32-bit words.
Bytes padded(const Bytes &options)
{
	Bytes out = options;
	out.resize((out.size() + 3) / 4 * 4, 0);
	return out;
}

std::uint32_t pseudo_header_sum(std::uint32_t src, std::uint32_t dst, std::uint8_t protocol, std::size_t length)
{
	Bytes pseudo(12, 0);
	put32(pseudo, 0, src);
	put32(pseudo, 4, dst);
	pseudo[9] = protocol;
	put16(pseudo, 10, static_cast<std::uint16_t>(length));
	return checksum_add(pseudo);
}

} // namespace

std::uint32_t checksum_add(std::span<const std::uint8_t> bytes, std::uint32_t sum)
{
	std::size_t i = 0;
	for (; i + 1 < bytes.size(); i += 2)
		sum += static_cast<std::uint32_t>(bytes[i] << 8 | bytes[i + 1]);
	if (i < bytes.size())
		sum += static_cast<std::uint32_t>(bytes[i] << 8);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum;
}

std::uint16_t checksum_of(std::uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return static_cast<std::uint16_t>(~sum & 0xffff);
}

// at(): a field written past its buffer is a bug here, and throws rather than writes.
void put16(Bytes &out, std::size_t at, std::uint16_t value)
{
	out.at(at) = static_cast<std::uint8_t>(value >> 8);
	out.at(at + 1) = static_cast<std::uint8_t>(value);
}

void put32(Bytes &out, std::size_t at, std::uint32_t value)
{
	put16(out, at, static_cast<std::uint16_t>(value >> 16));
	put16(out, at + 2, static_cast<std::uint16_t>(value));
}

Bytes ipv4_packet(const Ipv4 &ip, std::span<const std::uint8_t> payload)
{
	const Bytes options = padded(ip.options);
	const std::size_t header = 20 + options.size();
	Bytes out(header, 0);
	const std::uint8_t ihl = ip.ihl.value_or(static_cast<std::uint8_t>(header / 4));
	out[0] = static_cast<std::uint8_t>(ip.version << 4 | (ihl & 0xf));
	put16(out, 2, ip.total_length.value_or(static_cast<std::uint16_t>(header + payload.size())));
	put16(out, 4, ip.id);
	put16(out, 6, ip.fragment);
	out[8] = ip.ttl;
	out[9] = ip.protocol;
	put32(out, 12, ip.src);
	put32(out, 16, ip.dst);
	std::copy(options.begin(), options.end(), out.begin() + 20);
	out.insert(out.end(), payload.begin(), payload.end());
	const std::size_t covered = std::min<std::size_t>(static_cast<std::size_t>(ihl & 0xf) * 4, out.size());
	const std::uint16_t sum = checksum_of(checksum_add(std::span(out).first(covered)));
	put16(out, 10, ip.bad_checksum ? wrong_checksum(sum) : sum);
	return out;
}

Bytes tcp_segment(const Tcp &tcp, std::span<const std::uint8_t> payload, std::uint32_t src, std::uint32_t dst)
{
	const Bytes options = padded(tcp.options);
	const std::size_t header = 20 + options.size();
	Bytes out(header, 0);
	put16(out, 0, tcp.src_port);
	put16(out, 2, tcp.dst_port);
	put32(out, 4, tcp.seq);
	put32(out, 8, tcp.ack);
	const std::uint8_t offset = tcp.data_offset.value_or(static_cast<std::uint8_t>(header / 4));
	out[12] = static_cast<std::uint8_t>((offset & 0xf) << 4 | (tcp.flags >> 8 & 1));
	out[13] = static_cast<std::uint8_t>(tcp.flags);
	put16(out, 14, tcp.window);
	put16(out, 18, tcp.urgent);
	std::copy(options.begin(), options.end(), out.begin() + 20);
	out.insert(out.end(), payload.begin(), payload.end());
	const std::uint32_t start = tcp.no_pseudo_header ? 0 : pseudo_header_sum(src, dst, protocol_tcp, out.size());
	const std::uint16_t sum = checksum_of(checksum_add(out, start));
	put16(out, 16, tcp.bad_checksum ? wrong_checksum(sum) : sum);
	return out;
}

Bytes udp_datagram(std::uint16_t src_port, std::uint16_t dst_port, std::span<const std::uint8_t> payload,
		   std::uint32_t src, std::uint32_t dst, bool right_checksum, std::optional<std::uint16_t> length)
{
	Bytes out(8, 0);
	put16(out, 0, src_port);
	put16(out, 2, dst_port);
	put16(out, 4, length.value_or(static_cast<std::uint16_t>(8 + payload.size())));
	out.insert(out.end(), payload.begin(), payload.end());
	if (right_checksum) {
		std::uint16_t sum = checksum_of(checksum_add(out, pseudo_header_sum(src, dst, protocol_udp, out.size())));
		put16(out, 6, sum ? sum : 0xffff); // 0 would mean "no checksum"
	}
	return out;
}

Bytes icmp_message(std::uint16_t id, std::uint16_t sequence, std::span<const std::uint8_t> payload, bool bad_checksum,
		   std::uint8_t type, std::uint8_t code)
{
	Bytes out(8, 0);
	out[0] = type;
	out[1] = code;
	put16(out, 4, id);
	put16(out, 6, sequence);
	out.insert(out.end(), payload.begin(), payload.end());
	const std::uint16_t sum = checksum_of(checksum_add(out));
	put16(out, 2, bad_checksum ? wrong_checksum(sum) : sum);
	return out;
}

Bytes arp_packet(const Arp &arp)
{
	Bytes out(8, 0);
	put16(out, 0, arp.hardware_type);
	put16(out, 2, arp.protocol_type);
	out[4] = arp.hardware_length.value_or(static_cast<std::uint8_t>(arp.sender_hw.size()));
	out[5] = arp.protocol_length.value_or(static_cast<std::uint8_t>(arp.sender_ip.size()));
	put16(out, 6, arp.operation);
	for (const Bytes *field : {&arp.sender_hw, &arp.sender_ip, &arp.target_hw, &arp.target_ip})
		out.insert(out.end(), field->begin(), field->end());
	return out;
}

Bytes ethernet_frame(const Mac &dst, const Mac &src, std::uint16_t type, std::span<const std::uint8_t> payload)
{
	Bytes out(ethernet_header_size, 0);
	std::copy(dst.begin(), dst.end(), out.begin());
	std::copy(src.begin(), src.end(), out.begin() + 6);
	put16(out, 12, type);
	out.insert(out.end(), payload.begin(), payload.end());
	return out;
}

Bytes ipv4_bytes(std::uint32_t address)
{
	Bytes out(4, 0);
	put32(out, 0, address);
	return out;
}

Bytes mac_bytes(const Mac &mac)
{
	return Bytes(mac.begin(), mac.end());
}

} // namespace cosk::net_test
