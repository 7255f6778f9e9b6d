# SPDX-License-Identifier: GPL-2.0
# The MPD soak: processes (mpd_churn) merge and split the domains of a running chain at random,
# while component threads send values down the chain across the changing boundaries: first the
# run's one thread, then several that the timer preempts wherever they are, in the middle of
# invocations; then two such processes at once; then one racing a policy component that reshapes
# the same chain from inside (mpd_shuffler). Every result must be right, no component may fault,
# once the reshaping stops every component must be in exactly one domain and every capability
# direct exactly inside domains (mpd_check), the edge counters must match the calls made, and once
# every component is split again the domain count and the module's page count must be back where
# they started. Each soak runs for a length of time: short by default, minutes with
# COS_TEST_LENGTH=long.

scratch=$(mktemp -d)
# The head is left out: its run is one long invocation into its domain, which would stay stale
# for as long as the run if the head were ever merged or split; the scheduler likewise, where the
# run's thread waits for the others.
members=(link1 link2 link3 link4 link5 link6 tail printer)

# domains: "M K" from cos pd's summary "N components in M protection domains, K stale".
domains() {
	cos pd | sed -nE 's/.* in ([0-9]+) protection domains?, ([0-9]+) stale$/\1 \2/p'
}

# churn_counts FILE: "merges splits errors", summed over the mpd_churn lines in FILE.
churn_counts() {
	sed -nE 's/.* ([0-9]+) merges, ([0-9]+) splits, [0-9]+ redundant, ([0-9]+) errors$/\1 \2 \3/p' "$1" |
		awk '{ m += $1; s += $2; e += $3; n++ } END { print m + 0, s + 0, (n ? e : 1) }'
}

