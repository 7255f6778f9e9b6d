// SPDX-License-Identifier: GPL-2.0
// The class fragments: IPv4 fragment trains that overlap, begin with a fragment too small for a
// transport header, come out of order, never complete, or reassemble to more than 65535 bytes.
// Each datagram, once whole, is a right ICMP echo request, UDP datagram or TCP SYN, so that a
// stack that reassembles it wrongly meets it further up.
#include <algorithm>

#include "tests/net/hostile_classes.hpp"

namespace cosk::net_test {

namespace {

constexpr std::size_t piece = 1480; // what a 1500-byte MTU carries after a 20-byte header

// Bytes [offset, offset + length) of a datagram's payload (clipped to it) as one fragment.
Bytes fragment(const Target &target, std::uint8_t protocol, std::uint16_t id, std::span<const std::uint8_t> payload,
	       std::size_t offset, std::size_t length, bool more)
{
	Ipv4 ip;
	ip.src = target.own_ip;
	ip.dst = target.dst_ip;
	ip.protocol = protocol;
	ip.id = id;
	ip.fragment = static_cast<std::uint16_t>((offset / 8) | (more ? ipv4_more_fragments : 0));
	const std::size_t from = std::min(offset, payload.size());
	const auto bytes = payload.subspan(from, std::min(length, payload.size() - from));
	return frame_to(target, ethertype_ipv4, ipv4_packet(ip, bytes));
}

struct Datagram {
	std::uint8_t protocol;
	std::uint16_t id;
	Bytes payload;
};

Datagram echo(Prng &random, std::size_t size)
{
	return {protocol_icmp, random.u16(), icmp_message(random.u16(), 1, random.bytes(size - 8))};
}

// The datagram's pieces of `piece` bytes, in the order given by indices (all when empty).
void send_pieces(const Target &target, const Datagram &d, Sender &out, std::initializer_list<std::size_t> order = {})
{
	const std::size_t count = (d.payload.size() + piece - 1) / piece;
	std::vector<std::size_t> indices(order);
	if (indices.empty())
		for (std::size_t i = 0; i < count; i++)
			indices.push_back(i);
	for (const std::size_t i : indices)
		out.send(fragment(target, d.protocol, d.id, d.payload, i * piece, piece, i + 1 < count));
}

} // namespace

void send_fragments(const Target &target, Prng &random, std::uint64_t rounds, Sender &out)
{
	for (std::uint64_t round = 0; round < rounds; round++) {
		// Out of order, complete and right: last first, and middle first.
		send_pieces(target, echo(random, 4000), out, {2, 1, 0});
		send_pieces(target, echo(random, 4000), out, {1, 2, 0});

		// Overlapping: with other bytes in the overlap, with the same bytes, a later fragment
		// inside an earlier one (teardrop), and one covering an earlier one.
		{
			const Datagram d = echo(random, 3000);
			Bytes other = d.payload;
			std::fill(other.begin() + 1472, other.begin() + 1480, 0xa5);
			out.send(fragment(target, d.protocol, d.id, d.payload, 0, 1480, true));
			out.send(fragment(target, d.protocol, d.id, other, 1472, 1480, true));
			out.send(fragment(target, d.protocol, d.id, d.payload, 2952, 48, false));
		}
		{
			const Datagram d = echo(random, 3000);
			out.send(fragment(target, d.protocol, d.id, d.payload, 0, 1480, true));
			out.send(fragment(target, d.protocol, d.id, d.payload, 1400, 1480, true));
			out.send(fragment(target, d.protocol, d.id, d.payload, 2880, 120, false));
		}
		{
			const Datagram d = echo(random, 64);
			out.send(fragment(target, d.protocol, d.id, d.payload, 0, 40, true));
			out.send(fragment(target, d.protocol, d.id, d.payload, 24, 4, false));
		}
		{
			const Datagram d = echo(random, 2900);
			out.send(fragment(target, d.protocol, d.id, d.payload, 8, 16, true));
			out.send(fragment(target, d.protocol, d.id, d.payload, 0, 1480, true));
			out.send(fragment(target, d.protocol, d.id, d.payload, 1480, 1420, false));
		}

		// A first fragment of 8 bytes (ports and sequence number, no flags), the rest after it.
		Tcp syn = tcp_to(target, random, tcp_flag::syn);
		syn.options = syn_options();
		const Datagram tcp{protocol_tcp, random.u16(), tcp_segment(syn, {}, target.own_ip, target.dst_ip)};
		out.send(fragment(target, tcp.protocol, tcp.id, tcp.payload, 0, 8, true));
		out.send(fragment(target, tcp.protocol, tcp.id, tcp.payload, 8, piece, false));
		// RFC 1858's overlap: a first fragment with an ACK's header, a second at offset 8 that
		// rewrites the flags into a SYN (its checksum right for the SYN).
		{
			Tcp ack = tcp_to(target, random, tcp_flag::ack);
			const Bytes ack_bytes = tcp_segment(ack, {}, target.own_ip, target.dst_ip);
			ack.flags = tcp_flag::syn;
			ack.ack = 0;
			const Bytes syn_bytes = tcp_segment(ack, {}, target.own_ip, target.dst_ip);
			const std::uint16_t id = random.u16();
			out.send(fragment(target, protocol_tcp, id, ack_bytes, 0, 16, true));
			out.send(fragment(target, protocol_tcp, id, syn_bytes, 8, 12, false));
		}
		// An empty fragment at the start of a train; a non-last fragment whose length is no
		// multiple of 8.
		{
			const Datagram d = echo(random, 64);
			out.send(fragment(target, d.protocol, d.id, d.payload, 0, 0, true));
			out.send(fragment(target, d.protocol, d.id, d.payload, 0, 32, true));
			out.send(fragment(target, d.protocol, d.id, d.payload, 32, 32, false));
		}
		{
			const Datagram d = echo(random, 64);
			out.send(fragment(target, d.protocol, d.id, d.payload, 0, 13, true));
			out.send(fragment(target, d.protocol, d.id, d.payload, 16, 48, false));
		}

		// Trains that never complete (each waits out the reassembly timeout): only the first
		// fragment, only the last, or both without the middle.
		for (std::size_t train = 0; train < 48; train++) {
			const Bytes data = random.bytes(4000);
			const Datagram d{protocol_udp, random.u16(),
					 udp_datagram(random.u16(), target.port, data, target.own_ip, target.dst_ip)};
			switch (train % 3) {
			case 0: send_pieces(target, d, out, {0}); break;
			case 1: send_pieces(target, d, out, {2}); break;
			default: send_pieces(target, d, out, {0, 2}); break;
			}
		}

		// More than 65535 bytes once reassembled (ping of death): 45 fragments reaching to
		// 66600; then a lone fragment at the largest offset there is.
		send_pieces(target, echo(random, 45 * piece), out);
		const Datagram lone = echo(random, 65528 + 100);
		out.send(fragment(target, lone.protocol, lone.id, lone.payload, 65528, 100, false));
	}
}

} // namespace cosk::net_test
