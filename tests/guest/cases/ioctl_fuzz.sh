# SPDX-License-Identifier: GPL-2.0
# Random and mangled requests to /dev/cos (tests/guest/ioctl_fuzz.cpp): alone, then two fuzzers at
# once beside a running threaded system that they attach to, reshape and stop (and that is
# started again each time). Every answer must be success or a documented error, the kernel stay
# quiet, and every page come back.

before=$(pages_in_use)
if ioctl_fuzz 1 32 4000; then
	pass "fuzzed_requests_get_documented_answers"
else
	fail "fuzzed_requests_get_documented_answers" "see the counts above"
fi
after=$(pages_in_use)
echo "ioctl fuzz alone: module pages $before before, $after after"
if [ "$before" = "$after" ]; then
	pass "fuzzing_processes_give_every_page_back"
else
	fail "fuzzing_processes_give_every_page_back" "pages $before -> $after"
fi

graphs=$(cd "$here/../.." && pwd)/graphs
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
ioctl_fuzz 3 16 4000
first_status=$?
wait "$second"
second_status=$?
cat /tmp/fuzz2.out
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
if [ "$before" = "$after" ]; then
	pass "fuzzing_a_running_system_gives_every_page_back"
else
	fail "fuzzing_a_running_system_gives_every_page_back" "pages $before -> $after"
fi
