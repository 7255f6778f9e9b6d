# SPDX-License-Identifier: GPL-2.0
# Shared by the scripts: where the build lives, which kernel is the target, what counts as a
# kernel complaint. Sourced, never run.

die() {
	echo "${0##*/}: $*" >&2
	exit 2
}

: "${top:?common.sh needs \$top}"
build_dir=${COS_BUILD_DIR:-$top/build}
module_ko=$build_dir/kbuild/module/cos.ko

# The kernel the module is built for and the guest boots: KVER if given, else the newest stock
# Debian kernel that set-up installed (an image with matching headers).
target_kernel_version() {
	if [ -n "${KVER:-}" ]; then
		echo "$KVER"
		return
	fi
	local v best=
	for v in /boot/vmlinuz-*-amd64; do
		v=${v#/boot/vmlinuz-}
		[ -d "/usr/src/linux-headers-$v" ] || continue
		best=$(printf '%s\n%s\n' "$best" "$v" | sort -V | tail -n 1)
	done
	[ -n "$best" ] || die "no stock kernel with headers under /boot: run scripts/setup"
	echo "$best"
}

# What in a kernel log fails a run. (A general protection fault is the kernel's own only at the
# start of a line: "traps: NAME[PID] general protection fault" is Linux reporting a process's.)
# RCU stalls are "rcu: INFO: NAME detected stalls on CPUs/tasks:", "rcu: INFO: NAME self-detected
# stall on CPU", "... detected expedited stalls ..." and "INFO: rcu_tasks detected stalls on
# tasks:"; an NMI nobody claimed prints "Uhhuh. NMI received for unknown reason XX on CPU N." and
# "Dazed and confused, but trying to continue"; an MSR access that faulted without a handler,
# "unchecked MSR access error: WRMSR to ..." (or RDMSR from); a slow NMI handler, "INFO: NMI
# handler (NAME) took too long to run: N msecs" (strings of Linux 6.1: kernel/rcu/tree_stall.h,
# tree_exp.h, tasks.h, arch/x86/kernel/nmi.c, arch/x86/mm/extable.c).
kernel_complaint_pattern='Oops|BUG:|kernel BUG|WARNING:|^\[[ 0-9.]*\] general protection fault|double fault|soft lockup|hard LOCKUP|blocked for more than|Kernel panic|UBSAN:|KASAN:|stack-protector|list_add corruption|list_del corruption|refcount_t:'
kernel_complaint_pattern+='|rcu: INFO: .*[Ss]tall|INFO: rcu_tasks[a-z_]* detected stalls|rcu: [a-z_]+ kthread starved for'
kernel_complaint_pattern+='|Uhhuh\. NMI received for unknown reason|Dazed and confused, but trying to continue'
kernel_complaint_pattern+='|unchecked MSR access error|INFO: NMI handler \(.*\) took too long to run'
