// SPDX-License-Identifier: GPL-2.0
// The system the ELF fuzzing loads: graphs/adder.cosg's three components (a client importing from
// an adder, and the printer, the console), with one of the three images replaced by a mutant.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tests/fuzz/elf_mutator.hpp"

namespace cosk::fuzz {

struct Mutant_files {
	std::string component; // whose image is the mutant
	std::string image;     // the mutant's path
	std::string graph;     // a graph loading it
	std::string change;    // what the mutator changed
};

class Mutant_system {
public:
	// component_dir: the root of the real images (build/components); scratch: a directory for the
	// files written.
	Mutant_system(std::string component_dir, std::string scratch);

	// Writes the mutant of this seed (of the image seed picks) and its graph, replacing the last.
	[[nodiscard]] Mutant_files write(std::uint64_t seed);

	// The components, in the order seeds pick them (seed % 3).
	static const std::vector<std::string> &components();

private:
	// The real image of one of components(), below component_dir (build/components).
	std::string image_of(const std::string &name) const;

	std::string component_dir_, scratch_;
	std::vector<Elf_mutator> mutators_;
};

} // namespace cosk::fuzz
