# SPDX-License-Identifier: GPL-2.0
# Two million invocations (ten million in a long run) across eight protection domains on CPU 0,
# while a Linux workload (stress-ng: computing, forking, touching memory) keeps CPU 1 busy and
# preempts the host thread whenever the scheduler moves a worker over. Every result must be
# right, and the kernel log clean (scripts/vm judges that).

scratch=$(mktemp -d)
# pinger, six links and the tail, each in a domain of its own (the printer makes a ninth): every
# tuple crosses seven boundaries, ten tuples a round.
"$here/make-chain-graph" 8 "$images" > "$scratch/chain8.cosg"
# A round is 70 invocations.
rounds=$(by_length 28600 143000)
stress-ng --quiet --temp-path "$scratch" --cpu 1 --fork 1 --vm 1 --vm-bytes 32M --timeout 1200 > /dev/null 2>&1 &
workload=$!
sleep 1
taskset -c 0 cos load --stats "$scratch/chain8.cosg" "$rounds" > "$scratch/out" 2> "$scratch/err"
status=$?
kill -0 "$workload" 2>/dev/null && workload_ran=1 || workload_ran=0
kill "$workload" 2>/dev/null
wait "$workload" 2>/dev/null
invocations=$(sed -nE 's/.* ([0-9]+) invocations across.*/\1/p' "$scratch/err")
echo "invocation stress: ${invocations:-no} invocations across 8 domains beside stress-ng"
if [ "$status" = 0 ] && [ "$workload_ran" = 1 ] && [ "${invocations:-0}" -ge $((rounds * 70)) ] &&
	grep -q "^pinger: $rounds more rounds, 0 mismatches$" "$scratch/out"; then
	pass "invocations_stay_right_beside_a_linux_workload"
else
	fail "invocations_stay_right_beside_a_linux_workload" \
		"status $status, workload ran $workload_ran, invocations ${invocations:-none}: $(tail -3 "$scratch/out") $(cat "$scratch/err")"
fi
rm -rf "$scratch"
