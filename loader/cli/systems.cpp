// SPDX-License-Identifier: GPL-2.0
// `cos systems`: the systems the module holds that have components.
#include "loader/cli/command.hpp"
#include "loader/cli/options.hpp"
#include "loader/cli/system_choice.hpp"

namespace cosk::cli {

int run_systems(std::span<const std::string> args)
{
	Command_line line("cos systems [--json]\n\n"
			  "Lists the systems that have components: their ids (for --system), the\n"
			  "process that built each, how many components it has, whether it runs.");
	const auto vm = line.json().parse(args);
	if (!vm)
		return exit_ok;

	host::Device device = open_device();
	const auto systems = device_result(device.systems(), "listing the systems");
	print_chosen(*vm, [&] { return format_systems_json(systems); },
		     [&] { return format_systems_text(systems); });
	return exit_ok;
}

} // namespace cosk::cli
