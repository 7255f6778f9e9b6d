// SPDX-License-Identifier: GPL-2.0
// The memory mapper (<cos/web/mm.hpp>): the `stream` share cut into buffers of buffer_size,
// handed out lowest first and taken back by offset. It is the only component that decides which
// part of the share is whose, as COMPOSITE's memory mapper decided which pages went where.
#include <cos/component.hpp>
#include <cos/net/frames.hpp>
#include <cos/web/mm.hpp>

COS_CONFIG(128);


COS_NO_PREEMPT();
namespace {

constexpr cos_word max_buffers = 4096;

cosk::net::Share share;
cos_word buffers = 0;
bool started = false;
bool out[max_buffers];
cos_word out_now = 0;
cos_word out_most = 0;
cos_word hint = 0;

bool start()
{
	if (!started) {
		share = cosk::net::find_share("share.stream", "share.stream.size");
		buffers = share.size / cosk::mm::buffer_size;
		if (buffers > max_buffers)
			buffers = max_buffers;
		started = true;
	}
	return buffers != 0;
}

} // namespace

// mm_alloc(): a free buffer's offset.
extern "C" cos_word mm_alloc(cos_word, cos_word, cos_word, cos_word)
{
	if (!start())
		return cosk::reply_error(cosk::mm::Error::no_share);
	for (cos_word n = 0; n < buffers; n++) {
		const cos_word i = (hint + n) % buffers;
		if (!out[i]) {
			out[i] = true;
			hint = i + 1;
			if (++out_now > out_most)
				out_most = out_now;
			return i * cosk::mm::buffer_size;
		}
	}
	return cosk::reply_error(cosk::mm::Error::no_buffer_left);
}
COS_EXPORT(mm_alloc);

// mm_free(offset): the buffer at offset is free again.
extern "C" cos_word mm_free(cos_word offset, cos_word, cos_word, cos_word)
{
	const cos_word i = offset / cosk::mm::buffer_size;
	if (!start() || offset % cosk::mm::buffer_size || i >= buffers || !out[i])
		return cosk::reply_error(cosk::mm::Error::not_a_buffer);
	out[i] = false;
	out_now--;
	if (i < hint)
		hint = i;
	return 0;
}
COS_EXPORT(mm_free);

// mm_stat(which): buffers out now (0), at most so far (1), in all (2).
extern "C" cos_word mm_stat(cos_word which, cos_word, cos_word, cos_word)
{
	start();
	return which == 0 ? out_now : which == 1 ? out_most : which == 2 ? buffers : 0;
}
COS_EXPORT(mm_stat);
