# SPDX-License-Identifier: GPL-2.0
# The TCP echo service (graphs/tcp-echo.cosg) on a veth device (tests/guest/net.sh): Linux pings
# it (ARP and ICMP answered by lwIP in the tcp component) while its own address on the same device
# keeps answering; sequential, concurrent and streamed connections echo every byte; with every
# component in its own protection domain, and with all in one. Stopping the loader ends the run
# without a fault, and the case's pages are gone (tests/guest/run checks).
. "$here/net.sh"

# tcp_echo_churn NAME: streams while mpd_churn merges and splits the network's components at
# random (the printer's, the scheduler's and the system services' domains stay as they are).
tcp_echo_churn() {
	local name=$1 churn_log stream_log streams=0 ok=true
	churn_log=$(mktemp)
	stream_log=$(mktemp)
	mpd_churn "$(by_length 15 120)" tcp_echo tcp ip vnic portmgr > "$churn_log" 2>&1 &
	local churn=$!
	while kill -0 "$churn" 2> /dev/null; do
		echo_client "$net_cos_addr" 7 stream $((8 << 20)) > "$stream_log" 2>&1 || { ok=false; break; }
		streams=$((streams + 1))
	done
	wait "$churn"
	local churn_status=$?
	if $ok && [ "$churn_status" = 0 ] && [ "$streams" -gt 0 ]; then
		pass "${name}_streams_while_domains_merge_and_split"
	else
		fail "${name}_streams_while_domains_merge_and_split" \
			"streams $streams (ok: $ok: $(cat "$stream_log")), mpd_churn status $churn_status: $(cat "$churn_log")"
	fi
	rm -f "$churn_log" "$stream_log"
}

# tcp_echo_round NAME GRAPH: the checks on one system, each verdict prefixed NAME_.
tcp_echo_round() {
	local name=$1 graph=$2
	if ! net_cos_load "$graph"; then
		fail "${name}_service_starts" "cos load did not start the service"
		return
	fi
	pass "${name}_service_starts"
	expect "${name}_answers_ping" 0 ping -c 3 -i 0.2 -W 5 "$net_cos_addr"
	expect "${name}_linux_on_the_same_device_still_answers" 0 ping -c 2 -i 0.2 -W 5 "$net_cos_linux_addr"
	expect "${name}_echoes_sequential_connections" 0 \
		echo_client "$net_cos_addr" 7 sequential "$(by_length 1000 10000)" 64
	expect "${name}_echoes_concurrent_connections" 0 \
		echo_client "$net_cos_addr" 7 concurrent 64 65536
	expect "${name}_streams_every_byte" 0 \
		echo_client "$net_cos_addr" 7 stream "$(by_length $((64 << 20)) $((1 << 30)))"
	[ "$name" = isolated ] && tcp_echo_churn "$name"
	if net_cos_stop; then
		pass "${name}_stops_cleanly"
	else
		fail "${name}_stops_cleanly" "$(tail -n 5 "$net_cos_log")"
	fi
	rm -f "$net_cos_log"
}

net_cos_down
if ! net_cos_up; then
	fail tcp_echo_topology_comes_up "the veth pair or the namespace did not come up"
else
	pass tcp_echo_topology_comes_up
	tcp_echo_round isolated "$example_graphs/tcp-echo.cosg"
	# The same system with every component in one domain.
	scratch=$(mktemp -d)
	tcp_echo_round one_pd "$(net_cos_one_pd_graph "$scratch")"
	rm -rf "$scratch"
fi
net_cos_down
