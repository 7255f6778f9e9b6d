// SPDX-License-Identifier: GPL-2.0
// The statistics gatherer (<cos/web/stats.hpp>): the counters components put, kept here, and
// printed as one line through the terminal printer at most every period_ms (default 5000) when
// they moved since the last line, on the next put. no_preempt: puts come from several threads.
#include <cos/component.hpp>
#include <cos/config.hpp>
#include <cos/kernel.hpp>
#include <cos/system/print.hpp>
#include <cos/web/stats.hpp>

COS_CONFIG(64);


COS_NO_PREEMPT();
namespace {

constexpr cos_word keys = static_cast<cos_word>(cosk::stats::Key::count);
const char *const names[keys] = {"connections", "requests", "2xx", "4xx", "5xx", "timeouts", "body_bytes"};

cos_word values[keys];
bool moved = false;
cos_word last_print_ns = 0;

void print_if_due()
{
	static const cos_word period_ns = [] {
		auto ms = cosk::config::number("period_ms");
		return (ms ? ms.value() : 5000) * 1000 * 1000;
	}();
	const cos_word now = cosk::kernel::time_ns();
	if (!moved || now - last_print_ns < period_ns)
		return;
	last_print_ns = now;
	moved = false;
	cos_printf("stats:");
	for (cos_word k = 0; k < keys; k++)
		cos_printf(" %s=%llu", names[k], static_cast<unsigned long long>(values[k]));
	cos_printf("\n");
}

} // namespace

// stats_put(key, value): the counter's value now.
extern "C" cos_word stats_put(cos_word key, cos_word value, cos_word, cos_word)
{
	if (key >= keys)
		return 0;
	if (values[key] != value) {
		values[key] = value;
		moved = true;
	}
	print_if_due();
	return 0;
}
COS_EXPORT(stats_put);

// stats_get(key): a counter, 0 for a key it does not know.
extern "C" cos_word stats_get(cos_word key, cos_word, cos_word, cos_word)
{
	return key < keys ? values[key] : 0;
}
COS_EXPORT(stats_get);
