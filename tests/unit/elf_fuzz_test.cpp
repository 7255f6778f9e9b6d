// SPDX-License-Identifier: GPL-2.0
// Mutation fuzzing of the loader's image reading and planning, in process: thousands of mutants of
// the adder system's real images (tests/fuzz), each either planned or refused with one line that
// names the graph, the line and the problem. A crash or a hang here is the loader's. The guest
// case elf_fuzz runs such mutants with `cos load`, into the module.
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <set>
#include <string>

#include "image_test_support.hpp"
#include "loader/graph/graph_error.hpp"
#include "loader/image/plan.hpp"
#include "tests/fuzz/mutant_system.hpp"

using namespace cosk::loader;
using namespace cosk::loader::test_support;

TEST(ElfFuzz, EveryMutantIsPlannedOrRefusedWithOneLine)
{
	constexpr std::uint64_t mutants = 4000;
	Temp_dir dir;
	cosk::fuzz::Mutant_system system(COS_COMPONENT_DIR, dir.path());
	std::map<std::string, unsigned> refusals;
	std::set<std::string> problems;
	unsigned planned = 0;
	for (std::uint64_t seed = 1; seed <= mutants; ++seed) {
		const auto files = system.write(seed);
		SCOPED_TRACE("seed " + std::to_string(seed) + ", " + files.component + ": " + files.change);
		auto plan = make_load_plan(files.graph);
		if (plan.ok()) {
			++planned;
			continue;
		}
		const std::string line = describe(plan.error());
		EXPECT_EQ(line.find('\n'), std::string::npos) << line;
		EXPECT_EQ(line.rfind(files.graph + ":", 0), 0u) << line;
		EXPECT_NE(line.find(": error: "), std::string::npos) << line;
		refusals[std::string(kind_name(plan.error().kind))]++;
		// The problem without its numbers: how many different checks the mutants reached.
		std::string problem = line.substr(line.find(": error: "));
		std::erase_if(problem, [](char c) { return c >= '0' && c <= '9'; });
		problems.insert(problem);
	}
	std::string seen;
	for (const auto &[kind, n] : refusals)
		seen += kind + " " + std::to_string(n) + ", ";
	std::cout << "elf fuzz: " << mutants << " mutants, " << planned << " planned; refused: " << seen
		  << problems.size() << " different problems\n";
	// The mutants must reach both outcomes, and the image checks beyond libelf's.
	EXPECT_GT(planned, mutants / 20);
	EXPECT_GT(refusals["bad_image"], mutants / 4);
	EXPECT_GE(problems.size(), 30u);
}
