# SPDX-License-Identifier: GPL-2.0
# What the in-guest test cases share: reporting, and loading the module the way scripts/vm does.
# Sourced by tests/guest/run; every case reports one `PASS: name` or `FAIL: name: why` line.

passed=0
failed=0

pass() {
	echo "PASS: $1"
	passed=$((passed + 1))
}

fail() {
	echo "FAIL: $1: $2"
	failed=$((failed + 1))
}

# expect NAME WANT_STATUS COMMAND...: the command must exit with WANT_STATUS.
expect() {
	local name=$1 want=$2 got
	shift 2
	"$@" > /tmp/expect.out 2>&1
	got=$?
	if [ "$got" = "$want" ]; then
		pass "$name"
	else
		fail "$name" "exit status $got, wanted $want; output: $(head -c 400 /tmp/expect.out)"
	fi
}

module_ko=$COS_BUILD_DIR/kbuild/module/cos.ko

module_loaded() {
	[ -d /sys/module/cos ]
}

load_module() {
	module_loaded || insmod "$module_ko"
}

unload_module() {
	! module_loaded || rmmod cos
}

# Runs the gtest binary $1 and reports each of its tests as a case of its own; a binary that
# fails without naming a failed test (it crashed, say) is one failed case more.
run_gtest() {
	local binary=$1 line name status before=$failed
	"$binary" --gtest_color=no > /tmp/gtest.out 2>&1
	status=$?
	while IFS= read -r line; do
		case "$line" in
		"[       OK ] "*" ms)") name=${line#\[       OK \] }; pass "${name% (*}" ;;
		"[  FAILED  ] "*" ms)") name=${line#\[  FAILED  \] }; fail "${name% (*}" "output follows" ;;
		esac
	done < /tmp/gtest.out
	if [ "$status" != 0 ] && [ "$failed" = "$before" ]; then
		fail "$(basename "$binary")" "exit status $status"
	fi
	[ "$status" = 0 ] || cat /tmp/gtest.out
}

# The pages the module owns now (cos info), for leak checks.
pages_in_use() {
	cos info --json | sed -E 's/.*"pages_in_use": ([0-9]+).*/\1/'
}

# finish_run PID: waits up to two minutes for a backgrounded run; kills it if it hangs. Its
# status is the run's.
finish_run() {
	local i
	for i in $(seq 600); do
		kill -0 "$1" 2>/dev/null || break
		sleep 0.2
	done
	kill -9 "$1" 2>/dev/null
	wait "$1"
}

# kill_at_random RUNS MAX_MS START: RUNS times, starts START RUN-NUMBER in the background (a
# function that execs the run, its output dropped) and SIGKILLs it 0 to MAX_MS - 1 ms later.
# Sets killed_running to how many were still running when killed.
kill_at_random() {
	local runs=$1 max_ms=$2 start=$3 i pid ms
	killed_running=0
	for i in $(seq "$runs"); do
		"$start" "$i" > /dev/null 2>&1 &
		pid=$!
		ms=$(((RANDOM * 32768 + RANDOM) % max_ms))
		sleep "$((ms / 1000)).$(printf '%03d' $((ms % 1000)))"
		kill -0 "$pid" 2>/dev/null && killed_running=$((killed_running + 1))
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
	done
}

# The module's pages, less those the running system keeps in reserve for the next domains it
# makes (recycled from freed ones, up to 16 domains' worth: cos_stats.reserve_pages). With no
# system running, all of the module's pages.
pages_in_use_less_reserve() {
	local all reserve
	all=$(pages_in_use)
	reserve=$(cos stat --json 2>/dev/null | sed -nE 's/.*"reserve_pages": ([0-9]+).*/\1/p')
	echo $((all - ${reserve:-0}))
}

# await_line FILE REGEX: waits up to two minutes for a line matching REGEX (extended) in FILE.
await_line() {
	local i
	for i in $(seq 600); do
		grep -qE "$2" "$1" && return 0
		sleep 0.2
	done
	return 1
}

# The kernel log's length now, for kernel_complaints_since.
kernel_log_mark() {
	dmesg | wc -l
}

# kernel_complaints_since MARK: the lines of the kernel log after MARK that scripts/vm would
# fail a run for (the pattern is scripts/lib/common.sh's), so that a case can name the check
# that caused one.
kernel_complaints_since() {
	local pattern
	pattern=$(sed -n "s/^kernel_complaint_pattern='\(.*\)'$/\1/p" "$here/../../scripts/lib/common.sh")
	dmesg | tail -n "+$(($1 + 1))" | grep -E "${pattern:-WARNING:}"
}
