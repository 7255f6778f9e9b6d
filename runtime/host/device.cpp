// SPDX-License-Identifier: GPL-2.0
// Opening /dev/cos and its ioctls, one method each.
#include "runtime/host/device.hpp"
#include "runtime/host/fp_environment.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

namespace cosk::host {

std::string describe(const Device_failure &failure)
{
	switch (failure.kind) {
	case Device_error::not_loaded:
		return "the cos module is not loaded (no /dev/cos): load it with `insmod cos.ko` as root";
	case Device_error::permission:
		return "cannot open /dev/cos: permission denied (the device is root's)";
	case Device_error::abi_mismatch:
		return "the loaded cos module speaks another ABI version than this cos tool (" +
		       std::to_string(COS_ABI_VERSION) + "): load the module built with it";
	case Device_error::io:
		break;
	}
	return std::string("/dev/cos: ") + std::strerror(failure.error_number);
}

Attempt<Device, Device_failure> Device::open(const char *path)
{
	int fd = ::open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		int err = errno;
		if (err == ENOENT || err == ENXIO || err == ENODEV)
			return Failure{Device_failure{Device_error::not_loaded, err}};
		if (err == EACCES || err == EPERM)
			return Failure{Device_failure{Device_error::permission, err}};
		return Failure{Device_failure{Device_error::io, err}};
	}
	return Device(fd);
}

Device::Device(Device &&other) noexcept : fd_(other.fd_)
{
	other.fd_ = -1;
}

Device::~Device()
{
	if (fd_ >= 0)
		::close(fd_);
}

Attempt<Machine_info, Device_failure> Device::info() const
{
	cos_info raw{};
	if (::ioctl(fd_, COS_IOC_INFO, &raw) != 0)
		return Failure{Device_failure{Device_error::io, errno}};
	if (raw.abi_version != COS_ABI_VERSION)
		return Failure{Device_failure{Device_error::abi_mismatch, 0}};

	auto has = [&](std::uint32_t bit) { return (raw.features & bit) != 0; };
	return Machine_info{
		.abi_version = raw.abi_version,
		.pti = has(COS_FEATURE_PTI),
		.paging_levels = raw.paging_levels,
		.pcid = has(COS_FEATURE_PCID),
		.smep = has(COS_FEATURE_SMEP),
		.smap = has(COS_FEATURE_SMAP),
		.pku = has(COS_FEATURE_PKU),
		.nx = has(COS_FEATURE_NX),
		.testing_build = has(COS_FEATURE_TESTING),
		.pages_in_use = raw.pages_in_use,
		.kernel_release = std::string(raw.kernel_release,
					      strnlen(raw.kernel_release, sizeof(raw.kernel_release))),
	};
}

namespace {

// One ioctl whose structure comes back filled in.
template <typename Request>
Attempt<Request, Device_failure> call(int fd, unsigned long command, Request request)
{
	if (::ioctl(fd, command, &request) != 0)
		return Failure{Device_failure{Device_error::io, errno}};
	return request;
}

// One ioctl, and the field of its answer the caller wants.
template <typename Request, typename Field>
Attempt<Field, Device_failure> call_for(int fd, unsigned long command, const Request &request, Field Request::*field)
{
	auto answer = call(fd, command, request);
	if (!answer)
		return Failure{answer.error()};
	return answer.value().*field;
}

} // namespace

Attempt<std::uint32_t, Device_failure> Device::create_pd() const
{
	return call_for(fd_, COS_IOC_PD_CREATE, cos_pd_create{}, &cos_pd_create::id);
}

Attempt<std::uint32_t, Device_failure> Device::create_component(std::uint32_t slot, std::uint32_t flags,
								 std::uint64_t upcall_entry,
								 std::uint64_t inv_stub, std::uint32_t pd,
								 const std::string &name, std::uint32_t number) const
{
	cos_component_create request{};
	request.slot = slot;
	request.flags = flags;
	request.upcall_entry = upcall_entry;
	request.inv_stub = inv_stub;
	request.pd = pd;
	request.number = number;
	// The zeroed request keeps the terminating NUL.
	name.copy(request.name, sizeof(request.name) - 1);
	return call_for(fd_, COS_IOC_COMPONENT_CREATE, request, &cos_component_create::id);
}

Attempt<Done, Device_failure> Device::map(std::uint32_t component, std::uint64_t address, std::uint64_t size,
					  std::uint32_t prot, std::span<const std::uint8_t> contents) const
{
	cos_map request{};
	request.component = component;
	request.prot = prot;
	request.addr = address;
	request.size = size;
	request.src = reinterpret_cast<std::uint64_t>(contents.data());
	request.src_size = contents.size();
	auto r = call(fd_, COS_IOC_MAP, request);
	if (!r)
		return Failure{r.error()};
	return Done{};
}

