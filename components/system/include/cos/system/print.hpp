// SPDX-License-Identifier: GPL-2.0
// The printer's interface (components/system/printer): how text travels to its print_chunk, and,
// for clients, printing. print_chunk cannot fail: it answers how many bytes it took.
//
// An invocation carries only four words, so text goes in 32-byte chunks, each packed little-endian
// into the words (byte i of the chunk is byte i % 8 of word i / 8); a shorter last chunk is padded
// with NULs, which tell the printer where it ends.
#pragma once

#include <cos/component.hpp>

#include "runtime/component/format.hpp"

// Bytes of text in one print_chunk call.
inline constexpr cos_word cos_print_chunk_size = 32;

namespace cosk::print {

// The raw call, which a client makes through cos_print: a component imports it if it prints, so
// the printer, including this for the chunk's layout, does not.
COS_IMPORT_ON_CALL(print_chunk);

} // namespace cosk::print

// The capability itself, which the MPD tests watch and the host's tests fill in.
using cosk::print::__cos_import_print_chunk;

// Sends s to the printer; returns how many bytes it accepted. Stops at the first chunk the
// printer did not take whole, since a fault in the printer (COS_INVOKE_FAULTED) or a full console
// would make going on pointless.
static inline cos_word cos_print(const char *s)
{
	cos_word sent = 0;
	while (*s) {
		cos_word words[4] = {0, 0, 0, 0};
		cos_word n = 0;
		for (; n < cos_print_chunk_size && s[n]; n++)
			words[n / 8] |= static_cast<cos_word>(static_cast<unsigned char>(s[n])) << (8 * (n % 8));
		const cos_word accepted = cosk::print::print_chunk(words[0], words[1], words[2], words[3]);
		if (accepted != n)
			return sent + (accepted < n ? accepted : 0);
		sent += n;
		s += n;
	}
	return sent;
}

// Formats into a 256-byte buffer on the stack (longer output is cut short) and prints it;
// returns what cos_print returns.
[[gnu::format(printf, 1, 2)]] static inline cos_word cos_printf(const char *fmt, ...)
{
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	cos_vformat(line, sizeof(line), fmt, ap);
	va_end(ap);
	return cos_print(line);
}
