# SPDX-License-Identifier: GPL-2.0
# Random kernel entries from component code (tests/components/call_fuzzer): by SYSCALL, int $0x80 and
# SYSENTER, with the component kernel's calls, its ioctls, Linux's system calls and random
# numbers, wild stack pointers and odd flags. An ordinary shooter: every shot answered or
# contained, its neighbour intact after each, invocations working after all. A shooter that is
# the scheduler and the MPD policy too: whatever its random threads, switches, timers, merges and
# splits do to the system, the run ends by itself, on SIGTERM or SIGKILL, and every page comes
# back. The kernel log must stay quiet throughout (scripts/vm checks).


before=$(pages_in_use)
for seed in 1 2 3; do
	out=$(cos load "$graphs/call-fuzz.cosg" "$seed" 30000 2>&1)
	status=$?
	summary=$(echo "$out" | grep '^call fuzz: ')
	echo "$summary"
	if [ "$status" = 0 ] && echo "$summary" | grep -q 'victim intact after 30000; invocations work'; then
		pass "random_kernel_entries_are_answered_or_contained_seed_$seed"
	else
		fail "random_kernel_entries_are_answered_or_contained_seed_$seed" "status $status: $(echo "$out" | head -5)"
	fi
done
pages_same random_kernel_entries_leave_every_page_back "$before" "$(pages_in_use)"

before=$(pages_in_use)
for seed in 1 2 3; do
	# A random scheduler may starve everything, itself included: then SIGTERM must stop it, or
	# SIGKILL comes 10 s later and the case fails. What may end the run: the entry returning with
	# the victim intact, a contained fault of the entry's own thread (40, with its report), or
	# the stop; each with the summary of a run that got going (invocations carried).
	timeout -k 10 -s TERM 10 cos load --stats "$graphs/call-fuzz-privileged.cosg" "$seed" 20000 > /tmp/call_fuzz.out 2>&1
	status=$?
	grep -E '^(call fuzz|cos: [0-9]+ (components|threads)|cos: stopped)' /tmp/call_fuzz.out
	invocations=$(sed -nE 's/^cos: [0-9]+ components, .* ([0-9]+) invocations across pds, .*/\1/p' /tmp/call_fuzz.out)
	case "$status" in
	0) grep -q '^call fuzz: seed [0-9]*, 20000 shots: .*; victim intact after 20000; invocations work$' /tmp/call_fuzz.out ;;
	40) grep -q '^cos: component [a-z_]* faulted: ' /tmp/call_fuzz.out ;;
	124) grep -qE '^cos: stopped by SIGTERM: [0-9]+ threads?, [0-9]+ invocations across protection domains' /tmp/call_fuzz.out ;;
	*) false ;;
	esac
	ended_well=$?
	if [ "$ended_well" = 0 ] && [ "${invocations:-0}" -ge 100 ]; then
		pass "a_random_scheduler_and_policy_is_contained_seed_$seed"
	else
		fail "a_random_scheduler_and_policy_is_contained_seed_$seed" \
			"status $status, ${invocations:-no} invocations: $(head -5 /tmp/call_fuzz.out)"
	fi
done
# And SIGKILL at a random moment of such chaos.
start_privileged() {
	exec cos load "$graphs/call-fuzz-privileged.cosg" $((3 + $1)) 20000
}
kill_at_random 10 2000 start_privileged
after=$(pages_in_use)
echo "call fuzz, privileged (3 stopped, 10 killed): module pages $before before, $after after"
pages_same a_random_scheduler_and_policy_gives_every_page_back "$before" "$after"
