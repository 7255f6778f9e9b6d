// SPDX-License-Identifier: GPL-2.0
// The file-descriptor API of a CGI service (<cos/web/fd.hpp>): one descriptor, fd_serve's, over
// the service's asynchronous-invocation channel (COS_FDAPI_CHANNEL, its letter, set by the build
// per image). A read waits for the next request and gives its target; a write answers it, whole.
// The request travels in a buffer of the `stream` share; the service itself needs no share.
#include <cos/component.hpp>
#include <cos/config.hpp>
#include <cos/net/frames.hpp>
#include <cos/web/ainv.hpp>
#include <cos/web/fd.hpp>

#ifndef COS_FDAPI_CHANNEL
#error "COS_FDAPI_CHANNEL: the channel's letter (the build sets it per image)"
#endif
#define CHANNEL_CALL(name) COS_AINV_NAME(COS_FDAPI_CHANNEL, name)


COS_CONFIG(128);
namespace {

using cosk::fd::Error;

COS_IMPORT_ON_CALL(CHANNEL_CALL(take));
COS_IMPORT_ON_CALL(CHANNEL_CALL(reply));

constexpr cos_word the_fd = 3;	// as a process's first own descriptor
constexpr cos_word none = ~cos_word{0};

cosk::net::Share share;
bool open = false;
cos_word held = none;	// the request being answered: its buffer

cosk::ainv::Cgi_buffer *held_buffer()
{
	return reinterpret_cast<cosk::ainv::Cgi_buffer *>(share.base + held);
}

bool ours(cos_word fd)
{
	return open && fd == the_fd;
}

} // namespace

// fd_serve(): the channel's descriptor.
extern "C" cos_word fd_serve(cos_word, cos_word, cos_word, cos_word)
{
	if (open)
		return cosk::reply_error(Error::no_fd_left);
	share = cosk::net::find_share("share.stream", "share.stream.size");
	if (share.size == 0)
		return cosk::reply_error(Error::below);
	open = true;
	return the_fd;
}
COS_EXPORT(fd_serve);

// fd_read(fd, offset, length): waits for the next request; its target at offset of the stream
// share; how many bytes.
extern "C" cos_word fd_read(cos_word fd, cos_word offset, cos_word length, cos_word)
{
	if (!ours(fd))
		return cosk::reply_error(Error::no_such_fd);
	if (!share.holds(offset, length))
		return cosk::reply_error(Error::below);
	const cos_word buffer = CHANNEL_CALL(take)();
	if (cosk::is_reply_error(buffer) || !share.holds(buffer, sizeof(cosk::ainv::Cgi_buffer)))
		return cosk::reply_error(Error::below);
	held = buffer;
	const cosk::ainv::Cgi_buffer *b = held_buffer();
	cos_word n = b->target_length <= sizeof(b->target) ? b->target_length : 0;
	if (n > length)
		n = length;
	__builtin_memcpy(share.base + offset, b->target, n);
	return n;
}
COS_EXPORT(fd_read);

// fd_write(fd, offset, length): the answer to the request read last, whole; how many bytes (at
// most a buffer's body).
extern "C" cos_word fd_write(cos_word fd, cos_word offset, cos_word length, cos_word)
{
	if (!ours(fd))
		return cosk::reply_error(Error::no_such_fd);
	if (held == none)
		return cosk::reply_error(Error::would_block);
	if (!share.holds(offset, length))
		return cosk::reply_error(Error::below);
	cosk::ainv::Cgi_buffer *b = held_buffer();
	if (length > sizeof(b->body))
		length = sizeof(b->body);
	__builtin_memcpy(b->body, share.base + offset, length);
	b->body_length = static_cast<std::uint32_t>(length);
	b->status = 200;
	held = none;
	if (cosk::is_reply_error(CHANNEL_CALL(reply)()))
		return cosk::reply_error(Error::below);
	return length;
}
COS_EXPORT(fd_write);

// fd_close(fd): the descriptor is closed.
extern "C" cos_word fd_close(cos_word fd, cos_word, cos_word, cos_word)
{
	if (!ours(fd))
		return cosk::reply_error(Error::no_such_fd);
	open = false;
	return 0;
}
COS_EXPORT(fd_close);