Attempt<std::uint32_t, Device_failure> Device::create_cap(std::uint32_t client, std::uint32_t server,
							   std::uint64_t function, std::uint64_t ucap) const
{
	cos_cap_create request{};
	request.client = client;
	request.server = server;
	request.fn = function;
	request.ucap = ucap;
	return call_for(fd_, COS_IOC_CAP_CREATE, request, &cos_cap_create::cap);
}

Attempt<Done, Device_failure> Device::immutable(std::uint32_t a, std::uint32_t b) const
{
	cos_immutable request{};
	request.a = a;
	request.b = b;
	if (::ioctl(fd_, COS_IOC_IMMUTABLE, &request) != 0)
		return Failure{Device_failure{Device_error::io, errno}};
	return Done{};
}

Attempt<std::uint32_t, Device_failure> Device::share(std::uint32_t component, std::uint32_t share,
						     std::uint64_t address, std::uint64_t size) const
{
	cos_share request{};
	request.component = component;
	request.share = share;
	request.address = address;
	request.size = size;
	return call_for(fd_, COS_IOC_SHARE, request, &cos_share::share);
}

Attempt<Done, Device_failure> Device::nic_attach(const cos_nic_attach &request) const
{
	cos_nic_attach copy = request;
	if (::ioctl(fd_, COS_IOC_NIC_ATTACH, &copy) != 0)
		return Failure{Device_failure{Device_error::io, errno}};
	return Done{};
}

Attempt<Done, Device_failure> Device::stop() const
{
	if (::ioctl(fd_, COS_IOC_STOP) != 0)
		return Failure{Device_failure{Device_error::io, errno}};
	return Done{};
}

Attempt<cos_run, Device_failure> Device::run(std::uint32_t component, std::uint64_t function,
					     const std::array<std::uint64_t, 4> &args) const
{
	cos_run request{};
	request.component = component;
	request.fn = function;
	for (std::size_t i = 0; i < args.size(); i++)
		request.args[i] = args[i];
	const Fp_environment_guard host_fp;
	return call(fd_, COS_IOC_RUN, request);
}

Attempt<cos_stats, Device_failure> Device::stats() const
{
	return call(fd_, COS_IOC_STATS, cos_stats{});
}

Attempt<cos_fault_log, Device_failure> Device::faults() const
{
	return call(fd_, COS_IOC_FAULTS, cos_fault_log{});
}

Attempt<cos_mpd_op, Device_failure> Device::merge(std::uint32_t a, std::uint32_t b) const
{
	cos_mpd_op request{};
	request.a = a;
	request.b = b;
	return call(fd_, COS_IOC_MERGE, request);
}

Attempt<cos_mpd_op, Device_failure> Device::split(std::uint32_t a, std::uint32_t flags) const
{
	cos_mpd_op request{};
	request.a = a;
	request.flags = flags;
	return call(fd_, COS_IOC_SPLIT, request);
}

Attempt<cos_pd_list, Device_failure> Device::pds() const
{
	return call(fd_, COS_IOC_PDS, cos_pd_list{});
}

Attempt<std::vector<cos_edge>, Device_failure> Device::edges() const
{
	// Every capability there can be: a system never has more, so the one read sees them all.
	std::vector<cos_edge> edges(COS_MAX_COMPONENTS * COS_MAX_CAPS);
	cos_edge_list request{};
	request.edges = reinterpret_cast<std::uint64_t>(edges.data());
	request.capacity = static_cast<std::uint32_t>(edges.size());
	auto answer = call(fd_, COS_IOC_EDGES, request);
	if (!answer)
		return Failure{answer.error()};
	edges.resize(std::min<std::size_t>(answer.value().count, edges.size()));
	return edges;
}

Attempt<std::vector<cos_system_entry>, Device_failure> Device::systems() const
{
	// Systems come and go between two reads: ask again with room for all while the list grew.
	std::vector<cos_system_entry> systems(256);
	for (;;) {
		cos_system_list request{};
		request.systems = reinterpret_cast<std::uint64_t>(systems.data());
		request.capacity = static_cast<std::uint32_t>(systems.size());
		auto answer = call(fd_, COS_IOC_SYSTEMS, request);
		if (!answer)
			return Failure{answer.error()};
		if (answer.value().count <= systems.size()) {
			systems.resize(answer.value().count);
			return systems;
		}
		systems.resize(answer.value().count);
	}
}

Attempt<Done, Device_failure> Device::attach(std::uint32_t system_id) const
{
	cos_attach request{};
	request.system = system_id;
	if (::ioctl(fd_, COS_IOC_ATTACH, &request) != 0)
		return Failure{Device_failure{Device_error::io, errno}};
	return Done{};
}

} // namespace cosk::host
