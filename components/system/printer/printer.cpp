// SPDX-License-Identifier: GPL-2.0
// The printer: the one component allowed to write to the console; others send it text in chunks
// (<cos/system/print.hpp>) and it writes whole lines.
#include <cos/component.hpp>
#include <cos/kernel.hpp>
#include <cos/system/print.hpp>

namespace {

// Lines are collected so that output of several components, or of one component in several
// chunks, reaches the console a line at a time.
struct Printer {
	char line[512];
	cos_word used;
};

Printer printer = {{}, 0};

void flush()
{
	// The console may take less, or refuse a printer the graph did not make the console: the
	// line goes either way, as a printf's would.
	static_cast<void>(cosk::kernel::console_write(printer.line, printer.used));
	printer.used = 0;
}

} // namespace

// Takes up to cos_print_chunk_size bytes packed little-endian in the four words, ending at the
// first NUL; returns how many it took.
extern "C" cos_word print_chunk(cos_word w0, cos_word w1, cos_word w2, cos_word w3)
{
	const cos_word words[4] = {w0, w1, w2, w3};
	cos_word taken = 0;
	for (; taken < cos_print_chunk_size; taken++) {
		const char c = static_cast<char>(words[taken / 8] >> (8 * (taken % 8)));
		if (c == '\0')
			break;
		printer.line[printer.used++] = c;
		if (c == '\n' || printer.used == sizeof(printer.line))
			flush();
	}
	return taken;
}
COS_EXPORT(print_chunk);
COS_CONSOLE();
// One line buffer for every thread: a thread preempted between writing the line and emptying the
// buffer would have the next one write it again (the MPD soak's preempted threads saw their
// lines doubled). Ticks wait until the thread has left the printer.
COS_NO_PREEMPT();
