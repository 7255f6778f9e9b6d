# SPDX-License-Identifier: GPL-2.0
# The entry takeover: component code never reaches Linux's system calls, and Linux's entry points
# are Linux's again after every way a CPU stops running components: while a host thread is
# switched out, after runs end, after a host is SIGKILLed, after the module unloads. Ordinary
# processes check them (tests/guest/linux_entry_test.cpp: system calls, int $0x80, page fault,
# invalid opcode, divide error, breakpoint, general protection).

scratch=$(mktemp -d)

# linux_entry_works NAME [CPU]: the Linux entry checks pass (pinned to CPU if given).
linux_entry_works() {
	local name=$1 cpu=${2:-}
	if [ -n "$cpu" ]; then
		taskset -c "$cpu" "$COS_BUILD_DIR/bin/linux_entry_tests" > "$scratch/entry.out" 2>&1
	else
		"$COS_BUILD_DIR/bin/linux_entry_tests" > "$scratch/entry.out" 2>&1
	fi
	if [ $? = 0 ]; then pass "$name"; else fail "$name" "$(grep -E 'FAILED|Failure' "$scratch/entry.out" | head -5)"; fi
}

# Every way of making a Linux system call from component code is refused and reported, and none
# reaches the host: nothing on its output, no exit. SYSENTER is valid in 64-bit mode on Intel
# processors (the pti model), where MSR_IA32_SYSENTER_EIP leads to the module's entry code, which
# must refuse it; on AMD's (the la57 model's vendor) it is an invalid instruction there.
names=(write_by_syscall exit_by_syscall write_by_int80 write_by_sysenter getppid_by_syscall)
for which in 0 1 2 3 4; do
	cos load "$graphs/syscaller.cosg" "$which" > "$scratch/out" 2> "$scratch/err"
	status=$?
	report='refused system call \(number [0-9]+\) at 0x[0-9a-f]+'
	if [ "${names[$which]}" = write_by_sysenter ]; then
		# SYSENTER saves no return address: the report has none.
		if [ "$COS_VM_CPU" = la57 ]; then report='invalid instruction at 0x[0-9a-f]+'; else report='refused system call \(number 4\) at 0'; fi
	fi
	if [ "$status" = 40 ] && [ ! -s "$scratch/out" ] &&
		grep -qE "^cos: component syscaller faulted: $report\$" "$scratch/err"; then
		pass "component_${names[$which]}_is_refused"
	else
		fail "component_${names[$which]}_is_refused" "status $status: $(cat "$scratch/out" "$scratch/err")"
	fi
done
if cos load "$graphs/syscaller.cosg" 0 2>&1 | grep -q '^cos: component syscaller faulted: refused system call (number 1) at 0x'; then
	pass "refused_system_call_is_reported_by_number"
else
	fail "refused_system_call_is_reported_by_number" "$(cos load "$graphs/syscaller.cosg" 0 2>&1)"
fi

linux_entry_works linux_entry_after_runs_end

# A long run on CPU 0 while ordinary processes use both CPUs: on CPU 0 they preempt the host
# thread, whose every switch-out must hand the entry points back.
"$here/make-chain-graph" 10 "$images" > "$scratch/chain.cosg"
taskset -c 0 cos load "$scratch/chain.cosg" 100000000 > /dev/null 2>&1 &
run=$!
sleep 1
kill -0 "$run" 2>/dev/null && running=1 || running=0
linux_entry_works linux_entry_beside_a_run_on_its_cpu 0
linux_entry_works linux_entry_beside_a_run_on_the_other_cpu 1
if [ "$running" = 1 ] && kill -0 "$run" 2>/dev/null; then
	pass "the_run_went_on_meanwhile"
else
	fail "the_run_went_on_meanwhile" "the run was not running"
fi
kill -9 "$run" 2>/dev/null
wait "$run" 2>/dev/null
linux_entry_works linux_entry_after_a_host_is_killed_on_cpu0 0
linux_entry_works linux_entry_after_a_host_is_killed_on_cpu1 1

unload_module
linux_entry_works linux_entry_after_the_module_unloads
load_module
rm -rf "$scratch"
