// SPDX-License-Identifier: GPL-2.0
// hostile_frames IFNAME DST_MAC DST_IP CLASS [COUNT] [--port P] [--seed S] [--src-mac MAC]
//                [--src-ip IP]: malformed and hostile Ethernet frames from an AF_PACKET socket
// bound to IFNAME, to the host at DST_MAC / DST_IP, for proving that a network stack (lwIP in the
// components, or Linux as the baseline) survives them and still answers afterwards.
//
// CLASS is one of truncated, bad_checksum, random, oversize, fragments, tcp_flags, syn_flood, arp
// (tests/net/README.md says what each sends), or all: every class in turn with its default count.
// COUNT is the number of frames for syn_flood (default 10000) and random (default 2000), the
// number of rounds of the catalogue for the others (default 1). P is the TCP and UDP port aimed
// at (default 7); the source addresses are the interface's own unless given. The seed (default
// 1) fixes every byte: a class sends the same frames alone as within all.
//
// Prints `CLASS: sent N frames` per class, with the frames the kernel refused as the class
// expects in parentheses: those shorter than an Ethernet header (EINVAL, in truncated) and those
// longer than the MTU allows (EMSGSIZE, in oversize). Exit status 0 when every other frame was
// handed to the kernel; 1 on a setup error (no such interface, not root, no source address, an
// MTU below 576) or a frame refused otherwise; 2 on a usage error.
#include <arpa/inet.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "tests/net/hostile_classes.hpp"
#include "tests/net/packet_socket.hpp"

using namespace cosk::net_test;

namespace {

constexpr const char *usage_text =
	"usage: hostile_frames IFNAME DST_MAC DST_IP CLASS [COUNT] [--port P] [--seed S] [--src-mac MAC] "
	"[--src-ip IP]\n"
	"  CLASS: truncated bad_checksum random oversize fragments tcp_flags syn_flood arp all\n";

// A usage error: one line naming it, the usage, exit status 2.
[[noreturn]] void usage_error(const std::string &what)
{
	std::fprintf(stderr, "hostile_frames: %s\n%s", what.c_str(), usage_text);
	std::exit(2);
}

[[noreturn]] void setup_error(const std::string &what)
{
	std::fprintf(stderr, "hostile_frames: %s\n", what.c_str());
	std::exit(1);
}

std::uint64_t number(const std::string &text, std::uint64_t least, std::uint64_t most, const char *what)
{
	char *end = nullptr;
	errno = 0;
	const std::uint64_t value = std::strtoull(text.c_str(), &end, 0);
	if (text.empty() || text[0] == '-' || *end || errno || value < least || value > most)
		usage_error(std::string(what) + " '" + text + "' is not a number from " + std::to_string(least) +
			    " to " + std::to_string(most));
	return value;
}

Mac mac(const std::string &text)
{
	Mac out{};
	unsigned bytes[6];
	char tail;
	if (std::sscanf(text.c_str(), "%2x:%2x:%2x:%2x:%2x:%2x%c", &bytes[0], &bytes[1], &bytes[2], &bytes[3],
			&bytes[4], &bytes[5], &tail) != 6)
		usage_error("'" + text + "' is not an Ethernet address (xx:xx:xx:xx:xx:xx)");
	for (std::size_t i = 0; i < out.size(); i++)
		out[i] = static_cast<std::uint8_t>(bytes[i]);
	return out;
}

std::uint32_t ipv4(const std::string &text)
{
	in_addr address{};
	if (inet_pton(AF_INET, text.c_str(), &address) != 1)
		usage_error("'" + text + "' is not an IPv4 address");
	return ntohl(address.s_addr);
}

struct Arguments {
	std::string interface, target_mac, target_ip, class_name;
	std::optional<std::uint64_t> count;
	std::uint16_t port = 7;
	std::uint64_t seed = 1;
	std::optional<std::string> src_mac, src_ip;
};

Arguments parse(int argc, char **argv)
{
	Arguments out;
	std::vector<std::string> positional;
	for (int i = 1; i < argc; i++) {
		const std::string arg = argv[i];
		if (arg.rfind("--", 0) != 0) {
			positional.push_back(arg);
			continue;
		}
		if (i + 1 >= argc)
			usage_error(arg + " needs a value");
		const std::string value = argv[++i];
		if (arg == "--port")
			out.port = static_cast<std::uint16_t>(number(value, 1, 65535, "the port"));
		else if (arg == "--seed")
			out.seed = number(value, 0, UINT64_MAX, "the seed");
		else if (arg == "--src-mac")
			out.src_mac = value;
		else if (arg == "--src-ip")
			out.src_ip = value;
		else
			usage_error("unknown option " + arg);
	}
	if (positional.size() < 4 || positional.size() > 5)
		usage_error("wrong number of arguments");
	out.interface = positional[0];
	out.target_mac = positional[1];
	out.target_ip = positional[2];
	out.class_name = positional[3];
	if (positional.size() == 5)
		out.count = number(positional[4], 1, UINT64_MAX, "COUNT");
	return out;
}

// One class's line; false when the kernel refused a frame the class did not expect it to.
bool report(const char *name, const Tally &tally, unsigned mtu)
{
	std::printf("%s: sent %llu frames", name, static_cast<unsigned long long>(tally.sent));
	if (tally.refused_short)
		std::printf(" (%llu shorter than an Ethernet header refused: EINVAL)",
			    static_cast<unsigned long long>(tally.refused_short));
	if (tally.refused_long)
		std::printf(" (%llu longer than the MTU of %u allows refused: EMSGSIZE)",
			    static_cast<unsigned long long>(tally.refused_long), mtu);
	if (tally.failed)
		std::printf("; %llu refused by the kernel, the first: %s", static_cast<unsigned long long>(tally.failed),
			    std::strerror(tally.first_error));
	std::printf("\n");
	std::fflush(stdout);
	return tally.failed == 0;
}

} // namespace

