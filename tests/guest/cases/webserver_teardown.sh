# SPDX-License-Identifier: GPL-2.0
# The webserver's host SIGKILLed under load (ab at 32 connections, static content and a CGI
# service at once): every page back, the device not held up, the module unloads and loads again.
. "$here/net.sh"

top=$(cd "$here/../.." && pwd)
scratch=$(mktemp -d)
sed -e "s|\.\./build/components|$COS_BUILD_DIR/components|" -e "s|^files static www|files static $top/graphs/www|" \
	"$top/graphs/webserver.cosg" > "$scratch/webserver.cosg"

net_cos_down
if ! net_cos_up || ! net_cos_load "$scratch/webserver.cosg"; then
	fail webserver_sigkill_under_load_frees_everything "the webserver did not start"
else
	ab -q -n 1000000 -c 32 "http://$net_cos_addr/hello.txt" > /dev/null 2>&1 &
	static_load=$!
	ab -q -n 1000000 -c 8 "http://$net_cos_addr/cgi-a" > /dev/null 2>&1 &
	cgi_load=$!
	sleep 4
	kill -9 "$net_cos_pid"
	wait "$net_cos_pid" 2> /dev/null
	kill "$static_load" "$cgi_load" 2> /dev/null
	wait "$static_load" "$cgi_load" 2> /dev/null
	sleep 1
	pages_none webserver_sigkill_under_load_frees_everything
	if timeout 30 ip -n "$net_cos_ns" link del "$net_cos_dev"; then
		pass webserver_device_deletes_after_the_sigkill
	else
		fail webserver_device_deletes_after_the_sigkill "ip link del failed"
	fi
	if unload_module && load_module; then
		pass webserver_module_unloads_after_the_sigkill
	else
		fail webserver_module_unloads_after_the_sigkill "rmmod or insmod failed"
	fi
	rm -f "$net_cos_log"
fi
rm -rf "$scratch"
net_cos_down
