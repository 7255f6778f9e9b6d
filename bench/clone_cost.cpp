// SPDX-License-Identifier: GPL-2.0
// clone() timed in the calling process.
#include "bench/clone_cost.hpp"

#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <vector>

namespace cosk::bench {

namespace {

alignas(16) char child_stack[64 * 1024];

int child_exits(void *)
{
	_exit(0);
}

std::uint64_t monotonic_ns()
{
	timespec t{};
	clock_gettime(CLOCK_MONOTONIC, &t);
	return static_cast<std::uint64_t>(t.tv_sec) * 1000000000ULL + static_cast<std::uint64_t>(t.tv_nsec);
}

} // namespace

std::optional<double> clone_cost(int flags, int samples)
{
	std::vector<double> took;
	for (int i = 0; i < samples; i++) {
		const std::uint64_t start = monotonic_ns();
		const pid_t pid = clone(child_exits, child_stack + sizeof(child_stack), flags | SIGCHLD, nullptr);
		const std::uint64_t end = monotonic_ns();
		if (pid < 0 || waitpid(pid, nullptr, 0) != pid)
			return std::nullopt;
		took.push_back(static_cast<double>(end - start));
	}
	std::sort(took.begin(), took.end());
	return took[took.size() / 2];
}

long resident_pages()
{
	long size = 0, resident = -1;
	FILE *statm = std::fopen("/proc/self/statm", "r");
	if (!statm)
		return -1;
	if (std::fscanf(statm, "%ld %ld", &size, &resident) != 2)
		resident = -1;
	std::fclose(statm);
	return resident;
}

} // namespace cosk::bench
