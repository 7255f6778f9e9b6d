// SPDX-License-Identifier: GPL-2.0
// A policy component that reshapes at random (tests/graphs/mpd-soak-policy.cosg): while the MPD soak's
// threads send values down the chain and a tool (mpd_churn) merges and splits the same
// components from outside, it merges and splits them from inside through the component
// kernel's calls, racing the tool. Its components are those of the capabilities that neither
// its caller (the soak's head) nor it holds: the chain's links and tail.
#include <cos/component.hpp>
#include <cos/kernel.hpp>

#include "tests/components/mpd_test/await.hpp"

COS_MPD_POLICY();
// Not called: the test merges the shuffler with the printer to say "start" (the capability turns
// direct), once it has read the system's state from before any reshaping.
COS_IMPORT(print_chunk);

namespace {

struct Counts {
	cos_word merges = 0, splits = 0, refused = 0, no_room = 0, errors = 0;
	cos_word last_error = 0; // the latest answer counted as an error, as an errno
};

Counts counts;

// xorshift64*: the seed gives the sequence.
cos_word next(cos_word &state)
{
	state ^= state >> 12;
	state ^= state << 25;
	state ^= state >> 27;
	return state * 0x2545f4914f6cdd1dULL;
}

} // namespace

// shuffle(seed, ns): once the test says start, merges and splits at random for ns nanoseconds,
// then returns the number of operations the module carried out. shuffle_counts(0..3) then gives
// merges, splits, refusals (-EALREADY: nothing to do) and errors (any other answer), 4 the latest
// error's answer negated, 5 the refusals for want of a domain id or memory (-ENOSPC, -ENOMEM:
// documented, nothing changed; stale domains waiting for their frames hold ids).
extern "C" cos_word shuffle(cos_word seed, cos_word ns, cos_word, cos_word)
{
	using cosk::kernel::Error;
	namespace kernel = cosk::kernel;
	auto me = kernel::mpd_self();
	auto caller = kernel::client(COS_RETURN_ADDRESS());
	cos_edge edges[32];
	auto read = kernel::mpd_edges(edges, sizeof(edges) / sizeof(edges[0]));
	if (!me || !caller || !read)
		return 0;
	const cos_word self = me.value(), head = caller.value(), n = read.value();
	cos_word members[16], count = 0;
	for (cos_word i = 0; i < n && i < sizeof(edges) / sizeof(edges[0]); i++) {
		if (edges[i].client == head || edges[i].client == self)
			continue;
		const cos_word ends[2] = {edges[i].client, edges[i].server};
		for (const cos_word id : ends) {
			bool known = false;
			for (cos_word k = 0; k < count; k++)
				known = known || members[k] == id;
			if (!known && count < sizeof(members) / sizeof(members[0]))
				members[count++] = id;
		}
	}
	if (count < 2)
		return 0;
	cos_await_merge(__cos_import_print_chunk);
	cos_word state = seed | 1;
	const cos_word end = kernel::time_ns() + ns;
	while (kernel::time_ns() < end) {
		for (int i = 0; i < 64; i++) {
			const cos_word a = members[next(state) % count], b = members[next(state) % count];
			const bool merge = next(state) & 1;
			if (merge && a == b)
				continue;
			auto answer = merge ? kernel::mpd_merge(a, b) : kernel::mpd_split(a);
			if (answer) {
				(merge ? counts.merges : counts.splits)++;
				continue;
			}
			const Error error = answer.error();
			if (error == Error::already)
				counts.refused++;
			else if (error == Error::no_space || error == Error::no_memory)
				counts.no_room++;
			else {
				counts.errors++;
				counts.last_error = static_cast<cos_word>(error);
			}
		}
	}
	return counts.merges + counts.splits;
}
COS_EXPORT(shuffle);

extern "C" cos_word shuffle_counts(cos_word which, cos_word, cos_word, cos_word)
{
	const cos_word all[] = {counts.merges, counts.splits, counts.refused, counts.errors, counts.last_error,
				counts.no_room};
	return which < 6 ? all[which] : 0;
}
COS_EXPORT(shuffle_counts);
