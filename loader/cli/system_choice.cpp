// SPDX-License-Identifier: GPL-2.0
// Listing the module's systems, choosing one and attaching to it.
#include "loader/cli/system_choice.hpp"

#include <algorithm>
#include <cerrno>
#include <sstream>

#include "loader/cli/command.hpp"
#include "loader/cli/json.hpp"
#include "loader/cli/table.hpp"

namespace po = boost::program_options;

namespace cosk::cli {

namespace {

std::string id_and_pid(const cos_system_entry &s)
{
	return std::to_string(s.id) + " (host pid " + std::to_string(s.host_pid) + ")";
}

std::string listed(std::span<const cos_system_entry> systems)
{
	std::string out;
	for (const cos_system_entry &s : systems)
		out += (out.empty() ? "" : ", ") + id_and_pid(s);
	return out;
}

} // namespace

Attempt<std::uint32_t, System_choice_failure> choose_system(std::span<const cos_system_entry> systems,
							     std::optional<std::uint32_t> requested)
{
	if (systems.empty())
		return Failure{System_choice_failure{System_choice_error::none,
						     "no system is running components: start one with cos load"}};
	if (requested) {
		auto found = std::find_if(systems.begin(), systems.end(),
					  [&](const cos_system_entry &s) { return s.id == *requested; });
		if (found == systems.end())
			return Failure{System_choice_failure{
				System_choice_error::unknown,
				"no system " + std::to_string(*requested) + " has components; these have: " +
					listed(systems)}};
		return *requested;
	}
	if (systems.size() > 1)
		return Failure{System_choice_failure{System_choice_error::several,
						     "several systems are running components: " + listed(systems) +
							     "; choose one with --system ID"}};
	return systems.front().id;
}

std::string format_systems_text(std::span<const cos_system_entry> systems)
{
	if (systems.empty())
		return "no system is running components\n";
	Table table({{"system", Align::right}, {"host pid", Align::right}, {"components", Align::right},
		     {"running", Align::left}});
	for (const cos_system_entry &s : systems)
		table.add({std::to_string(s.id), std::to_string(s.host_pid), std::to_string(s.components),
			   s.running ? "yes" : "no"});
	return table.str();
}

std::string format_systems_json(std::span<const cos_system_entry> systems)
{
	Json_array list;
	for (const cos_system_entry &s : systems)
		list.push(Json_object()
				  .add("id", s.id)
				  .add("host_pid", s.host_pid)
				  .add("components", s.components)
				  .add("running", s.running != 0));
	return Json_object().add("systems", list).str();
}

std::optional<std::uint32_t> requested_system(const po::variables_map &vm)
{
	if (!vm.count("system"))
		return std::nullopt;
	return vm["system"].as<std::uint32_t>();
}

host::Device open_device()
{
	host::Device device = device_result(host::Device::open());
	// The first request checks that the module speaks this tool's ABI.
	(void)device_result(device.info());
	return device;
}

host::Device open_attached(std::optional<std::uint32_t> requested)
{
	host::Device device = open_device();
	const auto systems = device_result(device.systems(), "listing the systems");
	auto chosen = choose_system(systems, requested);
	if (!chosen)
		throw Command_failure(chosen.error().message, exit_failure);
	auto attached = device.attach(chosen.value());
	if (!attached) {
		if (attached.error().error_number == ESRCH)
			throw Command_failure("system " + std::to_string(chosen.value()) + " has gone", exit_failure);
		throw Command_failure("attaching to system " + std::to_string(chosen.value()) + ": " +
					      host::describe(attached.error()),
				      exit_failure);
	}
	return device;
}

} // namespace cosk::cli
