// SPDX-License-Identifier: GPL-2.0
// Aligned text tables.
#include "loader/cli/table.hpp"

#include <algorithm>

namespace cosk::cli {

std::string Table::str() const
{
	std::vector<std::size_t> width;
	for (const Column &c : columns_)
		width.push_back(c.header.size());
	for (const auto &row : rows_)
		for (std::size_t i = 0; i < row.size() && i < width.size(); i++)
			width[i] = std::max(width[i], row[i].size());

	auto line = [&](auto cell_of) {
		std::string text;
		for (std::size_t i = 0; i < columns_.size(); i++) {
			const std::string cell = cell_of(i);
			const std::string pad(width[i] - std::min(width[i], cell.size()), ' ');
			if (i > 0)
				text += "   ";
			if (columns_[i].align == Align::right)
				text += pad + cell;
			else
				text += cell + (i + 1 < columns_.size() ? pad : "");
		}
		// An empty last cell would leave the separator behind.
		text.erase(text.find_last_not_of(' ') + 1);
		return text + "\n";
	};
	std::string out = line([&](std::size_t i) { return columns_[i].header; });
	for (const auto &row : rows_)
		out += line([&](std::size_t i) { return i < row.size() ? row[i] : std::string(); });
	return out;
}

std::string counted(std::uint64_t n, const std::string &noun)
{
	return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

} // namespace cosk::cli
