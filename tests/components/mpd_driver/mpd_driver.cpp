// SPDX-License-Identifier: GPL-2.0
// A policy component's view of MPD (tests/graphs/mpd-policy.cosg): it merges and splits its own
// domain with the adder's through the component kernel's calls (cos_mpd_*), and checks after
// each step that its capability follows (direct inside a domain, through the module across),
// that the adder still answers, and that the edge counters it reads are exact.
#include <cos/component.hpp>
#include <cos/kernel.hpp>
#include <cos/system/print.hpp>

#include "tests/components/mpd_test/await.hpp"

COS_IMPORT(add);
COS_MPD_POLICY();

namespace {

using cosk::kernel::Error;
namespace kernel = cosk::kernel;

// Whether the call was refused with error.
template <typename T>
bool refused(cosk::Attempt<T, Error> &&answer, Error error)
{
	return !answer && answer.error() == error;
}

// Whether the component kernel answers for both components, and puts them in one domain.
bool one_domain(cos_word a, cos_word b)
{
	auto pd_a = kernel::mpd_pd_of(a), pd_b = kernel::mpd_pd_of(b);
	return pd_a && pd_b && pd_a.value() == pd_b.value();
}

// Whether it answers for both, and puts them in different domains.
bool two_domains(cos_word a, cos_word b)
{
	auto pd_a = kernel::mpd_pd_of(a), pd_b = kernel::mpd_pd_of(b);
	return pd_a && pd_b && pd_a.value() != pd_b.value();
}

struct Driver {
	cos_word self = 0;
	cos_word adder = 0;
	cos_word printer = 0;
	cos_word checks = 0;
	cos_word failed = 0;
	cos_edge edges[8] = {};

	void check(bool ok, const char *what)
	{
		checks++;
		if (!ok)
			failed++;
		cos_printf("mpd_driver: %s: %s\n", what, ok ? "ok" : "FAILED");
	}

	// The policy's own read of the edges. The driver's capabilities come in the order of their
	// numbers, so its edge for a capability is found by the capability's number.
	const cos_edge *edge_of(const Cos_ucap &ucap)
	{
		auto read = kernel::mpd_edges(edges, sizeof(edges) / sizeof(edges[0]));
		const cos_word n = read ? read.value() : 0;
		cos_word mine = 0;
		for (cos_word i = 0; i < n && i < sizeof(edges) / sizeof(edges[0]); i++) {
			if (edges[i].client != self)
				continue;
			if (mine++ == ucap.cap)
				return &edges[i];
		}
		return nullptr;
	}

	// Adds n times through the capability and checks every sum.
	bool add_n(cos_word n)
	{
		bool right = true;
		for (cos_word i = 0; i < n; i++)
			right = right && add(i, 1000) == i + 1000;
		return right;
	}

	// Calls n times, then checks what the policy's read of the edge says of them.
	void calls_counted(cos_word n, cos_word inter_pd, const char *what)
	{
		const bool sums = add_n(n);
		const cos_edge *e = edge_of(__cos_import_add);
		check(sums && e && e->since == n && e->inter_pd == inter_pd, what);
	}

	cos_word run()
	{
		// Refused only to a component that is not the policy: then nothing below can pass, and
		// the missing summary line fails the test.
		auto me = kernel::mpd_self();
		if (!me)
			return 1;
		self = me.value();
		edge_of(__cos_import_add); // the first read sets the policy's baseline
		const cos_edge *to_adder = edge_of(__cos_import_add);
		const cos_edge *to_printer = edge_of(__cos_import_print_chunk);
		check(to_adder && to_printer, "the policy finds its edges");
		if (!to_adder || !to_printer)
			return 1;
		adder = to_adder->server;
		printer = to_printer->server;

		check(cos_crosses_domains(__cos_import_add) && two_domains(self, adder),
		      "apart at the start: add goes through the module");
		calls_counted(10, 10, "10 calls across, counted");

		check(kernel::mpd_merge(self, adder).ok(), "merge with the adder");
		check(!cos_crosses_domains(__cos_import_add) && one_domain(self, adder),
		      "merged: add is a direct call");
		calls_counted(5, 10, "5 direct calls, counted, none across");
		check(refused(kernel::mpd_merge(adder, self), Error::already),
		      "merging again is refused: -EALREADY");

		check(kernel::mpd_split(adder).ok(), "split the adder off");
		check(cos_crosses_domains(__cos_import_add) && two_domains(self, adder),
		      "split: add goes through the module again");
		calls_counted(3, 13, "3 calls across, counted");
		check(refused(kernel::mpd_split(adder), Error::already),
		      "splitting a component that is alone is refused: -EALREADY");
		check(refused(kernel::mpd_merge(self, printer), Error::not_permitted),
		      "merging across an immutable boundary is refused: -EPERM");
		check(refused(kernel::mpd_merge(self, 1000), Error::invalid),
		      "merging with no component is refused: -EINVAL");
		cos_printf("mpd_driver: %lu checks, %lu failed\n", checks, failed);
		return failed;
	}
};

Driver driver;

} // namespace

extern "C" cos_word main(cos_word, cos_word, cos_word, cos_word)
{
	return driver.run();
}
COS_EXPORT(main);
