// SPDX-License-Identifier: GPL-2.0
// Privileges: what a component may do beyond calling its dependencies (docs/graph-format.md,
// "Privileges"). The one who composes the system decides: a component's source asks for a
// privilege with a macro of runtime/include/cos/component.hpp, which leaves a symbol in its image;
// the graph grants it with `grant NAME PRIVILEGE...`; the loader refuses a system where the two
// differ and hands the grants to the module, which enforces them (a call without the privilege is
// EPERM). A new privilege is one row here, its macro, and its COS_COMPONENT_* flag in the module.
#pragma once

#include <cstdint>
#include <string_view>

#include "module/uapi/cos.h"

namespace cosk::loader {

// A set of privileges: the module's COS_COMPONENT_* flags, one bit each.
using Privilege_set = std::uint32_t;

struct Privilege {
	std::string_view name;   // as a graph grants it: `grant printer console`
	std::string_view symbol; // what the image defines to ask for it
	std::string_view macro;  // how the component's source asks for it
	Privilege_set flag;      // COS_COMPONENT_*
	std::string_view what;   // for messages and documentation
};

inline constexpr Privilege all_privileges[] = {
	{"console", "__cos_console", "COS_CONSOLE()", COS_COMPONENT_CONSOLE,
	 "writes to the host's standard output"},
	{"scheduler", "__cos_sched", "COS_SCHEDULER()", COS_COMPONENT_SCHED,
	 "creates and switches threads and receives the component kernel's events"},
	{"mpd_policy", "__cos_mpd", "COS_MPD_POLICY()", COS_COMPONENT_MPD,
	 "merges and splits protection domains and reads the invocation counts"},
	{"no_preempt", "__cos_no_preempt", "COS_NO_PREEMPT()", COS_COMPONENT_NO_PREEMPT,
	 "is never preempted by a timer tick while its code runs"},
	{"nic", "__cos_nic", "COS_NIC()", COS_COMPONENT_NIC,
	 "receives the frames of the system's network device in its memory and sends frames on it"},
};

constexpr Privilege_set every_privilege()
{
	Privilege_set all = 0;
	for (const Privilege &p : all_privileges)
		all |= p.flag;
	return all;
}
static_assert(every_privilege() == COS_COMPONENT_VALID,
	      "every flag the module enforces is a privilege a graph can grant");

// The privilege a graph calls name, or nullptr.
constexpr const Privilege *privilege_named(std::string_view name)
{
	for (const Privilege &p : all_privileges)
		if (p.name == name)
			return &p;
	return nullptr;
}

// The privilege an image asks for by defining symbol, or nullptr.
constexpr const Privilege *privilege_of_symbol(std::string_view symbol)
{
	for (const Privilege &p : all_privileges)
		if (p.symbol == symbol)
			return &p;
	return nullptr;
}

} // namespace cosk::loader
