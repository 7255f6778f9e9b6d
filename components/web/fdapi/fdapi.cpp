// SPDX-License-Identifier: GPL-2.0
// The file-descriptor API (<cos/web/fd.hpp>), the webserver's: one table of descriptors over TCP's
// listeners and connections and the HTTP parser's sessions. It keeps one event for its client's
// thread: TCP and the CGI channels (through the parser and the content manager) trigger it when
// something happens, and a thread of this component triggers it every tick_ms, so that fd_wait
// returns for timeouts too. A CGI service's fd API is service.cpp.
#include <cos/component.hpp>
#include <cos/config.hpp>
#include <cos/net/frames.hpp>
#include <cos/net/tcp.hpp>
#include <cos/slot_table.hpp>
#include <cos/system/evt.hpp>
#include <cos/system/sched.hpp>
#include <cos/system/tblock.hpp>
#include <cos/web/fd.hpp>
#include <cos/web/http.hpp>

COS_CONFIG(128);

namespace {

using cosk::fd::Error;

constexpr cos_word max_fds = 1024;
constexpr cos_word max_tcp_ids = 512;		// TCP's
constexpr cos_word max_sessions = 512;		// the HTTP parser's
constexpr cos_word none = ~cos_word{0};

enum class Kind { listener, connection, http };

struct Descriptor {
	Kind kind = Kind::connection;
	cos_word below = 0;	// TCP's id, the parser's session
};

cosk::Slot_table<Descriptor, max_fds> fds;
cos_word fd_of_tcp[max_tcp_ids];
cos_word fd_of_session[max_sessions];
cosk::evt::Evt_id event;
bool started = false;
bool failed = false;
cosk::net::Share share;

cos_word ticker(cos_word period_ms, cos_word, cos_word, cos_word)
{
	auto period = cosk::tblock::periodic(period_ms * 1000 * 1000);
	if (!period)
		return 1;
	for (;;) {
		static_cast<void>(cosk::tblock::wait(period.value()));
		static_cast<void>(cosk::evt::trigger(event));
	}
}

// The event and the ticker, on the first call that needs them.
bool start()
{
	if (started)
		return !failed;
	started = true;
	for (cos_word &f : fd_of_tcp)
		f = none;
	for (cos_word &f : fd_of_session)
		f = none;
	share = cosk::net::find_share("share.stream", "share.stream.size");
	auto made = cosk::evt::create();
	auto tick = cosk::config::number("tick_ms");
	failed = !made || !cosk::sched::create(ticker, tick ? tick.value() : 250, 16);
	if (made)
		event = made.value();
	return !failed;
}

cos_word add(Kind kind, cos_word below)
{
	auto fd = fds.allocate(Descriptor{kind, below});
	if (!fd)
		return cosk::reply_error(Error::no_fd_left);
	if ((kind == Kind::listener || kind == Kind::connection) && below < max_tcp_ids)
		fd_of_tcp[below] = fd.value();
	if (kind == Kind::http && below < max_sessions)
		fd_of_session[below] = fd.value();
	return fd.value();
}

// A TCP answer as ours: would_block stays would_block, any other refusal is the layer below's.
template <typename T>
cos_word from_tcp(cosk::Attempt<T, cosk::tcp::Error> a)
{
	if (a)
		return static_cast<cos_word>(a.value());
	return cosk::reply_error(a.error() == cosk::tcp::Error::would_block ? Error::would_block : Error::below);
}

template <typename T>
cos_word from_http(cosk::Attempt<T, cosk::http::Error> a)
{
	if (a)
		return static_cast<cos_word>(a.value());
	return cosk::reply_error(a.error() == cosk::http::Error::would_block ? Error::would_block : Error::below);
}


} // namespace

// fd_listen(port): a TCP listener.
extern "C" cos_word fd_listen(cos_word port, cos_word, cos_word, cos_word)
{
	if (!start())
		return cosk::reply_error(Error::below);
	auto listener = cosk::tcp::listen(port);
	if (!listener)
		return cosk::reply_error(Error::below);
	if (!cosk::tcp::notify(listener.value(), static_cast<cos_word>(event))) {
		static_cast<void>(cosk::tcp::close(listener.value()));
		return cosk::reply_error(Error::below);
	}
	return add(Kind::listener, static_cast<cos_word>(listener.value()));
}
COS_EXPORT(fd_listen);

// fd_accept(listener): a connection, or would_block.
extern "C" cos_word fd_accept(cos_word fd, cos_word, cos_word, cos_word)
{
	Descriptor *d = fds.lookup(fd);
	if (d == nullptr)
		return cosk::reply_error(Error::no_such_fd);
	if (d->kind != Kind::listener)
		return cosk::reply_error(Error::wrong_kind);
	auto connection = cosk::tcp::accept(static_cast<cosk::tcp::Id>(d->below), cosk::tcp::nonblocking);
	if (!connection)
		return cosk::reply_error(connection.error() == cosk::tcp::Error::would_block ? Error::would_block : Error::below);
	const cos_word made = add(Kind::connection, static_cast<cos_word>(connection.value()));
	if (cosk::is_reply_error(made) || !cosk::tcp::notify(connection.value(), static_cast<cos_word>(event))) {
		static_cast<void>(cosk::tcp::close(connection.value()));
		if (!cosk::is_reply_error(made))
			fds.free(made);
		return cosk::reply_error(Error::no_fd_left);
	}
	return made;
}
COS_EXPORT(fd_accept);

