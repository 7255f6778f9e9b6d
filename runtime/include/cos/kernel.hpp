// SPDX-License-Identifier: GPL-2.0
// The calls a component makes to the component kernel itself (not capability invocations).
#pragma once

#include <cos/component.hpp>

// Writes len bytes at buf to the host's standard output. Only the component the graph makes the
// console (the printer) may; for others the result is -EPERM (as a word).
extern "C" cos_word cos_console_write(const char *buf, cos_word len);
