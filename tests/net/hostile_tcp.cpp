// SPDX-License-Identifier: GPL-2.0
// The classes aimed at the TCP port: tcp_flags (segments no connection could send: impossible
// flag sets, urgent pointers past the data, data offsets that lie, connection requests with
// broken options) and syn_flood (connection requests from many made-up hosts). Checksums are
// right throughout.
#include "tests/net/hostile_classes.hpp"

namespace cosk::net_test {

void send_tcp_flags(const Target &target, Prng &random, std::uint64_t rounds, Sender &out)
{
	using namespace tcp_flag;
	for (std::uint64_t round = 0; round < rounds; round++) {
		const Bytes data = random.bytes(10);
		auto send = [&](const Tcp &tcp, std::span<const std::uint8_t> payload = {}) {
			out.send(tcp_frame(target, ipv4_to(target, random, protocol_tcp), tcp, payload));
		};
		// Flag sets: SYN+FIN, SYN+RST, SYN+FIN+RST, FIN without ACK, every flag (xmas, with
		// and without data), none (null), nmap's FIN+PSH+URG, SYN+ACK to a listener, SYN+URG+PSH,
		// RST+FIN, ECE+CWR alone; PSH alone and SYN with data.
		for (const int flags : std::initializer_list<int>{syn | fin, syn | rst, syn | fin | rst, fin, all, 0,
								  fin | psh | urg, syn | ack, syn | urg | psh, rst | fin,
								  ece | cwr})
			send(tcp_to(target, random, static_cast<std::uint16_t>(flags)));
		send(tcp_to(target, random, all), data);
		send(tcp_to(target, random, psh), data);
		send(tcp_to(target, random, syn), data);

		// Urgent pointers beyond the data: 1000 past 10 bytes, the largest there is, one
		// without data, and one without the URG flag.
		struct Urgent {
			std::uint16_t flags, pointer;
			bool with_data;
		};
		for (const Urgent &u : std::initializer_list<Urgent>{{ack | urg | psh, 1000, true},
								       {ack | urg, 0xffff, true},
								       {ack | urg, 1, false},
								       {ack | psh, 500, true}}) {
			Tcp tcp = tcp_to(target, random, u.flags);
			tcp.urgent = u.pointer;
			send(tcp, u.with_data ? std::span<const std::uint8_t>(data) : std::span<const std::uint8_t>());
		}

		// Data offsets below 5 and beyond the segment (options that are not there), on SYNs and
		// data segments; and 15 words over a 20-byte header and 20 bytes of data.
		for (const std::uint8_t offset : std::initializer_list<std::uint8_t>{0, 1, 4, 6, 15}) {
			for (const bool syn_flag : {true, false}) {
				Tcp tcp = tcp_to(target, random, syn_flag ? syn : ack | psh);
				tcp.data_offset = offset;
				send(tcp);
			}
		}
		Tcp over_data = tcp_to(target, random, ack | psh);
		over_data.data_offset = 15;
		send(over_data, random.bytes(20));

		// Connection requests with broken options: length 0 (a parser that adds it loops
		// forever), length 1, an MSS of length 3 and of value 0, window scale 255, an option
		// running past the header, SACK permitted of length 3, timestamps of length 4, an
		// unknown kind, 40 bytes of NOPs, end of options followed by more.
		for (const Bytes &options : std::initializer_list<Bytes>{
			     {2, 0, 5, 0xb4},
			     {8, 1, 0, 0},
			     {2, 3, 5, 1},
			     {2, 4, 0, 0},
			     {1, 3, 3, 255},
			     {8, 40, 0, 0, 0, 1, 0, 0},
			     {4, 3, 1, 1},
			     {8, 4, 0, 0},
			     {253, 2, 1, 1},
			     Bytes(40, 1),
			     {0, 2, 4, 5, 0xb4, 3, 3, 14},
		     }) {
			Tcp tcp = tcp_to(target, random, syn);
			tcp.options = options;
			send(tcp);
		}
	}
}

void send_syn_flood(const Target &target, Prng &random, std::uint64_t syns, Sender &out)
{
	for (std::uint64_t i = 0; i < syns; i++) {
		Ipv4 ip = ipv4_to(target, random, protocol_tcp);
		ip.src = bystander_ip(target, random);
		Tcp tcp = tcp_to(target, random, tcp_flag::syn);
		tcp.window = 64240;
		tcp.options = syn_options();
		out.send(tcp_frame(target, ip, tcp));
	}
}

} // namespace cosk::net_test
