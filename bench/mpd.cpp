// SPDX-License-Identifier: GPL-2.0
// cos-bench-mpd MPD_GRAPH INVOKE_GRAPH ONE_PD_GRAPH [--icount]: Tables 1 and 2 of the MPD paper
// (section 5.1), measured in one run, pinned to CPU 0, beside the paper's figures.
//
// Table 1, as the paper measured it: the ten components of MPD_GRAPH (graphs/bench-mpd.cosg)
// start in ten domains; c0 is merged with c1, the result with c2, and so on; then c9 is split off,
// then c8, and so on down to c1; a hundred times, splitting with the domain reused in place and,
// as often, with new domains built every time (COS_SPLIT_FRESH). Each figure is the mean of the
// module's own timing of the operation (cos_mpd_op.cost_ns), without the ioctl around it. The
// reference is the cost of copying an address space in Linux: clone() without CLONE_VM minus
// clone() with it, in this process.
//
// Table 2: an invocation across domains and inside one (components/bench_client with the adder,
// INVOKE_GRAPH and ONE_PD_GRAPH), a C++ virtual call doing the same addition in this process, and
// a Linux pipe round trip between two processes. Prints a table, then one JSON object.
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "bench/measure.hpp"
#include "bench/virtual_adder.hpp"
#include "loader/run/runner.hpp"

using namespace cosk;
using namespace cosk::bench;

namespace {

constexpr int repetitions = 100;
constexpr int clone_samples = 300;
constexpr std::uint64_t virtual_calls_per_batch = 20000;

struct Mpd_costs {
	double merge = -1, split_reuse = -1, split = -1, merge_ioctl = -1;
};

// The module ids of c0 .. c9, by name.
std::optional<std::vector<std::uint32_t>> ten_components(const loader::Load_plan &plan,
							   const loader::Built_system &built)
{
	std::vector<std::uint32_t> ids;
	for (int i = 0; i < 10; i++) {
		const std::string name = "c" + std::to_string(i);
		for (std::size_t j = 0; j < plan.components.size(); j++) {
			if (plan.components[j].name == name)
				ids.push_back(built.component_ids[j]);
		}
	}
	if (ids.size() != 10)
		return std::nullopt;
	return ids;
}

Mpd_costs mpd_costs(const loader::Load_plan &plan)
{
	Mpd_costs costs;
	auto device = host::Device::open();
	if (!device) {
		std::fprintf(stderr, "cos-bench-mpd: %s\n", host::describe(device.error()).c_str());
		return costs;
	}
	auto built = loader::build_system(device.value(), plan);
	if (!built) {
		std::fprintf(stderr, "cos-bench-mpd: %s\n", built.error().message.c_str());
		return costs;
	}
	auto c = ten_components(plan, built.value());
	if (!c) {
		std::fprintf(stderr, "cos-bench-mpd: the graph must name its components c0 to c9\n");
		return costs;
	}
	std::vector<double> merges, merge_ioctls, reused_splits, fresh_splits;
	for (int r = 0; r < 2 * repetitions; r++) {
		const bool fresh = r % 2;
		for (int i = 1; i < 10; i++) {
			const std::uint64_t start = now();
			auto op = device.value().merge((*c)[0], (*c)[static_cast<std::size_t>(i)]);
			const std::uint64_t took = now() - start;
			if (!op) {
				std::fprintf(stderr, "cos-bench-mpd: merge: %s\n", host::describe(op.error()).c_str());
				return costs;
			}
			merges.push_back(static_cast<double>(op.value().cost_ns));
			merge_ioctls.push_back(static_cast<double>(took));
		}
		for (int i = 9; i >= 1; i--) {
			auto op = device.value().split((*c)[static_cast<std::size_t>(i)], fresh ? COS_SPLIT_FRESH : 0);
			if (!op || op.value().reused == fresh) {
				std::fprintf(stderr, "cos-bench-mpd: split did not go as asked\n");
				return costs;
			}
			(fresh ? fresh_splits : reused_splits).push_back(static_cast<double>(op.value().cost_ns));
		}
	}
	costs.merge = mean(merges);
	costs.merge_ioctl = mean(merge_ioctls);
	costs.split_reuse = mean(reused_splits);
	costs.split = mean(fresh_splits);
	return costs;
}

alignas(16) char child_stack[64 * 1024];

int child_exits(void *)
{
	_exit(0);
}

// The median time of one clone() call in this process, with flags; the child exits at once and
// is reaped outside the timing.
double clone_cost(int flags)
{
	std::vector<double> samples;
	for (int i = 0; i < clone_samples; i++) {
		const std::uint64_t start = now();
		const pid_t pid = clone(child_exits, child_stack + sizeof(child_stack), flags | SIGCHLD, nullptr);
		const std::uint64_t took = now() - start;
		if (pid < 0 || waitpid(pid, nullptr, 0) != pid)
			return -1;
		samples.push_back(static_cast<double>(took));
	}
	return median(samples);
}

// Resident pages of this process: what clone() without CLONE_VM copies the page tables of.
long resident_pages()
{
	std::ifstream statm("/proc/self/statm");
	long size = 0, resident = -1;
	statm >> size >> resident;
	return resident;
}

// A virtual call doing bench_client's work per invocation (add(i, 1), summed).
double virtual_call_cost()
{
	const Adder *adder = &make_adder();
	std::vector<double> per_call;
	for (int b = 0; b < 7; b++) {
		std::uint64_t sum = 0;
		const std::uint64_t start = now();
		for (std::uint64_t i = 0; i < virtual_calls_per_batch; i++)
			sum += adder->add(i, 1);
		const std::uint64_t took = now() - start;
		asm volatile("" : : "r"(sum));
		per_call.push_back(static_cast<double>(took) / static_cast<double>(virtual_calls_per_batch));
	}
	return median(per_call);
}

} // namespace

