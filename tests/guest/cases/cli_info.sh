# SPDX-License-Identifier: GPL-2.0
# `cos info` in the guest: what it reports for the CPU model, and its failures.

json=$(cos info --json)
case "$COS_VM_CPU" in
pti) want_pti=true want_levels=4 ;;
*) want_pti=false want_levels=5 ;;
esac
if echo "$json" | grep -q "\"pti\": $want_pti" && echo "$json" | grep -q "\"paging_levels\": $want_levels"; then
	pass "cli_info_json_reports_the_cpu_model"
else
	fail "cli_info_json_reports_the_cpu_model" "got $json"
fi
for key in abi pti paging_levels pcid smep smap; do
	if echo "$json" | grep -q "\"$key\": "; then
		pass "cli_info_json_has_$key"
	else
		fail "cli_info_json_has_$key" "got $json"
	fi
done

expect cli_info_text_succeeds 0 cos info

# Only root may open /dev/cos.
out=$(setpriv --reuid=65534 --regid=65534 --clear-groups cos info 2>&1)
status=$?
if [ "$status" = 1 ] && [ "$(echo "$out" | wc -l)" = 1 ] && echo "$out" | grep -q 'permission denied'; then
	pass "cli_info_as_non_root_is_refused_in_one_line"
else
	fail "cli_info_as_non_root_is_refused_in_one_line" "status $status: $out"
fi

unload_module
out=$(cos info 2>&1)
status=$?
if [ "$status" = 1 ] && [ "$(echo "$out" | wc -l)" = 1 ] && echo "$out" | grep -q 'not loaded.*insmod'; then
	pass "cli_info_without_module_says_so_in_one_line"
else
	fail "cli_info_without_module_says_so_in_one_line" "status $status: $out"
fi
load_module
