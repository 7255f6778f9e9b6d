# SPDX-License-Identifier: GPL-2.0
# Each component-kernel call that needs a privilege (COS_COMPONENT_CONSOLE, _MPD, _SCHED), made by
# a component of a system built by hand: EPERM without the privilege, the call's own answer with
# it (tests/guest/privilege_test.cpp).
run_gtest "$COS_BUILD_DIR/bin/privilege_tests"
