# SPDX-License-Identifier: GPL-2.0
# Runs SIGKILLed at random moments, of a long chain, of systems with component threads, and of a
# host with a second thread: the module must give back every page each time, the kernel stay
# quiet, and the module unload afterwards (scripts/vm checks those).

scratch=$(mktemp -d)
"$here/make-chain-graph" 10 "$COS_BUILD_DIR/components" > "$scratch/chain.cosg"
before=$(cos info --json | sed -E 's/.*"pages_in_use": ([0-9]+).*/\1/')
running_when_killed=0
for i in $(seq 100); do
	cos load "$scratch/chain.cosg" 100000000 > /dev/null 2>&1 &
	pid=$!
	# 0 to 300 ms: before, while and after the system is built and entered.
	sleep "0.$(printf '%03d' $((RANDOM % 300)))"
	kill -0 "$pid" 2>/dev/null && running_when_killed=$((running_when_killed + 1))
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
done
after=$(cos info --json | sed -E 's/.*"pages_in_use": ([0-9]+).*/\1/')
echo "kill stress: 100 runs killed ($running_when_killed still running), module pages $before before, $after after"
if [ "$before" = "$after" ] && [ "$running_when_killed" -ge 50 ]; then
	pass "kill_at_random_moments_frees_every_page"
else
	fail "kill_at_random_moments_frees_every_page" "pages $before -> $after, $running_when_killed of 100 killed while running"
fi
rm -rf "$scratch"

# The same with component threads: a busy system (spinners preempted at every tick) and an idle
# one (the host thread asleep in Linux, the timer stopped), killed at random moments.
scratch=$(mktemp -d)
graphs=$(cd "$here/../.." && pwd)/graphs
before=$(cos info --json | sed -E 's/.*"pages_in_use": ([0-9]+).*/\1/')
running_when_killed=0
for i in $(seq 30); do
	cos load "$graphs/threads.cosg" $((7 + i % 2)) 60000 > /dev/null 2>&1 &
	pid=$!
	sleep "$((RANDOM % 2)).$(printf '%03d' $((RANDOM % 1000)))"
	kill -0 "$pid" 2>/dev/null && running_when_killed=$((running_when_killed + 1))
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
done
after=$(cos info --json | sed -E 's/.*"pages_in_use": ([0-9]+).*/\1/')
echo "kill stress with threads: 30 runs killed ($running_when_killed still running), module pages $before before, $after after"
if [ "$before" = "$after" ] && [ "$running_when_killed" -ge 25 ]; then
	pass "killing_threaded_systems_at_random_moments_frees_every_page"
else
	fail "killing_threaded_systems_at_random_moments_frees_every_page" "pages $before -> $after, $running_when_killed of 30 killed while running"
fi
rm -rf "$scratch"

# A host whose other thread keeps changing the address space (busy_host): killed at a random
# moment, either thread may be the last to leave it, and Linux frees the page tables while the
# host thread may still be exiting on its CPU.
before=$(cos info --json | sed -E 's/.*"pages_in_use": ([0-9]+).*/\1/')
for i in $(seq 30); do
	taskset -c $((i % 2)) busy_host "$graphs/threads.cosg" $((7 + i % 2)) 60000 > /dev/null 2>&1 &
	pid=$!
	sleep "0.$(printf '%03d' $((RANDOM % 1000)))"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
done
after=$(cos info --json | sed -E 's/.*"pages_in_use": ([0-9]+).*/\1/')
echo "kill stress with a busy second thread: 30 runs killed, module pages $before before, $after after"
if [ "$before" = "$after" ]; then
	pass "killing_multithreaded_hosts_at_random_moments_frees_every_page"
else
	fail "killing_multithreaded_hosts_at_random_moments_frees_every_page" "pages $before -> $after"
fi
