// SPDX-License-Identifier: GPL-2.0
// A subcommand's command line.
#include "loader/cli/options.hpp"

#include <cstdint>

#include "loader/cli/command.hpp"

namespace cosk::cli {

Command_line &Command_line::json()
{
	options_.add_options()("json", "print one JSON object instead of the table");
	return *this;
}

Command_line &Command_line::system()
{
	options_.add_options()("system", po::value<std::uint32_t>()->value_name("ID"),
			       "the system to act on (see cos systems); needed when several run");
	return *this;
}

Command_line &Command_line::positional(const char *name, const char *what, bool many, const char *missing)
{
	if (missing)
		required_.emplace_back(name, missing);
	if (many)
		hidden_.add_options()(name, po::value<std::vector<std::string>>(), what);
	else
		hidden_.add_options()(name, po::value<std::string>(), what);
	positional_.add(name, many ? -1 : 1);
	return *this;
}

std::optional<po::variables_map> Command_line::parse(std::span<const std::string> args)
{
	options_.add_options()("help,h", "this text");
	po::options_description all;
	all.add(options_).add(hidden_);
	std::vector<std::string> argv(args.begin(), args.end());
	po::variables_map vm;
	try {
		po::store(po::command_line_parser(argv).options(all).positional(positional_).run(), vm);
		po::notify(vm);
	} catch (const po::error &e) {
		throw Usage_error(e.what());
	}
	if (vm.count("help")) {
		std::cout << options_;
		return std::nullopt;
	}
	for (const auto &[name, missing] : required_)
		if (!vm.count(name))
			throw Usage_error(missing);
	return vm;
}

} // namespace cosk::cli
