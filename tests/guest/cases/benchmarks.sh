# SPDX-License-Identifier: GPL-2.0
# Each benchmark once, in its short mode, as a test of the benchmark: it runs, its checks of the
# work it timed pass (a benchmark that cannot verify its work prints no figure and fails), and its
# last line is one JSON object with every figure it promises, each a number, saying how
# it was measured. No figure is judged: timings under emulation mean nothing here.

scratch=$(mktemp -d)

# bench_case NAME KEYS COMMAND...: KEYS is a space-separated list of figures the JSON must hold.
bench_case() {
	local name=$1 keys=$2 status json key missing=
	shift 2
	"$@" --short > "$scratch/out" 2>&1
	status=$?
	json=$(tail -n 1 "$scratch/out")
	for key in $keys; do
		echo "$json" | jq -e --arg k "$key" '.[$k] | type == "number"' > /dev/null 2>&1 || missing="$missing $key"
	done
	if [ "$status" = 0 ] && [ -z "$missing" ] &&
		echo "$json" | jq -e '.short == true and (.statistic | type == "string") and (.unit | type == "string")' > /dev/null 2>&1; then
		pass "benchmark_${name}_runs_checks_its_work_and_prints_its_figures"
	else
		fail "benchmark_${name}_runs_checks_its_work_and_prints_its_figures" \
			"status $status, figures missing:${missing:- none}: $(tail -n 5 "$scratch/out")"
	fi
}

bench_case invoke "fast_roundtrip slow_roundtrip direct_call refused getppid pipe_rpc" \
	cos-bench-invoke "$bench_graphs/invoke.cosg" "$bench_graphs/invoke-one-pd.cosg"
bench_case threads "thread_switch linux_yield_pingpong lock_uncontended linux_mutex_uncontended yield_alone switches_per_run" \
	cos-bench-threads "$bench_graphs/threads.cosg"
bench_case mpd "merge split_reuse split merge_live split_reuse_live split_live clone_vm_delta clone_vm_delta_small inter_pd intra_pd virtual_call pipe_rpc" \
	cos-bench-mpd "$bench_graphs/mpd.cosg" "$bench_graphs/mpd-live.cosg" "$bench_graphs/invoke.cosg" \
	"$bench_graphs/invoke-one-pd.cosg"

rm -rf "$scratch"
