// SPDX-License-Identifier: GPL-2.0
// The `files` line, and the packing of its directory.
#include "loader/graph/files_check.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

namespace cosk::loader {
namespace {

namespace fs = std::filesystem;

// As <cos/web/files.hpp>.
constexpr std::uint64_t files_magic = 0x31736f632d736966ULL;
constexpr std::size_t header_size = 16;
constexpr std::size_t entry_size = 32;

struct Found {
	std::string path; // "/a/b"
	fs::path file;
};

void put_word(std::vector<std::uint8_t> &out, std::size_t at, std::uint64_t value)
{
	for (std::size_t i = 0; i < 8; i++)
		out[at + i] = static_cast<std::uint8_t>(value >> (8 * i));
}

} // namespace

Attempt<std::vector<std::uint8_t>, std::string> pack_files(const std::string &directory)
{
	std::error_code error;
	if (!fs::is_directory(directory, error))
		return Failure{"`" + directory + "` is not a directory" + (error ? ": " + error.message() : "")};
	std::vector<Found> found;
	fs::recursive_directory_iterator it(directory, error);
	if (error)
		return Failure{"cannot read `" + directory + "`: " + error.message()};
	for (; it != fs::recursive_directory_iterator(); it.increment(error)) {
		if (error)
			return Failure{"cannot read `" + directory + "`: " + error.message()};
		if (!it->is_regular_file(error) || it->is_symlink(error))
			continue;
		found.push_back({"/" + fs::relative(it->path(), directory).generic_string(), it->path()});
	}
	std::sort(found.begin(), found.end(), [](const Found &a, const Found &b) { return a.path < b.path; });
	std::vector<std::uint8_t> out(header_size + entry_size * found.size());
	put_word(out, 0, files_magic);
	put_word(out, 8, found.size());
	for (std::size_t i = 0; i < found.size(); i++) {
		const std::size_t entry = header_size + entry_size * i;
		put_word(out, entry, out.size());
		put_word(out, entry + 8, found[i].path.size());
		out.insert(out.end(), found[i].path.begin(), found[i].path.end());
		std::ifstream in(found[i].file, std::ios::binary);
		std::vector<std::uint8_t> data((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
		if (!in.good() && !in.eof())
			return Failure{"cannot read `" + found[i].file.string() + "`"};
		put_word(out, entry + 16, out.size());
		put_word(out, entry + 24, data.size());
		out.insert(out.end(), data.begin(), data.end());
		if (out.size() > files_max_size)
			return Failure{"the files under `" + directory + "` take more than " +
				       std::to_string(files_max_size >> 20) + " MiB"};
	}
	return out;
}

Attempt<std::optional<Files_decl>, Graph_error> collect_files(const Graph &graph)
{
	if (graph.files.empty())
		return std::optional<Files_decl>{};
	if (graph.files.size() > 1)
		return graph_failure(graph.file, Graph_error_kind::bad_files, graph.files[1].line,
				     "a second `files` line: a system has one file area (line " +
					     std::to_string(graph.files[0].line) + ")");
	const Files_line &line = graph.files[0];
	if (std::none_of(graph.components.begin(), graph.components.end(),
			 [&](const Component_decl &c) { return c.name == line.component; }))
		return graph_failure(graph.file, Graph_error_kind::unknown_component, line.line,
				     "`files` names an undeclared component `" + line.component + "`");
	const std::string directory =
		fs::path(line.directory).is_absolute() ? line.directory : (fs::path(graph.directory) / line.directory).string();
	auto packed = pack_files(directory);
	if (!packed)
		return graph_failure(graph.file, Graph_error_kind::bad_files, line.line, packed.error());
	return std::optional<Files_decl>{Files_decl{line.component, directory, std::move(packed).value(), line.line}};
}

} // namespace cosk::loader
