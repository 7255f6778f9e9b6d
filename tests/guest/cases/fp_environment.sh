# SPDX-License-Identifier: GPL-2.0
# A component that spoils the thread's floating-point registers (exceptions unmasked, another
# rounding and precision, the x87 stack overflowed) leaves the host computing as before its run.

expect a_component_cannot_spoil_the_hosts_floating_point 0 fp_host "$graphs/fp-spoiler.cosg"
cat /tmp/expect.out
