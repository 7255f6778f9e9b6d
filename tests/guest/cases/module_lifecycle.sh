# SPDX-License-Identifier: GPL-2.0
# Loading and unloading the module, again and again, with the device open and closed.

log_mark=$(kernel_log_mark)
ok=1
for i in 1 2 3 4 5; do
	unload_module || { ok=0; break; }
	[ ! -e /dev/cos ] || { ok=0; break; }
	load_module || { ok=0; break; }
	[ -c /dev/cos ] || { ok=0; break; }
done
if [ "$ok" = 1 ]; then pass "module_reloads_five_times"; else fail "module_reloads_five_times" "round $i"; fi

# While a process holds /dev/cos open the module cannot go; once it closes, it can.
exec 9<>/dev/cos
if rmmod cos 2>/dev/null; then
	fail "module_stays_while_device_open" "rmmod succeeded with /dev/cos open"
	load_module
else
	pass "module_stays_while_device_open"
fi
exec 9>&-
expect module_unloads_after_device_closed 0 rmmod cos
load_module

# Six loads since the mark, each with its one line and nothing else of the module's.
loads=$(kernel_log_since "$log_mark" | grep -cE 'cos: loaded \(ABI [0-9]+, [45]-level paging, PTI (on|off)\)$')
others=$(kernel_log_since "$log_mark" | grep -E '(^|\] )cos: ' | grep -vcE 'cos: loaded \(ABI ')
if [ "$loads" = 6 ] && [ "$others" = 0 ]; then
	pass "module_logs_one_line_on_load"
else
	fail "module_logs_one_line_on_load" "$loads load lines for 6 loads, $others other lines of the module"
fi

perms=$(stat -c '%a %U' /dev/cos)
if [ "$perms" = "600 root" ]; then pass "device_is_root_only"; else fail "device_is_root_only" "$perms"; fi