// fd_http(): a new HTTP stream.
extern "C" cos_word fd_http(cos_word, cos_word, cos_word, cos_word)
{
	if (!start())
		return cosk::reply_error(Error::below);
	auto session = cosk::http::open(static_cast<cos_word>(event));
	if (!session)
		return cosk::reply_error(Error::no_fd_left);
	const cos_word made = add(Kind::http, static_cast<cos_word>(session.value()));
	if (cosk::is_reply_error(made))
		static_cast<void>(cosk::http::close(session.value()));
	return made;
}
COS_EXPORT(fd_http);

// fd_read(fd, offset, length): up to length bytes into offset of the stream share.
extern "C" cos_word fd_read(cos_word fd, cos_word offset, cos_word length, cos_word)
{
	Descriptor *d = fds.lookup(fd);
	if (d == nullptr)
		return cosk::reply_error(Error::no_such_fd);
	switch (d->kind) {
	case Kind::connection:
		return from_tcp(cosk::tcp::recv(static_cast<cosk::tcp::Id>(d->below), offset, length, cosk::tcp::nonblocking));
	case Kind::http:
		return from_http(cosk::http::read(static_cast<cosk::http::Session>(d->below), offset, length));
	case Kind::listener:
		break;
	}
	return cosk::reply_error(Error::wrong_kind);
}
COS_EXPORT(fd_read);

// fd_write(fd, offset, length): up to length bytes from offset of the stream share; how many.
extern "C" cos_word fd_write(cos_word fd, cos_word offset, cos_word length, cos_word)
{
	Descriptor *d = fds.lookup(fd);
	if (d == nullptr)
		return cosk::reply_error(Error::no_such_fd);
	switch (d->kind) {
	case Kind::connection:
		return from_tcp(cosk::tcp::send(static_cast<cosk::tcp::Id>(d->below), offset, length, cosk::tcp::nonblocking));
	case Kind::http:
		return from_http(cosk::http::write(static_cast<cosk::http::Session>(d->below), offset, length));
	case Kind::listener:
		break;
	}
	return cosk::reply_error(Error::wrong_kind);
}
COS_EXPORT(fd_write);

// fd_close(fd): the descriptor and what is behind it.
extern "C" cos_word fd_close(cos_word fd, cos_word, cos_word, cos_word)
{
	Descriptor *d = fds.lookup(fd);
	if (d == nullptr)
		return cosk::reply_error(Error::no_such_fd);
	switch (d->kind) {
	case Kind::listener:
	case Kind::connection:
		static_cast<void>(cosk::tcp::close(static_cast<cosk::tcp::Id>(d->below)));
		if (d->below < max_tcp_ids && fd_of_tcp[d->below] == fd)
			fd_of_tcp[d->below] = none;
		break;
	case Kind::http:
		static_cast<void>(cosk::http::close(static_cast<cosk::http::Session>(d->below)));
		if (d->below < max_sessions && fd_of_session[d->below] == fd)
			fd_of_session[d->below] = none;
		break;
	}
	fds.free(fd);
	return 0;
}
COS_EXPORT(fd_close);

// fd_wait(): waits for news or the next tick.
extern "C" cos_word fd_wait(cos_word, cos_word, cos_word, cos_word)
{
	if (!start())
		return cosk::reply_error(Error::below);
	static_cast<void>(cosk::evt::wait(event));
	return 0;
}
COS_EXPORT(fd_wait);

// fd_ready(): the next descriptor with news: TCP's first, then the HTTP streams a CGI answered.
extern "C" cos_word fd_ready(cos_word, cos_word, cos_word, cos_word)
{
	for (;;) {
		auto id = cosk::tcp::ready();
		if (!id)
			break;
		const cos_word i = static_cast<cos_word>(id.value());
		if (i < max_tcp_ids && fd_of_tcp[i] != none)
			return fd_of_tcp[i];
	}
	for (;;) {
		auto session = cosk::http::ready();
		if (!session)
			break;
		const cos_word i = static_cast<cos_word>(session.value());
		if (i < max_sessions && fd_of_session[i] != none)
			return fd_of_session[i];
	}
	return cosk::reply_error(Error::would_block);
}
COS_EXPORT(fd_ready);

// fd_state(fd): an HTTP stream's state bits.
extern "C" cos_word fd_state(cos_word fd, cos_word, cos_word, cos_word)
{
	Descriptor *d = fds.lookup(fd);
	if (d == nullptr)
		return cosk::reply_error(Error::no_such_fd);
	if (d->kind != Kind::http)
		return cosk::reply_error(Error::wrong_kind);
	return from_http(cosk::http::state(static_cast<cosk::http::Session>(d->below)));
}
COS_EXPORT(fd_state);
