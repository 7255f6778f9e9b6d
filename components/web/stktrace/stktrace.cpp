// SPDX-License-Identifier: GPL-2.0
// The stack trace component (<cos/web/trace.hpp>): prints where a component met what it could not
// handle. The component kernel names the reporting component (the client of this call); the
// reporter's own return address (trace::report passes it) is printed as an offset in that
// component's slot, which `addr2line` on its image turns into a source line. At most `burst`
// lines (default 10) a second, so that a flood of reports cannot flood the terminal.
#include <cos/component.hpp>
#include <cos/config.hpp>
#include <cos/kernel.hpp>
#include <cos/system/print.hpp>
#include <cos/web/trace.hpp>

COS_CONFIG(64);


COS_NO_PREEMPT();
namespace {

constexpr cos_word second_ns = 1000ULL * 1000 * 1000;

cos_word window_start_ns = 0;
cos_word in_window = 0;
cos_word dropped = 0;

} // namespace

// trace_report(code, detail, return_address): one report.
extern "C" cos_word trace_report(cos_word code, cos_word detail, cos_word return_address, cos_word)
{
	auto client = cosk::kernel::client(COS_RETURN_ADDRESS());
	static const cos_word burst = [] {
		auto n = cosk::config::number("burst");
		return n ? n.value() : 10;
	}();
	const cos_word now = cosk::kernel::time_ns();
	if (now - window_start_ns >= second_ns) {
		if (dropped)
			cos_printf("stktrace: %llu reports not shown\n", static_cast<unsigned long long>(dropped));
		window_start_ns = now;
		in_window = 0;
		dropped = 0;
	}
	if (in_window++ >= burst) {
		dropped++;
		return 0;
	}
	cos_printf("stktrace: component %llu at +0x%llx: code %llu (%llu)\n",
		   static_cast<unsigned long long>(client ? client.value() : ~cos_word{0}),
		   static_cast<unsigned long long>(return_address & (COS_SLOT_SIZE - 1)),
		   static_cast<unsigned long long>(code), static_cast<unsigned long long>(detail));
	return 0;
}
COS_EXPORT(trace_report);
