// SPDX-License-Identifier: GPL-2.0
// The TCP component's calls (<cos/net/tcp.hpp>): blocking listen, accept, receive, send and close
// on lwIP's raw API. lwIP calls back on the network thread, under the stack's lock (stack.hpp);
// the callbacks queue what arrived and wake the client threads waiting for it. A waiting thread
// waits on an event of its own (the event manager keeps a trigger that comes before the wait), so
// no wake-up is lost between dropping the lock and waiting.
#include <cos/component.hpp>
#include <cos/kernel.hpp>
#include <cos/net/ip.hpp>
#include <cos/net/port.hpp>
#include <cos/net/tcp.hpp>
#include <cos/slot_table.hpp>
#include <cos/system/evt.hpp>
#include <cos/thread.hpp>

#include "stack.hpp"

#include "lwip/pbuf.h"
#include "lwip/tcp.h"

namespace cosk::tcp {
namespace {

// Connections and listeners at once: a webserver's clients, slow ones among them, and those it is
// closing (lwIP keeps MEMP_NUM_TCP_PCB).
constexpr cos_word max_ids = 512;
// Connections a listener keeps until its client accepts them. lwIP counts them against the
// listen backlog (tcp_backlog_delayed() until the client's accept), with those still completing
// their handshake: SYNs beyond it are dropped, and retransmitted by their senders, never reset.
constexpr cos_word backlog_max = 64;
constexpr cos_word no_id = ~cos_word{0};

enum class Kind { listener, pending, connection };

struct Entry {
	Kind kind = Kind::connection;
	tcp_pcb *pcb = nullptr;		// nullptr once lwIP freed it (reset, timed out)
	cos_word owner = 0;		// the client component's id
	cos_word waiters = 0;		// threads waiting on it, bit t for thread t
	// A listener's connections not yet accepted (ids of pending entries), and its port.
	cos_word backlog[backlog_max] = {};
	cos_word queued = 0;
	cos_word port = 0;
	// A connection's received data not yet read, and how it ended.
	pbuf *received = nullptr;
	bool peer_closed = false;
	bool failed = false;
	// The event sock_notify asked to be triggered when something happens to it (its id + 1, 0
	// for none), and whether its id waits in the ready list for sock_ready.
	cos_word notify = 0;
	bool listed = false;
};

Slot_table<Entry, max_ids> entries;
cosk::evt::Evt_id thread_event[COS_MAX_THREADS];
bool thread_event_made[COS_MAX_THREADS];

// Ids with news for a client that asked to be notified, oldest first; each at most once.
cos_word ready_ids[max_ids];
cos_word ready_first = 0;
cos_word ready_count = 0;

void *arg_of(cos_word id)
{
	return reinterpret_cast<void *>(id + 1);
}

cos_word id_of(void *arg)
{
	return reinterpret_cast<cos_word>(arg) - 1;
}

// Something happened to entry id: its waiting threads go on, and a client that asked to be
// notified finds it in the ready list, its event triggered when it joins the list (an event
// keeps one trigger, so a client that drains the list before waiting misses nothing).
void wake(cos_word id)
{
	Entry *e = entries.lookup(id);
	if (e == nullptr)
		return;
	for (cos_word t = 0; t < COS_MAX_THREADS; t++) {
		if ((e->waiters & (1ULL << t)) && thread_event_made[t])
			static_cast<void>(cosk::evt::trigger(thread_event[t]));
	}
	e->waiters = 0;
	if (e->notify == 0 || e->listed || ready_count == max_ids)
		return;
	e->listed = true;
	ready_ids[(ready_first + ready_count++) % max_ids] = id;
	static_cast<void>(cosk::evt::trigger(static_cast<cosk::evt::Evt_id>(e->notify - 1)));
}

// The oldest listed id of owner's, taken off the list; no_id when there is none.
cos_word take_ready(cos_word owner)
{
	for (cos_word i = 0; i < ready_count; i++) {
		const cos_word at = (ready_first + i) % max_ids;
		const cos_word id = ready_ids[at];
		Entry *e = entries.lookup(id);
		if (e != nullptr && e->owner != owner)
			continue;
		// Ours, or freed since: off the list, the rest moved up.
		for (cos_word j = i; j + 1 < ready_count; j++)
			ready_ids[(ready_first + j) % max_ids] = ready_ids[(ready_first + j + 1) % max_ids];
		ready_count--;
		if (e == nullptr) {
			i--;
			continue;
		}
		e->listed = false;
		return id;
	}
	return no_id;
}

// Waits, with the lock held, until something happens to entry id; the lock is held again after.
// False when the thread has no event to wait on (the event manager is full).
bool wait_for(cos_word id)
{
	const cos_word self = cos_thread_self();
	if (!thread_event_made[self]) {
		auto made = cosk::evt::create();
		if (!made)
			return false;
		thread_event[self] = made.value();
		thread_event_made[self] = true;
	}
	Entry *e = entries.lookup(id);
	if (e == nullptr)
		return true;	// gone meanwhile: the caller looks again
	e->waiters |= 1ULL << self;
	cos_lock_release(stack.lock);
	static_cast<void>(cosk::evt::wait(thread_event[self]));
	cos_lock_take(stack.lock);
	return true;
}

// Forgets the pcb's callbacks: lwIP owns a closing pcb from here.
void detach(tcp_pcb *pcb)
{
	tcp_arg(pcb, nullptr);
	tcp_recv(pcb, nullptr);
	tcp_sent(pcb, nullptr);
	tcp_err(pcb, nullptr);
	tcp_accept(pcb, nullptr);
}

void close_pcb(tcp_pcb *pcb)
{
	detach(pcb);
	if (tcp_close(pcb) != ERR_OK)
		tcp_abort(pcb);
}

void forget_connection(cos_word id)
{
	Entry *e = entries.lookup(id);
	if (e == nullptr)
		return;
	if (e->pcb != nullptr)
		close_pcb(e->pcb);
	if (e->received != nullptr)
		pbuf_free(e->received);
	wake(id);
	entries.free(id);
}

err_t on_recv(void *arg, tcp_pcb *, pbuf *p, err_t)
{
	const cos_word id = id_of(arg);
	Entry *e = entries.lookup(id);
	if (e == nullptr) {
		if (p != nullptr)
			pbuf_free(p);
		return ERR_OK;
	}
	if (p == nullptr)
		e->peer_closed = true;
	else if (e->received == nullptr)
		e->received = p;
	else
		pbuf_cat(e->received, p);
	wake(id);
	return ERR_OK;
}

err_t on_sent(void *arg, tcp_pcb *, u16_t)
{
	wake(id_of(arg));
	return ERR_OK;
}

// lwIP freed the pcb (a reset, too many retransmissions).
void on_error(void *arg, err_t)
{
	if (Entry *e = entries.lookup(id_of(arg))) {
		e->pcb = nullptr;
		e->failed = true;
		wake(id_of(arg));
	}
}

// A new connection on a listener: its entry is made at once, so that data arriving before the
// client accepts it is kept.
err_t on_accept(void *arg, tcp_pcb *pcb, err_t err)
{
	const cos_word listener_id = id_of(arg);
	Entry *listener = entries.lookup(listener_id);
	if (err != ERR_OK || pcb == nullptr || listener == nullptr || listener->queued == backlog_max)
		return ERR_MEM;	// lwIP aborts the connection
	Entry pending;
	pending.kind = Kind::pending;
	pending.pcb = pcb;
	pending.owner = listener->owner;
	auto id = entries.allocate(pending);
	if (!id)
		return ERR_MEM;
	listener = entries.lookup(listener_id);
	if (listener == nullptr)
		return ERR_MEM;
	listener->backlog[listener->queued++] = id.value();
	tcp_backlog_delayed(pcb);
	tcp_arg(pcb, arg_of(id.value()));
	tcp_recv(pcb, on_recv);
	tcp_sent(pcb, on_sent);
	tcp_err(pcb, on_error);
	wake(listener_id);
	return ERR_OK;
}

// The entry id of the calling component of the kind asked for, or nullptr.
Entry *owned(cos_word id, cos_word owner, Kind kind)
{
	Entry *e = entries.lookup(id);
	return e != nullptr && e->owner == owner && e->kind == kind ? e : nullptr;
}

// Every call starts here: the stack up, the caller known (return_address: the export's own).
Attempt<cos_word, Error> enter(const void *return_address)
{
	switch (start()) {
	case Start::ok:
		break;
	case Start::not_configured:
		return Failure{Error::not_configured};
	case Start::network:
		return Failure{Error::network};
	}
	auto client = cosk::kernel::client(return_address);
	if (!client)
		return Failure{Error::no_such_id};
	return client.value();
}

cos_word do_listen(cos_word owner, cos_word port)
{
	auto taken = cosk::port::take(port);
	if (!taken)
		return reply_error(Error::port_taken);
	tcp_pcb *pcb = tcp_new();
	if (pcb == nullptr || tcp_bind(pcb, IP4_ADDR_ANY, static_cast<u16_t>(taken.value())) != ERR_OK) {
		if (pcb != nullptr)
			tcp_abort(pcb);
		static_cast<void>(cosk::port::give_back(taken.value()));
		return reply_error(Error::no_memory);
	}
	tcp_pcb *listening = tcp_listen_with_backlog(pcb, backlog_max);
	Entry entry;
	entry.kind = Kind::listener;
	entry.owner = owner;
	entry.port = taken.value();
	auto id = listening ? entries.allocate(entry) : Failure{Slot_error::full};
	if (!id) {
		tcp_close(listening ? listening : pcb);
		static_cast<void>(cosk::port::give_back(taken.value()));
		return reply_error(Error::no_memory);
	}
	if (Entry *made = entries.lookup(id.value()))
		made->pcb = listening;
	tcp_arg(listening, arg_of(id.value()));
	tcp_accept(listening, on_accept);
	return id.value();
}

cos_word do_accept(cos_word owner, cos_word id, cos_word flags)
{
	for (;;) {
		Entry *l = owned(id, owner, Kind::listener);
		if (l == nullptr)
			return reply_error(Error::no_such_id);
		if (l->queued) {
			const cos_word c = l->backlog[0];
			for (cos_word i = 1; i < l->queued; i++)
				l->backlog[i - 1] = l->backlog[i];
			l->queued--;
			Entry *accepted = entries.lookup(c);
			if (accepted == nullptr)
				continue;
			stack.count(Stat::accepted);
			accepted->kind = Kind::connection;
			if (accepted->pcb != nullptr)
				tcp_backlog_accepted(accepted->pcb);
			return c;
		}
		if (flags & nonblocking)
			return reply_error(Error::would_block);
		if (!wait_for(id))
			return reply_error(Error::no_memory);
	}
}

cos_word do_recv(cos_word owner, cos_word id, cos_word offset, cos_word length, cos_word flags)
{
	for (;;) {
		Entry *c = owned(id, owner, Kind::connection);
		if (c == nullptr)
			return reply_error(Error::no_such_id);
		if (c->received != nullptr) {
			const cos_word want = length < 0xffff ? length : 0xffff;
			const u16_t n = pbuf_copy_partial(c->received, stack.stream.base + offset,
							  static_cast<u16_t>(want), 0);
			c->received = pbuf_free_header(c->received, n);
			stack.count(Stat::copied, n);
			if (c->pcb != nullptr)
				tcp_recved(c->pcb, n);
			return n;
		}
		if (c->peer_closed)
			return 0;
		if (c->failed)
			return reply_error(Error::reset);
		if (length == 0)
			return 0;
		if (flags & nonblocking)
			return reply_error(Error::would_block);
		if (!wait_for(id))
			return reply_error(Error::no_memory);
	}
}

cos_word do_send(cos_word owner, cos_word id, cos_word offset, cos_word length, cos_word flags)
{
	for (;;) {
		Entry *c = owned(id, owner, Kind::connection);
		if (c == nullptr)
			return reply_error(Error::no_such_id);
		if (c->failed || c->pcb == nullptr)
			return reply_error(Error::reset);
		if (length == 0)
			return 0;
		cos_word room = tcp_sndbuf(c->pcb);
		if (room > length)
			room = length;
		if (room > 0xffff)
			room = 0xffff;
		if (room > 0 && tcp_sndqueuelen(c->pcb) < TCP_SND_QUEUELEN) {
			const err_t err = tcp_write(c->pcb, stack.stream.base + offset, static_cast<u16_t>(room),
						    TCP_WRITE_FLAG_COPY);
			if (err == ERR_OK) {
				stack.count(Stat::copied, room);
				tcp_output(c->pcb);
				return room;
			}
			if (err != ERR_MEM)
				return reply_error(Error::reset);
		}
		// No room until lwIP's segments are acknowledged: on_sent wakes the thread.
		tcp_output(c->pcb);
		if (flags & nonblocking)
			return reply_error(Error::would_block);
		if (!wait_for(id))
			return reply_error(Error::no_memory);
	}
}

cos_word do_close(cos_word owner, cos_word id)
{
	Entry *e = entries.lookup(id);
	if (e == nullptr || e->owner != owner || e->kind == Kind::pending)
		return reply_error(Error::no_such_id);
	if (e->kind == Kind::listener) {
		for (cos_word i = 0; i < e->queued; i++)
			forget_connection(e->backlog[i]);
		const cos_word port = e->port;
		if (e->pcb != nullptr)
			close_pcb(e->pcb);
		wake(id);
		entries.free(id);
		static_cast<void>(cosk::port::give_back(port));
		return 0;
	}
	forget_connection(id);
	return 0;
}

cos_word do_notify(cos_word owner, cos_word id, cos_word event)
{
	Entry *e = entries.lookup(id);
	if (e == nullptr || e->owner != owner || e->kind == Kind::pending)
		return reply_error(Error::no_such_id);
	e->notify = event + 1;
	// What happened before counts: the client looks once at once.
	wake(id);
	return 0;
}

cos_word do_ready(cos_word owner)
{
	const cos_word id = take_ready(owner);
	return id == no_id ? reply_error(Error::would_block) : id;
}

// Runs call(owner, ...) under the stack's lock, once the stack is up, for the component that
// called the export at return_address.
template <typename Call, typename... Args>
cos_word serve(const void *return_address, Call call, Args... args)
{
	auto owner = enter(return_address);
	if (!owner)
		return reply_error(owner.error());
	cos_lock_take(stack.lock);
	const cos_word result = call(owner.value(), args...);
	cos_lock_release(stack.lock);
	return result;
}

bool in_stream(cos_word offset, cos_word length)
{
	return stack.stream.holds(offset, length);
}

} // namespace
} // namespace cosk::tcp

