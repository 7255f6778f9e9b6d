// SPDX-License-Identifier: GPL-2.0
// The systems the module holds: listing them, and choosing the one a command inspects or changes
// (--system ID, or the only one there is) and attaching to it.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <utility>

#include "cos/attempt.hpp"
#include "loader/cli/command.hpp"
#include "loader/cli/options.hpp"
#include "module/uapi/cos.h"
#include "runtime/host/device.hpp"

namespace cosk::cli {

enum class System_choice_error {
	none,		// no system has components
	several,	// several have, and no --system chose one
	unknown,	// --system names none of them
};

struct System_choice_failure {
	System_choice_error kind;
	std::string message; // one line, saying what to do
};

// The system a command acts on: requested if given and listed, else the only one in systems.
[[nodiscard]] Attempt<std::uint32_t, System_choice_failure>
choose_system(std::span<const cos_system_entry> systems, std::optional<std::uint32_t> requested);

// `cos systems`: a table for people, one JSON object for scripts.
[[nodiscard]] std::string format_systems_text(std::span<const cos_system_entry> systems);
[[nodiscard]] std::string format_systems_json(std::span<const cos_system_entry> systems);

// The value of --system ID (Command_line::system), which every command on a running system takes.
[[nodiscard]] std::optional<std::uint32_t> requested_system(const po::variables_map &vm);

// The value of a request to the module, or a Command_failure saying what was being done (e.g.
// "reading the capabilities"; nothing where the failure says it all) and how it failed.
template <class T>
[[nodiscard]] T device_result(Attempt<T, host::Device_failure> attempt, const std::string &doing = {})
{
	if (!attempt)
		throw Command_failure((doing.empty() ? "" : doing + ": ") + host::describe(attempt.error()),
				      exit_failure);
	return std::move(attempt).value();
}

// Opens /dev/cos and checks that the module speaks this tool's ABI; throws Command_failure.
[[nodiscard]] host::Device open_device();
// Opens /dev/cos attached to the chosen system; throws Command_failure.
[[nodiscard]] host::Device open_attached(std::optional<std::uint32_t> requested);

} // namespace cosk::cli
