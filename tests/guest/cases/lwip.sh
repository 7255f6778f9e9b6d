# SPDX-License-Identifier: GPL-2.0
# lwIP (Debian's source package, built freestanding: components/net/lwip) running in a component:
# tests/components/lwip_loop echoes a patterned stream over TCP between two lwIP interfaces of its
# own, linked back to back in memory, and checks every byte (tests/graphs/lwip-loop.cosg); and
# breaks one of lwIP's assertions on purpose.

scratch=$(mktemp -d)

# lwip_loop NAME KIB LOSE_EVERY: echoes KIB KiB over a link losing every LOSE_EVERY-th frame (0:
# none); the run must end with status 0, no fault, and the component's "ok" for that many bytes.
lwip_loop() {
	local name=$1 kib=$2 lose_every=$3 status
	cos load --stats "$graphs/lwip-loop.cosg" "$kib" "$lose_every" > "$scratch/out" 2> "$scratch/err"
	status=$?
	sed "s/^/$name: /" "$scratch/out"
	if [ "$status" = 0 ] && grep -qE ', 0 faults$' "$scratch/err" &&
		grep -qx "lwip_loop: echo of $((kib * 1024)) bytes through lwIP: ok" "$scratch/out" &&
		grep -qE "^lwip_loop: $((kib * 1024)) of $((kib * 1024)) bytes back in [0-9]+ ms, 0 wrong" "$scratch/out"; then
		return 0
	fi
	echo "$name: status $status: $(cat "$scratch/err")"
	return 1
}

if lwip_loop one_mib 1024 0; then
	pass lwip_echoes_1_mib_over_tcp_between_two_interfaces_every_byte_right
else
	fail lwip_echoes_1_mib_over_tcp_between_two_interfaces_every_byte_right "see the output above"
fi

# A link that loses frames: only lwIP's retransmissions, run by its timers on the component
# kernel's clock, bring the stream through.
if lwip_loop lossy 1024 50 && grep -qE '^lwip_loop: .* lost [1-9][0-9]*,' "$scratch/out"; then
	pass lwip_recovers_every_lost_frame_through_its_timers
else
	fail lwip_recovers_every_lost_frame_through_its_timers "see the output above"
fi

kib=$(by_length 16384 262144)
if lwip_loop long "$kib" 0; then
	pass lwip_echoes_a_long_stream_every_byte_right
else
	fail lwip_echoes_a_long_stream_every_byte_right "see the output above"
fi

# lwIP's assertions stay on: a broken one is printed through the printer (the component's
# cos_lwip_report) and faults the component, and cos load ends with 40, the status of a fault.
cos load --stats "$graphs/lwip-loop.cosg" 0 0 1 > "$scratch/out" 2> "$scratch/err"
status=$?
if [ "$status" = 40 ] &&
	grep -qE '^lwip_loop: lwIP assertion "don.t call tcp_recved for listen-pcbs" failed at .*/src/core/tcp\.c:[0-9]+$' "$scratch/out" &&
	grep -q '^cos: component lwip_loop faulted: invalid instruction' "$scratch/err"; then
	pass lwip_assertion_is_printed_and_faults_the_component
else
	fail lwip_assertion_is_printed_and_faults_the_component "status $status: $(cat "$scratch/out" "$scratch/err")"
fi

rm -rf "$scratch"
