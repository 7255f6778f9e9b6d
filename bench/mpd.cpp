// SPDX-License-Identifier: GPL-2.0
// cos-bench-mpd MPD_GRAPH LIVE_GRAPH INVOKE_GRAPH ONE_PD_GRAPH [--icount] [--short]: Tables 1
// and 2 of the MPD paper (section 5.1), measured in one run, pinned to CPU 0, beside the paper's
// figures.
//
// Table 1: ten components merged one by one and split again (bench/mpd_ops.hpp), on a system
// that is only built (MPD_GRAPH, bench/graphs/mpd.cosg: no capability, no thread) and on one that
// runs meanwhile, with a capability across every boundary (LIVE_GRAPH,
// bench/graphs/mpd-live.cosg), whose host thread has the other CPU when there is one. Each figure
// is the median (the mean beside it) of the module's own timing of the operation
// (cos_mpd_op.cost_ns), without the ioctl around it. The reference is the cost of copying an address space in Linux: clone()
// without CLONE_VM minus clone() with it (medians), in this process and in a small static one
// of the paper's size, 198 resident pages (cos-bench-clone-small): the delta grows with the
// address space, and so do the ratios.
//
// Table 2: an invocation across domains and inside one (bench/components/bench_client with the adder,
// INVOKE_GRAPH and ONE_PD_GRAPH), a C++ virtual call doing the same addition in this process, and
// a Linux pipe round trip between two processes (medians). Prints the tables, then one JSON
// object.
#include <sched.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <climits>
#include <cstdio>
#include <cstring>
#include <string>

#include "bench/clone_cost.hpp"
#include "bench/measure.hpp"
#include "bench/mpd_ops.hpp"
#include "bench/virtual_adder.hpp"

extern char **environ;

using namespace cosk;
using namespace cosk::bench;

namespace {

constexpr int clone_samples = 300;
constexpr long paper_resident_pages = 198;
constexpr std::uint64_t virtual_calls_per_batch = 20000;

struct Clone_delta {
	long resident = 0;
	double copy = 0, share = 0;
	double delta() const { return copy - share; }
};

std::optional<Clone_delta> own_clone_delta(int samples)
{
	const auto copy = clone_cost(0, samples);
	const auto share = clone_cost(CLONE_VM, samples);
	if (!copy || !share)
		return std::nullopt;
	return Clone_delta{resident_pages(), *copy, *share};
}

// cos-bench-clone-small, beside this program, grown to the paper's size.
std::optional<Clone_delta> small_clone_delta(int samples)
{
	char self[PATH_MAX] = {};
	if (readlink("/proc/self/exe", self, sizeof(self) - 1) <= 0)
		return std::nullopt;
	std::string program = self;
	program = program.substr(0, program.rfind('/') + 1) + "cos-bench-clone-small";
	const std::string pages = std::to_string(paper_resident_pages), count = std::to_string(samples);
	char *argv[] = {program.data(), const_cast<char *>(pages.c_str()), const_cast<char *>(count.c_str()), nullptr};

	int out[2];
	if (pipe(out))
		return std::nullopt;
	posix_spawn_file_actions_t actions;
	posix_spawn_file_actions_init(&actions);
	posix_spawn_file_actions_adddup2(&actions, out[1], 1);
	posix_spawn_file_actions_addclose(&actions, out[0]);
	pid_t pid;
	const int spawned = posix_spawn(&pid, program.c_str(), &actions, nullptr, argv, environ);
	posix_spawn_file_actions_destroy(&actions);
	close(out[1]);
	if (spawned) {
		close(out[0]);
		std::fprintf(stderr, "cos-bench-mpd: %s: %s\n", program.c_str(), std::strerror(spawned));
		return std::nullopt;
	}
	char line[256] = {};
	const ssize_t got = read(out[0], line, sizeof(line) - 1);
	close(out[0]);
	int status = 0;
	Clone_delta d;
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) || WEXITSTATUS(status) || got <= 0 ||
	    std::sscanf(line, "resident %ld copy %lf share %lf", &d.resident, &d.copy, &d.share) != 3) {
		std::fprintf(stderr, "cos-bench-mpd: %s failed\n", program.c_str());
		return std::nullopt;
	}
	return d;
}

// A virtual call doing bench_client's work per invocation (add(i, 1), summed and checked).
std::optional<double> virtual_call_cost(const Options &options)
{
	const Adder *adder = &make_adder();
	const std::uint64_t n = scaled(options, virtual_calls_per_batch);
	std::vector<double> per_call;
	for (int b = 0; b < batches(options); b++) {
		std::uint64_t sum = 0;
		const std::uint64_t start = now();
		for (std::uint64_t i = 0; i < n; i++)
			sum += adder->add(i, 1);
		const std::uint64_t took = now() - start;
		if (sum != n * (n + 1) / 2)
			return std::nullopt;
		per_call.push_back(static_cast<double>(took) / static_cast<double>(n));
	}
	return median(per_call);
}

} // namespace

