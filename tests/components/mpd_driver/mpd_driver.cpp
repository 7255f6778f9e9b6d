// SPDX-License-Identifier: GPL-2.0
// A policy component's view of MPD (tests/graphs/mpd-policy.cosg): it merges and splits its own
// domain with the adder's through the component kernel's calls (cos_mpd_*), and checks after
// each step that its capability follows (direct inside a domain, through the module across),
// that the adder still answers, and that the edge counters it reads are exact.
#include <linux/errno.h>

#include <cos/component.hpp>
#include <cos/kernel.hpp>
#include <cos/print.hpp>

#include "tests/components/mpd_test/await.hpp"

COS_IMPORT(add);
COS_MPD_POLICY();

namespace {

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
		const cos_word n = cos_mpd_edges(edges, sizeof(edges) / sizeof(edges[0]));
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
		self = cos_mpd_self();
		edge_of(__cos_import_add); // the first read sets the policy's baseline
		const cos_edge *to_adder = edge_of(__cos_import_add);
		const cos_edge *to_printer = edge_of(__cos_import_print_chunk);
		check(to_adder && to_printer, "the policy finds its edges");
		if (!to_adder || !to_printer)
			return 1;
		adder = to_adder->server;
		printer = to_printer->server;

		check(cos_crosses_domains(__cos_import_add) && cos_mpd_pd_of(self) != cos_mpd_pd_of(adder),
		      "apart at the start: add goes through the module");
		calls_counted(10, 10, "10 calls across, counted");

		check(cos_mpd_merge(self, adder) == 0, "merge with the adder");
		check(!cos_crosses_domains(__cos_import_add) && cos_mpd_pd_of(self) == cos_mpd_pd_of(adder),
		      "merged: add is a direct call");
		calls_counted(5, 10, "5 direct calls, counted, none across");
		check(cos_mpd_merge(adder, self) == static_cast<cos_word>(-EALREADY),
		      "merging again is refused: -EALREADY");

		check(cos_mpd_split(adder) == 0, "split the adder off");
		check(cos_crosses_domains(__cos_import_add) && cos_mpd_pd_of(self) != cos_mpd_pd_of(adder),
		      "split: add goes through the module again");
		calls_counted(3, 13, "3 calls across, counted");
		check(cos_mpd_split(adder) == static_cast<cos_word>(-EALREADY),
		      "splitting a component that is alone is refused: -EALREADY");
		check(cos_mpd_merge(self, printer) == static_cast<cos_word>(-EPERM),
		      "merging across an immutable boundary is refused: -EPERM");
		check(cos_mpd_merge(self, 1000) == static_cast<cos_word>(-EINVAL),
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
