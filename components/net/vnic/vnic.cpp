// SPDX-License-Identifier: GPL-2.0
// The vNIC: the system's Ethernet device (section 4.1.2 of the MPD paper). The module's
// rx_handler writes the frames Linux's driver received for the system into the receive ring in
// this component's memory and raises the network interrupt; vnic_rx waits for it and hands the
// frames up, in the `frames` share, to IP and TCP; vnic_tx hands a frame of that share to the
// module, which queues it on the device. The graph grants this component `nic`, attaches the
// device (`nic vnic IFNAME MAC`) and makes the share (`share frames SIZE vnic tcp`); the loader
// tells it where both are (`nic.*` and `share.frames*` settings).
#include <cos/component.hpp>
#include <cos/config.hpp>
#include <cos/kernel.hpp>
#include <cos/net/frames.hpp>
#include <cos/net/vnic.hpp>
#include <cos/system/sched.hpp>
#include <cos/thread.hpp>

COS_NIC();
COS_CONFIG(256);

namespace {

using cosk::vnic::Error;

struct Vnic {
	bool looked = false;
	cos_nic_ring *ring = nullptr;
	cos_word slots = 0;
	cos_word mac = 0;
	bool mac_ok = false;
	cosk::net::Share frames;
	std::uint32_t consumer = 0;
	cos_word stats[static_cast<cos_word>(cosk::vnic::Stat::count)] = {};

	void add(cosk::vnic::Stat which, cos_word n = 1) { stats[static_cast<cos_word>(which)] += n; }

	void look()
	{
		if (looked)
			return;
		looked = true;
		auto ring_at = cosk::config::number("nic.ring");
		auto ring_slots = cosk::config::number("nic.slots");
		if (ring_at && ring_slots) {
			ring = reinterpret_cast<cos_nic_ring *>(cos_component_base() + ring_at.value());
			slots = ring_slots.value();
		}
		frames = cosk::net::find_share("share.frames", "share.frames.size");
		parse_mac();
	}

	// nic.mac, aa:bb:cc:dd:ee:ff (the loader checked it).
	void parse_mac()
	{
		auto text = cosk::config::get("nic.mac");
		if (!text || text.value().size != 17)
			return;
		cos_word m = 0;
		for (cos_word i = 0; i < 17; i++) {
			const char c = text.value().text[i];
			if (i % 3 == 2)
				continue;
			const int digit = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
					: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
			if (digit < 0)
				return;
			m = m << 4 | static_cast<cos_word>(digit);
		}
		mac = m;
		mac_ok = true;
	}

	bool ready() const { return ring && slots && frames.size; }

	std::uint32_t produced() const { return __atomic_load_n(&ring->producer, __ATOMIC_ACQUIRE); }

	const cos_nic_slot *slot(std::uint32_t n) const
	{
		auto *base = reinterpret_cast<std::uint8_t *>(ring) + COS_NIC_RING_SLOTS_OFFSET;
		return reinterpret_cast<const cos_nic_slot *>(base + (n & (slots - 1)) * COS_NIC_SLOT_SIZE);
	}

	// Copies frames from the ring into buffers first.. of the share, up to wanted; how many.
	cos_word take(cos_word first, cos_word wanted)
	{
		const std::uint32_t producer = produced();
		cos_word n = 0;
		while (consumer != producer && n < wanted) {
			const cos_nic_slot *s = slot(consumer);
			const std::uint32_t length = __atomic_load_n(&s->length, __ATOMIC_RELAXED);
			consumer++;
			if (length < 14 || length > cosk::net::frame_max) {
				add(cosk::vnic::Stat::malformed);
				continue;
			}
			cosk::net::Frame_buffer *b = frames.buffer(first + n);
			__builtin_memcpy(b->frame, s->frame, length);
			b->length = length;
			add(cosk::vnic::Stat::copied, length);
			add(cosk::vnic::Stat::received);
			n++;
		}
		__atomic_store_n(&ring->consumer, consumer, __ATOMIC_RELEASE);
		return n;
	}
};

Vnic vnic;

} // namespace

// vnic_rx(first, count): waits for frames, copies up to count of them into buffers first.. of the share.
extern "C" cos_word vnic_rx(cos_word first, cos_word count, cos_word, cos_word)
{
	vnic.look();
	if (!vnic.ready())
		return cosk::reply_error(Error::not_configured);
	if (count == 0 || first > vnic.frames.buffers() || count > vnic.frames.buffers() - first)
		return cosk::reply_error(Error::bad_buffer);
	for (;;) {
		const cos_word n = vnic.take(first, count);
		if (n)
			return n;
		// Nothing (left) in the ring: the interrupt comes with the next frame, also if one came
		// since take() looked (the scheduler keeps it pending).
		if (vnic.produced() == vnic.consumer)
			static_cast<void>(cosk::sched::wait_interrupt(COS_INTERRUPT_NIC));
	}
}
COS_EXPORT(vnic_rx);

// vnic_tx(n): sends the frame in buffer n of the share.
extern "C" cos_word vnic_tx(cos_word n, cos_word, cos_word, cos_word)
{
	vnic.look();
	if (!vnic.ready())
		return cosk::reply_error(Error::not_configured);
	if (n >= vnic.frames.buffers())
		return cosk::reply_error(Error::bad_buffer);
	const cosk::net::Frame_buffer *b = vnic.frames.buffer(n);
	const std::uint32_t length = b->length;
	if (length > cosk::net::frame_max)
		return cosk::reply_error(Error::bad_buffer);
	auto sent = cosk::kernel::nic_send(b->frame, length);
	vnic.add(sent ? cosk::vnic::Stat::sent : cosk::vnic::Stat::send_failed);
	if (!sent)
		return cosk::reply_error(sent.error() == cosk::kernel::Error{ENODEV} ? Error::no_device : Error::refused);
	return 0;
}
COS_EXPORT(vnic_tx);

// vnic_mac(): the system's Ethernet address.
extern "C" cos_word vnic_mac(cos_word, cos_word, cos_word, cos_word)
{
	vnic.look();
	return vnic.mac_ok ? vnic.mac : cosk::reply_error(Error::not_configured);
}
COS_EXPORT(vnic_mac);

// vnic_stat(which): one of the counters (cosk::vnic::Stat), 0 for an unknown number.
extern "C" cos_word vnic_stat(cos_word which, cos_word, cos_word, cos_word)
{
	return which < static_cast<cos_word>(cosk::vnic::Stat::count) ? vnic.stats[which] : 0;
}
COS_EXPORT(vnic_stat);
