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

# nic_rx_seen: the running system's count of frames its device received for it.
nic_rx_seen() {
	cos stat --json 2> /dev/null | jq -r '.nic.rx_seen // empty'
}

# tcp_echo_hostile NAME: every class of hostile_frames at the system from Linux's end: every frame
# reaches it, nothing faults, and the echo answers again. A SYN flood fills lwIP's listen backlog
# with half-open connections (lwIP has no SYN cookies), which it drops after 20 s: until then new
# connections' SYNs are dropped, so the echo gets a minute to answer again.
tcp_echo_hostile() {
	local name=$1 before after out sent answered=false
	before=$(nic_rx_seen)
	out=$(hostile_frames cos-n0 "$net_cos_mac" "$net_cos_addr" all --port 7 2>&1)
	if [ $? != 0 ]; then
		fail "${name}_takes_hostile_frames" "hostile_frames failed: $out"
		return
	fi
	sleep 1
	after=$(nic_rx_seen)
	sent=$(echo "$out" | sed -nE 's/^[a-z_]+: sent ([0-9]+) frames.*/\1/p' | awk '{ n += $1 } END { print n + 0 }')
	# Every frame is to the system's address but the fully random ones of the random class (a
	# quarter of its 2,000), whose destination is random too: the device sees at least the rest.
	if [ -n "$before" ] && [ -n "$after" ] && [ $((after - before)) -ge $((sent - 500)) ] && [ "$sent" -gt 10000 ] &&
		kill -0 "$net_cos_pid" 2> /dev/null; then
		pass "${name}_takes_hostile_frames"
	else
		fail "${name}_takes_hostile_frames" "sent $sent, the device saw $before -> $after: $(tail -n 3 "$net_cos_log")"
	fi
	for _ in $(seq 60); do
		if echo_client "$net_cos_addr" 7 sequential 10 64 > /dev/null 2>&1; then
			answered=true
			break
		fi
		sleep 1
	done
	if $answered && echo_client "$net_cos_addr" 7 sequential 100 64 > /dev/null 2>&1 &&
		! grep -q fault "$net_cos_log"; then
		pass "${name}_echoes_after_hostile_frames"
	else
		fail "${name}_echoes_after_hostile_frames" "$(tail -n 3 "$net_cos_log")"
	fi
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
	[ "$name" = isolated ] && tcp_echo_hostile "$name"
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
