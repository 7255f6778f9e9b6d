// SPDX-License-Identifier: GPL-2.0
// The components' formatter (runtime/component/format.cpp) and printing
// (<cos/system/print.hpp>), built for the host: conversions, flags, widths, precisions,
// snprintf's truncation rules, and how text is cut into chunks for the printer.
#include <gtest/gtest.h>

#include <climits>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include <cos/system/print.hpp>

#include "module/uapi/cos.h"
#include "runtime/component/format.hpp"

namespace {

// The formatted text and the length cos_format reported for it, from a roomy buffer.
struct Formatted {
	std::string text;
	cos_word length;
};

// Not a variadic wrapper around cos_format: each test passes a literal format, so the compiler
// checks it against the arguments.
#define FORMAT(...)                                                                             \
	([&] {                                                                                  \
		char buf[512];                                                                  \
		const cos_word length = cos_format(buf, sizeof(buf), __VA_ARGS__);             \
		return Formatted{std::string(buf), length};                                     \
	}())

void expect_formatted(const Formatted &got, const std::string &want)
{
	EXPECT_EQ(got.text, want);
	EXPECT_EQ(got.length, want.size());
}

} // namespace

TEST(Format, PlainTextAndPercent)
{
	expect_formatted(FORMAT("hello"), "hello");
	expect_formatted(FORMAT("100%%"), "100%");
	expect_formatted(FORMAT("%%%%"), "%%");
}

TEST(Format, SignedDecimal)
{
	expect_formatted(FORMAT("%d", 0), "0");
	expect_formatted(FORMAT("%d", 42), "42");
	expect_formatted(FORMAT("%i", -42), "-42");
	expect_formatted(FORMAT("%d", INT_MAX), "2147483647");
	expect_formatted(FORMAT("%d", INT_MIN), "-2147483648");
	expect_formatted(FORMAT("%ld", LONG_MIN), "-9223372036854775808");
	expect_formatted(FORMAT("%lld", LLONG_MAX), "9223372036854775807");
	expect_formatted(FORMAT("%zd", static_cast<long>(-7)), "-7");
}

TEST(Format, UnsignedAndHex)
{
	expect_formatted(FORMAT("%u", 4294967295u), "4294967295");
	expect_formatted(FORMAT("%lu", ~0UL), "18446744073709551615");
	expect_formatted(FORMAT("%llu", 0ULL), "0");
	expect_formatted(FORMAT("%zu", static_cast<std::size_t>(123456)), "123456");
	expect_formatted(FORMAT("%x", 0xdeadbeefu), "deadbeef");
	expect_formatted(FORMAT("%X", 0xdeadbeefu), "DEADBEEF");
	expect_formatted(FORMAT("%lx", 0xfedcba9876543210UL), "fedcba9876543210");
	expect_formatted(FORMAT("%llX", 0x0123456789abcdefULL), "123456789ABCDEF");
	expect_formatted(FORMAT("%zx", static_cast<std::size_t>(0x1000)), "1000");
}

TEST(Format, LengthModifierTakesTheWholeArgument)
{
	// Without a modifier only the low 32 bits of the argument count.
	expect_formatted(FORMAT("%x %lx", 0xffffffffu, 0x100000000UL), "ffffffff 100000000");
	expect_formatted(FORMAT("%u|%lu|%llu", 1u, 2UL, 3ULL), "1|2|3");
}

TEST(Format, Pointer)
{
	expect_formatted(FORMAT("%p", reinterpret_cast<void *>(0x7fff1234abcdUL)), "0x7fff1234abcd");
	expect_formatted(FORMAT("%p", static_cast<void *>(nullptr)), "0x0");
	expect_formatted(FORMAT("[%18p]", reinterpret_cast<void *>(0xabcUL)), "[             0xabc]");
	expect_formatted(FORMAT("[%-8p]", reinterpret_cast<void *>(0xabcUL)), "[0xabc   ]");
}

TEST(Format, StringsAndCharacters)
{
	expect_formatted(FORMAT("%s, %s!", "hello", "world"), "hello, world!");
	expect_formatted(FORMAT("%s", ""), "");
	expect_formatted(FORMAT("%c%c%c", 'a', 'b', 'c'), "abc");
	expect_formatted(FORMAT("[%3c][%-3c]", 'x', 'y'), "[  x][y  ]");
}

TEST(Format, WidthAndFlags)
{
	expect_formatted(FORMAT("[%5d]", 42), "[   42]");
	expect_formatted(FORMAT("[%-5d]", 42), "[42   ]");
	expect_formatted(FORMAT("[%05d]", 42), "[00042]");
	expect_formatted(FORMAT("[%05d]", -42), "[-0042]");
	expect_formatted(FORMAT("[%016lx]", 0xbeefUL), "[000000000000beef]");
	expect_formatted(FORMAT("[%2d]", 12345), "[12345]"); // never truncates a number
	expect_formatted(FORMAT("[%8s]", "abc"), "[     abc]");
	expect_formatted(FORMAT("[%-8s]", "abc"), "[abc     ]");
	expect_formatted(FORMAT("[%*d]", 4, 7), "[   7]");
	expect_formatted(FORMAT("[%*d]", -4, 7), "[7   ]"); // a negative * width means '-'
}

