# SPDX-License-Identifier: GPL-2.0
# The network topology of the in-guest tests, sourced by the cases that need it. Everything lives
# in the guest: veth pairs and network namespaces made here, removed by net_down.
#
# Linux's echo server, the baseline: in the namespace cos-linux, behind the veth pair
# cos-l0 (10.0.1.1/24, the guest's end) - cos-l1 (10.0.1.2/24, the namespace's end).

net_linux_ns=cos-linux
net_linux_addr=10.0.1.2
net_echo_port=7

# net_pair_up NS OUTER OUTER_ADDR INNER INNER_ADDR: the namespace NS and a veth pair, OUTER in the
# guest with OUTER_ADDR, INNER in NS with INNER_ADDR (both with their prefix); 0 when all is there.
net_pair_up() {
	modprobe veth 2> /dev/null
	ip netns add "$1" &&
		ip link add "$2" type veth peer name "$4" &&
		ip link set "$4" netns "$1" &&
		ip addr add "$3" dev "$2" &&
		ip link set "$2" up &&
		ip -n "$1" addr add "$5" dev "$4" &&
		ip -n "$1" link set "$4" up &&
		ip -n "$1" link set lo up
}

# net_linux_up: the namespace, its veth pair and addresses; 0 when all is there.
net_linux_up() {
	net_pair_up "$net_linux_ns" cos-l0 10.0.1.1/24 cos-l1 "$net_linux_addr/24"
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

# net_pair_down NS OUTER: every process in NS stopped, NS and the pair of OUTER gone.
net_pair_down() {
	ip netns pids "$1" 2> /dev/null | xargs -r kill 2> /dev/null
	sleep 0.2
	ip netns del "$1" 2> /dev/null
	ip link del "$2" 2> /dev/null
	return 0
}

# net_down: every server stopped, the namespace and the pair gone.
net_down() {
	net_pair_down "$net_linux_ns" cos-l0
}

# The system's topology: the veth pair cos-n0 (10.0.0.1/24, the guest's end) - cos-n1, whose other
# end lives in the namespace cos-dev with Linux's own address 10.0.0.3/24 there; the system
# attaches to cos-n1 (cos load runs in cos-dev) and answers as 10.0.0.2 with its own Ethernet
# address, while Linux keeps answering as 10.0.0.3 on the same device.
net_cos_ns=cos-dev
net_cos_dev=cos-n1
net_cos_addr=10.0.0.2
net_cos_mac=02:c0:5e:00:00:02	# graphs/tcp-echo.cosg's
net_cos_linux_addr=10.0.0.3

# net_cos_up: the pair, the namespace, the addresses; 0 when all is there.
net_cos_up() {
	net_pair_up "$net_cos_ns" cos-n0 10.0.0.1/24 "$net_cos_dev" "$net_cos_linux_addr/24"
}

# net_cos_load GRAPH [ARGS...]: cos load GRAPH --nic cos-n1 in cos-dev, in the background, its
# output in net_cos_log and its pid in net_cos_pid, once the service prints that it listens (1
# when it does not within sixty seconds, or the loader ended).
net_cos_load() {
	local graph=$1
	shift
	net_cos_log=$(mktemp)
	ip netns exec "$net_cos_ns" cos load "$graph" --nic "$net_cos_dev" "$@" > "$net_cos_log" 2>&1 &
	net_cos_pid=$!
	for _ in $(seq 600); do
		grep -q "listening on port" "$net_cos_log" && return 0
		kill -0 "$net_cos_pid" 2> /dev/null || break
		sleep 0.1
	done
	cat "$net_cos_log" >&2
	return 1
}

# net_cos_stop: SIGTERM to the loader; 0 when it stopped as a stopped run does (status 143),
# with nothing faulted on the way.
net_cos_stop() {
	local status
	kill -TERM "$net_cos_pid" 2> /dev/null
	wait "$net_cos_pid"
	status=$?
	if [ "$status" != 143 ] || grep -q 'fault' "$net_cos_log"; then
		echo "cos load ended with status $status:" >&2
		cat "$net_cos_log" >&2
		return 1
	fi
	return 0
}

# net_cos_down: the loader stopped, the namespace and the pair gone.
net_cos_down() {
	net_pair_down "$net_cos_ns" cos-n0
}

# net_cos_one_pd_graph DIR: writes DIR/tcp-echo-one-pd.cosg, graphs/tcp-echo.cosg with every
# component in one protection domain (its images named by absolute path), and prints its path.
net_cos_one_pd_graph() {
	local top
	top=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
	{
		sed "s|\.\./build/components|$COS_BUILD_DIR/components|" "$top/graphs/tcp-echo.cosg"
		echo "pd tcp_echo tcp ip vnic portmgr sched lock evt tblock printer"
	} > "$1/tcp-echo-one-pd.cosg"
	echo "$1/tcp-echo-one-pd.cosg"
}

# net_cos_stats: the echo service's counters line (its stats port, 8), or nothing.
net_cos_stats() {
	timeout 10 bash -c "cat < /dev/tcp/$net_cos_addr/8" 2> /dev/null
}
