# SPDX-License-Identifier: GPL-2.0
# Component threads under the scheduler component: priorities and fair shares, preemption by the
# timer, mutual exclusion, producers and consumers over events and asynchronous invocations, timed
# blocks, an idle system, and stopping a system with SIGINT or SIGTERM. Each test is one run of
# tests/graphs/threads.cosg (tests/components/thread_test prints what it measured: the lines show here).

scratch=$(mktemp -d)

# thread_test NAME NUMBER: runs thread_test's test NUMBER; each of its check lines is a case.
thread_test() {
	local name=$1 number=$2 status line
	cos load --stats "$graphs/threads.cosg" "$number" > "$scratch/out" 2> "$scratch/err"
	status=$?
	grep -vE ': (ok|FAILED)$' "$scratch/out" | sed "s/^/$name: /"
	while IFS= read -r line; do
		case "$line" in
		*": ok") pass "$(echo "${line%: ok}" | tr -c 'a-zA-Z0-9\n' _)" ;;
		*": FAILED") fail "$(echo "${line%: FAILED}" | tr -c 'a-zA-Z0-9\n' _)" "see the output above" ;;
		esac
	done < <(grep -E ': (ok|FAILED)$' "$scratch/out")
	if [ "$status" != 0 ] || ! grep -qE ', 0 faults$' "$scratch/err"; then
		fail "thread_test_$name" "status $status: $(cat "$scratch/err")"
	fi
}

thread_test share 1
thread_test preempt 2
thread_test lock 3
thread_test events 4
thread_test async 5
thread_test timed 6

# An idle system: every thread blocked for seconds. Linux should see the host use no CPU: the
# host thread sleeps in Linux, and not even the timer wakes it before the sleep is due.
cos load --stats "$graphs/threads.cosg" 7 4000 > "$scratch/out" 2> "$scratch/err" &
run=$!
for i in $(seq 100); do grep -q '^idle: sleeping' "$scratch/out" && break; sleep 0.1; done
sleep 0.5
cpu_ticks() { awk '{print $14 + $15}' "/proc/$run/stat"; }
before=$(cpu_ticks)
start=$(date +%s%N)
sleep 2
after=$(cpu_ticks)
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
wait "$run"
status=$?
hz=$(getconf CLK_TCK)
used_ms=$(( (after - before) * 1000 / hz ))
echo "idle: the host used $used_ms ms of CPU in $elapsed_ms ms while every thread slept"
if [ "$status" = 0 ] && grep -q '^idle: awake$' "$scratch/out" && [ $((used_ms * 100)) -le $((elapsed_ms * 2)) ]; then
	pass "an_idle_system_uses_no_cpu"
else
	fail "an_idle_system_uses_no_cpu" "status $status, $used_ms ms of $elapsed_ms ms: $(cat "$scratch/out" "$scratch/err")"
fi

# SIGINT and SIGTERM stop a running system cleanly, with a summary, whatever it is doing.
for signal in INT TERM; do
	for test in 7 8; do
		cos load "$graphs/threads.cosg" "$test" 60000 > "$scratch/out" 2> "$scratch/err" &
		run=$!
		for i in $(seq 100); do grep -qE '^(idle|busy): ' "$scratch/out" && break; sleep 0.1; done
		sleep 1
		kill "-$signal" "$run"
		wait "$run"
		status=$?
		want=$((128 + $(kill -l "$signal")))
		if [ "$status" = "$want" ] &&
			grep -qE "^cos: stopped by SIG$signal: [0-9]+ threads?, [0-9]+ invocations across protection domains, 8 protection domains$" "$scratch/err"; then
			pass "sig${signal,,}_stops_test_${test}_cleanly_with_a_summary"
		else
			fail "sig${signal,,}_stops_test_${test}_cleanly_with_a_summary" "status $status (wanted $want): $(cat "$scratch/err")"
		fi
	done
done
# The signal again while the run is ending (timeout(1) signals the process, then its group; people
# press Ctrl-C twice): still one clean stop with its summary, never a host killed without it.
clean=0
for i in $(seq 10); do
	test=$((7 + i % 2))
	cos load "$graphs/threads.cosg" "$test" 60000 > "$scratch/out" 2> "$scratch/err" &
	run=$!
	for j in $(seq 100); do grep -qE '^(idle|busy): ' "$scratch/out" && break; sleep 0.1; done
	kill -TERM "$run"
	kill -TERM "$run" 2>/dev/null
	wait "$run"
	status=$?
	if [ "$status" = 143 ] && grep -qE '^cos: stopped by SIGTERM: ' "$scratch/err"; then
		clean=$((clean + 1))
	else
		echo "SIGTERM twice to test $test: status $status: $(cat "$scratch/err")"
	fi
done
if [ "$clean" = 10 ]; then
	pass "a_second_sigterm_during_the_stop_still_gives_the_summary"
else
	fail "a_second_sigterm_during_the_stop_still_gives_the_summary" "$clean of 10 clean"
fi
pages_none stopped_systems_give_every_page_back
rm -rf "$scratch"
