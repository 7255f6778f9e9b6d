// SPDX-License-Identifier: GPL-2.0
// Shares: decoded from the share lines and held against the module's limits.
#include "loader/graph/share_check.hpp"

#include <algorithm>
#include <map>

#include "module/uapi/cos.h"

namespace cosk::loader {
namespace {

constexpr std::uint64_t page_size = 4096;

// Twelve digits are far beyond any size allowed, and short of overflowing after the suffix.
constexpr std::size_t max_size_digits = 12;

std::string size_rule()
{
	return "expected a multiple of " + std::to_string(page_size) + " bytes from 4K to " +
	       std::to_string(COS_SHARE_MAX_SIZE >> 20) + "M";
}

} // namespace

Attempt<std::uint64_t, std::string> share_size(std::string_view text)
{
	std::uint64_t unit = 1;
	std::string_view digits = text;
	if (!digits.empty() && (digits.back() == 'K' || digits.back() == 'M')) {
		unit = digits.back() == 'K' ? 1024 : 1024 * 1024;
		digits.remove_suffix(1);
	}
	if (digits.empty() || digits.size() > max_size_digits ||
	    !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }))
		return Failure{quoted(text) + " is not a size: expected bytes, with an optional K (KiB) or M (MiB), "
					      "e.g. `64K`"};
	std::uint64_t bytes = 0;
	for (char c : digits)
		bytes = bytes * 10 + static_cast<std::uint64_t>(c - '0');
	bytes *= unit;
	if (bytes < page_size || bytes > COS_SHARE_MAX_SIZE || bytes % page_size != 0)
		return Failure{quoted(text) + " is not a size a share may have: " + size_rule()};
	return bytes;
}

Attempt<Shares, Graph_error> collect_shares(const Graph &graph)
{
	Shares shares;
	std::map<std::string_view, std::size_t> first_line;
	for (const Share_line &line : graph.shares) {
		auto refuse = [&](const std::string &message) {
			return graph_failure(graph.file, Graph_error_kind::bad_share, line.line,
					     "share " + quoted(line.name) + ": " + message);
		};
		if (auto [first, fresh] = first_line.try_emplace(line.name, line.line); !fresh)
			return refuse("the name is taken by the share at line " + std::to_string(first->second));
		if (shares.size() == COS_MAX_SHARES)
			return refuse("a system has at most " + std::to_string(COS_MAX_SHARES) + " shares");
		auto size = share_size(line.size);
		if (!size)
			return refuse(size.error());
		if (line.members.size() < 2)
			return refuse("a share is memory of at least two components: expected "
				      "`share NAME SIZE COMPONENT COMPONENT [COMPONENT ...]`");
		for (auto member = line.members.begin(); member != line.members.end(); ++member)
			if (std::find(line.members.begin(), member, *member) != member)
				return refuse(quoted(*member) + " is listed twice");
		shares.push_back({line.name, size.value(), line.members, line.line});
	}
	return shares;
}

} // namespace cosk::loader
