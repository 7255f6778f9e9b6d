// SPDX-License-Identifier: GPL-2.0
// The component formatter (see format.hpp): reads each conversion's flags, width, precision and
// length, fetches its argument, and lays out sign, prefix, zeros, digits and padding as C does.
#include "runtime/component/format.hpp"

#include <cstddef>

namespace {

// Widths and precisions saturate here, so that a runaway number in a format cannot wrap the
// length count around.
constexpr cos_word max_field = cos_word{1} << 20;

// Writes what fits, keeping the last byte for the NUL, and counts everything.
class Format_output {
public:
	Format_output(char *buf, cos_word size) : buf_(buf), size_(size) {}

	void put(char c)
	{
		if (length_ + 1 < size_)
			buf_[length_] = c;
		length_++;
	}

	void repeat(char c, cos_word n)
	{
		for (; n; n--)
			put(c);
	}

	cos_word finish()
	{
		if (size_ > 0)
			buf_[length_ < size_ ? length_ : size_ - 1] = '\0';
		return length_;
	}

private:
	char *buf_;
	cos_word size_;
	cos_word length_ = 0;
};

struct Field {
	bool left = false;
	bool zero = false;
	cos_word width = 0;
	bool has_precision = false;
	cos_word precision = 0;
};

enum class Length_modifier { none, l, ll, z };

bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

cos_word add_digit(cos_word n, char c)
{
	n = n * 10 + static_cast<cos_word>(c - '0');
	return n > max_field ? max_field : n;
}

void put_padded_text(Format_output &out, const Field &field, const char *text, cos_word n)
{
	const cos_word pad = field.width > n ? field.width - n : 0;
	if (!field.left)
		out.repeat(' ', pad);
	for (cos_word i = 0; i < n; i++)
		out.put(text[i]);
	if (field.left)
		out.repeat(' ', pad);
}

void put_string(Format_output &out, const Field &field, const char *s)
{
	if (!s)
		s = "(null)";
	// Never reads past the precision: the text need not be NUL-terminated within it.
	cos_word n = 0;
	while ((!field.has_precision || n < field.precision) && s[n])
		n++;
	put_padded_text(out, field, s, n);
}

void put_integer(Format_output &out, const Field &field, cos_word magnitude, char sign,
		 unsigned base, bool upper, const char *prefix)
{
	const char *alphabet = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char digits[64];
	cos_word n = 0;
	// As in C, a zero converted with an explicit precision of zero has no digits at all.
	if (!(field.has_precision && field.precision == 0 && magnitude == 0)) {
		do {
			digits[n++] = alphabet[magnitude % base];
			magnitude /= base;
		} while (magnitude);
	}
	cos_word prefix_length = 0;
	while (prefix[prefix_length])
		prefix_length++;

	cos_word zeros = field.has_precision && field.precision > n ? field.precision - n : 0;
	const cos_word body = (sign ? 1 : 0) + prefix_length + zeros + n;
	cos_word pad = field.width > body ? field.width - body : 0;
	// The '0' flag pads between the sign and the digits, and yields to '-' or a precision.
	if (field.zero && !field.left && !field.has_precision) {
		zeros += pad;
		pad = 0;
	}
	if (!field.left)
		out.repeat(' ', pad);
	if (sign)
		out.put(sign);
	for (cos_word i = 0; i < prefix_length; i++)
		out.put(prefix[i]);
	out.repeat('0', zeros);
	while (n)
		out.put(digits[--n]);
	if (field.left)
		out.repeat(' ', pad);
}

} // namespace

cos_word cos_vformat(char *buf, cos_word size, const char *fmt, va_list ap)
{
	Format_output out(buf, size);
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			out.put(*p);
			continue;
		}
		const char *start = p++;
		Field field;
		for (;; p++) {
			if (*p == '-')
				field.left = true;
			else if (*p == '0')
				field.zero = true;
			else
				break;
		}
		if (*p == '*') {
			p++;
			const int width = va_arg(ap, int);
			// A negative width from an argument means '-' and its magnitude, as in C.
			if (width < 0)
				field.left = true;
			const cos_word magnitude = width < 0 ? cos_word{0} - static_cast<cos_word>(width)
							     : static_cast<cos_word>(width);
			field.width = magnitude > max_field ? max_field : magnitude;
		}
		while (is_digit(*p))
			field.width = add_digit(field.width, *p++);
		if (*p == '.') {
			p++;
			field.has_precision = true;
			if (*p == '*') {
				p++;
				const int precision = va_arg(ap, int);
				// A negative precision from an argument counts as none, as in C.
				if (precision < 0)
					field.has_precision = false;
				else
					field.precision = static_cast<cos_word>(precision) > max_field
								  ? max_field
								  : static_cast<cos_word>(precision);
			}
			while (is_digit(*p))
				field.precision = add_digit(field.precision, *p++);
		}
		Length_modifier length = Length_modifier::none;
		if (*p == 'l') {
			p++;
			length = Length_modifier::l;
			if (*p == 'l') {
				p++;
				length = Length_modifier::ll;
			}
		} else if (*p == 'z') {
			p++;
			length = Length_modifier::z;
		}

		switch (*p) {
		case 'd':
		case 'i': {
			long long value = 0;
			switch (length) {
			case Length_modifier::none:
				value = va_arg(ap, int);
				break;
			case Length_modifier::l:
			case Length_modifier::z: // the signed type of size_t's width
				value = va_arg(ap, long);
				break;
			case Length_modifier::ll:
				value = va_arg(ap, long long);
				break;
			}
			const cos_word magnitude = value < 0 ? cos_word{0} - static_cast<cos_word>(value)
							     : static_cast<cos_word>(value);
			put_integer(out, field, magnitude, value < 0 ? '-' : '\0', 10, false, "");
			break;
		}
		case 'u':
		case 'x':
		case 'X': {
			cos_word value = 0;
			switch (length) {
			case Length_modifier::none:
				value = va_arg(ap, unsigned);
				break;
			case Length_modifier::l:
				value = va_arg(ap, unsigned long);
				break;
			case Length_modifier::ll:
				value = va_arg(ap, unsigned long long);
				break;
			case Length_modifier::z:
				value = va_arg(ap, std::size_t);
				break;
			}
			put_integer(out, field, value, '\0', *p == 'u' ? 10 : 16, *p == 'X', "");
			break;
		}
		case 'p':
			put_integer(out, field, reinterpret_cast<cos_word>(va_arg(ap, void *)), '\0', 16,
				    false, "0x");
			break;
		case 's':
			put_string(out, field, va_arg(ap, const char *));
			break;
		case 'c': {
			const char c = static_cast<char>(va_arg(ap, int));
			put_padded_text(out, field, &c, 1);
			break;
		}
		case '%':
			out.put('%');
			break;
		default:
			// Unknown: copied as written (without a trailing NUL), consuming no argument.
			for (const char *q = start; q < p; q++)
				out.put(*q);
			if (*p)
				out.put(*p);
			break;
		}
		if (!*p)
			break;
	}
	return out.finish();
}

cos_word cos_format(char *buf, cos_word size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const cos_word length = cos_vformat(buf, size, fmt, ap);
	va_end(ap);
	return length;
}
