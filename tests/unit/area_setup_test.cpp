// SPDX-License-Identifier: GPL-2.0
// What the loader asks of the module for the network device, and how it reports a refusal.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "loader/run/area_setup.hpp"

using namespace cosk::loader;
using cosk::host::Device_error;
using cosk::host::Device_failure;

namespace {

Plan_nic sample_nic()
{
	Plan_nic nic;
	nic.component = 1;
	nic.ifname = "abcdefghijklmno"; // the longest name a device may have
	nic.mac = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};
	nic.slots = 64;
	nic.ring = 0x210080000000;
	nic.ring_size = 0x21000;
	return nic;
}

} // namespace

TEST(AreaSetup, TheAttachRequestCarriesThePlansNicAndZeroesWhatTheUapiReserves)
{
	const cos_nic_attach request = nic_request(sample_nic(), 7);
	EXPECT_STREQ(request.ifname, "abcdefghijklmno");
	EXPECT_EQ(request.ifname[COS_NIC_NAME_SIZE - 1], '\0');
	EXPECT_EQ(request.component, 7u);
	EXPECT_EQ(request.slots, 64u);
	EXPECT_EQ(request.ring, 0x210080000000u);
	const std::uint8_t mac[6] = {0x02, 0x11, 0x22, 0x33, 0x44, 0x55};
	EXPECT_EQ(std::memcmp(request.addr, mac, 6), 0);
	EXPECT_EQ(request.reserved0, 0u);
	EXPECT_EQ(request.flags, 0u);
	EXPECT_EQ(request.reserved[0], 0u);
	EXPECT_EQ(request.reserved[1], 0u);

	Plan_nic short_name = sample_nic();
	short_name.ifname = "eth0";
	const cos_nic_attach eth0 = nic_request(short_name, 1);
	for (std::size_t i = 4; i < COS_NIC_NAME_SIZE; ++i)
		EXPECT_EQ(eth0.ifname[i], '\0') << i;
}

TEST(AreaSetup, ARefusedAttachNamesTheDeviceAndTheErrno)
{
	Plan_nic nic = sample_nic();
	nic.ifname = "eth9";
	EXPECT_EQ(describe_nic_failure(nic, "tcp", Device_failure{Device_error::io, ENODEV}),
		  "attaching eth9: No such device");
	const std::string eperm = describe_nic_failure(nic, "tcp", Device_failure{Device_error::io, EPERM});
	EXPECT_EQ(eperm.rfind("attaching eth9: Operation not permitted: ", 0), 0u) << eperm;
	EXPECT_NE(eperm.find("CAP_NET_ADMIN"), std::string::npos) << eperm;
	EXPECT_NE(eperm.find("component tcp the `nic` privilege"), std::string::npos) << eperm;
	EXPECT_NE(describe_nic_failure(nic, "tcp", Device_failure{Device_error::io, EOPNOTSUPP}).find("not an Ethernet"),
		  std::string::npos);
	EXPECT_NE(describe_nic_failure(nic, "tcp", Device_failure{Device_error::io, EBUSY}).find("receive path is taken"),
		  std::string::npos);
}
