// SPDX-License-Identifier: GPL-2.0
// `cos info`: what the loaded module reports about itself, the CPU and the kernel.
#include "loader/cli/command.hpp"
#include "loader/cli/info_format.hpp"
#include "loader/cli/options.hpp"
#include "loader/cli/system_choice.hpp"

namespace cosk::cli {

int run_info(std::span<const std::string> args)
{
	Command_line line("cos info [--json]\n\n"
			  "Asks the loaded module what it sees of the CPU and the kernel.");
	const auto vm = line.json().parse(args);
	if (!vm)
		return exit_ok;

	const host::Device device = open_device();
	const auto info = device_result(device.info());
	print_chosen(*vm, [&] { return format_info_json(info); }, [&] { return format_info_text(info); });
	return exit_ok;
}

} // namespace cosk::cli
