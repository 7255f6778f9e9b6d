# SPDX-License-Identifier: GPL-2.0
# The network tests' Linux side, proved before anything is measured against it: Linux's echo
# server in its namespace behind a veth pair (tests/guest/net.sh) answers the echo client's
# sequential, concurrent and streamed connections with every byte right, and the client notices
# a server that gets one bit wrong.
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
fi
net_down
