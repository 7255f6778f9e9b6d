# SPDX-License-Identifier: GPL-2.0
# The network tests' Linux side, proved before anything is measured against it: Linux's echo
# server in its namespace behind a veth pair (tests/guest/net.sh) answers the echo client's
# sequential, concurrent and streamed connections with every byte right, the client notices
# a server that gets one bit wrong, and Linux takes every class of hostile frame and answers after.
. "$here/net.sh"

net_down
if ! net_linux_up || ! net_echo_server "$net_echo_port"; then
	fail linux_echo_server_listens_behind_its_veth_pair "the namespace, the pair or the server did not come up"
else
	pass linux_echo_server_listens_behind_its_veth_pair
	expect linux_echo_answers_sequential_connections 0 \
		echo_client "$net_linux_addr" "$net_echo_port" sequential "$(by_length 1000 10000)" 64
	expect linux_echo_answers_concurrent_connections 0 \
		echo_client "$net_linux_addr" "$net_echo_port" concurrent 64 65536
	expect linux_echo_streams_every_byte 0 \
		echo_client "$net_linux_addr" "$net_echo_port" stream "$(by_length $((64 << 20)) $((1 << 30)))"

	# A server that flips one bit after 100,000 bytes: the client must fail, naming the byte.
	if net_echo_server 8 --corrupt-after 100000; then
		out=$(echo_client "$net_linux_addr" 8 stream $((1 << 20)) 2>&1)
		status=$?
		if [ "$status" = 1 ] && echo "$out" | grep -q 'byte 100000 came back as'; then
			pass echo_client_catches_one_wrong_bit
		else
			fail echo_client_catches_one_wrong_bit "status $status: $out"
		fi
	else
		fail echo_client_catches_one_wrong_bit "the corrupting server did not listen"
	fi

	# Hostile frames (tests/net/hostile_frames.cpp), every class, from the guest's end of the pair
	# to Linux in the namespace, the baseline the components' stack is held to: every frame must
	# be handed to the kernel and reach the namespace's end, the kernel must not complain, and
	# the echo server must answer afterwards.
	target_mac=$(ip netns exec "$net_linux_ns" cat /sys/class/net/cos-l1/address)
	out=$(hostile_frames cos-l0 "$target_mac" "$net_linux_addr" arp --bogus 1 2>&1)
	usage_status=$?
	out=$(hostile_frames cos-none "$target_mac" "$net_linux_addr" arp 2>&1)
	missing_status=$?
	out=$(setpriv --reuid=65534 --regid=65534 --clear-groups \
		hostile_frames cos-l0 "$target_mac" "$net_linux_addr" arp 2>&1)
	user_status=$?
	if [ "$usage_status" = 2 ] && [ "$missing_status" = 1 ] && [ "$user_status" = 1 ]; then
		pass hostile_frames_refuses_usage_errors_missing_interfaces_and_non_root
	else
		fail hostile_frames_refuses_usage_errors_missing_interfaces_and_non_root \
			"exit status $usage_status on a usage error (wanted 2), $missing_status on no interface (1), $user_status as non-root (1)"
	fi

	rx_packets() {
		ip netns exec "$net_linux_ns" cat /sys/class/net/cos-l1/statistics/rx_packets
	}
	log_mark=$(kernel_log_mark)
	rx_before=$(rx_packets)
	out=$(hostile_frames cos-l0 "$target_mac" "$net_linux_addr" all --port "$net_echo_port" 2>&1)
	status=$?
	rx_after=$(rx_packets)
	echo "$out" | sed 's/^/  /'
	missing=
	for class in truncated bad_checksum random oversize fragments tcp_flags syn_flood arp; do
		echo "$out" | grep -qE "^$class: sent [0-9]+ frames" || missing+=" $class"
	done
	if [ "$status" = 0 ] && [ -z "$missing" ]; then
		pass hostile_frames_hands_every_class_to_the_kernel
	else
		fail hostile_frames_hands_every_class_to_the_kernel "exit status $status, no line for:${missing:- none}"
	fi
	sent=$(echo "$out" | awk '/^[a-z_]+: sent [0-9]+ frames/ { n += $3 } END { print n + 0 }')
	case "$rx_before:$rx_after" in
	:* | *: | *[!0-9:]*) received=unreadable ;;
	*) received=$((rx_after - rx_before)) ;;
	esac
	if [ "$received" != unreadable ] && [ "$sent" -gt 0 ] && [ "$received" -ge "$sent" ]; then
		pass hostile_frames_all_reach_the_namespace
	else
		fail hostile_frames_all_reach_the_namespace "$sent frames sent, cos-l1 received $received ($rx_before -> $rx_after)"
	fi
	expect linux_echo_answers_after_hostile_frames 0 \
		echo_client "$net_linux_addr" "$net_echo_port" sequential "$(by_length 100 1000)" 64
	complaints=$(kernel_complaints_since "$log_mark")
	if [ -z "$complaints" ]; then
		pass hostile_frames_leave_no_kernel_complaint
	else
		fail hostile_frames_leave_no_kernel_complaint "$complaints"
	fi
fi
net_down
