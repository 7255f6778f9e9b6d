// SPDX-License-Identifier: GPL-2.0
// The class random: random bytes behind a right Ethernet header (EtherType IPv4, and ARP), random
// transport headers and data behind a right IPv4 header (checksums right, so that the bytes reach
// the TCP, UDP and ICMP parsers), and frames random from the first byte. Four kinds in turn; the
// seed fixes every byte.
#include <algorithm>

#include "tests/net/hostile_classes.hpp"

namespace cosk::net_test {

namespace {

// Random bytes of a random length in [0, most].
Bytes random_length_bytes(Prng &random, std::size_t most)
{
	return random.bytes(static_cast<std::size_t>(random.below(most + 1)));
}

// A right IPv4 header (sometimes with random options) over a random TCP segment to the port, UDP
// datagram to the port, ICMP message, or another protocol; lengths and checksums right.
Bytes random_transport(const Target &target, Prng &random, std::size_t ip_mtu)
{
	Ipv4 ip = ipv4_to(target, random, protocol_tcp);
	if (random.below(4) == 0)
		ip.options = random.bytes(static_cast<std::size_t>(4 * (1 + random.below(10))));
	const std::size_t room = ip_mtu - 20 - ip.options.size();
	Bytes transport;
	switch (random.below(4)) {
	case 0: {
		Tcp tcp = tcp_to(target, random, static_cast<std::uint16_t>(random.below(tcp_flag::all + 1)));
		tcp.ack = random.u32();
		tcp.window = random.u16();
		tcp.urgent = random.u16();
		tcp.options = random.bytes(static_cast<std::size_t>(4 * random.below(11)));
		transport = tcp_segment(tcp, random_length_bytes(random, room - 20 - tcp.options.size()), ip.src, ip.dst);
		break;
	}
	case 1:
		ip.protocol = protocol_udp;
		transport = udp_datagram(random.u16(), target.port, random_length_bytes(random, room - 8), ip.src, ip.dst);
		break;
	case 2:
		ip.protocol = protocol_icmp;
		transport = icmp_message(random.u16(), random.u16(), random_length_bytes(random, room - 8), false,
					 random.u8(), random.u8());
		break;
	default:
		// Any other protocol: TCP, UDP or ICMP here would be random bytes behind a wrong checksum.
		do
			ip.protocol = random.u8();
		while (ip.protocol == protocol_tcp || ip.protocol == protocol_udp || ip.protocol == protocol_icmp);
		transport = random_length_bytes(random, room);
		break;
	}
	return frame_to(target, ethertype_ipv4, ipv4_packet(ip, transport));
}

} // namespace

void send_random(const Target &target, Prng &random, std::uint64_t frames, Sender &out)
{
	// No frame longer than Ethernet's 1514 bytes, nor than the interface takes.
	const std::size_t ip_mtu = std::min<std::size_t>(target.mtu, 1500);
	for (std::uint64_t i = 0; i < frames; i++) {
		switch (i % 4) {
		case 0: out.send(frame_to(target, ethertype_ipv4, random_length_bytes(random, ip_mtu))); break;
		case 1: out.send(frame_to(target, ethertype_arp, random_length_bytes(random, 100))); break;
		case 2: out.send(random_transport(target, random, ip_mtu)); break;
		default:
			out.send(random.bytes(static_cast<std::size_t>(
				ethernet_header_size + random.below(ip_mtu + 1))));
			break;
		}
	}
}

} // namespace cosk::net_test
