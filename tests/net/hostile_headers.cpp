// SPDX-License-Identifier: GPL-2.0
// The classes whose frames lie about their own size or break one checksum: truncated,
// bad_checksum and oversize. Everything not meant to be wrong is right, so that a stack has to
// get past it to meet what is.
#include <algorithm>
#include <set>

#include "tests/net/hostile_classes.hpp"

namespace cosk::net_test {

namespace {

constexpr std::size_t tcp_checksum_at = ethernet_header_size + 20 + 16;
constexpr std::size_t udp_checksum_at = ethernet_header_size + 20 + 6;

Bytes syn_frame(const Target &target, Prng &random)
{
	Tcp tcp = tcp_to(target, random, tcp_flag::syn);
	tcp.options = syn_options();
	return tcp_frame(target, ipv4_to(target, random, protocol_tcp), tcp);
}

// A SYN without options (a 40-byte IPv4 packet) whose IPv4 header is changed by edit first.
template <typename Edit>
Bytes lying_syn(const Target &target, Prng &random, Edit edit)
{
	Ipv4 ip = ipv4_to(target, random, protocol_tcp);
	edit(ip);
	return tcp_frame(target, ip, tcp_to(target, random, tcp_flag::syn));
}

// Frames that are right as a whole, each then cut short.
std::vector<Bytes> whole_frames(const Target &target, Prng &random)
{
	std::vector<Bytes> frames;
	frames.push_back(syn_frame(target, random));
	frames.push_back(tcp_frame(target, ipv4_to(target, random, protocol_tcp),
				   tcp_to(target, random, tcp_flag::ack | tcp_flag::psh), random.bytes(32)));
	Ipv4 with_options = ipv4_to(target, random, protocol_udp);
	with_options.options = {0x94, 4, 0, 0, 1, 1, 1, 0}; // router alert, NOPs, end
	frames.push_back(frame_to(target, ethertype_ipv4,
				  ipv4_packet(with_options, udp_datagram(random.u16(), target.port, random.bytes(16),
									 target.own_ip, target.dst_ip))));
	Arp request;
	request.sender_hw = mac_bytes(target.own_mac);
	request.sender_ip = ipv4_bytes(target.own_ip);
	request.target_hw = Bytes(6, 0);
	request.target_ip = ipv4_bytes(target.dst_ip);
	frames.push_back(frame_to(target, ethertype_arp, arp_packet(request)));
	frames.push_back(frame_to(target, ethertype_ipv4,
				  ipv4_packet(ipv4_to(target, random, protocol_icmp),
					      icmp_message(random.u16(), 1, random.bytes(16)))));
	return frames;
}

} // namespace

void send_truncated(const Target &target, Prng &random, std::uint64_t rounds, Sender &out)
{
	for (std::uint64_t round = 0; round < rounds; round++) {
		const std::vector<Bytes> whole = whole_frames(target, random);
		// Cut inside the Ethernet header: a packet socket refuses these (EINVAL), sent anyway
		// so that a kernel that lets them through puts them on the wire.
		for (std::size_t length = 1; length < ethernet_header_size; length++)
			out.send(std::span(whole[0]).first(length), May_refuse::shorter_than_ethernet_header);
		// Cut inside the IPv4, TCP, UDP, ICMP headers, the options and the ARP body.
		for (const Bytes &frame : whole)
			for (std::size_t length = ethernet_header_size; length <= 60 && length < frame.size(); length++)
				out.send(std::span(frame).first(length));

		// IPv4 total length lying: more than the frame holds, less than a header, less than the
		// TCP header behind it.
		for (const std::uint16_t total : std::initializer_list<std::uint16_t>{1500, 41, 0, 8, 19, 20, 30})
			out.send(lying_syn(target, random, [total](Ipv4 &ip) { ip.total_length = total; }));
		// IHL lying: below the minimum, and claiming options that are the TCP header.
		for (const std::uint8_t ihl : std::initializer_list<std::uint8_t>{0, 1, 4, 6, 10, 15})
			out.send(lying_syn(target, random, [ihl](Ipv4 &ip) { ip.ihl = ihl; }));
		// IHL and total length agree on 60 bytes; the frame holds 40.
		out.send(lying_syn(target, random, [](Ipv4 &ip) {
			ip.ihl = 15;
			ip.total_length = 60;
		}));
		// Not version 4 behind an IPv4 EtherType.
		for (const std::uint8_t version : std::initializer_list<std::uint8_t>{0, 6, 15})
			out.send(lying_syn(target, random, [version](Ipv4 &ip) { ip.version = version; }));

		// Transport headers cut short in a packet whose IPv4 length agrees.
		const Bytes tcp = tcp_segment(tcp_to(target, random, tcp_flag::syn), {}, target.own_ip, target.dst_ip);
		out.send(frame_to(target, ethertype_ipv4,
				  ipv4_packet(ipv4_to(target, random, protocol_tcp), std::span(tcp).first(10))));
		// An ICMP header of 4 bytes, its checksum right over those, so that only its length is wrong.
		Bytes icmp = icmp_message(random.u16(), 1, {});
		icmp.resize(4);
		put16(icmp, 2, 0);
		put16(icmp, 2, checksum_of(checksum_add(icmp)));
		out.send(frame_to(target, ethertype_ipv4, ipv4_packet(ipv4_to(target, random, protocol_icmp), icmp)));
		// UDP length lying (no UDP checksum, so that only the length can stop it).
		for (const std::uint16_t length : std::initializer_list<std::uint16_t>{200, 4, 0}) {
			const Bytes udp = udp_datagram(random.u16(), target.port, random.bytes(16), target.own_ip,
						       target.dst_ip, false, length);
			out.send(frame_to(target, ethertype_ipv4, ipv4_packet(ipv4_to(target, random, protocol_udp), udp)));
		}
	}
}

void send_bad_checksum(const Target &target, Prng &random, std::uint64_t rounds, Sender &out)
{
	for (std::uint64_t round = 0; round < rounds; round++) {
		const Bytes data = random.bytes(64);
		auto syn = [&](bool bad_ip, bool bad_tcp) {
			Ipv4 ip = ipv4_to(target, random, protocol_tcp);
			ip.bad_checksum = bad_ip;
			Tcp tcp = tcp_to(target, random, tcp_flag::syn);
			tcp.options = syn_options();
			tcp.bad_checksum = bad_tcp;
			return tcp_frame(target, ip, tcp);
		};
		auto segment = [&](bool bad_ip, bool bad_tcp, std::uint16_t flags) {
			Ipv4 ip = ipv4_to(target, random, protocol_tcp);
			ip.bad_checksum = bad_ip;
			Tcp tcp = tcp_to(target, random, flags);
			tcp.bad_checksum = bad_tcp;
			return tcp_frame(target, ip, tcp, data);
		};
		// TCP checksum wrong, IPv4 right: on a SYN, a data segment and a RST.
		out.send(syn(false, true));
		out.send(segment(false, true, tcp_flag::ack | tcp_flag::psh));
		out.send(segment(false, true, tcp_flag::rst));
		// The checksum zero (TCP has no "no checksum"), and one without the pseudo-header.
		Bytes zero = syn(false, false);
		if (zero[tcp_checksum_at] == 0 && zero[tcp_checksum_at + 1] == 0)
			zero[tcp_checksum_at] = 1;
		else
			zero[tcp_checksum_at] = zero[tcp_checksum_at + 1] = 0;
		out.send(zero);
		for (const bool syn_flag : {true, false}) {
			Tcp tcp = tcp_to(target, random, syn_flag ? tcp_flag::syn : tcp_flag::ack | tcp_flag::psh);
			tcp.no_pseudo_header = true;
			out.send(tcp_frame(target, ipv4_to(target, random, protocol_tcp), tcp, data));
		}
		// IPv4 header checksum wrong, the rest right: a SYN, a data segment, an echo request,
		// a UDP datagram; then both wrong.
		out.send(syn(true, false));
		out.send(segment(true, false, tcp_flag::ack | tcp_flag::psh));
		Ipv4 icmp_ip = ipv4_to(target, random, protocol_icmp);
		icmp_ip.bad_checksum = true;
		out.send(frame_to(target, ethertype_ipv4, ipv4_packet(icmp_ip, icmp_message(random.u16(), 1, data))));
		Ipv4 udp_ip = ipv4_to(target, random, protocol_udp);
		udp_ip.bad_checksum = true;
		out.send(frame_to(target, ethertype_ipv4,
				  ipv4_packet(udp_ip, udp_datagram(random.u16(), target.port, data, target.own_ip,
								   target.dst_ip))));
		out.send(syn(true, true));
		// ICMP and UDP checksums wrong, IPv4 right.
		out.send(frame_to(target, ethertype_ipv4,
				  ipv4_packet(ipv4_to(target, random, protocol_icmp),
					      icmp_message(random.u16(), 1, data, true))));
		const Bytes datagram = udp_datagram(random.u16(), target.port, data, target.own_ip, target.dst_ip);
		Bytes udp = frame_to(target, ethertype_ipv4, ipv4_packet(ipv4_to(target, random, protocol_udp), datagram));
		udp[udp_checksum_at] ^= 1;
		out.send(udp);
	}
}

void send_oversize(const Target &target, Prng &random, std::uint64_t rounds, Sender &out)
{
	constexpr std::size_t largest = ethernet_header_size + 65535; // IPv4's total length is 16 bits
	const std::size_t mtu_frame = ethernet_header_size + target.mtu;
	std::set<std::size_t> lengths = {1515, 1518, 1519, 1522, 1600,  2048,  4096,
					 9000, 9014, 9018, 16384, 65535, largest};
	for (const std::size_t extra : std::initializer_list<std::size_t>{0, 1})
		if (mtu_frame + extra > 1514 && mtu_frame + extra <= largest)
			lengths.insert(mtu_frame + extra);
	for (std::uint64_t round = 0; round < rounds; round++) {
		auto data_frame = [&](std::size_t ip_length) {
			const Tcp tcp = tcp_to(target, random, tcp_flag::ack | tcp_flag::psh);
			return tcp_frame(target, ipv4_to(target, random, protocol_tcp), tcp, random.bytes(ip_length - 40));
		};
		// The largest frame an MTU of 1500 allows, then longer ones, each a right TCP segment.
		out.send(data_frame(1500), mtu_frame < 1514 ? May_refuse::longer_than_mtu : May_refuse::no);
		for (const std::size_t length : lengths)
			out.send(data_frame(length - ethernet_header_size), May_refuse::longer_than_mtu);
		// 802.1Q-tagged frames: 1518 bytes carry a 1500-byte packet (VLAN 0: priority only;
		// VLAN 42: none here), 1519 one byte more.
		for (const auto &[vlan, ip_length] : {std::pair{0, 1500}, {42, 1500}, {0, 1501}}) {
			const Bytes inner = data_frame(static_cast<std::size_t>(ip_length));
			Bytes payload = {0, static_cast<std::uint8_t>(vlan), 0x08, 0x00};
			payload.insert(payload.end(), inner.begin() + ethernet_header_size, inner.end());
			out.send(frame_to(target, ethertype_vlan, payload), May_refuse::longer_than_mtu);
		}
		// An IPv4 total length of 65535 in a short frame and in a full one.
		out.send(lying_syn(target, random, [](Ipv4 &ip) { ip.total_length = 65535; }));
		Bytes full = data_frame(1500);
		put16(full, ethernet_header_size + 2, 65535);
		put16(full, ethernet_header_size + 10, 0);
		put16(full, ethernet_header_size + 10,
		      checksum_of(checksum_add(std::span(full).subspan(ethernet_header_size, 20))));
		out.send(full, mtu_frame < 1514 ? May_refuse::longer_than_mtu : May_refuse::no);
	}
}

} // namespace cosk::net_test