int main(int argc, char **argv)
{
	const auto options = parse_options(
		argc, argv, 4, "cos-bench-mpd MPD_GRAPH LIVE_GRAPH INVOKE_GRAPH ONE_PD_GRAPH [--icount] [--short]");
	if (!options)
		return 2;
	pin_to_cpu0();
	auto ten = load_plan(options->graphs[0]);
	auto live_plan = load_plan(options->graphs[1]);
	auto split = load_plan(options->graphs[2]);
	auto merged = load_plan(options->graphs[3]);
	if (!ten || !live_plan || !split || !merged)
		return 1;

	const int samples = static_cast<int>(scaled(*options, clone_samples));
	const auto idle = mpd_idle(*options, *ten);
	const auto live = mpd_live(*options, *live_plan);
	const auto own = own_clone_delta(samples);
	const auto small = small_clone_delta(samples);
	const auto inter_pd = invocation_cost(*options, *split, Path::fast, Placement::across);
	const auto intra_pd = invocation_cost(*options, *merged, Path::fast, Placement::within);
	const auto virtual_call = virtual_call_cost(*options);
	const auto pipe_rpc = pipe_rpc_cost(*options);
	if (!idle || !live || !own || !small || !inter_pd || !intra_pd || !virtual_call || !pipe_rpc)
		return 1;
	if (live->reused_splits.empty() || live->fresh_splits.empty()) {
		std::fprintf(stderr, "cos-bench-mpd: the live system gave %zu reusing and %zu fresh splits: no figure\n",
			     live->reused_splits.size(), live->fresh_splits.size());
		return 1;
	}

	// Medians, like the clone figures they are compared with: a timer interrupt that lands in an
	// operation of a few microseconds (which emulation makes costly) moves a mean, not a median.
	// The means are printed too.
	const double merge = median(idle->merges), split_reuse = median(idle->reused_splits);
	const double split_fresh = median(idle->fresh_splits), merge_live = median(live->merges);
	const double split_reuse_live = median(live->reused_splits), split_live = median(live->fresh_splits);
	std::printf("Table 1: MPD primitive operations     median idle  median live (mean idle, live)   paper (us, mean?)\n");
	auto row = [](const char *what, const std::vector<double> &a, const std::vector<double> &b, const char *paper) {
		std::printf("%-36s %12.1f %12.1f  (%9.1f, %9.1f)   %6s\n", what, median(a), median(b), mean(a), mean(b),
			    paper);
	};
	row("merge", idle->merges, live->merges, "0.6");
	row("split w/ protection domain reuse", idle->reused_splits, live->reused_splits, "1.4");
	row("split", idle->fresh_splits, live->fresh_splits, "2.1");
	if (!live->fallen_back.empty())
		std::printf("%-36s %12s %12.1f  (%9s, %9.1f)\n", "split asked to reuse, found a frame", "-",
			    median(live->fallen_back), "-", mean(live->fallen_back));
	std::printf("%-36s %12.1f\n", "merge as an ioctl round trip", median(idle->merge_ioctls));
	std::printf("(%s; the module's own timing of each operation; live: of %zu splits asked to reuse the domain,\n"
		    " %zu could, %zu found a frame in it; %llu invocations across domains while it was reshaped)\n",
		    unit(*options), live->reused_splits.size() + live->fallen_back.size(), live->reused_splits.size(),
		    live->fallen_back.size(), static_cast<unsigned long long>(live->invocations));
	std::printf("\nclone address space in Linux (medians)    this process  small process   paper (us)\n");
	std::printf("%-42s %11ld %14ld   %6s\n", "resident pages", own->resident, small->resident, "198");
	std::printf("%-42s %11.1f %14.1f\n", "clone() without CLONE_VM", own->copy, small->copy);
	std::printf("%-42s %11.1f %14.1f\n", "clone() with CLONE_VM", own->share, small->share);
	std::printf("%-42s %11.1f %14.1f   %6s\n", "delta", own->delta(), small->delta(), "30.7");
	std::printf("%-42s %11.1f %14.1f   %6s\n", "delta / merge (idle)", own->delta() / merge, small->delta() / merge, "51");
	std::printf("%-42s %11.1f %14.1f   %6s\n", "delta / merge (live)", own->delta() / merge_live,
		    small->delta() / merge_live, "51");
	std::printf("%-42s %11.1f %14.1f   %6s\n", "delta / split (idle)", own->delta() / split_fresh,
		    small->delta() / split_fresh, "15");
	std::printf("%-42s %11.1f %14.1f   %6s\n", "delta / split (live)", own->delta() / split_live,
		    small->delta() / split_live, "15");
	std::printf("\nTable 2: component communication (medians) %14s   paper (us)\n", unit(*options));
	std::printf("%-42s %14.1f   %6s\n", "inter-PD component invocation", *inter_pd, "0.7");
	std::printf("%-42s %14.1f   %6s\n", "intra-PD component invocation", *intra_pd, "0.008");
	std::printf("%-42s %14.1f   %6s\n", "C++ virtual call (same work)", *virtual_call, "0.0075");
	std::printf("%-42s %14.1f   %6s\n", "Linux pipe RPC", *pipe_rpc, "6.4");
	std::printf("%-42s %14.2f   %6s\n", "intra-PD / virtual call", *intra_pd / *virtual_call, "1.1");
	std::printf("%-42s %14.2f   %6s\n", "pipe RPC / inter-PD", *pipe_rpc / *inter_pd, "9.1");
	std::printf("{\"merge\": %.1f, \"split_reuse\": %.1f, \"split\": %.1f, \"merge_live\": %.1f, "
		    "\"split_reuse_live\": %.1f, \"split_live\": %.1f, \"merge_live_mean\": %.1f, "
		    "\"split_reuse_live_mean\": %.1f, \"split_live_mean\": %.1f, \"clone_vm_delta\": %.1f, "
		    "\"clone_vm_delta_small\": %.1f, \"resident_pages\": %ld, \"resident_pages_small\": %ld, "
		    "\"inter_pd\": %.1f, \"intra_pd\": %.1f, \"virtual_call\": %.1f, \"pipe_rpc\": %.1f, "
		    "\"statistic\": \"median\", %s}\n",
		    merge, split_reuse, split_fresh, merge_live, split_reuse_live, split_live, mean(live->merges),
		    mean(live->reused_splits), mean(live->fresh_splits), own->delta(), small->delta(), own->resident,
		    small->resident, *inter_pd, *intra_pd, *virtual_call, *pipe_rpc, json_mode(*options).c_str());
	return 0;
}
