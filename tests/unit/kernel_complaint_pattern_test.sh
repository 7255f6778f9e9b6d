#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# The kernel-log scan that fails a guest run (kernel_complaint_pattern, scripts/lib/common.sh),
# against sample lines: every complaint Linux 6.1 prints in these words is caught, and lines a
# healthy guest prints are not. Run by ctest.
set -u
top=$(cd "$(dirname "$0")/../.." && pwd)
. "$top/scripts/lib/common.sh"

status=0

# Complaints, as the kernel prints them (the format strings of Linux 6.1, filled in).
while IFS= read -r line; do
	if ! grep -qE "$kernel_complaint_pattern" <<< "$line"; then
		echo "not caught: $line"
		status=1
	fi
done <<'EOF'
[   42.123456] rcu: INFO: rcu_sched detected stalls on CPUs/tasks:
[   42.123456] rcu: INFO: rcu_preempt detected stalls on CPUs/tasks:
[   42.123456] rcu: INFO: rcu_preempt self-detected stall on CPU
[   42.123456] rcu: INFO: rcu_preempt detected expedited stalls on CPUs/tasks: { 1-.... } 21 jiffies s: 81 root: 0x2/.
[   42.123456] rcu: INFO: Stall ended before state dump start
[   42.123456] INFO: rcu_tasks detected stalls on tasks:
[   42.123456] INFO: rcu_tasks_trace detected stalls on tasks:
[   42.123456] rcu: rcu_preempt kthread starved for 2502 jiffies! g1233 f0x0 RCU_GP_WAIT_FQS(5) ->state=0x0 ->cpu=1
[   42.123456] Uhhuh. NMI received for unknown reason 30 on CPU 0.
[   42.123456] Dazed and confused, but trying to continue
[   42.123456] unchecked MSR access error: WRMSR to 0xc0010200 (tried to write 0x0000020000510076) at rIP: 0xffffffff81003a50 (x86_pmu_enable_all+0x60/0x100)
[   42.123456] unchecked MSR access error: RDMSR from 0x1c5 at rIP: 0xffffffffa02478ee (vmx_handle_exit_irqoff+0x1de/0x240 [kvm_intel])
[   42.123456] INFO: NMI handler (nmi_cpu_backtrace_handler) took too long to run: 3.107 msecs
[   42.123456] INFO: NMI handler (perf_event_nmi_handler) took too long to run: 1.030 msecs
[   42.123456] WARNING: CPU: 1 PID: 311 at module/host.c:120 cos_host_put+0x20/0x30 [cos]
[   42.123456] BUG: kernel NULL pointer dereference, address: 0000000000000008
[   42.123456] general protection fault, probably for non-canonical address 0xdead000000000100: 0000 [#1] PREEMPT SMP PTI
[   42.123456] watchdog: BUG: soft lockup - CPU#0 stuck for 22s! [cos:311]
[   42.123456] INFO: task cos:311 blocked for more than 120 seconds.
[   42.123456] Kernel panic - not syncing: Fatal exception
EOF

# What a healthy guest prints, the module's own lines among them.
while IFS= read -r line; do
	if grep -qE "$kernel_complaint_pattern" <<< "$line"; then
		echo "caught, but harmless: $line"
		status=1
	fi
done <<'EOF'
[    0.000000] Notice: NX (Execute Disable) protection missing in CPU!
[    0.021000] rcu: Preemptible hierarchical RCU implementation.
[    0.021000] rcu: 	RCU restricting CPUs from NR_CPUS=8192 to nr_cpu_ids=2.
[    0.021000] 	RCU CPU stall warnings timeout set to 21 (rcu_cpu_stall_timeout).
[    0.021000] 	Tasks-RCU CPU stall warnings timeout set to 60000 (rcu_task_stall_timeout).
[    0.022000] rcu: Hierarchical SRCU implementation.
[    0.500000] NMI watchdog: Perf NMI watchdog permanently disabled
[    3.303258] cos-vm: loading cos.ko
[    3.616596] cos: loaded (ABI 4, 4-level paging, PTI on)
[    3.616596] cos: refusing to load: the CPU has no NX bit, so component data would be executable
[    4.000000] cos: component 1 faulted: vector 14 at ip 0x200000001000, address 0x0
[    5.000000] sysrq: Show backtrace of all active CPUs
[    5.000001] NMI backtrace for cpu 1
[    5.000002] traps: cos[311] general protection fault ip:7f0e2c2d4e3a sp:7ffd2f8e7c40 error:0 in libc.so.6[7f0e2c28a000+155000]
EOF

exit "$status"
