// SPDX-License-Identifier: GPL-2.0
// fp_host GRAPH: computes in floating point (SSE and x87), runs the graph's entry like `cos load`
// (tests/graphs/fp-spoiler.cosg spoils the floating-point registers), and computes again: the results
// must be the same, a division by zero must give infinity, not SIGFPE. Exits 0 when they are.
#include <cmath>
#include <cstdio>

#include "loader/image/plan.hpp"
#include "loader/run/runner.hpp"

namespace {

struct Results {
	double third;
	long double long_third;
	double infinity;
	double sum;
};

Results compute()
{
	volatile double one = 1.0, three = 3.0, zero = 0.0;
	volatile long double long_one = 1.0L, long_three = 3.0L;
	Results r{};
	r.third = one / three;
	r.long_third = long_one / long_three;
	r.infinity = one / zero;
	for (int i = 1; i <= 1000; i++)
		r.sum += one / i;
	return r;
}

} // namespace

int main(int argc, char **argv)
{
	if (argc != 2) {
		std::fprintf(stderr, "usage: fp_host GRAPH\n");
		return 2;
	}
	auto plan = cosk::loader::make_load_plan(argv[1]);
	if (!plan) {
		std::fprintf(stderr, "fp_host: %s\n", cosk::loader::describe(plan.error()).c_str());
		return 2;
	}
	const Results before = compute();
	auto outcome = cosk::loader::run_plan(plan.value(), {});
	if (!outcome || outcome.value().faulted) {
		std::fprintf(stderr, "fp_host: the run failed\n");
		return 2;
	}
	const Results after = compute();
	const bool same = before.third == after.third && before.long_third == after.long_third &&
			  std::isinf(after.infinity) && before.sum == after.sum;
	std::printf("fp_host: 1/3 %.17g then %.17g, 1/3L %.21Lg then %.21Lg, 1/0 %g, harmonic %.17g then %.17g: %s\n",
		    before.third, after.third, before.long_third, after.long_third, after.infinity, before.sum,
		    after.sum, same ? "unchanged" : "CHANGED");
	return same ? 0 : 1;
}