int main(int argc, char **argv)
{
	const auto icount_given =
		icount_argument(argc, argv, 3, "cos-bench-mpd MPD_GRAPH INVOKE_GRAPH ONE_PD_GRAPH [--icount]");
	if (!icount_given)
		return 2;
	const bool icount = *icount_given;
	pin_to_cpu0();
	auto ten = load_plan(argv[1]);
	auto split = load_plan(argv[2]);
	auto merged = load_plan(argv[3]);
	if (!ten || !split || !merged)
		return 1;

	const Mpd_costs mpd = mpd_costs(*ten);
	const double clone_copy = clone_cost(0);
	const double clone_share = clone_cost(CLONE_VM);
	const double clone_vm_delta = clone_copy - clone_share;
	const double inter_pd = invocation_cost(*split, Path::fast);
	const double intra_pd = invocation_cost(*merged, Path::fast);
	const double virtual_call = virtual_call_cost();
	const double pipe_rpc = pipe_rpc_cost();
	if (mpd.merge < 0 || mpd.split < 0 || clone_copy < 0 || clone_share < 0 || inter_pd < 0 || intra_pd < 0 ||
	    pipe_rpc < 0)
		return 1;

	const char *unit = icount ? "instructions" : "ns";
	std::printf("Table 1: MPD primitive operations (mean)   %14s   paper (us, P4 2.4 GHz)\n", unit);
	std::printf("%-42s %14.1f   %6s\n", "merge", mpd.merge, "0.6");
	std::printf("%-42s %14.1f   %6s\n", "split w/ protection domain reuse", mpd.split_reuse, "1.4");
	std::printf("%-42s %14.1f   %6s\n", "split", mpd.split, "2.1");
	std::printf("%-42s %14.1f   %6s\n", "clone address space in Linux (delta)", clone_vm_delta, "30.7");
	std::printf("%-42s %14.1f\n", "  clone() without CLONE_VM", clone_copy);
	std::printf("%-42s %14.1f\n", "  clone() with CLONE_VM", clone_share);
	std::printf("%-42s %14ld\n", "  resident pages of this process", resident_pages());
	std::printf("%-42s %14.1f\n", "merge as an ioctl round trip", mpd.merge_ioctl);
	std::printf("%-42s %14.1f   %6s\n", "clone delta / merge", clone_vm_delta / mpd.merge, "51");
	std::printf("%-42s %14.1f   %6s\n", "clone delta / split", clone_vm_delta / mpd.split, "15");
	std::printf("\nTable 2: component communication (median) %14s   paper (us)\n", unit);
	std::printf("%-42s %14.1f   %6s\n", "inter-PD component invocation", inter_pd, "0.7");
	std::printf("%-42s %14.1f   %6s\n", "intra-PD component invocation", intra_pd, "0.008");
	std::printf("%-42s %14.1f   %6s\n", "C++ virtual call (same work)", virtual_call, "0.0075");
	std::printf("%-42s %14.1f   %6s\n", "Linux pipe RPC", pipe_rpc, "6.4");
	std::printf("%-42s %14.2f   %6s\n", "intra-PD / virtual call", intra_pd / virtual_call, "1.1");
	std::printf("%-42s %14.2f   %6s\n", "pipe RPC / inter-PD", pipe_rpc / inter_pd, "9.1");
	std::printf("{\"merge\": %.1f, \"split_reuse\": %.1f, \"split\": %.1f, \"clone_vm_delta\": %.1f, "
		    "\"inter_pd\": %.1f, \"intra_pd\": %.1f, \"virtual_call\": %.1f, \"pipe_rpc\": %.1f, \"icount\": %s}\n",
		    mpd.merge, mpd.split_reuse, mpd.split, clone_vm_delta, inter_pd, intra_pd, virtual_call, pipe_rpc,
		    icount ? "true" : "false");
	return 0;
}
