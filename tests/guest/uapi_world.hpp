// SPDX-License-Identifier: GPL-2.0
// The system uapi_test.cpp sends each request to: built by hand, fresh for every request, and a
// snapshot of what a refused request must leave as it was.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "module/uapi/cos.h"

namespace uapi_test {

constexpr std::uint64_t page = 4096;

// Exports of component a, as offsets from its slot's base: one returns 42, the other spins until
// the run is stopped.
constexpr std::uint64_t returns_42 = 16;
constexpr std::uint64_t spins = 32;

std::uint64_t slot_base(std::uint32_t slot);

// ioctl(2): 0 or the errno it failed with.
int call(int fd, unsigned long request, void *arg);

// Components a (slot 1: code, a data page) and b (slot 2), each in a domain of its own, a
// capability from a to b, on a file of their own; and a second file, for the requests that
// attach. Closing both files frees all of it.
class World {
public:
	World() = default;
	World(const World &) = delete;
	World &operator=(const World &) = delete;
	~World();

	// Builds it (gtest assertions: check HasFatalFailure()).
	void build();

	// Runs a's spinning export on a thread of its own, until the run is stopped.
	void start_running();
	// Whether the spinning run ends within ten seconds, without help.
	[[nodiscard]] bool ends() const;
	// Waits for the spinning run to end, stopping it as often as needed.
	void stop_running();
	// Whether the module lists the system as running.
	[[nodiscard]] bool running() const;

	int fd = -1;
	int second = -1;
	std::uint32_t id = ~0U; // in COS_IOC_SYSTEMS
	std::uint32_t pd_a = 0, pd_b = 0, a = 0, b = 0;
	// Where COS_IOC_EDGES and COS_IOC_SYSTEMS write.
	std::array<cos_edge, 4> edges{};
	std::array<cos_system_entry, 64> systems{};
	// The spinning run's request and what it returned.
	cos_run spinning{};
	int spin_error = -1;

private:
	std::set<std::uint32_t> my_systems() const;
	std::uint32_t domain();
	std::uint32_t component(std::uint32_t slot, std::uint32_t pd, const char *name);
	void map(std::uint32_t component, std::uint64_t addr, std::uint32_t prot, const void *src);

	std::thread runner_;
	std::atomic<bool> ran_out_ = false;
};

// What a refused request must leave as it was: the module's pages, the system's counters, its
// components and domains, its capabilities.
struct Snapshot {
	std::uint64_t pages = 0;
	cos_stats stats{};
	std::vector<std::uint8_t> pds; // a struct cos_pd_list
	std::uint32_t edges = 0;

	static Snapshot of(const World &w);
	// What differs from @before, or "" for nothing.
	[[nodiscard]] std::string changed_since(const Snapshot &before) const;
};

} // namespace uapi_test
