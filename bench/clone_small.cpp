// SPDX-License-Identifier: GPL-2.0
// cos-bench-clone-small PAGES SAMPLES: the clone(CLONE_VM) delta of a small static process of at
// least PAGES resident pages (the MPD paper's process had 198), which the MPD benchmark runs
// beside its own, larger, process: the delta grows with what the address space holds. A static
// binary starts with about 200 resident pages (its text and data, mapped by fault-around): below
// PAGES it touches anonymous pages until it has them. Prints "resident R copy C share S", the
// medians of clone() without and with CLONE_VM.
#include <sched.h>
#include <sys/mman.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "bench/clone_cost.hpp"

using namespace cosk::bench;

int main(int argc, char **argv)
{
	if (argc != 3) {
		std::fprintf(stderr, "usage: cos-bench-clone-small PAGES SAMPLES\n");
		return 2;
	}
	const long want = std::atol(argv[1]);
	const int samples = std::atoi(argv[2]);
	// Anonymous pages, touched one at a time until the process has grown to the size asked.
	const long page = sysconf(_SC_PAGESIZE);
	auto *memory = static_cast<char *>(
		mmap(nullptr, static_cast<std::size_t>(want * page), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	if (memory == MAP_FAILED || samples < 1)
		return 1;
	for (long i = 0; i < want && resident_pages() < want; i++)
		memory[i * page] = 1;
	const long resident = resident_pages();
	const auto copy = clone_cost(0, samples);
	const auto share = clone_cost(CLONE_VM, samples);
	if (!copy || !share || resident < want) {
		std::fprintf(stderr, "cos-bench-clone-small: %ld resident pages, wanted %ld\n", resident, want);
		return 1;
	}
	std::printf("resident %ld copy %.1f share %.1f\n", resident, *copy, *share);
	return 0;
}
