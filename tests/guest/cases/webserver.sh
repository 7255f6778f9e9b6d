# SPDX-License-Identifier: GPL-2.0
# The webserver of the MPD paper (graphs/webserver.cosg) on the test topology (tests/guest/net.sh),
# with every component in its own protection domain and with all in one: static content and both
# CGI services over HTTP/1.0, kept-alive and pipelined HTTP/1.1, byte-exact (curl and
# tests/net/http_client); each error status on its trigger; ab's 10,000 requests, a connection
# each, for static content and both CGI services and 10,000 kept alive for static content, none
# failed; with every domain isolated, ab and pipelined requests while mpd_churn merges and splits
# the domains, hostile clients
# (junk, truncated and oversize requests, 200 slow ones) answered or timed out while normal requests
# are still served. webserver_teardown is the SIGKILL under load.
. "$here/net.sh"

top=$(cd "$here/../.." && pwd)
www=$top/graphs/www
url=http://$net_cos_addr

# web_graph DIR [LINE...]: graphs/webserver.cosg with its images and files by absolute path,
# slow requests timed out after 1 s, and LINEs added; prints its path.
web_graph() {
	local dir=$1
	shift
	{
		sed -e "s|\.\./build/components|$COS_BUILD_DIR/components|" -e "s|^files static www|files static $www|" \
			-e "s|^config connmgr port=80|config connmgr port=80 request_ms=1000 idle_ms=10000|" \
			"$top/graphs/webserver.cosg"
		for line in "$@"; do echo "$line"; done
	} > "$dir/webserver.cosg"
	echo "$dir/webserver.cosg"
}

# same_bytes NAME WANT_FILE COMMAND...: the command's output is the file's bytes exactly.
same_bytes() {
	local name=$1 want=$2 got
	shift 2
	got=$(mktemp)
	if "$@" > "$got" 2> /dev/null && cmp -s "$got" "$want"; then
		pass "$name"
	else
		fail "$name" "got $(head -c 200 "$got" | od -c | head -3)"
	fi
	rm -f "$got"
}

# status_of NAME CODE REQUEST_TEXT: the raw request (printf format) is answered with CODE.
status_of() {
	local request
	request=$(mktemp)
	printf "$3" > "$request"
	expect "$1" 0 http_client "$net_cos_addr" 80 status "$request" "$2"
	rm -f "$request"
}

# ab_clean NAME PATH [OPTION...]: ab -n 10000 -c 32 for PATH (HTTP/1.0, with OPTIONs), every
# response a 2xx, none failed.
ab_clean() {
	local name=$1 path=$2 out
	shift 2
	out=$(ab -q -n 10000 -c 32 "$@" "$url$path" 2>&1)
	if echo "$out" | grep -q '^Complete requests: *10000$' && echo "$out" | grep -q '^Failed requests: *0$' &&
		! echo "$out" | grep -q '^Non-2xx responses'; then
		pass "$name"
	else
		fail "$name" "$(echo "$out" | grep -E -A1 'Complete requests|Failed requests|Non-2xx|apr_' | tr '\n' ' ')"
	fi
}

# ab -n 10000 -c 32: a connection per request (HTTP/1.0) for static content and both CGI services,
# and kept alive for static content.
web_load() {
	local name=$1
	ab_clean "${name}_ab_static_none_failed" /hello.txt
	ab_clean "${name}_ab_cgi_a_none_failed" /cgi-a
	ab_clean "${name}_ab_cgi_b_none_failed" /cgi-b
	ab_clean "${name}_ab_kept_alive_static_none_failed" /hello.txt -k
}

web_content() {
	local name=$1 scratch=$2
	printf 'CGI A here\n' > "$scratch/cgi-a"
	printf 'CGI B here\n' > "$scratch/cgi-b"
	same_bytes "${name}_serves_static_content_byte_exact" "$www/hello.txt" curl -sS -m 10 "$url/hello.txt"
	same_bytes "${name}_serves_the_index_of_a_directory" "$www/index.html" curl -sS -m 10 "$url/"
	same_bytes "${name}_serves_cgi_a" "$scratch/cgi-a" curl -sS -m 10 "$url/cgi-a"
	same_bytes "${name}_serves_cgi_b" "$scratch/cgi-b" curl -sS -m 10 "$url/cgi-b"
	local path file
	for path in hello.txt cgi-a cgi-b; do
		file=$www/hello.txt
		[ "$path" = hello.txt ] || file=$scratch/$path
		local what=${path%.txt}
		expect "${name}_${what//-/_}_http10" 0 http_client "$net_cos_addr" 80 get "/$path" "$file" --http10
		expect "${name}_${what//-/_}_keep_alive" 0 http_client "$net_cos_addr" 80 get "/$path" "$file" --keep-alive 50
		expect "${name}_${what//-/_}_pipelined" 0 http_client "$net_cos_addr" 80 get "/$path" "$file" --pipeline 20
	done
	expect "${name}_answers_head" 0 http_client "$net_cos_addr" 80 get /hello.txt "$www/hello.txt" --head
	# One whole response, every byte of its head too.
	printf 'GET /hello.txt HTTP/1.0\r\n\r\n' > "$scratch/request"
	printf 'HTTP/1.1 200 OK\r\nServer: cos\r\nContent-Length: 11\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nHello, cos\n' \
		> "$scratch/response"
	expect "${name}_response_byte_exact" 0 http_client "$net_cos_addr" 80 exact "$scratch/request" "$scratch/response"
}

