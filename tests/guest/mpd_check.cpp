// SPDX-License-Identifier: GPL-2.0
// mpd_check: the one running system's domains and capabilities, checked for consistency after
// concurrent reshaping: every component is in exactly one live domain (the one the module says
// it is in, which maps it), no live domain maps a component that is not its member, and every
// capability calls directly exactly when client and server share a domain, through the module
// otherwise. Read while nothing reshapes the system. Prints one line; exits 1 on any violation,
// naming each.
#include <cstdio>
#include <cstring>
#include <map>
#include <string>

#include "runtime/host/device.hpp"

using cosk::host::Device;

namespace {

int fail(const char *what, const cosk::host::Device_failure &failure)
{
	std::fprintf(stderr, "mpd_check: %s: %s\n", what, cosk::host::describe(failure).c_str());
	return 2;
}

} // namespace

int main()
{
	auto device = Device::open();
	if (!device)
		return fail("opening /dev/cos", device.error());
	auto systems = device.value().systems();
	if (!systems || systems.value().size() != 1) {
		std::fprintf(stderr, "mpd_check: wants exactly one system\n");
		return 2;
	}
	if (auto attached = device.value().attach(systems.value()[0].id); !attached)
		return fail("attaching", attached.error());
	auto read_list = device.value().pds();
	if (!read_list)
		return fail("reading the domains", read_list.error());
	auto read_edges = device.value().edges();
	if (!read_edges)
		return fail("reading the capabilities", read_edges.error());
	const cos_pd_list &list = read_list.value();

	unsigned violations = 0;
	auto violation = [&violations](const std::string &what) {
		violations++;
		std::printf("mpd_check: VIOLATION: %s\n", what.c_str());
	};
	std::map<std::uint32_t, const cos_component_state *> by_id;
	unsigned live = 0, stale = 0;
	for (std::uint32_t p = 0; p < list.npds; p++)
		(list.pds[p].flags & COS_PD_STALE ? stale : live)++;
	for (std::uint32_t i = 0; i < list.ncomponents; i++) {
		const cos_component_state &c = list.components[i];
		by_id[c.id] = &c;
		unsigned mapped_in_live = 0;
		bool in_its_own = false;
		for (std::uint32_t p = 0; p < list.npds; p++) {
			const cos_pd_state &pd = list.pds[p];
			if ((pd.flags & COS_PD_STALE) || !(pd.members & (1ULL << c.slot)))
				continue;
			mapped_in_live++;
			in_its_own = in_its_own || pd.id == c.pd;
		}
		if (mapped_in_live != 1 || !in_its_own)
			violation(std::string(c.name) + " is mapped in " + std::to_string(mapped_in_live) +
				  " live domains, its own (pd " + std::to_string(c.pd) + ") " +
				  (in_its_own ? "among them" : "not among them"));
	}
	// A live domain maps only its members (and slot 0, the runtime's).
	for (std::uint32_t p = 0; p < list.npds; p++) {
		const cos_pd_state &pd = list.pds[p];
		if (pd.flags & COS_PD_STALE)
			continue;
		std::uint64_t members = 1;
		for (std::uint32_t i = 0; i < list.ncomponents; i++)
			if (list.components[i].pd == pd.id)
				members |= 1ULL << list.components[i].slot;
		if (pd.members != members)
			violation("live pd " + std::to_string(pd.id) + " maps slots " + std::to_string(pd.members) +
				  ", its members are " + std::to_string(members));
	}
	unsigned direct = 0;
	for (const cos_edge &e : read_edges.value()) {
		const auto client = by_id.find(e.client), server = by_id.find(e.server);
		if (client == by_id.end() || server == by_id.end()) {
			violation("a capability between unknown components " + std::to_string(e.client) + " and " +
				  std::to_string(e.server));
			continue;
		}
		const bool together = client->second->pd == server->second->pd;
		const std::uint32_t want = together ? COS_EDGE_DIRECT : COS_EDGE_STUB;
		direct += e.flags == COS_EDGE_DIRECT;
		if (e.flags != want)
			violation(std::string(client->second->name) + " -> " + server->second->name + " calls " +
				  (e.flags == COS_EDGE_DIRECT ? "directly" : e.flags == COS_EDGE_STUB ? "through the module" : "elsewhere") +
				  " though they are in " + (together ? "one domain" : "different domains"));
	}
	std::printf("mpd_check: %u components in %u live domains (%u stale), each in exactly one; %zu capabilities, "
		    "%u direct; %u violations\n",
		    list.ncomponents, live, stale, read_edges.value().size(), direct, violations);
	return violations ? 1 : 0;
}
