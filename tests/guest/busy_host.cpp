// SPDX-License-Identifier: GPL-2.0
// busy_host GRAPH [ARG...]: runs the graph's entry like `cos load`, while another thread of the
// process maps, touches and unmaps memory without pause, so that Linux keeps shooting down the
// host's TLB entries on every CPU it ran on. Killed at a random moment, either thread may be the
// last to leave the address space, and the host thread's CPU must be Linux's again by then
// (tests/guest/cases/kill_stress.sh).
#include <sys/mman.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <thread>

#include "loader/image/plan.hpp"
#include "loader/run/runner.hpp"

int main(int argc, char **argv)
{
	if (argc < 2) {
		std::fprintf(stderr, "usage: busy_host GRAPH [ARG...]\n");
		return 2;
	}
	auto plan = cosk::loader::make_load_plan(argv[1]);
	if (!plan) {
		std::fprintf(stderr, "busy_host: %s\n", cosk::loader::describe(plan.error()).c_str());
		return 1;
	}
	std::array<std::uint64_t, 4> args{};
	for (int i = 2; i < argc && i < 6; i++)
		args[static_cast<std::size_t>(i - 2)] = std::strtoull(argv[i], nullptr, 0);
	std::thread([] {
		for (;;) {
			void *p = mmap(nullptr, 1 << 16, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
			if (p == MAP_FAILED)
				continue;
			static_cast<volatile char *>(p)[0] = 1;
			munmap(p, 1 << 16);
		}
	}).detach();
	auto outcome = cosk::loader::run_plan(plan.value(), args);
	if (!outcome) {
		std::fprintf(stderr, "busy_host: %s\n", outcome.error().message.c_str());
		return 1;
	}
	return static_cast<int>(outcome.value().result & 0xff);
}
