// SPDX-License-Identifier: GPL-2.0
// The stack trace component's interface (components/web/stktrace): a component that meets
// something it cannot handle reports it, and the stack trace component prints where (the
// component, and the return addresses of the report's caller and of its caller, as offsets in
// that component's image) and what, through the terminal printer, at most `burst` lines a second.
#pragma once

#include <cos/component.hpp>

namespace cosk::trace {

COS_IMPORT_ON_CALL(trace_report);

// code: the reporter's number for what happened; detail: one word more.
[[gnu::noinline]] inline void report(cos_word code, cos_word detail)
{
	static_cast<void>(trace_report(code, detail, reinterpret_cast<cos_word>(__builtin_return_address(0))));
}

} // namespace cosk::trace