TEST(Format, Precision)
{
	expect_formatted(FORMAT("[%.3s]", "abcdef"), "[abc]");
	expect_formatted(FORMAT("[%.0s]", "abcdef"), "[]");
	expect_formatted(FORMAT("[%.10s]", "abc"), "[abc]");
	expect_formatted(FORMAT("[%6.2s]", "abcdef"), "[    ab]");
	expect_formatted(FORMAT("[%-6.2s]", "abcdef"), "[ab    ]");
	expect_formatted(FORMAT("[%.*s]", 2, "abcdef"), "[ab]");
	// The fewest digits of an integer; it overrides the '0' flag, as in C.
	expect_formatted(FORMAT("[%.5d]", -42), "[-00042]");
	expect_formatted(FORMAT("[%8.5x]", 0xabu), "[   000ab]");
	expect_formatted(FORMAT("[%.0d]", 0), "[]");
}

TEST(Format, PrecisionBoundsTheStringRead)
{
	// Not NUL-terminated: the formatter must stop at the precision.
	const char bytes[3] = {'x', 'y', 'z'};
	expect_formatted(FORMAT("%.3s", bytes), "xyz");
}

TEST(Format, CasesTheCompilerObjectsTo)
{
	// The compiler rightly warns about these formats; the formatter must still do something
	// sensible, as documented in format.hpp.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-zero-length"
#pragma GCC diagnostic ignored "-Wformat-overflow"
	expect_formatted(FORMAT(""), "");
	// Unknown conversions are copied as written and consume no argument.
	expect_formatted(FORMAT("a%qb %d", 5), "a%qb 5");
	expect_formatted(FORMAT("[%-5q]"), "[%-5q]");
	expect_formatted(FORMAT("trailing %"), "trailing %");
	expect_formatted(FORMAT("trailing %-0"), "trailing %-0");
	// '0' with %p pads between the prefix and the digits.
	expect_formatted(FORMAT("[%010p]", reinterpret_cast<void *>(0xabcUL)), "[0x00000abc]");
	// '-' and a precision each override '0', as in C.
	expect_formatted(FORMAT("[%-05d]", 42), "[42   ]");
	expect_formatted(FORMAT("[%08.3d]", 7), "[     007]");
	expect_formatted(FORMAT("%s", static_cast<const char *>(nullptr)), "(null)");
	// The width saturates at 2^20 characters instead of wrapping.
	char buf[4];
	EXPECT_EQ(cos_format(buf, sizeof(buf), "%99999999999999999999999d", 1), cos_word{1} << 20);
	EXPECT_STREQ(buf, "   ");
#pragma GCC diagnostic pop
}

TEST(Format, TruncatesLikeSnprintf)
{
	char buf[8];
	std::memset(buf, '#', sizeof(buf));
	EXPECT_EQ(cos_format(buf, sizeof(buf), "%s", "0123456789"), 10u);
	EXPECT_STREQ(buf, "0123456");

	std::memset(buf, '#', sizeof(buf));
	EXPECT_EQ(cos_format(buf, 1, "%d", 12345), 5u);
	EXPECT_EQ(buf[0], '\0');
	EXPECT_EQ(buf[1], '#');

	// Size 0: nothing written, not even the NUL, and the buffer may be null.
	std::memset(buf, '#', sizeof(buf));
	EXPECT_EQ(cos_format(buf, 0, "abc"), 3u);
	EXPECT_EQ(buf[0], '#');
	EXPECT_EQ(cos_format(nullptr, 0, "%08x", 1u), 8u);

	// Exactly filling: the NUL takes the last byte, so one character is lost.
	std::memset(buf, '#', sizeof(buf));
	EXPECT_EQ(cos_format(buf, sizeof(buf), "%8s", "x"), 8u);
	EXPECT_STREQ(buf, "       ");
	EXPECT_EQ(cos_format(buf, sizeof(buf), "%7s", "x"), 7u);
	EXPECT_STREQ(buf, "      x");
}

TEST(Format, HugeWidthIsCountedNotOverflowed)
{
	char buf[4];
	// The width saturates at 2^20 characters; the count stays exact below that.
	EXPECT_EQ(cos_format(buf, sizeof(buf), "%1000d", 1), 1000u);
	EXPECT_STREQ(buf, "   ");
}

