// SPDX-License-Identifier: GPL-2.0
// `cos merge` and `cos split`: reshaping a running system's protection domains by hand.

#include <cstdint>
#include <iostream>
#include <string>

#include "loader/cli/command.hpp"
#include "loader/cli/options.hpp"
#include "loader/cli/pd_format.hpp"
#include "loader/cli/system_choice.hpp"
#include "loader/cli/system_view.hpp"

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

} // namespace

int run_merge(std::span<const std::string> args)
{
	Command_line line("cos merge [--system ID] A B\n\n"
			  "Joins the protection domains of components A and B of a running system:\n"
			  "their calls to each other become plain function calls. Refused (exit 1)\n"
			  "when they share a domain already or an immutable boundary separates them.");
	line.system();
	line.positional("a", "a component", false, "cos merge needs two component names");
	line.positional("b", "another component", false, "cos merge needs two component names");
	const auto vm = line.parse(args);
	if (!vm)
		return exit_ok;
	const std::string a = (*vm)["a"].as<std::string>();
	const std::string b = (*vm)["b"].as<std::string>();
	if (a == b)
		throw Usage_error("cos merge needs two different components");

	host::Device device = open_attached(requested_system(*vm));
	const cos_pd_list list = device_result(device.pds(), "reading the protection domains");
	auto op = device.merge(component_id(list, a), component_id(list, b));
	if (!op)
		throw Command_failure(merge_refusal(a, b, op.error().error_number), exit_failure);
	std::cout << format_merge(a, b, op.value()) << '\n';
	return exit_ok;
}

int run_split(std::span<const std::string> args)
{
	Command_line line("cos split [--system ID] [--fresh] A\n\n"
			  "Moves component A of a running system into a protection domain of its own:\n"
			  "its calls to and from the others go through the module again. The old\n"
			  "domain is reused for the others when no thread runs in it.");
	line.add()("fresh", "build new domains even if the old could be reused");
	line.system().positional("a", "a component", false, "cos split needs a component name");
	const auto vm = line.parse(args);
	if (!vm)
		return exit_ok;
	const std::string a = (*vm)["a"].as<std::string>();

	host::Device device = open_attached(requested_system(*vm));
	const cos_pd_list list = device_result(device.pds(), "reading the protection domains");
	auto op = device.split(component_id(list, a), vm->count("fresh") ? COS_SPLIT_FRESH : 0U);
	if (!op)
		throw Command_failure(split_refusal(a, op.error().error_number), exit_failure);
	std::cout << format_split(a, op.value()) << '\n';
	return exit_ok;
}

} // namespace cosk::cli
