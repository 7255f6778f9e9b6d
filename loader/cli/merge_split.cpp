// SPDX-License-Identifier: GPL-2.0
// `cos merge` and `cos split`: reshaping a running system's protection domains by hand.

// Boost's typed_value<std::string>::notify dereferences an any_cast result that GCC cannot prove
// non-null once inlined: a false positive in library headers, silenced for them only (as in
// load.cpp).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wnull-dereference"
#include <cstdint>
#include <iostream>
#include <string>

#include <boost/program_options.hpp>
#pragma GCC diagnostic pop

#include "loader/cli/command.hpp"
#include "loader/cli/options.hpp"
#include "loader/cli/pd_format.hpp"
#include "loader/cli/system_choice.hpp"
#include "loader/cli/system_view.hpp"

namespace po = boost::program_options;

namespace cosk::cli {

namespace {

// A component of the attached system by name; a name it does not have is the caller's mistake.
std::uint32_t component_id(const cos_pd_list &list, const std::string &name)
{
	auto id = find_component(list, name);
	if (!id)
		throw Usage_error("the system has no component '" + name + "' (it has: " + all_names(list) + ")");
	return *id;
}

// Options, the names after them, and the parsed result; --help answered by the caller.
po::variables_map parse_names(po::options_description &options, std::span<const std::string> args, int names)
{
	add_system_option(options);
	options.add_options()("help,h", "this text");
	po::options_description hidden;
	hidden.add_options()("a", po::value<std::string>(), "a component")("b", po::value<std::string>(),
									       "another component");
	po::options_description all;
	all.add(options).add(hidden);
	po::positional_options_description positional;
	positional.add("a", 1);
	if (names > 1)
		positional.add("b", 1);
	return parse_options(all, args, &positional);
}

} // namespace

int run_merge(std::span<const std::string> args)
{
	po::options_description options("cos merge [--system ID] A B\n\n"
					"Joins the protection domains of components A and B of a running system:\n"
					"their calls to each other become plain function calls. Refused (exit 1)\n"
					"when they share a domain already or an immutable boundary separates them.\n\n"
					"options");
	po::variables_map vm = parse_names(options, args, 2);
	if (answered_help(options, vm))
		return exit_ok;
	if (!vm.count("a") || !vm.count("b"))
		throw Usage_error("cos merge needs two component names");
	const std::string a = vm["a"].as<std::string>();
	const std::string b = vm["b"].as<std::string>();
	if (a == b)
		throw Usage_error("cos merge needs two different components");

	host::Device device = open_attached(requested_system(vm));
	const cos_pd_list list = device_result(device.pds(), "reading the protection domains");
	auto op = device.merge(component_id(list, a), component_id(list, b));
	if (!op)
		throw Command_failure(merge_refusal(a, b, op.error().error_number), exit_failure);
	std::cout << format_merge(a, b, op.value()) << '\n';
	return exit_ok;
}

int run_split(std::span<const std::string> args)
{
	po::options_description options("cos split [--system ID] [--fresh] A\n\n"
					"Moves component A of a running system into a protection domain of its own:\n"
					"its calls to and from the others go through the module again. The old\n"
					"domain is reused for the others when no thread runs in it.\n\n"
					"options");
	options.add_options()("fresh", "build new domains even if the old could be reused");
	po::variables_map vm = parse_names(options, args, 1);
	if (answered_help(options, vm))
		return exit_ok;
	if (!vm.count("a"))
		throw Usage_error("cos split needs a component name");
	const std::string a = vm["a"].as<std::string>();

	host::Device device = open_attached(requested_system(vm));
	const cos_pd_list list = device_result(device.pds(), "reading the protection domains");
	auto op = device.split(component_id(list, a), vm.count("fresh") ? COS_SPLIT_FRESH : 0U);
	if (!op)
		throw Command_failure(split_refusal(a, op.error().error_number), exit_failure);
	std::cout << format_split(a, op.value()) << '\n';
	return exit_ok;
}

} // namespace cosk::cli