TEST(Format, ManyArgumentsMixed)
{
	// More arguments than registers: the rest come from the stack.
	expect_formatted(FORMAT("%d %u %x %s %c %ld %lu %llx %zu %p", -1, 2u, 0x3u, "four", '5', -6L,
				7UL, 0x8ULL, static_cast<std::size_t>(9), reinterpret_cast<void *>(0xaUL)),
			 "-1 2 3 four 5 -6 7 8 9 0xa");
}

namespace {

// Stands in for the printer behind print_chunk's capability: keeps every chunk as it came.
struct Chunk_log {
	std::vector<std::vector<cos_word>> chunks;
	cos_word answer_override = 0; // when non-zero, returned instead of the byte count
};

Chunk_log chunk_log;

// cos_invoke's call comes from inline assembly, which does not keep the stack 16-byte aligned for
// the callee as the ABI wants; host code may rely on it (SSE), so this realigns.
[[gnu::force_align_arg_pointer]] cos_word record_chunk(cos_word w0, cos_word w1, cos_word w2,
							 cos_word w3)
{
	chunk_log.chunks.push_back({w0, w1, w2, w3});
	if (chunk_log.answer_override)
		return chunk_log.answer_override;
	const cos_word words[4] = {w0, w1, w2, w3};
	cos_word n = 0;
	while (n < 32 && ((words[n / 8] >> (8 * (n % 8))) & 0xff) != 0)
		n++;
	return n;
}

// Points the capability at record_chunk, as the loader would point it at the printer in the
// caller's protection domain.
void reset_chunk_log()
{
	chunk_log = Chunk_log{};
	__cos_import_print_chunk = Cos_ucap{reinterpret_cast<cos_word>(&record_chunk), 0, 0, 0};
}

} // namespace

TEST(Print, EmptyTextMakesNoCall)
{
	reset_chunk_log();
	EXPECT_EQ(cos_print(""), 0u);
	EXPECT_EQ(chunk_log.chunks.size(), 0u);
	EXPECT_EQ(__cos_import_print_chunk.invocations, 0u);
}

TEST(Print, ShortTextIsOneLittleEndianChunkPaddedWithNuls)
{
	reset_chunk_log();
	EXPECT_EQ(cos_print("hello, world\n"), 13u);
	ASSERT_EQ(chunk_log.chunks.size(), 1u);
	// "hello, w" then "orld\n" and three NULs.
	EXPECT_EQ(chunk_log.chunks[0],
		  (std::vector<cos_word>{0x77202c6f6c6c6568ULL, 0x0a646c726fULL, 0, 0}));
	EXPECT_EQ(__cos_import_print_chunk.invocations, 1u);
}

TEST(Print, LongTextIsCutEvery32Bytes)
{
	reset_chunk_log();
	// 32 + 32 + 6 bytes.
	const std::string text = "0123456789abcdefghijklmnopqrstuv"
				 "ABCDEFGHIJKLMNOPQRSTUVWXYZ!\"#$%&"
				 "tail!\n";
	EXPECT_EQ(cos_print(text.c_str()), 70u);
	ASSERT_EQ(chunk_log.chunks.size(), 3u);
	EXPECT_EQ(chunk_log.chunks[0][0], 0x3736353433323130ULL); // "01234567"
	EXPECT_EQ(chunk_log.chunks[0][3], 0x767574737271706fULL); // "opqrstuv": a full chunk, no NUL
	EXPECT_EQ(chunk_log.chunks[1][0], 0x4847464544434241ULL); // "ABCDEFGH"
	EXPECT_EQ(chunk_log.chunks[2], (std::vector<cos_word>{0x0a216c696174ULL, 0, 0, 0}));
}

TEST(Print, ExactlyOneChunk)
{
	reset_chunk_log();
	EXPECT_EQ(cos_print("0123456789abcdefghijklmnopqrstuv"), 32u);
	EXPECT_EQ(chunk_log.chunks.size(), 1u);
}

TEST(Print, StopsWhenThePrinterFaults)
{
	reset_chunk_log();
	chunk_log.answer_override = COS_INVOKE_FAULTED;
	EXPECT_EQ(cos_print("0123456789abcdefghijklmnopqrstuv and more"), 0u);
	EXPECT_EQ(chunk_log.chunks.size(), 1u);
}

TEST(Print, PrintfFormatsThenPrints)
{
	reset_chunk_log();
	EXPECT_EQ(cos_printf("step = 0x%04lx %s\n", 0xbeefUL, "ok"), 17u);
	ASSERT_EQ(chunk_log.chunks.size(), 1u);
	// "step = 0" "xbeef ok" "\n"
	EXPECT_EQ(chunk_log.chunks[0],
		  (std::vector<cos_word>{0x30203d2070657473ULL, 0x6b6f206665656278ULL, 0x0a, 0}));
}

TEST(Print, PrintfCutsAt255Bytes)
{
	reset_chunk_log();
	EXPECT_EQ(cos_printf("%300d", 1), 255u);
	EXPECT_EQ(chunk_log.chunks.size(), 8u); // 7 full chunks and 31 bytes
}
