// SPDX-License-Identifier: GPL-2.0
// For the guest tests that build a system by hand over the ioctls (nic_test, share_test): the
// machine code of a component that needs no toolchain, and the module's page count.
//
// hand_component_code() is a page of code for the base of a slot, which touches no stack. Its
// upcall entry jumps to the export (%r8): at call_export, call(request, rdx, r8) makes
// ioctl(the host's /dev/cos, request) with those registers, as the runtime's stubs do, and
// returns what it returned; at load_export, load(addr) the word at addr; at store_export,
// store(addr, value); at spin_export, spin() never returns.
#pragma once

#include <fcntl.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <vector>

#include "module/uapi/cos.h"

namespace cosk::hand {

inline constexpr std::uint64_t page = 4096;
inline constexpr std::uint64_t call_export = 16, load_export = 64, store_export = 96, spin_export = 128;

template <typename T> void put(std::vector<std::uint8_t> &code, T value)
{
	std::uint8_t bytes[sizeof(T)];
	std::memcpy(bytes, &value, sizeof(T));
	code.insert(code.end(), bytes, bytes + sizeof(T));
}

inline void append(std::vector<std::uint8_t> &code, std::initializer_list<std::uint8_t> bytes)
{
	code.insert(code.end(), bytes);
}

inline void put_return(std::vector<std::uint8_t> &code)
{
	code.push_back(0xb8); // mov $COS_CALL_RETURN, %eax
	put<std::uint32_t>(code, COS_CALL_RETURN);
	append(code, {0x0f, 0x05, 0x0f, 0x0b}); // syscall; ud2
}

inline std::array<std::uint8_t, page> hand_component_code()
{
	std::vector<std::uint8_t> code = {0x41, 0xff, 0xe0}; // jmp *%r8
	code.resize(call_export, 0xcc);
	// mov %rdx, %r8; mov %rsi, %rdx; mov %rdi, %rsi; movabs $fd_address, %rdi
	append(code, {0x49, 0x89, 0xd0, 0x48, 0x89, 0xf2, 0x48, 0x89, 0xfe, 0x48, 0xbf});
	put<std::uint64_t>(code, COS_RUNTIME_PAGE + COS_RUNTIME_FD_OFFSET);
	// mov (%rdi), %edi; mov $SYS_ioctl, %eax; syscall; mov %rax, %rdx
	append(code, {0x8b, 0x3f, 0xb8, 16, 0, 0, 0, 0x0f, 0x05, 0x48, 0x89, 0xc2});
	put_return(code);
	code.resize(load_export, 0xcc);
	append(code, {0x48, 0x8b, 0x17}); // mov (%rdi), %rdx
	put_return(code);
	code.resize(store_export, 0xcc);
	append(code, {0x48, 0x89, 0x37, 0x31, 0xd2}); // mov %rsi, (%rdi); xor %edx, %edx
	put_return(code);
	code.resize(spin_export, 0xcc);
	append(code, {0xeb, 0xfe}); // jmp .
	std::array<std::uint8_t, page> out{};
	std::memcpy(out.data(), code.data(), code.size());
	return out;
}

// ioctl(fd, request, arg): 0 or the errno.
inline int call(int fd, unsigned long request, void *arg)
{
	return ioctl(fd, request, arg) == 0 ? 0 : errno;
}

// The pages the module owns now, through a file of its own.
inline std::uint64_t pages_in_use()
{
	cos_info info{};
	const int fd = open("/dev/cos", O_RDWR | O_CLOEXEC);
	EXPECT_GE(fd, 0);
	EXPECT_EQ(call(fd, COS_IOC_INFO, &info), 0);
	close(fd);
	return info.pages_in_use;
}

} // namespace cosk::hand
