// SPDX-License-Identifier: GPL-2.0
// `cos pd`: which protection domain each component of a running system is in.
#include "loader/cli/command.hpp"
#include "loader/cli/options.hpp"
#include "loader/cli/pd_format.hpp"
#include "loader/cli/system_choice.hpp"

namespace cosk::cli {

int run_pd(std::span<const std::string> args)
{
	Command_line line("cos pd [--system ID] [--json] [--numbers]\n\n"
			  "Shows the protection domains of a running system: a line per domain with\n"
			  "its components, then the stale domains that threads still run in. The JSON\n"
			  "gives each component's number from its graph (null when it has none).");
	line.add()("numbers", "name components by their graph's numbers, members in numeric order (as Table 4 "
			      "of the MPD paper); one without a number keeps its name");
	const auto vm = line.json().system().parse(args);
	if (!vm)
		return exit_ok;

	host::Device device = open_attached(requested_system(*vm));
	const auto list = device_result(device.pds(), "reading the protection domains");
	const Naming naming = vm->count("numbers") ? Naming::numbers : Naming::names;
	print_chosen(*vm, [&] { return format_pd_json(list); }, [&] { return format_pd_text(list, naming); });
	return exit_ok;
}

} // namespace cosk::cli
