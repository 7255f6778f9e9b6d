// SPDX-License-Identifier: GPL-2.0
// What module/uapi/cos.h promises of every request, checked against the real module in the guest,
// one row of uapi_table.cpp per request: the well-formed request is answered on a system built by
// hand (the calls only component code makes fail as documented), and the same request with any
// reserved word non-zero or any undefined flag set fails with EINVAL and changes nothing. The
// table must name every request and structure that the header declares.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "uapi_table.hpp"

namespace uapi_test {
namespace {

// What the header declares: uapi_names.cmake writes the list from it at build time.
const std::set<std::string> header_requests = {
#define COS_UAPI_REQUEST(name) #name,
#define COS_UAPI_STRUCT(name)
#include "uapi_names.inc"
#undef COS_UAPI_REQUEST
#undef COS_UAPI_STRUCT
};
const std::set<std::string> header_structures = {
#define COS_UAPI_REQUEST(name)
#define COS_UAPI_STRUCT(name) #name,
#include "uapi_names.inc"
#undef COS_UAPI_REQUEST
#undef COS_UAPI_STRUCT
};

// A request of a row, made well-formed on a World, in a buffer of its structure's size.
class Request {
public:
	Request(World &w, const Row &row) : w_(w), row_(row), buffer_(row.id.size ? row.id.size : 1)
	{
		if (row.fill)
			row.fill(w, buffer_.data());
	}

	void set(const Field &field, std::uint64_t value)
	{
		std::memcpy(buffer_.data() + field.offset, &value, field.size);
	}

	[[nodiscard]] std::uint32_t flags() const
	{
		std::uint32_t f;
		std::memcpy(&f, buffer_.data() + row_.flags->field.offset, sizeof(f));
		return f;
	}

	int send()
	{
		return call(row_.on_second_file ? w_.second : w_.fd, row_.id.request, row_.id.size ? buffer_.data() : nullptr);
	}

	[[nodiscard]] const void *answer() const { return buffer_.data(); }

private:
	World &w_;
	const Row &row_;
	std::vector<std::uint8_t> buffer_;
};

// The wrong requests of a row: each reserved word non-zero (its lowest bit, then its highest),
// each undefined flag alone, then all of them.
std::vector<std::pair<std::string, std::function<void(Request &)>>> wrongs(const Row &row)
{
	std::vector<std::pair<std::string, std::function<void(Request &)>>> out;
	for (const Field &f : row.reserved) {
		const std::uint64_t top = 1ULL << (8 * f.size - 1);
		out.emplace_back(f.name + " = 1", [f](Request &r) { r.set(f, 1); });
		out.emplace_back(f.name + " = top bit", [f, top](Request &r) { r.set(f, top); });
	}
	if (row.flags) {
		const Flags flags = *row.flags;
		for (unsigned bit = 0; bit < 32; bit++) {
			if (flags.valid & (1U << bit))
				continue;
			out.emplace_back(flags.field.name + " | bit " + std::to_string(bit),
					 [flags, bit](Request &r) { r.set(flags.field, r.flags() | 1U << bit); });
		}
		out.emplace_back(flags.field.name + " | every undefined bit",
				 [flags](Request &r) { r.set(flags.field, r.flags() | ~flags.valid); });
	}
	return out;
}

std::vector<Row> rows_with_fields()
{
	std::vector<Row> out;
	for (const Row &row : rows())
		if (!row.reserved.empty() || row.flags)
			out.push_back(row);
	return out;
}

std::string row_name(const ::testing::TestParamInfo<Row> &info)
{
	return info.param.id.name;
}

class UapiRequest : public ::testing::TestWithParam<Row> {};
class UapiStructure : public ::testing::TestWithParam<Row> {};

// The well-formed request is answered as documented: the EINVALs below are the fields' doing.
TEST_P(UapiRequest, WellFormedIsAnswered)
{
	const Row &row = GetParam();
	World w;
	ASSERT_NO_FATAL_FAILURE(w.build());
	if (row.prepare) {
		ASSERT_NO_FATAL_FAILURE(row.prepare(w));
	}
	Request request(w, row);
	ASSERT_EQ(request.send(), row.answer);
	if (row.check)
		row.check(w, request.answer());
}

// Each wrong request on a system of its own: EINVAL, nothing changed, and the well-formed request
// answered as before right after it (a merge, split, map or attach the refused one did after all
// would make it fail).
TEST_P(UapiStructure, ReservedWordsAndUndefinedFlagsAreEinval)
{
	const Row &row = GetParam();
	const auto all = wrongs(row);
	ASSERT_FALSE(all.empty());
	for (const auto &[what, spoil] : all) {
		SCOPED_TRACE(what);
		World w;
		ASSERT_NO_FATAL_FAILURE(w.build());
		if (row.prepare) {
			ASSERT_NO_FATAL_FAILURE(row.prepare(w));
		}
		const Snapshot before = Snapshot::of(w);
		Request wrong(w, row);
		spoil(wrong);
		EXPECT_EQ(wrong.send(), EINVAL);
		EXPECT_EQ(Snapshot::of(w).changed_since(before), "") << "changed by a refused request";
		Request right(w, row);
		EXPECT_EQ(right.send(), row.answer) << "the well-formed request, after the refused one";
	}
}

INSTANTIATE_TEST_SUITE_P(Every, UapiRequest, ::testing::ValuesIn(rows()), row_name);
INSTANTIATE_TEST_SUITE_P(Every, UapiStructure, ::testing::ValuesIn(rows_with_fields()), row_name);

TEST(Uapi, TheTableHasEveryRequestAndStructureOfTheHeader)
{
	std::set<std::string> requests, structures;
	for (const Row &row : rows()) {
		EXPECT_TRUE(requests.insert(row.id.name).second) << row.id.name << " twice";
		EXPECT_EQ(_IOC_TYPE(row.id.request), static_cast<unsigned>(COS_IOC_TYPE)) << row.id.name;
		EXPECT_EQ(_IOC_SIZE(row.id.request), row.id.size) << row.id.name << " takes another structure";
		if (row.id.structure)
			structures.insert(row.id.structure);
	}
	for (const Carried &c : carried) {
		EXPECT_TRUE(structures.count(c.in)) << c.structure << " is carried by a structure of no row";
		structures.insert(c.structure);
	}
	EXPECT_FALSE(header_requests.empty());
	EXPECT_EQ(requests, header_requests);
	EXPECT_EQ(structures, header_structures);
}

// Another thread of a host whose host thread runs component code is not component code.
TEST(UapiRunning, ComponentCallsFromAnotherThreadOfTheHostAreEperm)
{
	World w;
	ASSERT_NO_FATAL_FAILURE(w.build());
	ASSERT_NO_FATAL_FAILURE(w.start_running());
	for (const Row &row : rows()) {
		// The component calls: no argument, and refused to the host (a set-up request may be
		// refused with EPERM too: COS_IOC_NIC_ATTACH, the World's components lacking the privilege).
		if (row.answer == EPERM && !row.id.structure) {
			EXPECT_EQ(call(w.fd, row.id.request, nullptr), EPERM) << row.id.name;
		}
	}
	EXPECT_TRUE(w.running());
	w.stop_running();
	EXPECT_EQ(w.spinning.status, static_cast<__u32>(COS_RUN_STOPPED));
}

} // namespace
} // namespace uapi_test
