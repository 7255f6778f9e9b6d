# SPDX-License-Identifier: GPL-2.0
# The network topology of the in-guest tests, sourced by the cases that need it. Everything lives
# in the guest: veth pairs and network namespaces made here, removed by net_down.
#
# Linux's echo server, the baseline: in the namespace cos-linux, behind the veth pair
# cos-l0 (10.0.1.1/24, the guest's end) - cos-l1 (10.0.1.2/24, the namespace's end).

net_linux_ns=cos-linux
net_linux_addr=10.0.1.2
net_echo_port=7

# net_linux_up: the namespace, its veth pair and addresses; 0 when all is there.
net_linux_up() {
	modprobe veth 2> /dev/null
	ip netns add "$net_linux_ns" &&
		ip link add cos-l0 type veth peer name cos-l1 &&
		ip link set cos-l1 netns "$net_linux_ns" &&
		ip addr add 10.0.1.1/24 dev cos-l0 &&
		ip link set cos-l0 up &&
		ip -n "$net_linux_ns" addr add "$net_linux_addr/24" dev cos-l1 &&
		ip -n "$net_linux_ns" link set cos-l1 up &&
		ip -n "$net_linux_ns" link set lo up
}

# net_echo_server PORT [ARGS...]: Linux's echo server in the namespace, in the background; its pid
# in net_echo_pid once it listens (1 when it does not within ten seconds).
net_echo_server() {
	local log
	log=$(mktemp)
	ip netns exec "$net_linux_ns" echo_server "$@" 2> "$log" &
	net_echo_pid=$!
	for _ in $(seq 100); do
		grep -q "listening on $1" "$log" && { rm -f "$log"; return 0; }
		sleep 0.1
	done
	cat "$log" >&2
	rm -f "$log"
	return 1
}

# net_down: every server stopped, the namespace and the pair gone.
net_down() {
	ip netns pids "$net_linux_ns" 2> /dev/null | xargs -r kill 2> /dev/null
	sleep 0.2
	ip netns del "$net_linux_ns" 2> /dev/null
	ip link del cos-l0 2> /dev/null
	return 0
}
