// SPDX-License-Identifier: GPL-2.0
// The text of a system's protection domains, and of merging and splitting them.
#include "loader/cli/pd_format.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>
#include <vector>

#include "loader/cli/json.hpp"
#include "loader/cli/system_view.hpp"
#include "loader/cli/table.hpp"

namespace cosk::cli {

namespace {

std::string group(const std::vector<std::string> &members)
{
	std::string text;
	for (const std::string &m : members)
		text += (text.empty() ? "" : ", ") + m;
	return "(" + text + ")";
}

// Labels padded to the widest of their kind, so that the groups line up.
std::string labelled_lines(const std::vector<std::pair<std::string, std::string>> &lines)
{
	std::size_t width = 0;
	for (const auto &[label, rest] : lines)
		width = std::max(width, label.size());
	std::string text;
	for (const auto &[label, rest] : lines)
		text += label + std::string(width - label.size() + 3, ' ') + rest + "\n";
	return text;
}

} // namespace

std::string format_pd_text(const cos_pd_list &list, Naming naming)
{
	std::vector<std::pair<std::string, std::string>> live, stale;
	for (const cos_pd_state &pd : domains_of(list)) {
		const std::string members = group(member_names(list, pd, naming));
		if (is_stale(pd))
			stale.emplace_back("stale pd " + std::to_string(pd.id),
					   members + ", " + counted(pd.frames, "frame") + " running");
		else
			live.emplace_back("pd " + std::to_string(pd.id), members);
	}
	return labelled_lines(live) + labelled_lines(stale) + counted(components_of(list).size(), "component") +
	       " in " + counted(live.size(), "protection domain") + ", " + std::to_string(stale.size()) +
	       " stale\n";
}

std::string format_pd_json(const cos_pd_list &list)
{
	Json_array components;
	for (const cos_component_state &c : components_of(list))
		components.push(
			Json_object().add("name", name_of(c)).add("id", c.id).add("pd", c.pd).add("number", number_of(c)));
	Json_array domains;
	for (const cos_pd_state &pd : domains_of(list)) {
		Json_array members;
		for (const std::string &m : member_names(list, pd))
			members.push(m);
		domains.push(Json_object()
				     .add("id", pd.id)
				     .add("stale", is_stale(pd))
				     .add("members", members)
				     .add("frames", pd.frames));
	}
	return Json_object().add("components", components).add("domains", domains).str();
}

std::string format_merge(const std::string &a, const std::string &b, const cos_mpd_op &op)
{
	return "merged " + a + " and " + b + " into pd " + std::to_string(op.pd) + " in " +
	       std::to_string(op.cost_ns) + " ns";
}

std::string format_split(const std::string &a, const cos_mpd_op &op)
{
	return "split " + a + " into pd " + std::to_string(op.pd) +
	       (op.reused ? " (old domain reused)" : " (new domains built)") + " in " + std::to_string(op.cost_ns) +
	       " ns";
}

std::string merge_refusal(const std::string &a, const std::string &b, int error_number)
{
	switch (error_number) {
	case EPERM:
		return "cannot merge " + a + " and " + b +
		       ": a boundary between their domains is immutable (see the graph's immutable lines)";
	case EALREADY:
		return a + " and " + b + " share a protection domain already";
	default:
		return "cannot merge " + a + " and " + b + ": " + std::strerror(error_number);
	}
}

std::string split_refusal(const std::string &a, int error_number)
{
	switch (error_number) {
	case EALREADY:
		return a + " is alone in its protection domain already";
	case ENOMEM:
		return "cannot split " + a + ": the module is out of memory";
	case ENOSPC:
		return "cannot split " + a + ": no protection domain id is free (a system has at most " +
		       std::to_string(COS_MAX_PDS) + ", live and stale)";
	default:
		return "cannot split " + a + ": " + std::strerror(error_number);
	}
}

} // namespace cosk::cli
