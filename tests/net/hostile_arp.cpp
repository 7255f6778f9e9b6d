// SPDX-License-Identifier: GPL-2.0
// The class arp: ARP packets with lying hardware and protocol lengths, other hardware and
// protocol types, unknown operations, bodies cut short, odd sender addresses, and requests for
// the target's address from random Ethernet addresses.
//
// No frame claims the target's address, ours or the interface's from another Ethernet address:
// a gratuitous ARP for the target's address would take it over, and one for ours would send the
// target's answers elsewhere and break every test after this one. Sender addresses are
// bystanders (hostile_classes.hpp), or 0.0.0.0 in a probe.
#include "tests/net/hostile_classes.hpp"

namespace cosk::net_test {

namespace {

constexpr Mac broadcast = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff};

// A request for the target's address from a random Ethernet address and a bystander.
Arp request(const Target &target, Prng &random, const Mac &sender)
{
	Arp arp;
	arp.sender_hw = mac_bytes(sender);
	arp.sender_ip = ipv4_bytes(bystander_ip(target, random));
	arp.target_hw = Bytes(6, 0);
	arp.target_ip = ipv4_bytes(target.dst_ip);
	return arp;
}

Bytes arp_frame(const Mac &dst, const Mac &src, const Arp &arp)
{
	return ethernet_frame(dst, src, ethertype_arp, arp_packet(arp));
}

} // namespace

void send_arp(const Target &target, Prng &random, std::uint64_t rounds, Sender &out)
{
	for (std::uint64_t round = 0; round < rounds; round++) {
		// Lengths that lie, the addresses laid out as they say, and as if they said 6 and 4.
		for (const std::uint8_t length : std::initializer_list<std::uint8_t>{0, 5, 7, 255}) {
			const Mac sender = random_mac(random);
			Arp arp = request(target, random, sender);
			arp.sender_hw = random.bytes(length);
			arp.target_hw = Bytes(length, 0);
			out.send(arp_frame(broadcast, sender, arp));
			arp = request(target, random, sender);
			arp.hardware_length = length;
			out.send(arp_frame(broadcast, sender, arp));
		}
		for (const std::uint8_t length : std::initializer_list<std::uint8_t>{0, 3, 5, 16}) {
			const Mac sender = random_mac(random);
			Arp arp = request(target, random, sender);
			arp.sender_ip = random.bytes(length);
			arp.target_ip = ipv4_bytes(target.dst_ip);
			arp.target_ip.resize(length, 0);
			out.send(arp_frame(broadcast, sender, arp));
			arp = request(target, random, sender);
			arp.protocol_length = length;
			out.send(arp_frame(broadcast, sender, arp));
		}
		// Other hardware and protocol types (IEEE 802, none, all ones; IPv6, none, ARP's own).
		for (const std::uint16_t type : std::initializer_list<std::uint16_t>{0, 6, 0xffff}) {
			const Mac sender = random_mac(random);
			Arp arp = request(target, random, sender);
			arp.hardware_type = type;
			out.send(arp_frame(broadcast, sender, arp));
		}
		for (const std::uint16_t type : std::initializer_list<std::uint16_t>{0x86dd, 0, ethertype_arp}) {
			const Mac sender = random_mac(random);
			Arp arp = request(target, random, sender);
			arp.protocol_type = type;
			out.send(arp_frame(broadcast, sender, arp));
		}
		// Operations: none, RARP request and reply, InARP request and reply, all ones.
		for (const std::uint16_t operation : std::initializer_list<std::uint16_t>{0, 3, 4, 8, 9, 0xffff}) {
			const Mac sender = random_mac(random);
			Arp arp = request(target, random, sender);
			arp.operation = operation;
			out.send(arp_frame(target.dst_mac, sender, arp));
		}
		// The 28-byte body cut short.
		for (const std::size_t length : std::initializer_list<std::size_t>{0, 1, 7, 8, 14, 20, 27}) {
			const Mac sender = random_mac(random);
			Bytes body = arp_packet(request(target, random, sender));
			body.resize(length);
			out.send(ethernet_frame(broadcast, sender, ethertype_arp, body));
		}
		// Sender Ethernet addresses no host has: broadcast, multicast, zero, the target's own.
		for (const Mac &odd : {broadcast, Mac{0x01, 0x00, 0x5e, 0, 0, 1}, Mac{}, target.dst_mac}) {
			const Mac sender = random_mac(random);
			Arp arp = request(target, random, sender);
			arp.sender_hw = mac_bytes(odd);
			out.send(arp_frame(broadcast, sender, arp));
		}
		// A probe (sender 0.0.0.0), an unsolicited reply to the target, a request for the
		// broadcast address, a request for a bystander.
		{
			const Mac sender = random_mac(random);
			Arp probe = request(target, random, sender);
			probe.sender_ip = ipv4_bytes(0);
			out.send(arp_frame(broadcast, sender, probe));
			Arp reply = request(target, random, sender);
			reply.operation = 2;
			reply.target_hw = mac_bytes(target.dst_mac);
			out.send(arp_frame(target.dst_mac, sender, reply));
			Arp to_broadcast = request(target, random, sender);
			to_broadcast.target_ip = ipv4_bytes(target.dst_ip | 0xff);
			out.send(arp_frame(broadcast, sender, to_broadcast));
			Arp elsewhere = request(target, random, sender);
			elsewhere.target_ip = ipv4_bytes(bystander_ip(target, random));
			out.send(arp_frame(broadcast, sender, elsewhere));
		}
		// Requests for the target's address from 64 random Ethernet addresses, broadcast and
		// unicast in turn.
		for (int i = 0; i < 64; i++) {
			const Mac sender = random_mac(random);
			out.send(arp_frame(i % 2 ? target.dst_mac : broadcast, sender, request(target, random, sender)));
		}
	}
}

} // namespace cosk::net_test
