# SPDX-License-Identifier: GPL-2.0
# What the in-guest test cases share: reporting, and loading the module the way scripts/vm does.
# Sourced by tests/guest/run; every case reports one `PASS: name` or `FAIL: name: why` line.

passed=0
failed=0

# Where the cases find what they load: the tests' graphs, the example graphs a user runs, the
# benchmarks' graphs, and the root of the component images (build/components/GROUP/NAME.elf).
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
graphs=$top/tests/graphs
example_graphs=$top/graphs
bench_graphs=$top/bench/graphs
images=$COS_BUILD_DIR/components
# How long soaks and stress cases run: short in scripts/test (the whole suite well under the
# guest's time limit), long on demand: scripts/vm -- env COS_TEST_LENGTH=long tests/guest/run.
COS_TEST_LENGTH=${COS_TEST_LENGTH:-short}
case "$COS_TEST_LENGTH" in
short | long) ;;
*) echo "COS_TEST_LENGTH must be short or long, not $COS_TEST_LENGTH" >&2; exit 2 ;;
esac

# by_length SHORT LONG: the one for this run's length.
by_length() {
	if [ "$COS_TEST_LENGTH" = long ]; then echo "$2"; else echo "$1"; fi
}

# Every verdict's name, one per line, for tests/guest/run to compare with tests/guest/expected.
verdicts=${verdicts:-/dev/null}

pass() {
	echo "PASS: $1"
	echo "$1" >> "$verdicts"
	passed=$((passed + 1))
}

fail() {
	echo "FAIL: $1: $2"
	echo "$1" >> "$verdicts"
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

# The pages the module owns now (cos info), for leak checks: a number, or "unreadable" (and
# status 1) when cos info could not say, which no leak check may take for a number.
pages_in_use() {
	local pages
	pages=$(cos info --json 2>/dev/null | sed -nE 's/.*"pages_in_use": ([0-9]+).*/\1/p')
	case "$pages" in
	'' | *[!0-9]*) echo unreadable; return 1 ;;
	esac
	echo "$pages"
}

# same_count A B: both are counts that were read (numbers), and equal.
same_count() {
	case "$1" in '' | *[!0-9]*) return 1 ;; esac
	[ "$1" = "$2" ]
}

# pages_same NAME BEFORE AFTER: a leak check: both page counts read, and equal.
pages_same() {
	if same_count "$2" "$3"; then pass "$1"; else fail "$1" "module pages $2 -> $3"; fi
}

# pages_none NAME: a leak check: no system left, and the module owns no page.
pages_none() {
	pages_same "$1" 0 "$(pages_in_use)"
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
# makes (recycled from freed ones, up to 16 domains' worth: cos_stats.reserve_pages); "unreadable"
# when either count could not be read.
pages_in_use_less_reserve() {
	local all reserve
	all=$(pages_in_use) || { echo unreadable; return 1; }
	reserve=$(cos stat --json 2>/dev/null | sed -nE 's/.*"reserve_pages": ([0-9]+).*/\1/p')
	[ -n "$reserve" ] || { echo unreadable; return 1; }
	echo $((all - reserve))
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

# kernel_log_since MARK: the lines of the kernel log after MARK (the ring buffer is large enough
# for a whole suite not to wrap).
kernel_log_since() {
	dmesg | tail -n "+$(($1 + 1))"
}

# kernel_complaints_since MARK: the lines of the kernel log after MARK that scripts/vm would
# fail a run for (the pattern is scripts/lib/common.sh's), so that a case can name the check
# that caused one.
kernel_complaints_since() {
	local pattern
	pattern=$(sed -n "s/^kernel_complaint_pattern='\(.*\)'$/\1/p" "$here/../../scripts/lib/common.sh")
	dmesg | tail -n "+$(($1 + 1))" | grep -E "${pattern:-WARNING:}"
}