# soak NAME GRAPH THREADS SECONDS TOOLS: TOOLS processes of mpd_churn for SECONDS; with the policy
# graph, the shuffler reshapes for as long.
soak() {
	local name=$1 graph=$2 threads=$3 seconds=$4 tools=$5 run status churn_status merged split errors
	local domains_before pages_before domains_after pages_after calls chain_totals i t churners check_status
	local busy_threads pages
	cos load --stats "$graph" 1000 "$threads" "$seconds" > "$scratch/out" 2> "$scratch/err" &
	run=$!
	await_line "$scratch/out" '^soak: running'
	domains_before=$(domains)
	# A thread's stack in a component gets its pages on first touch: the count is taken once
	# every thread has been down the chain, when two readings a second apart agree.
	pages_before=$(pages_in_use_less_reserve)
	for i in $(seq 20); do
		sleep 1
		pages=$(pages_in_use_less_reserve)
		[ "$pages" = "$pages_before" ] && break
		pages_before=$pages
	done

	# The policy component waits for this merge to start: the state above is from before any
	# reshaping.
	if [ "$graph" = "$graphs/mpd-soak-policy.cosg" ]; then
		cos merge shuffler printer > /dev/null
	fi
	rm -f "$scratch"/churn*
	churners=()
	for t in $(seq "$tools"); do
		mpd_churn "$seconds" "${members[@]}" > "$scratch/churn$t" 2>&1 &
		churners+=($!)
	done
	churn_status=0
	for t in "${churners[@]}"; do
		wait "$t" || churn_status=1
	done
	cat "$scratch"/churn[0-9]* > "$scratch/churn"
	read -r merged split errors < <(churn_counts "$scratch/churn")
	# The policy component reshapes for as long as the tools, from the merge above: its report
	# comes when it has stopped.
	if [ "$graph" = "$graphs/mpd-soak-policy.cosg" ]; then
		await_line "$scratch/out" '^soak: policy: '
		echo "mpd soak, $name: $(grep '^soak: policy: ' "$scratch/out")"
	fi

	# Nothing reshapes the system now: what the reshapers left must be consistent.
	mpd_check > "$scratch/check" 2>&1
	check_status=$?
	echo "mpd soak, $name: $(tail -1 "$scratch/check")"

	# Every component alone again, and every stale domain gone once the threads have left them.
	for c in "${members[@]}" shuffler; do
		cos split "$c" > /dev/null 2>&1
	done
	for i in $(seq 100); do
		[ "$(domains)" = "$domains_before" ] && break
		sleep 0.2
	done
	for i in $(seq 20); do
		[ "$(pages_in_use_less_reserve)" = "$pages_before" ] && break
		sleep 0.2
	done
	domains_after=$(domains)
	pages_after=$(pages_in_use_less_reserve)
	echo "mpd soak, $name: $tools tools, $merged merges, $split splits, $errors errors in ${seconds}s; domains $domains_before -> $domains_after, pages $pages_before -> $pages_after"

	# The head stops sending and waits: the counters hold still while they are compared.
	cos merge soak halt > /dev/null 2>&1
	await_line "$scratch/out" '^soak: [0-9]+ rounds, [0-9]+ calls, [0-9]+ mismatches$'
	calls=$(sed -nE 's/^soak: [0-9]+ rounds, ([0-9]+) calls, .*/\1/p' "$scratch/out")
	echo "mpd soak, $name: $(grep -E '^soak: [0-9]+ rounds' "$scratch/out")"
	cos stat --all > "$scratch/stat"
	chain_totals=$(grep -E '^(soak -> link1|link[1-5] -> link[2-6]|link6 -> tail) ' "$scratch/stat" | awk '{print $5}' | sort -u)
	cos split halt > /dev/null 2>&1
	finish_run "$run"
	status=$?
	echo "mpd soak, $name: $(grep -v '^soak' "$scratch/err" | tr '\n' ' ')"

	# Each of the threads ran while the domains changed: more than the minimum of rounds.
	busy_threads=$(sed -nE 's/^soak: thread [0-9]+: ([0-9]+) rounds$/\1/p' "$scratch/out" | awk '$1 > 1000' | wc -l)
	[ "$threads" = 0 ] || echo "mpd soak, $name: $busy_threads of $threads threads ran while the domains changed:" \
		$(grep '^soak: thread' "$scratch/out" | sed 's/^soak: //')
	if [ "$status" = 0 ] && [ "$churn_status" = 0 ] && [ "$errors" = 0 ] && [ "${merged:-0}" -gt 100 ] &&
		[ "$busy_threads" = "$threads" ] &&
		[ "${split:-0}" -gt 100 ] && grep -qE '^soak: [0-9]+ rounds, [0-9]+ calls, 0 mismatches$' "$scratch/out" &&
		grep -qE ', 0 faults$' "$scratch/err"; then
		pass "merging_and_splitting_at_random_keeps_every_result_right_$name"
	else
		fail "merging_and_splitting_at_random_keeps_every_result_right_$name" \
			"status $status: $(cat "$scratch/churn") $(tail -3 "$scratch/out") $(cat "$scratch/err")"
	fi
	if [ "$check_status" = 0 ] && grep -qE '; 0 violations$' "$scratch/check"; then
		pass "every_component_in_one_domain_and_capabilities_direct_exactly_inside_$name"
	else
		fail "every_component_in_one_domain_and_capabilities_direct_exactly_inside_$name" \
			"status $check_status: $(cat "$scratch/check")"
	fi
	if [ -n "$domains_before" ] && [ "$domains_after" = "$domains_before" ] && same_count "$pages_after" "$pages_before"; then
		pass "after_the_soak_domains_and_pages_are_back_where_they_started_$name"
	else
		fail "after_the_soak_domains_and_pages_are_back_where_they_started_$name" \
			"domains $domains_before -> $domains_after, pages $pages_before -> $pages_after"
	fi
	# Every call down the chain passed every edge of it once: each edge counted exactly the calls.
	if [ -n "$calls" ] && [ "$chain_totals" = "$calls" ]; then
		pass "edge_counters_stay_exact_across_merges_and_splits_$name"
	else
		fail "edge_counters_stay_exact_across_merges_and_splits_$name" "$calls calls, chain edge totals: $(echo $chain_totals) $(cat "$scratch/stat")"
	fi
}

soak one_thread "$graphs/mpd-soak.cosg" 0 "$(by_length 30 300)" 1
soak preempted_threads "$graphs/mpd-soak.cosg" 3 "$(by_length 40 300)" 1
if grep -qE '[1-9][0-9]* preemptions' "$scratch/err"; then
	pass "the_soak_threads_were_preempted_while_domains_changed"
else
	fail "the_soak_threads_were_preempted_while_domains_changed" "$(cat "$scratch/err")"
fi
soak two_tools "$graphs/mpd-soak.cosg" 3 "$(by_length 30 300)" 2
soak tool_and_policy "$graphs/mpd-soak-policy.cosg" 3 "$(by_length 30 300)" 1
# The policy component's own reshaping: it must have merged and split, and never been refused
# for anything but having nothing to do.
policy=$(sed -nE 's/^soak: policy: ([0-9]+) merges, ([0-9]+) splits, [0-9]+ refused, ([0-9]+) errors .*/\1 \2 \3/p' "$scratch/out")
read -r policy_merges policy_splits policy_errors <<< "${policy:-0 0 1}"
if [ "$policy_merges" -gt 100 ] && [ "$policy_splits" -gt 100 ] && [ "$policy_errors" = 0 ]; then
	pass "the_policy_component_reshaped_while_the_tool_did"
else
	fail "the_policy_component_reshaped_while_the_tool_did" "$(grep '^soak: policy' "$scratch/out")"
fi
rm -rf "$scratch"
