// SPDX-License-Identifier: GPL-2.0
// Leaves the thread's floating-point registers spoiled for whoever computes next: every SSE and
// x87 exception unmasked, rounding toward zero, x87 single precision, and the x87 stack
// overflowed (an unmasked stack fault pending). The host must compute after its run as before it
// (tests/guest/fp_host.cpp).
#include <cos/component.hpp>

extern "C" cos_word main(cos_word, cos_word, cos_word, cos_word)
{
	const unsigned int mxcsr = 0x6000;	    // round toward zero, no exception masked
	const unsigned short fcw = 0x0c40;	    // toward zero, single precision, none masked
	asm volatile("ldmxcsr %0\n\t"
		     "fldcw %1\n\t"
		     ".rept 9\n\tfld1\n\t.endr" // the ninth push overflows the stack
		     :
		     : "m"(mxcsr), "m"(fcw)
		     : "memory");
	return 0;
}
COS_EXPORT(main);
