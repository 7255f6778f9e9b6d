# SPDX-License-Identifier: GPL-2.0
# Mutable protection domains on a running system, driven from outside with cos merge, cos split,
# cos pd and cos stat, and from inside by a policy component: stale domains live exactly as long
# as a thread runs in them, a stale domain reaches components merged in since, immutable
# boundaries stay, capabilities and counters follow every change, and cos pd --numbers names
# components by their graph's numbers.

scratch=$(mktemp -d)

# stale_pds: the K of cos pd's summary "N components in M protection domains, K stale".
stale_pds() {
	cos pd | sed -nE 's/.* protection domains?, ([0-9]+) stale$/\1/p'
}


# --- Lifetime (section 3.2): split a domain while a thread runs in it.
cos load --stats "$graphs/mpd-lifetime.cosg" > "$scratch/out" 2> "$scratch/err" &
run=$!
await_line "$scratch/out" '^holder: inside$'
# Before anything moves: each domain as the graph made it, by number, and the numbers the module
# keeps for every component (the printer has none).
numbered_pds=$(cos pd --numbers | sed -nE 's/^pd [0-9]+ +(\(.*\))$/\1/p' | LC_ALL=C sort | tr '\n' ' ')
numbers=$(cos pd --json | jq -r '.components[] | "\(.name)=\(.number)"' | LC_ALL=C sort | tr '\n' ' ')
pages_before=$(pages_in_use_less_reserve)
stale_before=$(stale_pds)
refusal=$(cos merge watcher helper 2>&1)
refused=$?
split_out=$(cos split helper 2>&1)
await_line "$scratch/out" '^holder: split seen$'
stale_during=$(stale_pds)
frames_during=$(cos pd | sed -nE 's/^stale pd [0-9]+ +\((.*)\), ([0-9]+) frames? running$/\1: \2/p')
cos merge holder gate > /dev/null 2>&1
await_line "$scratch/out" '^watcher: hold returned 49$'
returned=$?
stale_after=$(stale_pds)
pages_after=$(pages_in_use_less_reserve)
cos merge watcher holder > /dev/null 2>&1
finish_run "$run"
status=$?
echo "lifetime: stale domains $stale_before -> $stale_during ($frames_during) -> $stale_after; pages $pages_before -> $pages_after"
if [ "$numbered_pds" = "(1) (2) (9, 10) (printer) " ] &&
	[ "$numbers" = "gate=2 helper=10 holder=9 printer=null watcher=1 " ]; then
	pass "cos_pd_numbers_names_the_members_by_their_graphs_numbers"
else
	fail "cos_pd_numbers_names_the_members_by_their_graphs_numbers" "domains $numbered_pds; numbers $numbers"
fi
if [ "$refused" = 1 ] && echo "$refusal" | grep -q '^cos: cannot merge watcher and helper: a boundary between their domains is immutable'; then
	pass "merging_across_an_immutable_boundary_is_refused"
else
	fail "merging_across_an_immutable_boundary_is_refused" "status $refused: $refusal"
fi
if echo "$split_out" | grep -q '^split helper into pd [0-9]* (new domains built)' && [ "$stale_before" = 0 ] &&
	[ "$stale_during" = 1 ] && [ "$frames_during" = "helper, holder: 1" ]; then
	pass "split_while_a_thread_is_inside_leaves_the_domain_stale"
else
	fail "split_while_a_thread_is_inside_leaves_the_domain_stale" \
		"$split_out; stale $stale_before -> $stale_during ($frames_during)"
fi
# The split built two domains and kept the stale one; merging the holder with the gate freed the
# gate's; the holder's return freed the stale one: as many pages as before the split (freed
# domains' pages the system keeps in reserve aside).
if [ "$returned" = 0 ] && [ "$stale_after" = 0 ] && same_count "$pages_after" "$pages_before" && [ "$status" = 0 ]; then
	pass "the_stale_domain_is_freed_when_the_thread_returns"
else
	fail "the_stale_domain_is_freed_when_the_thread_returns" \
		"status $status, stale after $stale_after, pages $pages_before -> $pages_after: $(cat "$scratch/out" "$scratch/err")"
fi

# --- A thread in a stale domain reaches a component merged in since, by a direct call.
cos load --stats "$graphs/mpd-reach.cosg" > "$scratch/out" 2> "$scratch/err" &
run=$!
await_line "$scratch/out" '^reacher: inside$'
cos split third > /dev/null 2>&1
await_line "$scratch/out" '^reacher: split seen$'
cos merge bridge far > /dev/null 2>&1
finish_run "$run"
status=$?
if [ "$status" = 0 ] && grep -q '^reach_main: reach returned 5003$' "$scratch/out" &&
	grep -q ', 1 stale repair, 0 faults$' "$scratch/err"; then
	pass "a_stale_domain_reaches_a_component_merged_in_since"
else
	fail "a_stale_domain_reaches_a_component_merged_in_since" "status $status: $(cat "$scratch/out" "$scratch/err")"
fi

# --- A policy component merges and splits through the component kernel's own calls.
out=$(cos load "$graphs/mpd-policy.cosg" 2>&1)
status=$?
if [ "$status" = 0 ] && echo "$out" | grep -q '^mpd_driver: 13 checks, 0 failed$'; then
	pass "a_policy_component_merges_and_splits_its_domains"
else
	fail "a_policy_component_merges_and_splits_its_domains" "status $status: $out"
fi

pages_none mpd_runs_give_every_page_back
rm -rf "$scratch"
