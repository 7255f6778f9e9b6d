// SPDX-License-Identifier: GPL-2.0
// Linux's own system-call and exception entry, as an ordinary process sees it: what the module
// takes over while a CPU runs components must be Linux's again everywhere else. Each exception is
// raised in a child, which must die of the signal Linux sends for it.
#include <csignal>
#include <cstdint>
#include <functional>

#include <gtest/gtest.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

// The signal that ended a child running @body, or 0 if it exited.
int death_signal(const std::function<void()> &body)
{
	pid_t pid = fork();
	if (pid == 0) {
		signal(SIGSEGV, SIG_DFL);
		body();
		_exit(0);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	return WIFSIGNALED(status) ? WTERMSIG(status) : 0;
}

} // namespace

TEST(LinuxEntry, SystemCallsWork)
{
	EXPECT_EQ(syscall(SYS_getpid), getpid());
	EXPECT_EQ(syscall(SYS_getppid), getppid());
}

TEST(LinuxEntry, Int80SystemCallsWork)
{
	long pid = 20; // getpid in the 32-bit table
	asm volatile("int $0x80" : "+a"(pid) : : "memory");
	EXPECT_EQ(pid, getpid());
}

TEST(LinuxEntry, PageFaultIsSigsegv)
{
	EXPECT_EQ(death_signal([] {
			  volatile std::uintptr_t unmapped = 0;
			  *reinterpret_cast<volatile int *>(unmapped) = 1;
		  }),
		  SIGSEGV);
}

TEST(LinuxEntry, InvalidOpcodeIsSigill)
{
	EXPECT_EQ(death_signal([] { asm volatile("ud2"); }), SIGILL);
}

TEST(LinuxEntry, DivideErrorIsSigfpe)
{
	EXPECT_EQ(death_signal([] {
			  unsigned long zero = 0, low = 1, high = 0;
			  asm volatile("divq %2" : "+a"(low), "+d"(high) : "r"(zero));
		  }),
		  SIGFPE);
}

TEST(LinuxEntry, BreakpointIsSigtrap)
{
	EXPECT_EQ(death_signal([] { asm volatile("int3"); }), SIGTRAP);
}

TEST(LinuxEntry, GeneralProtectionIsSigsegv)
{
	EXPECT_EQ(death_signal([] { asm volatile("int $0x81"); }), SIGSEGV);
}
