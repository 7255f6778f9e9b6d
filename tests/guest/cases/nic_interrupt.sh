# SPDX-License-Identifier: GPL-2.0
# The network interface's interrupt line (tests/guest/nic_interrupt_test.cpp): frames sent on a
# veth pair wake a component thread that waits for COS_INTERRUPT_NIC through the scheduler
# component, out of the host thread's idle sleep or by preempting a spinning thread; a line with
# nobody waiting is kept; a second waiter and a line past 63 are refused.
mark=$(kernel_log_mark)
modprobe veth
ip link add cosv0 type veth peer name cosv1
for dev in cosv0 cosv1; do
	# No IPv6: its router solicitations and reports would be multicast frames, raising the line.
	if [ -e "/proc/sys/net/ipv6/conf/$dev" ]; then echo 1 > "/proc/sys/net/ipv6/conf/$dev/disable_ipv6"; fi
	ip link set "$dev" up
done

export COS_NIC_INTERRUPT_GRAPH=$graphs/nic-interrupt.cosg
run_gtest "$COS_BUILD_DIR/bin/nic_interrupt_tests"
unset COS_NIC_INTERRUPT_GRAPH

ip link del cosv0
pages_none nic_interrupt_no_leak
complaints=$(kernel_complaints_since "$mark")
if [ -z "$complaints" ]; then
	pass nic_interrupt_no_kernel_complaint
else
	fail nic_interrupt_no_kernel_complaint "$complaints"
fi
