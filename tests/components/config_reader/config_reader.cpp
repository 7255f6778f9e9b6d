// SPDX-License-Identifier: GPL-2.0
// The configuration test's component (tests/graphs/config.cosg): prints the settings it was given
// for the keys it knows, and returns `count` (or 255 when it is absent or not a number).
#include <cos/component.hpp>
#include <cos/config.hpp>
#include <cos/system/print.hpp>

COS_CONFIG(256);

namespace {

void show(const char *key)
{
	auto value = cosk::config::get(key);
	if (value)
		cos_printf("config: %s=%.*s\n", key, static_cast<int>(value.value().size), value.value().text);
	else
		cos_printf("config: %s absent\n", key);
}

} // namespace

extern "C" cos_word main(cos_word, cos_word, cos_word, cos_word)
{
	show("greeting");
	show("address");
	show("missing");
	auto count = cosk::config::number("count");
	return count ? count.value() : 255;
}
COS_EXPORT(main);
