# SPDX-License-Identifier: GPL-2.0
# Random and mangled requests to /dev/cos (tests/guest/ioctl_fuzz.cpp): alone, then two fuzzers at
# once beside a running threaded system that they attach to, reshape and stop (and that is
# started again each time). Every answer must be success or a documented error, the kernel stay
# quiet, and every page come back. The fuzzers must also have reached what they mean to test: runs
# of random bytes that came back, merges, splits and stops of a system while it ran, at least as
# often as the minimums below (a fraction of what they reach).

# reached_at_least NAME FILES NAME=MIN...: passes NAME when each count the fuzzers printed to FILES
# ("  reached NAME COUNT" lines, added up) is at least its minimum.
reached_at_least() {
	local name=$1 files=$2 want got short=
	shift 2
	for want in "$@"; do
		# shellcheck disable=SC2086 # FILES is a list
		got=$(awk -v n="${want%=*}" '$1 == "reached" && $2 == n { s += $3 } END { print s + 0 }' $files)
		[ "$got" -ge "${want#*=}" ] || short="$short ${want%=*} $got (at least ${want#*=});"
	done
	if [ -z "$short" ]; then
		pass "$name"
	else
		fail "$name" "too few:$short"
	fi
}

before=$(pages_in_use)
ioctl_fuzz 1 32 4000 > /tmp/fuzz1.out 2>&1
status=$?
cat /tmp/fuzz1.out
if [ "$status" = 0 ]; then
	pass "fuzzed_requests_get_documented_answers"
else
	fail "fuzzed_requests_get_documented_answers" "see the counts above"
fi
reached_at_least "fuzzing_alone_reached_runs_and_capabilities" /tmp/fuzz1.out \
	runs_that_came_back=500 runs_that_returned=50 capabilities_created=250 processes_killed_part_way=4
after=$(pages_in_use)
echo "ioctl fuzz alone: module pages $before before, $after after"
pages_same fuzzing_processes_give_every_page_back "$before" "$after"

before=$(pages_in_use)
# A busy system (spinners preempted at every tick), started again whenever a fuzzer stops it.
rm -f /tmp/fuzz.done /tmp/fuzz.starts
(while [ ! -e /tmp/fuzz.done ]; do
	echo >> /tmp/fuzz.starts
	cos load "$graphs/threads.cosg" 8 600000 > /dev/null 2>&1
done) &
systems=$!
# Until it runs: the fuzzers find it in the list of systems.
for _ in $(seq 100); do
	cos systems 2>/dev/null | grep -q ' yes' && break
	sleep 0.1
done
ioctl_fuzz 2 16 4000 > /tmp/fuzz2.out 2>&1 &
second=$!
ioctl_fuzz 3 16 4000 > /tmp/fuzz3.out 2>&1
first_status=$?
wait "$second"
second_status=$?
cat /tmp/fuzz3.out /tmp/fuzz2.out
touch /tmp/fuzz.done
while kill -0 "$systems" 2>/dev/null; do
	pkill -9 -x cos
	sleep 0.1
done 2>/dev/null
after=$(pages_in_use)
echo "ioctl fuzz beside a running system (started $(wc -l < /tmp/fuzz.starts) times, the fuzzers stopping it):" \
	"module pages $before before, $after after"
if [ "$first_status" = 0 ] && [ "$second_status" = 0 ]; then
	pass "fuzzing_a_running_system_gets_documented_answers"
else
	fail "fuzzing_a_running_system_gets_documented_answers" "statuses $first_status and $second_status"
fi
pages_same fuzzing_a_running_system_gives_every_page_back "$before" "$after"
reached_at_least "fuzzing_reached_merges_splits_and_stops_of_a_running_system" "/tmp/fuzz2.out /tmp/fuzz3.out" \
	attached_to_a_running_system=3 merges_of_a_running_system=2 splits_of_a_running_system=1 \
	stops_of_a_running_system=5 runs_that_came_back=400
