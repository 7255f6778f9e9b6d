// SPDX-License-Identifier: GPL-2.0
// Text for people: a table whose columns line up, and counted nouns.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace cosk::cli {

enum class Align { left, right };

struct Column {
	std::string header;
	Align align;
};

// Rows under a header line, each column as wide as its widest cell, three spaces apart, and no
// space at the end of a line.
class Table {
public:
	explicit Table(std::vector<Column> columns) : columns_(std::move(columns)) {}
	// A row has one cell per column.
	void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
	[[nodiscard]] std::string str() const;

private:
	std::vector<Column> columns_;
	std::vector<std::vector<std::string>> rows_;
};

// "1 merge", "2 merges".
[[nodiscard]] std::string counted(std::uint64_t n, const std::string &noun);

} // namespace cosk::cli
