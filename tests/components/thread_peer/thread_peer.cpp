// SPDX-License-Identifier: GPL-2.0
// The thread tests' other component (tests/graphs/threads.cosg): it serves an asynchronous-invocation
// channel on a thread of its own, so that requests and responses cross between threads in two
// components.
#include <cos/component.hpp>
#include <cos/reply.hpp>
#include <cos/system/async.hpp>
#include <cos/system/sched.hpp>

namespace {

struct Server {
	cosk::async::Channel_id channel = {};
	cos_word remaining = 0;
	cos_word served = 0;
	cos_word sum = 0;
	bool done = false;
};

Server server;

} // namespace

// The server thread: answers each request v with 2v + 1, for as many requests as it was told.
extern "C" cos_word serve(cos_word, cos_word, cos_word, cos_word)
{
	while (server.remaining) {
		// A test's channel and requests: a failure is a bug, and traps.
		const cos_word v = cosk::async::recv(server.channel).value();
		server.sum += v;
		server.served++;
		server.remaining--;
		cosk::async::reply(server.channel, 2 * v + 1).value();
	}
	server.done = true;
	return 0;
}
COS_EXPORT(serve);

// peer_start(channel, requests, priority): starts the server thread on channel; its thread id, or
// the scheduler's error (cosk::sched::Error).
extern "C" cos_word peer_start(cos_word channel, cos_word requests, cos_word priority, cos_word)
{
	server = Server{};
	server.channel = static_cast<cosk::async::Channel_id>(channel);
	server.remaining = requests;
	return cosk::reply_word(cosk::sched::create(&serve, 0, priority));
}
COS_EXPORT(peer_start);

// peer_served(): requests served; peer_sum(): the sum of their values; peer_done(): 1 when the
// server thread has served them all.
extern "C" cos_word peer_served(cos_word, cos_word, cos_word, cos_word)
{
	return server.served;
}
COS_EXPORT(peer_served);

extern "C" cos_word peer_sum(cos_word, cos_word, cos_word, cos_word)
{
	return server.sum;
}
COS_EXPORT(peer_sum);

extern "C" cos_word peer_done(cos_word, cos_word, cos_word, cos_word)
{
	return server.done;
}
COS_EXPORT(peer_done);
