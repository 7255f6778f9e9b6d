// SPDX-License-Identifier: GPL-2.0
// mpd_churn SECONDS NAME...: for SECONDS, merges and splits the named components of the one
// running system at random, as fast as the module answers, from this one process. Refusals
// because the two share a domain already, or the one is alone already, are expected; any other
// failure is an error. Prints one line of counts; exits 1 if there was an error.
#include <cerrno>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "runtime/host/device.hpp"

using cosk::host::Device;

namespace {

// The id of the component called name, or -1.
long component_id(const cos_pd_list &list, const char *name)
{
	for (std::uint32_t i = 0; i < list.ncomponents; i++) {
		if (std::strncmp(list.components[i].name, name, COS_NAME_SIZE) == 0)
			return list.components[i].id;
	}
	return -1;
}

int fail(const char *what, const cosk::host::Device_failure &failure)
{
	std::fprintf(stderr, "mpd_churn: %s: %s\n", what, cosk::host::describe(failure).c_str());
	return 1;
}

} // namespace

int main(int argc, char **argv)
{
	if (argc < 4) {
		std::fprintf(stderr, "usage: mpd_churn SECONDS NAME NAME...\n");
		return 2;
	}
	const double seconds = std::atof(argv[1]);
	auto device = Device::open();
	if (!device)
		return fail("opening /dev/cos", device.error());
	auto systems = device.value().systems();
	if (!systems || systems.value().size() != 1) {
		std::fprintf(stderr, "mpd_churn: wants exactly one system\n");
		return 1;
	}
	auto attached = device.value().attach(systems.value()[0].id);
	if (!attached)
		return fail("attaching", attached.error());
	auto list = device.value().pds();
	if (!list)
		return fail("reading the domains", list.error());
	std::vector<std::uint32_t> ids;
	for (int i = 2; i < argc; i++) {
		long id = component_id(list.value(), argv[i]);
		if (id < 0) {
			std::fprintf(stderr, "mpd_churn: no component %s\n", argv[i]);
			return 1;
		}
		ids.push_back(static_cast<std::uint32_t>(id));
	}

	const unsigned seed = std::random_device{}();
	std::mt19937 random(seed);
	std::uniform_int_distribution<std::size_t> pick(0, ids.size() - 1);
	unsigned long ops = 0, merges = 0, splits = 0, redundant = 0, errors = 0;
	timespec start{}, now{};
	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		const std::uint32_t a = ids[pick(random)], b = ids[pick(random)];
		const bool merge = random() % 2 == 0;
		if (merge && a == b)
			continue;
		auto done = merge ? device.value().merge(a, b) : device.value().split(a, 0);
		ops++;
		if (done) {
			(merge ? merges : splits)++;
		} else if (done.error().error_number == EALREADY) {
			redundant++;
		} else {
			errors++;
			std::fprintf(stderr, "mpd_churn: %s %u %u: %s\n", merge ? "merge" : "split", a, b,
				     cosk::host::describe(done.error()).c_str());
		}
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (static_cast<double>(now.tv_sec - start.tv_sec) + static_cast<double>(now.tv_nsec - start.tv_nsec) / 1e9 <
		 seconds);
	std::printf("mpd_churn: seed %u, %lu operations: %lu merges, %lu splits, %lu redundant, %lu errors\n", seed, ops,
		    merges, splits, redundant, errors);
	return errors ? 1 : 0;
}
