# SPDX-License-Identifier: GPL-2.0
# Component graphs loaded and run by `cos load` on the real module: results, isolation, faults.

scratch=$(mktemp -d)

# hello's main sums the bytes of its greeting (2140): the exit status is the result's low byte.
expect load_hello_exits_with_its_result 92 cos load "$example_graphs/hello.cosg"

# Chains of 2 to 10: the same output whether every component has a domain of its own or all
# share one; across domains every step goes through the module, inside one none does.
for n in 2 3 4 5 6 7 8 9 10; do
	"$here/make-chain-graph" "$n" "$images" > "$scratch/split.cosg"
	"$here/make-chain-graph" "$n" --one-pd "$images" > "$scratch/one.cosg"
	cos load --stats "$scratch/split.cosg" > "$scratch/split.out" 2> "$scratch/split.err"
	split_status=$?
	cos load --stats "$scratch/one.cosg" > "$scratch/one.out" 2> "$scratch/one.err"
	one_status=$?
	split_inv=$(sed -nE 's/.* ([0-9]+) invocations across.*/\1/p' "$scratch/split.err")
	one_inv=$(sed -nE 's/.* ([0-9]+) invocations across.*/\1/p' "$scratch/one.err")
	# Each tuple crosses n - 1 boundaries of the chain, and every printed line goes to the printer.
	if [ "$split_status" = 0 ] && [ "$one_status" = 0 ] && cmp -s "$scratch/split.out" "$scratch/one.out" &&
		grep -q '^pinger: 10 of 10 tuples ok, 0 mismatches$' "$scratch/split.out" &&
		[ "${split_inv:-0}" -ge $((10 * (n - 1))) ] && [ "${one_inv:-x}" = 0 ]; then
		pass "chain_of_${n}_same_results_split_and_merged"
	else
		fail "chain_of_${n}_same_results_split_and_merged" \
			"status $split_status/$one_status, invocations $split_inv/$one_inv: $(diff "$scratch/split.out" "$scratch/one.out" | head -5) $(cat "$scratch/split.err" "$scratch/one.err")"
	fi
done

out=$(cos load "$example_graphs/adder.cosg" 2>&1)
status=$?
if [ "$status" = 0 ] && echo "$out" | grep -q '325 of 325 sums ok, 0 wrong'; then
	pass "adder_adds_across_domains"
else
	fail "adder_adds_across_domains" "status $status: $out"
fi

# The fault injector attacks its neighbour every way it can, including memory the host has at a
# known place (the top of the main stack, with address randomisation off); each attack must end
# in a contained fault and leave the victim as it was.
log_mark=$(kernel_log_mark)
out=$(setarch "$(uname -m)" -R cos load "$graphs/fault.cosg" 0x7fffffffe000 2>&1)
status=$?
contained=$(echo "$out" | grep -c 'contained, victim intact')
if [ "$status" = 0 ] && [ "$contained" = 9 ] && echo "$out" | grep -q '^attack host_write_via_module: refused$'; then
	pass "fault_injector_attacks_are_contained"
else
	fail "fault_injector_attacks_are_contained" "status $status, $contained of 9: $out"
fi
# Each contained fault is reported, naming the attacker and, for a page fault, the address.
reports=$(echo "$out" | grep -c '^cos: contained: component injector faulted: ')
page_faults=$(echo "$out" | grep -c '^cos: contained: component injector faulted: page fault at address 0x[0-9a-f]* (instruction 0x')
host_write=$(echo "$out" | grep -c 'page fault at address 0x7fffffffe000 ')
if [ "$reports" = 9 ] && [ "$page_faults" = 7 ] && [ "$host_write" = 2 ]; then
	pass "contained_faults_name_the_component_and_address"
else
	fail "contained_faults_name_the_component_and_address" "$reports reports, $page_faults page faults, $host_write at the host address: $out"
fi
# This run's own reports (the module rate-limits them, 10 in 5 s: the 9 faults all show), among
# them the write to the host's memory at its address.
logged=$(kernel_log_since "$log_mark" | grep -cE 'cos: component [0-9]+ faulted: vector (14|6|0) at ip 0x[0-9a-f]+, address (0|0x[0-9a-f]+)$')
logged_host=$(kernel_log_since "$log_mark" | grep -cE 'cos: component [0-9]+ faulted: vector 14 at ip 0x[0-9a-f]+, address 0x7fffffffe000$')
if [ "$logged" = 9 ] && [ "$logged_host" = 2 ]; then
	pass "faults_are_reported_in_the_kernel_log"
else
	fail "faults_are_reported_in_the_kernel_log" "$logged reports of the run's faults in the kernel log (wanted 9), $logged_host at the host's address (wanted 2)"
fi

# A fault in the entry itself ends the run with a report naming the component and the address.
sed 's/^entry fault_main$/entry injector.attack/' "$graphs/fault.cosg" |
	sed "s|\.\./\.\./build/components|$images|" > "$scratch/entry-faults.cosg"
out=$(cos load "$scratch/entry-faults.cosg" 1 2>&1)
status=$?
if [ "$status" = 40 ] && echo "$out" | grep -q 'component injector faulted: page fault at address 0x'; then
	pass "entry_fault_ends_the_run_with_a_report"
else
	fail "entry_fault_ends_the_run_with_a_report" "status $status: $out"
fi

# The graph's settings reach the component before it runs (tests/graphs/config.cosg): it prints
# them and returns count=0x2a.
out=$(cos load "$graphs/config.cosg" 2>&1)
status=$?
if [ "$status" = 42 ] && [ "$out" = "$(printf 'config: greeting=hello\nconfig: address=10.0.0.2/24\nconfig: missing absent')" ]; then
	pass "a_component_reads_the_settings_its_graph_gives"
else
	fail "a_component_reads_the_settings_its_graph_gives" "status $status: $out"
fi

pages_none runs_give_every_page_back

rm -rf "$scratch"
