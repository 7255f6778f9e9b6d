// SPDX-License-Identifier: GPL-2.0
// Asynchronous invocation: request and response between threads in different components, like a
// bidirectional pipe. A client thread's async_call() queues a request on a channel and waits for
// its response; a server thread's async_recv() takes the oldest request (waiting for one) and its
// async_reply() answers it, waking the client. Each thread is scheduled on its own, so a CGI
// server, say, runs at its own priority.
#include <cos/component.hpp>
#include <cos/slot_table.hpp>
#include <cos/system/async.hpp>
#include <cos/system/sched.hpp>
#include <cos/thread.hpp>

COS_NO_PREEMPT();

namespace {

using cosk::async::Error;

constexpr cos_word queue_size = COS_MAX_THREADS;	// a client has one request out at a time
constexpr cos_word nobody = ~0ULL;

struct Request {
	cos_word value;
	cos_word client;
};

struct Channel {
	Request queue[queue_size] = {};
	cos_word head = 0, tail = 0;	// taken from head, added at tail
	cos_word server = nobody;	// waiting in async_recv
	cos_word serving = nobody;	// the client of the request the server took last
};

struct Response {
	bool ready = false;
	cos_word value = 0;
};

struct Async {
	cosk::Slot_table<Channel, 16> channels;
	Response responses[COS_MAX_THREADS];	// by client thread
};

Async state;

} // namespace

// The errors are cosk::async::Error, in <cos/system/async.hpp>.

// async_open(): a new channel's id.
extern "C" cos_word async_open(cos_word, cos_word, cos_word, cos_word)
{
	auto id = state.channels.allocate();
	return id ? id.value() : cosk::reply_error(Error::no_channel_left);
}
COS_EXPORT(async_open);

// async_call(channel, value): the server's reply to value.
extern "C" cos_word async_call(cos_word id, cos_word value, cos_word, cos_word)
{
	Channel *c = state.channels.lookup(id);
	if (!c)
		return cosk::reply_error(Error::no_such_channel);
	if (cosk::is_reply_error(value))
		return cosk::reply_error(Error::value_out_of_range);
	const cos_word self = cos_thread_self();
	c->queue[c->tail % queue_size] = Request{value, self};
	c->tail++;
	state.responses[self].ready = false;
	if (c->server != nobody) {
		const cos_word server = c->server;
		c->server = nobody;
		static_cast<void>(cosk::sched::wakeup(server));
	}
	while (!state.responses[self].ready)
		cosk::sched::block();
	return state.responses[self].value;
}
COS_EXPORT(async_call);

// async_recv(channel): the oldest request's value, waiting for one.
extern "C" cos_word async_recv(cos_word id, cos_word, cos_word, cos_word)
{
	Channel *c = state.channels.lookup(id);
	if (!c)
		return cosk::reply_error(Error::no_such_channel);
	while (c->head == c->tail) {
		c->server = cos_thread_self();
		cosk::sched::block();
	}
	const Request r = c->queue[c->head % queue_size];
	c->head++;
	c->serving = r.client;
	return r.value;
}
COS_EXPORT(async_recv);

// async_reply(channel, value): answers the request the server took last.
extern "C" cos_word async_reply(cos_word id, cos_word value, cos_word, cos_word)
{
	Channel *c = state.channels.lookup(id);
	if (!c)
		return cosk::reply_error(Error::no_such_channel);
	if (c->serving == nobody)
		return cosk::reply_error(Error::nothing_to_answer);
	if (cosk::is_reply_error(value))
		return cosk::reply_error(Error::value_out_of_range);
	const cos_word client = c->serving;
	c->serving = nobody;
	state.responses[client] = Response{true, value};
	static_cast<void>(cosk::sched::wakeup(client));
	return 0;
}
COS_EXPORT(async_reply);
