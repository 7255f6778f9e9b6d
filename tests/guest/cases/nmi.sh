# SPDX-License-Identifier: GPL-2.0
# NMIs while components invoke each other: every CPU dumps its state from an NMI (sysrq l), again
# and again, during 1.4 million invocations across eight domains. Some NMIs must land in the
# module's entry code (ring 0, at an address Linux does not know, possibly before it has left the
# component's stack); the invocations must stay right, and the kernel log free of complaints
# (scripts/vm checks), unwinding from there included.

scratch=$(mktemp -d)
"$here/make-chain-graph" 8 "$COS_BUILD_DIR/components" > "$scratch/chain8.cosg"
sysrq=$(cat /proc/sys/kernel/sysrq)
echo 1 > /proc/sys/kernel/sysrq
# The entry code's page (COS_ENTRY_CODE), as an NMI backtrace prints the interrupted RIP.
in_entry_code() {
	dmesg | grep -c 'RIP: 0010:0x200000200[0-9a-f][0-9a-f][0-9a-f]$'
}
before=$(in_entry_code)
taskset -c 0 cos load --stats "$scratch/chain8.cosg" 20000 > "$scratch/out" 2> "$scratch/err" &
run=$!
nmis=0
while kill -0 "$run" 2>/dev/null; do
	echo l > /proc/sysrq-trigger
	nmis=$((nmis + 1))
	sleep 0.05
done
wait "$run"
status=$?
echo "$sysrq" > /proc/sys/kernel/sysrq
landed=$(($(in_entry_code) - before))
echo "nmi: $nmis rounds of NMI backtraces, $landed of them in the entry code"
if [ "$status" = 0 ] && grep -q '^pinger: 20000 more rounds, 0 mismatches$' "$scratch/out"; then
	pass "invocations_stay_right_under_nmis"
else
	fail "invocations_stay_right_under_nmis" "status $status: $(tail -3 "$scratch/out") $(cat "$scratch/err")"
fi
if [ "$landed" -gt 0 ]; then
	pass "nmis_in_the_entry_code_are_survived"
else
	fail "nmis_in_the_entry_code_are_survived" "none of $nmis landed there"
fi
rm -rf "$scratch"
