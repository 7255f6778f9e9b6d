# SPDX-License-Identifier: GPL-2.0
# /dev/cos and COS_IOC_INFO against the real module (tests/guest/device_test.cpp).
run_gtest "$COS_BUILD_DIR/bin/guest_tests"
