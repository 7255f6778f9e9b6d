// SPDX-License-Identifier: GPL-2.0
// `cos pd`: which protection domain each component of a running system is in.
#include <iostream>

#include <boost/program_options.hpp>

#include "loader/cli/command.hpp"
#include "loader/cli/options.hpp"
#include "loader/cli/pd_format.hpp"
#include "loader/cli/system_choice.hpp"

namespace po = boost::program_options;

namespace cosk::cli {

int run_pd(std::span<const std::string> args)
{
	po::options_description options("cos pd [--system ID] [--json]\n\n"
					"Shows the protection domains of a running system: a line per domain with\n"
					"its components, then the stale domains that threads still run in.\n\n"
					"options");
	options.add_options()("json", "print one JSON object instead of the table");
	add_system_option(options);
	options.add_options()("help,h", "this text");
	po::variables_map vm = parse_options(options, args);
	if (answered_help(options, vm))
		return exit_ok;

	host::Device device = open_attached(requested_system(vm));
	const auto list = device_result(device.pds(), "reading the protection domains");
	if (vm.count("json"))
		std::cout << format_pd_json(list) << '\n';
	else
		std::cout << format_pd_text(list);
	return exit_ok;
}

} // namespace cosk::cli
