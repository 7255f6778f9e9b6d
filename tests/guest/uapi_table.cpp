// SPDX-License-Identifier: GPL-2.0
// The table of uapi_test.cpp: every request of module/uapi/cos.h, its structure's reserved words
// and flags, and the request well-formed on a World.
#include "uapi_table.hpp"

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <initializer_list>
#include <memory>

namespace uapi_test {

namespace {

// One Field per word of a reserved array.
std::vector<Field> words(const std::string &name, std::size_t offset, std::size_t size, std::size_t each)
{
	std::vector<Field> out;
	for (std::size_t i = 0; i < size / each; i++)
		out.push_back({name + "[" + std::to_string(i) + "]", offset + i * each, each});
	return out;
}

std::vector<Field> operator+(std::vector<Field> a, const std::vector<Field> &b)
{
	a.insert(a.end(), b.begin(), b.end());
	return a;
}

#define REQUEST(request, type) Request_id{#request, request, #type, sizeof(type)}
#define NO_ARGUMENT(request) Request_id{#request, request, nullptr, 0}
#define RESERVED(type, field) \
	words(#type "." #field, offsetof(type, field), sizeof(type::field), sizeof(type::field[0]))
#define RESERVED_WORD(type, field) std::vector<Field>{{#type "." #field, offsetof(type, field), sizeof(type::field)}}
#define FLAGS(type, field, valid_bits) \
	Flags{{#type "." #field, offsetof(type, field), sizeof(type::field)}, valid_bits}

template <typename T>
T &as(void *p)
{
	return *static_cast<T *>(p);
}

template <typename T>
const T &as(const void *p)
{
	return *static_cast<const T *>(p);
}

void merge_a_and_b(World &w)
{
	cos_mpd_op op{};
	op.a = w.a;
	op.b = w.b;
	ASSERT_EQ(call(w.fd, COS_IOC_MERGE, &op), 0);
}

// Every request the header declares.
std::vector<Row> table()
{
	std::vector<Row> rows;
	rows.push_back({
		.id = REQUEST(COS_IOC_INFO, cos_info),
		.reserved = RESERVED(cos_info, reserved),
		.flags = FLAGS(cos_info, request_flags, COS_INFO_REQUEST_VALID),
		.check = [](World &, const void *r) { EXPECT_EQ(as<cos_info>(r).abi_version, COS_ABI_VERSION); },
	});
	rows.push_back({
		.id = REQUEST(COS_IOC_PD_CREATE, cos_pd_create),
		.reserved = RESERVED_WORD(cos_pd_create, reserved0) + RESERVED(cos_pd_create, reserved),
		.check = [](World &, const void *r) { EXPECT_EQ(as<cos_pd_create>(r).id, 2u); },
	});
	rows.push_back({
		.id = REQUEST(COS_IOC_COMPONENT_CREATE, cos_component_create),
		.reserved = RESERVED_WORD(cos_component_create, reserved0) + RESERVED(cos_component_create, reserved),
		.flags = FLAGS(cos_component_create, flags, COS_COMPONENT_VALID),
		.fill =
			[](World &w, void *r) {
				auto &c = as<cos_component_create>(r);
				c.slot = 3;
				c.upcall_entry = slot_base(3);
				c.inv_stub = slot_base(3);
				c.pd = w.pd_a;
				std::strcpy(c.name, "gamma");
				c.number = 21;
			},
		.check =
			[](World &w, const void *r) {
				EXPECT_EQ(as<cos_component_create>(r).id, 2u);
				// The name and the number come back to the tools, the reserved word zero.
				auto list = std::make_unique<cos_pd_list>();
				*list = cos_pd_list{};
				ASSERT_EQ(call(w.fd, COS_IOC_PDS, list.get()), 0);
				ASSERT_EQ(list->ncomponents, 3u);
				const cos_component_state &c = list->components[2];
				EXPECT_STREQ(c.name, "gamma");
				EXPECT_EQ(c.number, 21u);
				EXPECT_EQ(c.reserved, 0u);
				EXPECT_EQ(list->components[0].number, 0u) << "created without a number";
			},
	});
	rows.push_back({
		.id = REQUEST(COS_IOC_MAP, cos_map),
		.reserved = RESERVED(cos_map, reserved),
		.flags = FLAGS(cos_map, prot, COS_PROT_VALID), // COS_PROT_* bits
		.fill =
			[](World &w, void *r) {
				auto &m = as<cos_map>(r);
				m.component = w.a;
				m.prot = COS_PROT_READ;
				m.addr = slot_base(1) + 2 * page;
				m.size = page;
			},
	});
	rows.push_back({
		.id = REQUEST(COS_IOC_CAP_CREATE, cos_cap_create),
		.reserved = RESERVED_WORD(cos_cap_create, reserved0) + RESERVED(cos_cap_create, reserved),
		.fill =
			[](World &w, void *r) {
				auto &c = as<cos_cap_create>(r);
				c.client = w.a;
				c.server = w.b;
				c.fn = slot_base(2);
				c.ucap = slot_base(1) + page + COS_UCAP_SIZE;
			},
		.check = [](World &, const void *r) { EXPECT_EQ(as<cos_cap_create>(r).cap, 1u); },
	});
	rows.push_back({
		.id = REQUEST(COS_IOC_RUN, cos_run),
		.reserved = RESERVED(cos_run, reserved),
		.flags = FLAGS(cos_run, flags, 0),
		.fill =
			[](World &w, void *r) {
				as<cos_run>(r).component = w.a;
				as<cos_run>(r).fn = slot_base(1) + returns_42;
			},
		.check =
			[](World &, const void *r) {
				EXPECT_EQ(as<cos_run>(r).status, static_cast<__u32>(COS_RUN_RETURNED));
				EXPECT_EQ(as<cos_run>(r).result, 42u);
			},
	});
	rows.push_back({
		.id = REQUEST(COS_IOC_STATS, cos_stats),
		.reserved = RESERVED(cos_stats, reserved),
		.check = [](World &, const void *r) { EXPECT_EQ(as<cos_stats>(r).components, 2u); },
	});
	rows.push_back({
		.id = REQUEST(COS_IOC_FAULTS, cos_fault_log),
		.reserved = RESERVED(cos_fault_log, reserved),
		.check = [](World &, const void *r) { EXPECT_EQ(as<cos_fault_log>(r).total, 0u); },
	});
	rows.push_back({
		.id = REQUEST(COS_IOC_IMMUTABLE, cos_immutable),
		.reserved = RESERVED(cos_immutable, reserved),
		.fill =
			[](World &w, void *r) {
				as<cos_immutable>(r).a = w.a;
				as<cos_immutable>(r).b = w.b;
			},
	});
	// The World's components lack COS_COMPONENT_NIC: refused once every field is well-formed
	// (tests/guest/nic_test.cpp attaches devices).
	rows.push_back({
		.id = REQUEST(COS_IOC_NIC_ATTACH, cos_nic_attach),
		.reserved = RESERVED_WORD(cos_nic_attach, reserved0) + RESERVED(cos_nic_attach, reserved),
		.flags = FLAGS(cos_nic_attach, flags, 0),
		.answer = EPERM,
		.fill =
			[](World &w, void *r) {
				auto &n = as<cos_nic_attach>(r);
				std::strcpy(n.ifname, "cosnone0");
				n.component = w.a;
				n.slots = 4;
				n.ring = slot_base(1) + 64 * page;
				const __u8 addr[6] = {0x02, 0, 0, 0, 0, 1};
				std::memcpy(n.addr, addr, sizeof(addr));
			},
	});
	// A new share of one page in a's slot, where the loader puts shares (tests/guest/share_test.cpp
	// maps shares into several components).
	rows.push_back({
		.id = REQUEST(COS_IOC_SHARE, cos_share),
		.reserved = RESERVED_WORD(cos_share, reserved0) + RESERVED(cos_share, reserved),
		.flags = FLAGS(cos_share, flags, 0),
		.fill =
			[](World &w, void *r) {
				auto &s = as<cos_share>(r);
				s.component = w.a;
				s.address = slot_base(1) + COS_AREA_OFFSET;
				s.size = page;
			},
		.check = [](World &, const void *r) { EXPECT_EQ(as<cos_share>(r).share, 1u); },
	});
	rows.push_back({
		.id = REQUEST(COS_IOC_MERGE, cos_mpd_op),
		.reserved = RESERVED_WORD(cos_mpd_op, reserved0) + RESERVED(cos_mpd_op, reserved),
		.flags = FLAGS(cos_mpd_op, flags, 0), // the COS_SPLIT_* bits are split's
		.fill =
			[](World &w, void *r) {
				as<cos_mpd_op>(r).a = w.a;
				as<cos_mpd_op>(r).b = w.b;
			},
		.check =
			[](World &w, const void *r) {
				const std::uint32_t pd = as<cos_mpd_op>(r).pd;
				EXPECT_TRUE(pd == w.pd_a || pd == w.pd_b) << "one of the two domains stays: " << pd;
			},
	});
	rows.push_back({
		.id = REQUEST(COS_IOC_SPLIT, cos_mpd_op),
		.reserved = RESERVED_WORD(cos_mpd_op, reserved0) + RESERVED(cos_mpd_op, reserved),
		.flags = FLAGS(cos_mpd_op, flags, COS_MPD_OP_VALID),
		.prepare = merge_a_and_b,
		.fill = [](World &w, void *r) { as<cos_mpd_op>(r).a = w.a; },
		.check = [](World &, const void *r) { EXPECT_EQ(as<cos_mpd_op>(r).reused, 1u); },
	});
	rows.push_back({
		.id = REQUEST(COS_IOC_PDS, cos_pd_list),
		.reserved = RESERVED(cos_pd_list, reserved),
		.check = [](World &, const void *r) { EXPECT_EQ(as<cos_pd_list>(r).ncomponents, 2u); },
	});
	rows.push_back({
		.id = REQUEST(COS_IOC_EDGES, cos_edge_list),
		.reserved = RESERVED(cos_edge_list, reserved),
		.fill =
			[](World &w, void *r) {
				as<cos_edge_list>(r).edges = reinterpret_cast<std::uintptr_t>(w.edges.data());
				as<cos_edge_list>(r).capacity = static_cast<std::uint32_t>(w.edges.size());
			},
		.check =
			[](World &w, const void *r) {
				EXPECT_EQ(as<cos_edge_list>(r).count, 1u);
				EXPECT_EQ(w.edges[0].client, w.a);
				EXPECT_EQ(w.edges[0].server, w.b);
				EXPECT_EQ(w.edges[0].fn, slot_base(2));
			},
	});
	rows.push_back({
		.id = REQUEST(COS_IOC_SYSTEMS, cos_system_list),
		.reserved = RESERVED(cos_system_list, reserved),
		.fill =
			[](World &w, void *r) {
				as<cos_system_list>(r).systems = reinterpret_cast<std::uintptr_t>(w.systems.data());
				as<cos_system_list>(r).capacity = static_cast<std::uint32_t>(w.systems.size());
			},
		.check =
			[](World &w, const void *r) {
				bool listed = false;
				for (std::uint32_t i = 0; i < as<cos_system_list>(r).count && i < w.systems.size(); i++)
					listed |= w.systems[i].id == w.id && w.systems[i].components == 2;
				EXPECT_TRUE(listed);
			},
	});
	rows.push_back({
		.id = REQUEST(COS_IOC_ATTACH, cos_attach),
		.reserved = RESERVED_WORD(cos_attach, reserved0) + RESERVED(cos_attach, reserved),
		.on_second_file = true,
		.fill = [](World &w, void *r) { as<cos_attach>(r).system = w.id; },
		.check =
			[](World &w, const void *) {
				cos_stats stats{};
				EXPECT_EQ(call(w.second, COS_IOC_STATS, &stats), 0);
				EXPECT_EQ(stats.components, 2u) << "the second file sees the system";
			},
	});
	rows.push_back({
		.id = NO_ARGUMENT(COS_IOC_STOP),
		.prepare = [](World &w) { w.start_running(); },
		.check =
			[](World &w, const void *) {
				EXPECT_TRUE(w.ends()) << "the stopped run came back";
				w.stop_running();
				EXPECT_EQ(w.spin_error, 0);
				EXPECT_EQ(w.spinning.status, static_cast<__u32>(COS_RUN_STOPPED));
			},
	});
	// The calls only component code makes: refused to the host, whatever the registers hold.
	for (const Request_id &id :
	     {NO_ARGUMENT(COS_IOC_INVOKE), NO_ARGUMENT(COS_IOC_RETURN), NO_ARGUMENT(COS_IOC_CONSOLE),
	      NO_ARGUMENT(COS_IOC_FAULT), NO_ARGUMENT(COS_IOC_CALL_SELF), NO_ARGUMENT(COS_IOC_CALL_MERGE),
	      NO_ARGUMENT(COS_IOC_CALL_SPLIT), NO_ARGUMENT(COS_IOC_CALL_PD_OF), NO_ARGUMENT(COS_IOC_CALL_EDGES),
	      NO_ARGUMENT(COS_IOC_CALL_SCHED_SETUP), NO_ARGUMENT(COS_IOC_CALL_THREAD_CREATE),
	      NO_ARGUMENT(COS_IOC_CALL_SWITCH), NO_ARGUMENT(COS_IOC_CALL_TIME), NO_ARGUMENT(COS_IOC_CALL_CLIENT),
	      NO_ARGUMENT(COS_IOC_CALL_SCHED_IDLE), NO_ARGUMENT(COS_IOC_CALL_NIC_SEND)})
		rows.push_back({.id = id, .answer = EPERM});
	return rows;
}

} // namespace

void PrintTo(const Row &row, std::ostream *out)
{
	*out << row.id.name;
}

const std::vector<Row> &rows()
{
	static const std::vector<Row> all = table();
	return all;
}

const std::vector<Carried> carried = {
	{"cos_fault_report", "cos_run"},	 {"cos_fault_report", "cos_fault_log"},
	{"cos_component_state", "cos_pd_list"}, {"cos_pd_state", "cos_pd_list"},
	{"cos_edge", "cos_edge_list"},		 {"cos_system_entry", "cos_system_list"},
	// The receive ring lies in component memory, where the attach asks for it.
	{"cos_nic_ring", "cos_nic_attach"},	 {"cos_nic_slot", "cos_nic_attach"},
};

} // namespace uapi_test
