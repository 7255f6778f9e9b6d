// SPDX-License-Identifier: GPL-2.0
// What the classes of hostile frames share, and their table: see hostile_classes.hpp.
#include "tests/net/hostile_classes.hpp"

#include <cerrno>

namespace cosk::net_test {

void Sender::send(std::span<const std::uint8_t> frame, May_refuse may)
{
	const int error = socket_.send(frame);
	if (error == 0)
		tally_.sent++;
	else if (may == May_refuse::shorter_than_ethernet_header && error == EINVAL)
		tally_.refused_short++;
	else if (may == May_refuse::longer_than_mtu && error == EMSGSIZE)
		tally_.refused_long++;
	else if (tally_.failed++ == 0)
		tally_.first_error = error;
}

Tally Sender::take()
{
	const Tally out = tally_;
	tally_ = {};
	return out;
}

Bytes frame_to(const Target &target, std::uint16_t type, std::span<const std::uint8_t> payload)
{
	return ethernet_frame(target.dst_mac, target.own_mac, type, payload);
}

Ipv4 ipv4_to(const Target &target, Prng &random, std::uint8_t protocol)
{
	Ipv4 ip;
	ip.src = target.own_ip;
	ip.dst = target.dst_ip;
	ip.protocol = protocol;
	ip.id = random.u16();
	return ip;
}

Tcp tcp_to(const Target &target, Prng &random, std::uint16_t flags)
{
	Tcp tcp;
	tcp.src_port = static_cast<std::uint16_t>(1024 + random.below(65536 - 1024));
	tcp.dst_port = target.port;
	tcp.seq = random.u32();
	tcp.ack = (flags & tcp_flag::ack) ? random.u32() : 0;
	tcp.flags = flags;
	return tcp;
}

Bytes tcp_frame(const Target &target, const Ipv4 &ip, const Tcp &tcp, std::span<const std::uint8_t> payload)
{
	return frame_to(target, ethertype_ipv4, ipv4_packet(ip, tcp_segment(tcp, payload, ip.src, ip.dst)));
}

Bytes syn_options()
{
	return {2, 4, 0x05, 0xb4,                   // MSS 1460
		4, 2,                               // SACK permitted
		8, 10, 0, 0, 0, 1, 0, 0, 0, 0,      // timestamps
		1, 3, 3, 7};                        // NOP, window scale 7
}

std::uint32_t bystander_ip(const Target &target, Prng &random)
{
	for (;;) {
		const std::uint32_t ip = (target.dst_ip & 0xffffff00) | static_cast<std::uint32_t>(1 + random.below(254));
		if (ip != target.dst_ip && ip != target.own_ip && ip != target.interface_ip.value_or(target.own_ip))
			return ip;
	}
}

Mac random_mac(Prng &random)
{
	Mac mac;
	for (auto &byte : mac)
		byte = random.u8();
	mac[0] = static_cast<std::uint8_t>((mac[0] & 0xfe) | 0x02);
	return mac;
}

std::span<const Hostile_class> hostile_classes()
{
	static const Hostile_class table[] = {
		{"truncated", send_truncated, 1},
		{"bad_checksum", send_bad_checksum, 1},
		{"random", send_random, 2000},
		{"oversize", send_oversize, 1},
		{"fragments", send_fragments, 1},
		{"tcp_flags", send_tcp_flags, 1},
		{"syn_flood", send_syn_flood, 10000},
		{"arp", send_arp, 1},
	};
	return table;
}

} // namespace cosk::net_test
