# SPDX-License-Identifier: GPL-2.0
# A system's network interface on a veth pair (tests/guest/nic_test.cpp): frames for the system
# reach its component's receive ring byte for byte, broadcasts reach the ring and Linux, other
# frames only Linux; full rings and oversize frames are counted; the component sends; refusals;
# the device going away and the system closing let go of everything.
mark=$(kernel_log_mark)
# The guest kernel cannot load modules by itself (its modprobe is the initramfs's, which has none).
modprobe veth
modprobe bridge
ip link add cosv0 type veth peer name cosv1
ip link add cosbr0 type bridge
ip link add cosbrp0 type veth peer name cosbrp1
ip link set cosbrp0 master cosbr0
for dev in cosv0 cosv1 cosbrp0 cosbrp1; do
	# No IPv6: its router solicitations and reports would be multicast frames in the ring.
	if [ -e "/proc/sys/net/ipv6/conf/$dev" ]; then echo 1 > "/proc/sys/net/ipv6/conf/$dev/disable_ipv6"; fi
	ip link set "$dev" mtu 4000
	ip link set "$dev" up
done
ip addr add 10.99.0.1/24 dev cosv0

run_gtest "$COS_BUILD_DIR/bin/nic_tests"

ip link del cosv0
ip link del cosbrp0
ip link del cosbr0
ip link del cosv4 2>/dev/null
pages_none nic_no_leak
complaints=$(kernel_complaints_since "$mark")
if [ -z "$complaints" ]; then
	pass nic_no_kernel_complaint
else
	fail nic_no_kernel_complaint "$complaints"
fi
