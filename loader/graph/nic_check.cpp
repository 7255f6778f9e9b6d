// SPDX-License-Identifier: GPL-2.0
// The nic line: decoded, held against the module's rules, and against the grants.
#include "loader/graph/nic_check.hpp"

#include <algorithm>

#include "module/uapi/cos.h"

namespace cosk::loader {
namespace {

int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

Attempt<Mac_address, std::string> parse_mac(std::string_view text)
{
	const std::string expected = quoted(text) + " is not an Ethernet address: expected six bytes in hex, "
						    "`aa:bb:cc:dd:ee:ff`";
	if (text.size() != 17)
		return Failure{expected};
	Mac_address mac{};
	for (std::size_t i = 0; i < mac.size(); ++i) {
		const int high = hex_digit(text[3 * i]);
		const int low = hex_digit(text[3 * i + 1]);
		if (high < 0 || low < 0 || (i < 5 && text[3 * i + 2] != ':'))
			return Failure{expected};
		mac[i] = static_cast<std::uint8_t>(high * 16 + low);
	}
	// The module filters the device's frames for this address: it must be one station's.
	if (mac[0] & 1)
		return Failure{quoted(text) + " is a multicast address: the system answers to a unicast one "
					      "(its first byte even)"};
	if (std::all_of(mac.begin(), mac.end(), [](std::uint8_t b) { return b == 0; }))
		return Failure{quoted(text) + " is all zeros: expected the system's own unicast address"};
	return mac;
}

Attempt<std::uint32_t, std::string> parse_slots(std::string_view text)
{
	const std::string rule = "expected a power of two from 1 to " + std::to_string(COS_NIC_RING_MAX_SLOTS);
	// Five digits hold every allowed count and cannot overflow.
	if (text.empty() || text.size() > 5 ||
	    !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }))
		return Failure{quoted(text) + " is not a slot count: " + rule};
	std::uint32_t slots = 0;
	for (char c : text)
		slots = slots * 10 + static_cast<std::uint32_t>(c - '0');
	if (slots == 0 || slots > COS_NIC_RING_MAX_SLOTS || (slots & (slots - 1)) != 0)
		return Failure{"a ring of " + std::string(text) + " slots: " + rule};
	return slots;
}

} // namespace

std::optional<std::string> ifname_problem(std::string_view ifname)
{
	const std::string what = "device name " + quoted(ifname);
	if (ifname.empty() || ifname.size() >= COS_NIC_NAME_SIZE)
		return what + " is not 1 to " + std::to_string(COS_NIC_NAME_SIZE - 1) + " bytes long";
	if (ifname == "." || ifname == "..")
		return what + " is not a device's name";
	for (char c : ifname)
		if (c == '/' || c == ':' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
		    c == '\f')
			return what + " has a `/`, `:` or whitespace, which Linux does not allow in one";
	return std::nullopt;
}

std::string format_mac(const Mac_address &mac)
{
	static constexpr char digits[] = "0123456789abcdef";
	std::string text;
	for (std::uint8_t byte : mac) {
		if (!text.empty())
			text += ':';
		text += digits[byte >> 4];
		text += digits[byte & 0xf];
	}
	return text;
}

Attempt<std::optional<Nic_decl>, Graph_error> collect_nic(const Graph &graph)
{
	std::optional<Nic_decl> nic;
	for (const Nic_line &line : graph.nics) {
		auto refuse = [&](const std::string &message) {
			return graph_failure(graph.file, Graph_error_kind::bad_nic, line.line, message);
		};
		if (nic)
			return refuse("second `nic` line: a system has one network device, given to " +
				      quoted(nic->component) + " at line " + std::to_string(nic->line));
		if (auto problem = ifname_problem(line.ifname))
			return refuse(*problem);
		auto mac = parse_mac(line.mac);
		if (!mac)
			return refuse(mac.error());
		std::uint32_t slots = default_nic_slots;
		if (!line.slots.empty()) {
			auto parsed = parse_slots(line.slots);
			if (!parsed)
				return refuse(parsed.error());
			slots = parsed.value();
		}
		nic = Nic_decl{line.component, line.ifname, mac.value(), slots, line.line};
	}
	return nic;
}

// Runs after the grants were held against the images, so an ungranted component here is one whose
// image does not ask for the privilege either: the message says both halves of the fix.
Attempt<Done, Graph_error> check_nic_grant(const Graph &graph, const std::optional<Nic_decl> &nic,
					   const Grants &grants)
{
	if (!nic)
		return Done{};
	const auto granted = grants.find(nic->component);
	if (granted != grants.end() && (granted->second & COS_COMPONENT_NIC))
		return Done{};
	return graph_failure(graph.file, Graph_error_kind::nic_not_granted, nic->line,
			     "the network device goes to component " + quoted(nic->component) +
				     ", which is not granted the `nic` privilege: add " +
				     quoted("grant " + nic->component + " nic") +
				     " (its source asks for the privilege with COS_NIC())");
}

} // namespace cosk::loader
