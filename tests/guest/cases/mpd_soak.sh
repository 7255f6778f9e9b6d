# SPDX-License-Identifier: GPL-2.0
# The MPD soak: for minutes one process (mpd_churn) merges and splits the domains of a running
# chain at random, while component threads send values down the chain across the changing
# boundaries: first the run's one thread, then several that the timer preempts wherever they
# are, in the middle of invocations. Every result must be right, no component may fault, the edge
# counters must match the calls made, and once every component is split again the domain count
# and the module's page count must be back where they started.

graphs=$(cd "$here/../.." && pwd)/graphs
scratch=$(mktemp -d)
# The head is left out: its run is one long invocation into its domain, which would stay stale
# for as long as the run if the head were ever merged or split; the scheduler likewise, where the
# run's thread waits for the others.
members=(link1 link2 link3 link4 link5 link6 tail printer)

# domains: "M K" from cos pd's summary "N components in M protection domains, K stale".
domains() {
	cos pd | sed -nE 's/.* in ([0-9]+) protection domains?, ([0-9]+) stale$/\1 \2/p'
}

# soak NAME THREADS SECONDS
soak() {
	local name=$1 threads=$2 seconds=$3 run status churn_status merged split domains_before pages_before
	local domains_after pages_after calls chain_totals i
	cos load --stats "$graphs/mpd-soak.cosg" 1000 "$threads" > "$scratch/out" 2> "$scratch/err" &
	run=$!
	await_line "$scratch/out" '^soak: running'
	domains_before=$(domains)
	pages_before=$(pages_in_use_less_reserve)

	mpd_churn "$seconds" "${members[@]}" > "$scratch/churn" 2>&1
	churn_status=$?
	merged=$(sed -nE 's/.* ([0-9]+) merges.*/\1/p' "$scratch/churn")
	split=$(sed -nE 's/.* ([0-9]+) splits.*/\1/p' "$scratch/churn")

	# Every component alone again, and every stale domain gone once the threads have left them.
	for c in "${members[@]}"; do
		cos split "$c" > /dev/null 2>&1
	done
	for i in $(seq 300); do
		[ "$(domains)" = "$domains_before" ] && [ "$(pages_in_use_less_reserve)" = "$pages_before" ] && break
		sleep 0.2
	done
	domains_after=$(domains)
	pages_after=$(pages_in_use_less_reserve)
	echo "mpd soak, $name: $(cat "$scratch/churn") in ${seconds}s; domains $domains_before -> $domains_after, pages $pages_before -> $pages_after"

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

	if [ "$status" = 0 ] && [ "$churn_status" = 0 ] && [ "${merged:-0}" -gt 100 ] && [ "${split:-0}" -gt 100 ] &&
		grep -qE '^soak: [0-9]+ rounds, [0-9]+ calls, 0 mismatches$' "$scratch/out" &&
		grep -qE ', 0 faults$' "$scratch/err"; then
		pass "merging_and_splitting_at_random_keeps_every_result_right_$name"
	else
		fail "merging_and_splitting_at_random_keeps_every_result_right_$name" \
			"status $status: $(cat "$scratch/churn") $(tail -3 "$scratch/out") $(cat "$scratch/err")"
	fi
	if [ -n "$domains_before" ] && [ "$domains_after" = "$domains_before" ] && [ "$pages_after" = "$pages_before" ]; then
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

soak one_thread 0 "${COS_SOAK_SECONDS:-60}"
soak preempted_threads 3 "${COS_SOAK_SECONDS:-90}"
if grep -qE '[1-9][0-9]* preemptions' "$scratch/err"; then
	pass "the_soak_threads_were_preempted_while_domains_changed"
else
	fail "the_soak_threads_were_preempted_while_domains_changed" "$(cat "$scratch/err")"
fi
rm -rf "$scratch"
