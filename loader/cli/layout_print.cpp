// SPDX-License-Identifier: GPL-2.0
// The text of a load plan, for people: addresses in hex, one mapping, binding or area per line.
#include "loader/cli/layout_print.hpp"

#include <cstdio>

#include "loader/graph/nic_check.hpp"
#include "module/uapi/cos.h"

namespace cosk::cli {
namespace {

// Region addresses fit in 12 hex digits; fixed width keeps the columns straight.
std::string address(std::uint64_t value)
{
	char text[24];
	std::snprintf(text, sizeof(text), "0x%012llx", static_cast<unsigned long long>(value));
	return text;
}

std::string rwx(std::uint32_t prot)
{
	std::string text = "---";
	if (prot & COS_PROT_READ)
		text[0] = 'r';
	if (prot & COS_PROT_WRITE)
		text[1] = 'w';
	if (prot & COS_PROT_EXEC)
		text[2] = 'x';
	return text;
}

std::string count(std::size_t n, const std::string &noun)
{
	return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

std::string kib(std::uint64_t bytes)
{
	return std::to_string(bytes / 1024) + " KiB";
}

std::string members(const loader::Load_plan &plan, const std::vector<std::size_t> &group)
{
	std::string text;
	for (std::size_t member : group)
		text += (text.empty() ? "" : " ") + plan.components[member].name;
	return text;
}

std::string format_component(const loader::Plan_component &c)
{
	std::string text = "  slot " + std::to_string(c.slot) + "  " + c.name + "  [" + address(c.base) + ", " +
			   address(c.base + COS_SLOT_SIZE) + ")  " + c.image + "\n";
	if (c.number)
		text += "    number " + std::to_string(c.number) + "\n";
	for (const loader::Initialized_range &r : c.ranges)
		text += "    " + address(r.range.address) + "-" + address(r.range.address + r.range.size) + "  " +
			rwx(r.range.prot) + "  " + kib(r.range.size) + (r.range.stack ? "  stack" : "  image") + "\n";
	text += "    upcall entry " + address(c.upcall_entry) + "  inv stub " + address(c.inv_stub) + "\n";
	for (const auto &[name, at] : c.exports)
		text += "    export " + name + " @ " + address(at) + "\n";
	for (std::size_t from = 0; from < c.config.size();) {
		const std::size_t end = c.config.find('\n', from);
		text += "    config " + c.config.substr(from, end - from) + "\n";
		from = end + 1;
	}
	return text;
}

// A size as the graph would write it: MiB or KiB when exact.
std::string share_size(std::uint64_t bytes)
{
	if (bytes % (1024 * 1024) == 0)
		return std::to_string(bytes >> 20) + " MiB";
	return kib(bytes);
}

std::string format_shares(const loader::Load_plan &plan)
{
	std::string text = "\nshares:\n";
	for (const loader::Plan_share &share : plan.shares) {
		text += "  " + share.name + "  " + share_size(share.size) + "\n";
		for (const loader::Plan_share_member &m : share.members)
			text += "    " + plan.components[m.component].name + " @ " + address(m.address) + "\n";
	}
	if (plan.shares.empty())
		text += "  (none)\n";
	return text;
}

std::string format_nic(const loader::Load_plan &plan)
{
	std::string text = "\nnetwork device:\n";
	if (!plan.nic)
		return text + "  (none)\n";
	const loader::Plan_nic &nic = *plan.nic;
	return text + "  " + nic.ifname + " -> " + plan.components[nic.component].name + "  mac " +
	       loader::format_mac(nic.mac) + "  " + std::to_string(nic.slots) + " slots\n    ring " +
	       address(nic.ring) + "-" + address(nic.ring + nic.ring_size) + "  rw-  " + kib(nic.ring_size) + "\n";
}

} // namespace

std::string format_load_plan(const loader::Load_plan &plan)
{
	std::string text = plan.graph_file + ": " + count(plan.components.size(), "component") + " in " +
			   count(plan.pd_groups.size(), "protection domain") + "\n\n";
	text += "components (load order):\n";
	for (const loader::Plan_component &c : plan.components)
		text += format_component(c);

	text += "\nprotection domains:\n";
	for (std::size_t i = 0; i < plan.pd_groups.size(); ++i)
		text += "  pd " + std::to_string(i) + ": " + members(plan, plan.pd_groups[i]) + "\n";

	text += "\nbindings:\n";
	bool any = false;
	for (const loader::Plan_component &c : plan.components)
		for (const loader::Plan_import &i : c.imports) {
			text += "  " + c.name + "." + i.name + " -> " + plan.components[i.provider].name + "." + i.name +
				" @ " + address(i.function) + "  (ucap " + address(i.ucap) + ")\n";
			any = true;
		}
	if (!any)
		text += "  (none)\n";

	text += "\nimmutable boundaries:\n";
	for (const auto &[first, second] : plan.immutable_pairs)
		text += "  " + plan.components[first].name + " | " + plan.components[second].name + "\n";
	if (plan.immutable_pairs.empty())
		text += "  (none)\n";

	text += format_shares(plan);
	text += format_nic(plan);

	const loader::Plan_component &entry = plan.components[plan.entry.component];
	text += "\nentry: " + entry.name + "." + plan.entry.function + " @ " + address(plan.entry.address) + "\n";
	return text;
}

} // namespace cosk::cli
