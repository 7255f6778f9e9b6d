# SPDX-License-Identifier: GPL-2.0
# Loading and unloading the module, again and again, with the device open and closed.

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

if dmesg | grep -q 'cos: loaded (ABI'; then
	pass "module_logs_one_line_on_load"
else
	fail "module_logs_one_line_on_load" "no load line in the kernel log"
fi

perms=$(stat -c '%a %U' /dev/cos)
if [ "$perms" = "600 root" ]; then pass "device_is_root_only"; else fail "device_is_root_only" "$perms"; fi
