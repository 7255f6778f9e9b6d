# SPDX-License-Identifier: GPL-2.0
# Runs SIGKILLed at random moments, of a long chain, of systems with component threads, and of a
# host with a second thread: the module must give back every page each time, the kernel stay
# quiet, and the module unload afterwards (scripts/vm checks those).

scratch=$(mktemp -d)
"$here/make-chain-graph" 10 "$images" > "$scratch/chain.cosg"
start_chain() {
	exec cos load "$scratch/chain.cosg" 100000000
}
before=$(pages_in_use)
# 0 to 300 ms: before, while and after the system is built and entered.
kill_at_random 100 300 start_chain
running_when_killed=$killed_running
after=$(pages_in_use)
echo "kill stress: 100 runs killed ($running_when_killed still running), module pages $before before, $after after"
if same_count "$before" "$after" && [ "$running_when_killed" -ge 50 ]; then
	pass "kill_at_random_moments_frees_every_page"
else
	fail "kill_at_random_moments_frees_every_page" "pages $before -> $after, $running_when_killed of 100 killed while running"
fi
rm -rf "$scratch"

# The same with component threads: a busy system (spinners preempted at every tick) and an idle
# one (the host thread asleep in Linux, the timer stopped), killed at random moments.
scratch=$(mktemp -d)
start_threads() {
	exec cos load "$graphs/threads.cosg" $((7 + $1 % 2)) 60000
}
before=$(pages_in_use)
kill_at_random 30 2000 start_threads
running_when_killed=$killed_running
after=$(pages_in_use)
echo "kill stress with threads: 30 runs killed ($running_when_killed still running), module pages $before before, $after after"
if same_count "$before" "$after" && [ "$running_when_killed" -ge 25 ]; then
	pass "killing_threaded_systems_at_random_moments_frees_every_page"
else
	fail "killing_threaded_systems_at_random_moments_frees_every_page" "pages $before -> $after, $running_when_killed of 30 killed while running"
fi
rm -rf "$scratch"

# A host whose other thread keeps changing the address space (busy_host): killed at a random
# moment, either thread may be the last to leave it, and Linux frees the page tables while the
# host thread may still be exiting on its CPU.
start_busy_host() {
	exec taskset -c $(($1 % 2)) busy_host "$graphs/threads.cosg" $((7 + $1 % 2)) 60000
}
before=$(pages_in_use)
kill_at_random 30 1000 start_busy_host
after=$(pages_in_use)
echo "kill stress with a busy second thread: 30 runs killed, module pages $before before, $after after"
if same_count "$before" "$after"; then
	pass "killing_multithreaded_hosts_at_random_moments_frees_every_page"
else
	fail "killing_multithreaded_hosts_at_random_moments_frees_every_page" "pages $before -> $after"
fi