// sock_listen(port): a listener on port (the port manager must give it).
extern "C" cos_word sock_listen(cos_word port, cos_word, cos_word, cos_word)
{
	return cosk::tcp::serve(COS_RETURN_ADDRESS(), cosk::tcp::do_listen, port);
}
COS_EXPORT(sock_listen);

// sock_accept(listener, flags): waits for a connection (with Flag::nonblocking, would_block
// instead); its id. An accepted connection inherits nothing: sock_notify it too.
extern "C" cos_word sock_accept(cos_word listener, cos_word flags, cos_word, cos_word)
{
	return cosk::tcp::serve(COS_RETURN_ADDRESS(), cosk::tcp::do_accept, listener, flags);
}
COS_EXPORT(sock_accept);

// sock_recv(connection, offset, length, flags): waits for data (with Flag::nonblocking,
// would_block instead); copies up to length bytes of it to offset in the stream share; how many,
// 0 once the peer closed.
extern "C" cos_word sock_recv(cos_word connection, cos_word offset, cos_word length, cos_word flags)
{
	if (cosk::tcp::start() == cosk::tcp::Start::ok && !cosk::tcp::in_stream(offset, length))
		return cosk::reply_error(cosk::tcp::Error::bad_range);
	return cosk::tcp::serve(COS_RETURN_ADDRESS(), cosk::tcp::do_recv, connection, offset, length, flags);
}
COS_EXPORT(sock_recv);

