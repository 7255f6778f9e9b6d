# SPDX-License-Identifier: GPL-2.0
# Shared memory (tests/guest/share_test.cpp): two components in different domains see each other's
# writes through one share mapped at different addresses, also after their domains are merged and
# split; a third faults where they have it; every refusal the header documents; the pages come
# back when the file closes.
mark=$(kernel_log_mark)
run_gtest "$COS_BUILD_DIR/bin/share_tests"
pages_none share_no_leak
complaints=$(kernel_complaints_since "$mark")
if [ -z "$complaints" ]; then
	pass share_no_kernel_complaint
else
	fail share_no_kernel_complaint "$complaints"
fi