web_statuses() {
	local name=$1 long
	long=$(head -c 3000 /dev/zero | tr '\0' a)
	status_of "${name}_answers_404" 404 'GET /no-such-file HTTP/1.1\r\nHost: x\r\n\r\n'
	status_of "${name}_answers_405" 405 'DELETE /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n'
	status_of "${name}_answers_400" 400 'GET  /hello.txt HTTP/1.1\r\nHost: x\r\n\r\n'
	status_of "${name}_answers_400_without_host" 400 'GET /hello.txt HTTP/1.1\r\n\r\n'
	status_of "${name}_answers_505" 505 'GET /hello.txt HTTP/2.0\r\nHost: x\r\n\r\n'
	status_of "${name}_answers_413" 413 'POST /hello.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n'
	status_of "${name}_answers_414" 414 "GET /$long HTTP/1.1\r\nHost: x\r\n\r\n"
	status_of "${name}_answers_431" 431 "GET / HTTP/1.1\r\nHost: x\r\nX-a: $long\r\nX-b: $long\r\nX-c: $long\r\n\r\n"
}

# While ab sends requests for static content and CGI A (a connection per request) and pipelined
# requests go to CGI B, mpd_churn merges and splits every domain at random: every request answered,
# none failed, no fault.
web_churn() {
	local name=$1 churn_log load_log
	churn_log=$(mktemp)
	load_log=$(mktemp)
	printf 'CGI B here\n' > "$load_log.cgi-b"
	mpd_churn "$(by_length 15 60)" sched mm lock tblock printer stktrace tcp evt fdapi connmgr httpparse stats \
		contentmgr static vnic ip ainv_a fdapi_a cgi_a ainv_b fdapi_b portmgr cgi_b > "$churn_log" 2>&1 &
	local churn=$!
	local rounds=0 ok=true path
	while $ok && kill -0 "$churn" 2> /dev/null; do
		for path in /hello.txt /cgi-a; do
			ab -q -n 500 -c 32 "$url$path" > "$load_log" 2>&1
			grep -q '^Complete requests: *500$' "$load_log" && grep -q '^Failed requests: *0$' "$load_log" &&
				! grep -q '^Non-2xx responses' "$load_log" || { ok=false; break; }
		done
		$ok && http_client "$net_cos_addr" 80 get /cgi-b "$load_log.cgi-b" --pipeline 20 > "$load_log" 2>&1 || ok=false
		$ok && rounds=$((rounds + 1))
	done
	wait "$churn"
	local status=$?
	if $ok && [ "$status" = 0 ] && [ "$rounds" -gt 0 ] && ! grep -q fault "$net_cos_log"; then
		pass "${name}_serves_while_domains_merge_and_split"
	else
		fail "${name}_serves_while_domains_merge_and_split" \
			"rounds $rounds, ok $ok: $(grep -E -A1 'Complete|Failed|Non-2xx|apr_' "$load_log" | tr '\n' ' ' | head -c 400), mpd_churn $status: $(tail -n 3 "$churn_log")"
	fi
	rm -f "$churn_log" "$load_log" "$load_log.cgi-b"
}

web_hostile() {
	local name=$1
	expect "${name}_survives_hostile_requests" 0 http_hostile "$net_cos_addr" 80 all --seed 7 --count "$(by_length 10 200)" --wait 10
	# 200 connections that send a byte a second: the server ends each (its request time is 1 s).
	expect "${name}_ends_200_slow_connections" 0 http_hostile "$net_cos_addr" 80 slow 200 30 --wait 10
	expect "${name}_serves_after_hostile_clients" 0 \
		http_client "$net_cos_addr" 80 get /hello.txt "$www/hello.txt" --keep-alive 20
	if kill -0 "$net_cos_pid" 2> /dev/null && ! grep -q fault "$net_cos_log"; then
		pass "${name}_no_fault_from_hostile_clients"
	else
		fail "${name}_no_fault_from_hostile_clients" "$(tail -n 5 "$net_cos_log")"
	fi
}

web_round() {
	local name=$1 graph=$2 scratch=$3
	if ! net_cos_load "$graph"; then
		fail "${name}_service_starts" "cos load did not start the webserver"
		return
	fi
	pass "${name}_service_starts"
	web_content "$name" "$scratch"
	web_statuses "$name"
	web_load "$name"
	if [ "$name" = isolated ]; then
		web_churn "$name"
		web_hostile "$name"
	fi
	if net_cos_stop; then
		pass "${name}_stops_cleanly"
	else
		fail "${name}_stops_cleanly" "$(tail -n 5 "$net_cos_log")"
	fi
	rm -f "$net_cos_log"
}

net_cos_down
scratch=$(mktemp -d)
if ! net_cos_up; then
	fail webserver_topology_comes_up "the veth pair or the namespace did not come up"
else
	pass webserver_topology_comes_up
	web_round isolated "$(web_graph "$scratch")" "$scratch"
	mkdir "$scratch/one"
	web_round one_pd "$(web_graph "$scratch/one" "pd sched mm lock tblock printer stktrace tcp evt fdapi connmgr httpparse stats contentmgr static vnic ip ainv_a fdapi_a cgi_a ainv_b fdapi_b portmgr cgi_b")" "$scratch"
fi
rm -rf "$scratch"
net_cos_down
