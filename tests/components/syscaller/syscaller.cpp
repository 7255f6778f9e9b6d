// SPDX-License-Identifier: GPL-2.0
// Makes the Linux system call main's argument names, the ways component code could try: none may
// reach Linux. Each must end the run as a contained fault, with the host's output untouched.
#include <cos/component.hpp>

namespace {

const char leak[] = "syscaller: this line must never reach the host\n";

// write(1, leak, len) by SYSCALL.
cos_word write_by_syscall()
{
	cos_word ret = 1;
	asm volatile("syscall"
		     : "+a"(ret)
		     : "D"(1), "S"(leak), "d"(sizeof(leak) - 1)
		     : "rcx", "r11", "memory");
	return ret;
}

// exit(3) by SYSCALL: would end the host.
cos_word exit_by_syscall()
{
	cos_word ret = 60;
	asm volatile("syscall" : "+a"(ret) : "D"(3) : "rcx", "r11", "memory");
	return ret;
}

// write(1, leak, len) by the 32-bit entry, int $0x80 (eax 4, ebx fd, ecx buffer, edx length).
cos_word write_by_int80()
{
	cos_word ret = 4;
	asm volatile("int $0x80"
		     : "+a"(ret)
		     : "b"(1), "c"(leak), "d"(sizeof(leak) - 1)
		     : "memory");
	return ret;
}

// write by SYSENTER: the 32-bit fast entry (an invalid instruction on AMD in 64-bit mode).
cos_word write_by_sysenter()
{
	cos_word ret = 4;
	asm volatile("sysenter"
		     : "+a"(ret)
		     : "b"(1), "c"(leak), "d"(sizeof(leak) - 1)
		     : "memory");
	return ret;
}

// getppid: harmless, and still not the component's to make.
cos_word getppid_by_syscall()
{
	cos_word ret = 110;
	asm volatile("syscall" : "+a"(ret) : : "rcx", "r11", "memory");
	return ret;
}

} // namespace

extern "C" cos_word main(cos_word which, cos_word, cos_word, cos_word)
{
	switch (which) {
	case 0: return write_by_syscall();
	case 1: return exit_by_syscall();
	case 2: return write_by_int80();
	case 3: return write_by_sysenter();
	case 4: return getppid_by_syscall();
	default: return 0;
	}
}
COS_EXPORT(main);