int main(int argc, char **argv)
{
	const Arguments args = parse(argc, argv);
	// Every argument is checked before anything is opened: a usage error is always status 2.
	const auto classes = hostile_classes();
	std::vector<std::size_t> chosen;
	for (std::size_t i = 0; i < classes.size(); i++)
		if (args.class_name == "all" || args.class_name == classes[i].name)
			chosen.push_back(i);
	if (chosen.empty())
		usage_error("unknown class '" + args.class_name + "'");
	if (args.class_name == "all" && args.count)
		usage_error("all sends every class with its default count: no COUNT");
	Target target;
	target.dst_mac = mac(args.target_mac);
	target.dst_ip = ipv4(args.target_ip);
	target.port = args.port;
	const std::optional<Mac> src_mac = args.src_mac ? std::optional(mac(*args.src_mac)) : std::nullopt;
	const std::optional<std::uint32_t> src_ip = args.src_ip ? std::optional(ipv4(*args.src_ip)) : std::nullopt;

	Socket_opened opened = Packet_socket::open(args.interface);
	switch (opened.error) {
	case Socket_error::none: break;
	case Socket_error::no_such_interface: setup_error("no interface " + args.interface);
	case Socket_error::not_permitted:
		setup_error(std::string("a packet socket needs CAP_NET_RAW (root): ") + std::strerror(opened.errno_value));
	case Socket_error::system:
		setup_error("opening a packet socket on " + args.interface + ": " + std::strerror(opened.errno_value));
	}
	Packet_socket &socket = *opened.socket;
	const Interface &interface = socket.interface();
	target.own_mac = src_mac.value_or(interface.mac);
	target.interface_ip = interface.ipv4;
	if (!src_ip && !interface.ipv4)
		setup_error(args.interface + " has no IPv4 address: give one with --src-ip");
	target.own_ip = src_ip.value_or(interface.ipv4.value_or(0));
	target.mtu = interface.mtu;
	// Below IPv4's smallest datagram every class would be mostly refusals.
	if (target.mtu < 576)
		setup_error(args.interface + " has an MTU of " + std::to_string(target.mtu) + ", below 576");

	Sender sender(socket);
	bool all_taken = true;
	for (const std::size_t i : chosen) {
		// Each class its own stream, so that it sends the same frames alone as within all.
		Prng random(args.seed ^ (static_cast<std::uint64_t>(i + 1) << 56));
		classes[i].send(target, random, args.count.value_or(classes[i].default_count), sender);
		all_taken = report(classes[i].name, sender.take(), target.mtu) && all_taken;
	}
	return all_taken ? 0 : 1;
}
