#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-2.0
# bench/net.sh [--icount] [--short]: `scripts/bench net`, run in the guest. The TCP echo service
# (graphs/tcp-echo.cosg) with every component isolated and with all in one protection domain,
# against Linux's echo server in a namespace behind an identical veth pair (tests/guest/net.sh):
# the round trip of a 64-byte message on one connection (median of each timed on its own) and
# the connection rate (connect, 64 bytes each way, close; connections per second over the whole
# run, and the median of one), measured by cos-bench-net-probe, which checks every byte. Bytes
# copied per message: what the vNIC and TCP components count as copied during the round trips
# (frames with their headers, and stream data), divided by the round trips. A table, then one
# JSON line. Figures on the guest clock: nanoseconds, or instructions under --icount.
set -u
here=$(cd "$(dirname "$0")/../tests/guest" && pwd)
. "$here/net.sh"

icount=false rtt_count=2000 rate_count=300
for arg in "$@"; do
	case "$arg" in
	--icount) icount=true ;;
	--short) rtt_count=100 rate_count=20 ;;
	*) echo "usage: bench/net.sh [--icount] [--short]" >&2; exit 2 ;;
	esac
done
unit=ns
$icount && unit=instructions
message=64

die() {
	echo "bench net: $*" >&2
	net_down
	net_cos_down
	exit 1
}

# counter LINE NAME: NAME's value in a counters line.
counter() {
	echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"
}

probe() {
	cos-bench-net-probe "$@" || die "the probe failed: $*"
}

# measure_cos NAME GRAPH: rtt, rate and copies of the system the graph makes, into NAME_*.
measure_cos() {
	local name=$1 graph=$2 before after copied accepted_before accepted_after module_before module_after
	net_cos_load "$graph" || die "the echo service ($graph) did not start"
	before=$(net_cos_stats)
	[ -n "$before" ] || die "no counters from the echo service"
	module_before=$(cos stat --json)
	declare -g "${name}_rtt_json=$(probe rtt "$net_cos_addr" 7 "$rtt_count" "$message")"
	module_after=$(cos stat --json)
	after=$(net_cos_stats)
	# Where the round trip goes, per round trip: the module's counts over the timed run (and the
	# 50 untimed ones before it, and one counters connection: a few percent).
	declare -g "${name}_per_rtt=$(jq -rn --argjson a "$module_before" --argjson b "$module_after" --argjson n "$rtt_count" \
		'["invocations across domains", "switches", "interrupts", "preemptions", "ticks"] as $names |
		 [($b.invocations - $a.invocations), ($b.switches - $a.switches), ($b.interrupts - $a.interrupts),
		  ($b.preemptions - $a.preemptions), ($b.ticks - $a.ticks)] as $d |
		 [range(0; 5) | "\($names[.]) \($d[.] / $n * 10 | round / 10)"] | join(", ")')"
	copied=$(($(counter "$after" tcp_copied) + $(counter "$after" vnic_copied) -
		$(counter "$before" tcp_copied) - $(counter "$before" vnic_copied)))
	declare -g "${name}_copies=$(awk "BEGIN { printf \"%.1f\", $copied / $rtt_count }")"
	accepted_before=$(counter "$after" tcp_accepted)
	declare -g "${name}_rate_json=$(probe rate "$net_cos_addr" 7 "$rate_count" "$message")"
	after=$(net_cos_stats)
	accepted_after=$(counter "$after" tcp_accepted)
	# The counters line's own connection is accepted too.
	[ $((accepted_after - accepted_before)) = $((rate_count + 1)) ] ||
		die "$name: the service accepted $((accepted_after - accepted_before)) connections, not $((rate_count + 1))"
	net_cos_stop || die "$name: the service did not stop cleanly"
}

net_down
net_cos_down
net_linux_up || die "Linux's namespace did not come up"
net_echo_server "$net_echo_port" || die "Linux's echo server did not start"
net_cos_up || die "the system's veth pair did not come up"

linux_rtt_json=$(probe rtt "$net_linux_addr" "$net_echo_port" "$rtt_count" "$message")
linux_rate_json=$(probe rate "$net_linux_addr" "$net_echo_port" "$rate_count" "$message")
measure_cos isolated "$(cd "$here/../.." && pwd)/graphs/tcp-echo.cosg"
scratch=$(mktemp -d)
measure_cos one_pd "$(net_cos_one_pd_graph "$scratch")"
rm -rf "$scratch"
net_down
net_cos_down

field() { echo "$1" | jq -r ".$2"; }

printf '%-28s %14s %14s %16s %14s\n' "echo over a veth pair" "rtt median" "rtt mean" "connections/s" "conn median"
for s in isolated one_pd linux; do
	rtt=${s}_rtt_json rate=${s}_rate_json
	printf '%-28s %14s %14s %16s %14s\n' "$s" "$(field "${!rtt}" median)" "$(field "${!rtt}" mean)" \
		"$(field "${!rate}" per_second)" "$(field "${!rate}" median)"
done
echo "($unit; rtt: $rtt_count round trips of $message bytes, medians and means of each; connections: $rate_count," \
	"the rate over the whole run and the median of one)"
echo "bytes copied by the components per message: isolated $isolated_copies, one domain $one_pd_copies"
echo "per round trip, isolated: $isolated_per_rtt"
echo "per round trip, one domain: $one_pd_per_rtt"
jq -Mcn --argjson ir "$(field "$isolated_rtt_json" median)" --argjson pr "$(field "$one_pd_rtt_json" median)" \
	--argjson lr "$(field "$linux_rtt_json" median)" \
	--argjson ic "$(field "$isolated_rate_json" per_second)" --argjson oc "$(field "$one_pd_rate_json" per_second)" \
	--argjson lc "$(field "$linux_rate_json" per_second)" --argjson copies "$isolated_copies" \
	--argjson icount "$icount" \
	'{cos_isolated_rtt: $ir, cos_one_pd_rtt: $pr, linux_rtt: $lr, cos_isolated_conn_rate: $ic,
	  cos_one_pd_conn_rate: $oc, linux_conn_rate: $lc, copies_per_message: $copies, icount: $icount}'
