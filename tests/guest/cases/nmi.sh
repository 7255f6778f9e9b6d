# SPDX-License-Identifier: GPL-2.0
# NMIs while components run: every CPU dumps its state from an NMI (sysrq l), again and again,
# during 1.4 million invocations across eight domains, then during the lock test's preempted
# threads. Some NMIs must land in the module's entry code (ring 0, at an address Linux does not
# know, possibly before it has left the component's stack); the results must stay right, and the
# kernel log free of complaints (scripts/vm checks), unwinding from there included.

scratch=$(mktemp -d)
"$here/make-chain-graph" 8 "$images" > "$scratch/chain8.cosg"
sysrq=$(cat /proc/sys/kernel/sysrq)
echo 1 > /proc/sys/kernel/sysrq
# The backtrace handler prints a register dump and a stack from the NMI: under software emulation
# that takes tens of milliseconds, past the kernel's 1 ms report of a slow NMI handler, which
# fails a run (scripts/lib/common.sh). A handler slower than a second still does.
mountpoint -q /sys/kernel/debug || mount -t debugfs debugfs /sys/kernel/debug
nmi_longest_ns=$(cat /sys/kernel/debug/x86/nmi_longest_ns)
echo 1000000000 > /sys/kernel/debug/x86/nmi_longest_ns

# The entry code's page (COS_ENTRY_CODE), as an NMI backtrace prints the interrupted RIP.
in_entry_code() {
	dmesg | grep -c 'RIP: 0010:0x200000200[0-9a-f][0-9a-f][0-9a-f]$'
}

# with_nmis COMMAND...: runs the command on CPU 0 (output in $scratch/out and err) while NMI
# backtraces come every 50 ms; sets status, nmis and landed (the NMIs that hit the entry code).
with_nmis() {
	local before
	before=$(in_entry_code)
	taskset -c 0 "$@" > "$scratch/out" 2> "$scratch/err" &
	local run=$!
	nmis=0
	while kill -0 "$run" 2>/dev/null; do
		echo l > /proc/sysrq-trigger
		nmis=$((nmis + 1))
		sleep 0.05
	done
	wait "$run"
	status=$?
	landed=$(($(in_entry_code) - before))
}

with_nmis cos load --stats "$scratch/chain8.cosg" 20000
echo "nmi: invocations: $nmis rounds of NMI backtraces, $landed of them in the entry code"
total=$landed
if [ "$status" = 0 ] && grep -q '^pinger: 20000 more rounds, 0 mismatches$' "$scratch/out"; then
	pass "invocations_stay_right_under_nmis"
else
	fail "invocations_stay_right_under_nmis" "status $status: $(tail -3 "$scratch/out") $(cat "$scratch/err")"
fi

with_nmis cos load --stats "$graphs/threads.cosg" 3
echo "nmi: lock test: $nmis rounds of NMI backtraces, $landed of them in the entry code"
total=$((total + landed))
if [ "$status" = 0 ] && grep -q ': ok$' "$scratch/out" && ! grep -q 'FAILED' "$scratch/out"; then
	pass "mutual_exclusion_holds_under_nmis"
else
	fail "mutual_exclusion_holds_under_nmis" "status $status: $(tail -3 "$scratch/out") $(cat "$scratch/err")"
fi

echo "$sysrq" > /proc/sys/kernel/sysrq
echo "$nmi_longest_ns" > /sys/kernel/debug/x86/nmi_longest_ns
if [ "$total" -gt 0 ]; then
	pass "nmis_in_the_entry_code_are_survived"
else
	fail "nmis_in_the_entry_code_are_survived" "none landed there"
fi
rm -rf "$scratch"
