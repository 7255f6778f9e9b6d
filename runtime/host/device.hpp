// SPDX-License-Identifier: GPL-2.0
// The host side's handle on /dev/cos: opening it and asking the module what it sees.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <cos/attempt.hpp>

#include "module/uapi/cos.h"

namespace cosk::host {

enum class Device_error {
	not_loaded,	// no /dev/cos: the module is not loaded
	permission,	// /dev/cos exists but this user may not open it
	abi_mismatch,	// the module speaks another ABI version
	io,		// an ioctl failed for another reason (errno kept)
};

struct Device_failure {
	Device_error kind;
	int error_number; // errno of the failing call, 0 if none
};

// A readable one-line account of a failure, including what to do about it.
std::string describe(const Device_failure &failure);

struct Machine_info {
	std::uint32_t abi_version;
	bool pti;
	unsigned paging_levels;
	bool pcid;
	bool smep;
	bool smap;
	bool pku;
	bool nx;
	bool testing_build;
	std::uint64_t pages_in_use;
	std::string kernel_release;
};

// An open /dev/cos; closes it when destroyed.
class Device {
public:
	[[nodiscard]] static Attempt<Device, Device_failure> open(const char *path = "/dev/cos");

	Device(Device &&other) noexcept;
	Device(const Device &) = delete;
	Device &operator=(const Device &) = delete;
	Device &operator=(Device &&) = delete;
	~Device();

	[[nodiscard]] Attempt<Machine_info, Device_failure> info() const;

	// The set-up ioctls (module/uapi/cos.h); each returns the new object's id. A component's
	// name is cut to COS_NAME_SIZE - 1 bytes: the module keeps it, and its number (0: none),
	// only for the tools.
	[[nodiscard]] Attempt<std::uint32_t, Device_failure> create_pd() const;
	[[nodiscard]] Attempt<std::uint32_t, Device_failure>
	create_component(std::uint32_t slot, std::uint32_t flags, std::uint64_t upcall_entry,
			 std::uint64_t inv_stub, std::uint32_t pd, const std::string &name,
			 std::uint32_t number) const;
	[[nodiscard]] Attempt<Done, Device_failure> map(std::uint32_t component, std::uint64_t address,
							std::uint64_t size, std::uint32_t prot,
							std::span<const std::uint8_t> contents) const;
	[[nodiscard]] Attempt<std::uint32_t, Device_failure>
	create_cap(std::uint32_t client, std::uint32_t server, std::uint64_t function, std::uint64_t ucap) const;
	// Components a and b may never share a protection domain (set-up, like the others).
	[[nodiscard]] Attempt<Done, Device_failure> immutable(std::uint32_t a, std::uint32_t b) const;

	// Maps share (0: a new one of size bytes) into component at address; the share's id.
	[[nodiscard]] Attempt<std::uint32_t, Device_failure>
	share(std::uint32_t component, std::uint32_t share, std::uint64_t address, std::uint64_t size) const;
	// Attaches the Linux network device the request names (COS_IOC_NIC_ATTACH).
	[[nodiscard]] Attempt<Done, Device_failure> nic_attach(const cos_nic_attach &request) const;

	// Runs function of component on the calling thread until it returns or faults; the thread's
	// floating-point environment is as it was before (fp_environment.hpp).
	[[nodiscard]] Attempt<cos_run, Device_failure> run(std::uint32_t component, std::uint64_t function,
							   const std::array<std::uint64_t, 4> &args) const;
	// Ends the run on another thread of this process (or of an attached file's system): that
	// run() returns with COS_RUN_STOPPED. ESRCH when nothing runs.
	[[nodiscard]] Attempt<Done, Device_failure> stop() const;
	[[nodiscard]] Attempt<cos_stats, Device_failure> stats() const;
	[[nodiscard]] Attempt<cos_fault_log, Device_failure> faults() const;

	// Mutable protection domains, on this file's own system or the one it is attached to. A
	// refusal keeps the module's errno in the failure (EPERM: an immutable boundary; EALREADY:
	// nothing to do; EINVAL, ENOMEM, ENOSPC), for the caller to explain.
	[[nodiscard]] Attempt<cos_mpd_op, Device_failure> merge(std::uint32_t a, std::uint32_t b) const;
	[[nodiscard]] Attempt<cos_mpd_op, Device_failure> split(std::uint32_t a, std::uint32_t flags) const;
	[[nodiscard]] Attempt<cos_pd_list, Device_failure> pds() const;
	// Every capability with its counters, in one read: each COS_IOC_EDGES restarts the `since`
	// counters of every tool, so a partial read would lose the calls of the edges it missed.
	[[nodiscard]] Attempt<std::vector<cos_edge>, Device_failure> edges() const;

	// The module's systems that have components, and making this file control one of them.
	[[nodiscard]] Attempt<std::vector<cos_system_entry>, Device_failure> systems() const;
	[[nodiscard]] Attempt<Done, Device_failure> attach(std::uint32_t system_id) const;

private:
	explicit Device(int fd) : fd_(fd) {}
	int fd_;
};

} // namespace cosk::host
