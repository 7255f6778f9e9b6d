// SPDX-License-Identifier: GPL-2.0
// Mutants of a real component image, for the loader's ELF fuzzing (tests/unit/elf_fuzz_test.cpp on
// the host, tests/guest/elf_fuzz.cpp in the guest): each one the original with a few changes,
// aimed mostly where the loader reads (headers, program and section header tables, the symbol,
// string, relocation and dynamic tables), so that most mutants get past libelf and reach the
// loader's own checks, and some past those too, into a run.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace cosk::fuzz {

class Elf_mutator {
public:
	// original: the image's bytes; it must be an ELF64 file (its tables are located once here).
	explicit Elf_mutator(std::vector<std::uint8_t> original);

	// The same seed gives the same mutant. describe_last() says what it changed.
	[[nodiscard]] std::vector<std::uint8_t> mutant(std::uint64_t seed);
	[[nodiscard]] const std::string &describe_last() const { return last_; }

private:
	struct Range {
		std::uint64_t offset, size;
	};

	std::vector<std::uint8_t> original_;
	std::vector<Range> tables_; // where the loader reads: headers and tables
	std::string last_;
};

} // namespace cosk::fuzz
