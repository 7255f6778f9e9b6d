# SPDX-License-Identifier: GPL-2.0
# Every end of an attached run lets go of everything: the loader SIGKILLed during a stream, the
# device deleted while attached (the run goes on without it, then stops cleanly). After each: no
# page left in the module, the device (or its deletion) not held up, and the module unloads and
# loads again. (Debian's kernel offers no kmemleak; an skb or device reference left behind would
# hold up the deletion of the device, or the unload, which the checks would see.)
. "$here/net.sh"

# A stream that outlasts the moment it is cut.
teardown_stream() {
	echo_client "$net_cos_addr" 7 stream $((1 << 30)) > /dev/null 2>&1
}

net_cos_down
if ! net_cos_up || ! net_cos_load "$example_graphs/tcp-echo.cosg"; then
	fail sigkill_during_a_stream_frees_everything "the service did not start"
else
	teardown_stream &
	stream=$!
	sleep 3
	kill -9 "$net_cos_pid"
	wait "$net_cos_pid" 2> /dev/null
	kill "$stream" 2> /dev/null
	wait "$stream" 2> /dev/null
	sleep 1
	pages_none sigkill_during_a_stream_frees_everything
	if ip -n "$net_cos_ns" link del "$net_cos_dev"; then
		pass device_deletes_after_the_sigkill
	else
		fail device_deletes_after_the_sigkill "ip link del failed"
	fi
	if unload_module && load_module; then
		pass module_unloads_after_the_sigkill
	else
		fail module_unloads_after_the_sigkill "rmmod or insmod failed"
	fi
	rm -f "$net_cos_log"
fi
net_cos_down

if ! net_cos_up || ! net_cos_load "$example_graphs/tcp-echo.cosg"; then
	fail device_deleted_while_attached_is_let_go "the service did not start"
else
	teardown_stream &
	stream=$!
	sleep 3
	# The deletion waits for every reference on the device: it returns only once the module has
	# let go of it.
	if timeout 30 ip -n "$net_cos_ns" link del "$net_cos_dev"; then
		pass device_deleted_while_attached_is_let_go
	else
		fail device_deleted_while_attached_is_let_go "ip link del did not return"
	fi
	kill "$stream" 2> /dev/null
	wait "$stream" 2> /dev/null
	if kill -0 "$net_cos_pid" 2> /dev/null && net_cos_stop; then
		pass run_without_its_device_stops_cleanly
	else
		fail run_without_its_device_stops_cleanly "$(tail -n 5 "$net_cos_log")"
	fi
	sleep 1
	pages_none device_deleted_while_attached_frees_everything
	if unload_module && load_module; then
		pass module_unloads_after_the_device_went
	else
		fail module_unloads_after_the_device_went "rmmod or insmod failed"
	fi
	rm -f "$net_cos_log"
fi
net_cos_down
