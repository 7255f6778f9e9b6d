// SPDX-License-Identifier: GPL-2.0
#include "tests/fuzz/mutant_system.hpp"

#include <fstream>
#include <iterator>
#include <utility>

namespace cosk::fuzz {
namespace {

std::vector<std::uint8_t> read_bytes(const std::string &path)
{
	std::ifstream in(path, std::ios::binary);
	return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace

const std::vector<std::string> &Mutant_system::components()
{
	static const std::vector<std::string> names = {"adder_client", "adder", "printer"};
	return names;
}

std::string Mutant_system::image_of(const std::string &name) const
{
	return component_dir_ + (name == "printer" ? "/system/" : "/examples/") + name + ".elf";
}

Mutant_system::Mutant_system(std::string component_dir, std::string scratch)
	: component_dir_(std::move(component_dir)), scratch_(std::move(scratch))
{
	for (const auto &name : components())
		mutators_.emplace_back(read_bytes(image_of(name)));
}

Mutant_files Mutant_system::write(std::uint64_t seed)
{
	const std::size_t which = seed % components().size();
	Mutant_files files{components()[which], scratch_ + "/mutant.elf", scratch_ + "/mutant.cosg", {}};
	const auto bytes = mutators_[which].mutant(seed);
	files.change = mutators_[which].describe_last();
	std::ofstream(files.image, std::ios::binary | std::ios::trunc)
		.write(reinterpret_cast<const char *>(bytes.data()), static_cast<std::streamsize>(bytes.size()));

	std::ofstream graph(files.graph, std::ios::trunc);
	for (const auto &name : components())
		graph << "component " << name << ' '
		      << (name == files.component ? files.image : image_of(name)) << '\n';
	graph << "adder_client -> adder printer\ngrant printer console no_preempt\nentry adder_client\n";
	return files;
}

} // namespace cosk::fuzz
