// SPDX-License-Identifier: GPL-2.0
// The calling thread's x87 and SSE environment, kept across a run of component code.
//
// Component code runs on the host thread with the host thread's floating-point registers: a
// component may load its own control words (exceptions unmasked, another rounding mode) or leave
// values on the x87 stack, and the host would compute with them after the run, or die of SIGFPE.
// Components are built without floating point (-mgeneral-regs-only), but nothing stops one from
// doing so on purpose.
#pragma once

#include <cstdint>

namespace cosk::host {

class Fp_environment_guard {
public:
	Fp_environment_guard()
	{
		// FNSTENV masks every x87 exception once it has stored: the control word goes back.
		asm volatile("fnstenv %0\n\tfldcw %0\n\tstmxcsr %1" : "=m"(x87_), "=m"(mxcsr_));
	}
	~Fp_environment_guard()
	{
		// FNINIT first, which waits for nothing: it drops whatever the components left (a
		// pending unmasked exception, a full register stack) before the host's state returns.
		asm volatile("fninit\n\tfldenv %0\n\tldmxcsr %1" : : "m"(x87_), "m"(mxcsr_));
	}
	Fp_environment_guard(const Fp_environment_guard &) = delete;
	Fp_environment_guard &operator=(const Fp_environment_guard &) = delete;

private:
	struct {
		std::uint32_t words[7]; // FNSTENV's 28-byte protected-mode image
	} x87_;
	std::uint32_t mxcsr_;
};

} // namespace cosk::host
