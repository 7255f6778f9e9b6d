# SPDX-License-Identifier: GPL-2.0
# /dev/cos against the real module: COS_IOC_INFO (tests/guest/device_test.cpp), reshaping and
# inspecting a system built by hand, attaching, malformed requests (tests/guest/control_test.cpp),
# every request of the uapi header with its reserved words and flags (tests/guest/uapi_test.cpp).
run_gtest "$COS_BUILD_DIR/bin/guest_tests"
