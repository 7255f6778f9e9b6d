// SPDX-License-Identifier: GPL-2.0
// One row per request of module/uapi/cos.h: its structure's reserved words and flags, and how to
// make the request well-formed on a World (uapi_world.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "uapi_world.hpp"

namespace uapi_test {

// A field of a request structure, by place.
struct Field {
	std::string name;
	std::size_t offset;
	std::size_t size;
};

// A flags field (32 bits) and the bits the header defines for it.
struct Flags {
	Field field;
	std::uint32_t valid;
};

// A request and its argument, as the header spells them.
struct Request_id {
	const char *name;
	unsigned long request;
	const char *structure;	// nullptr: it takes none
	std::size_t size;	// the structure's
};

struct Row {
	Request_id id;
	std::vector<Field> reserved{};
	std::optional<Flags> flags{};
	bool on_second_file = false;
	int answer = 0;		// what the well-formed request returns: 0 or the documented error
	// The state in which the well-formed request succeeds, beyond World::build (may be empty).
	std::function<void(World &)> prepare{};
	// The well-formed request, in a zeroed structure (may be empty: all zeroes).
	std::function<void(World &, void *)> fill{};
	// Checks what the well-formed request answered (may be empty).
	std::function<void(World &, const void *)> check{};
};

// gtest names a failing row by this.
void PrintTo(const Row &row, std::ostream *out);

// Every request of the header.
const std::vector<Row> &rows();

// The structures no request takes itself: the module writes them into another one, or into an
// array another one points at.
struct Carried {
	const char *structure;
	const char *in;
};
extern const std::vector<Carried> carried;

} // namespace uapi_test