// sock_send(connection, offset, length, flags): waits for room (with Flag::nonblocking,
// would_block instead); queues up to length bytes from offset in the stream share; how many.
extern "C" cos_word sock_send(cos_word connection, cos_word offset, cos_word length, cos_word flags)
{
	if (cosk::tcp::start() == cosk::tcp::Start::ok && !cosk::tcp::in_stream(offset, length))
		return cosk::reply_error(cosk::tcp::Error::bad_range);
	return cosk::tcp::serve(COS_RETURN_ADDRESS(), cosk::tcp::do_send, connection, offset, length, flags);
}
COS_EXPORT(sock_send);

// sock_notify(id, event): from now on, anything that happens to the caller's connection or
// listener id (data, room to send, a new connection, the end) triggers the event manager's event
// and puts id on the caller's ready list.
extern "C" cos_word sock_notify(cos_word id, cos_word event, cos_word, cos_word)
{
	return cosk::tcp::serve(COS_RETURN_ADDRESS(), cosk::tcp::do_notify, id, event);
}
COS_EXPORT(sock_notify);

// sock_ready(): the caller's id that has news since the last sock_ready named it, oldest first;
// would_block when none has.
extern "C" cos_word sock_ready(cos_word, cos_word, cos_word, cos_word)
{
	return cosk::tcp::serve(COS_RETURN_ADDRESS(), cosk::tcp::do_ready);
}
COS_EXPORT(sock_ready);

// sock_close(id): closes a connection or listener.
extern "C" cos_word sock_close(cos_word id, cos_word, cos_word, cos_word)
{
	return cosk::tcp::serve(COS_RETURN_ADDRESS(), cosk::tcp::do_close, id);
}
COS_EXPORT(sock_close);

// sock_stat(which): one of the counters (cosk::tcp::Stat), from Stat::vnic_first on the vNIC's;
// 0 for an unknown number. Needs no lock: a counter read while it moves is still a counter.
extern "C" cos_word sock_stat(cos_word which, cos_word, cos_word, cos_word)
{
	constexpr cos_word vnic_first = static_cast<cos_word>(cosk::tcp::Stat::vnic_first);
	if (which >= vnic_first)
		return cosk::ip::stat(static_cast<cosk::vnic::Stat>(which - vnic_first));
	return which < static_cast<cos_word>(cosk::tcp::Stat::count) ? cosk::tcp::stack.stats[which] : 0;
}
COS_EXPORT(sock_stat);
