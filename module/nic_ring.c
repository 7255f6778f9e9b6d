// SPDX-License-Identifier: GPL-2.0
/*
 * The receive ring of a system's network interface (module/uapi/cos.h, struct cos_nic_ring): pages
 * the module owns and maps into the receiving component's slot, and the rx_handler that fills
 * them. The handler runs in softirq, on any CPU, possibly on several at once (a device with
 * several receive queues): the producer side is under the interface's lock. The component's
 * consumer index is read, never trusted: a wrong one costs the component its own frames only.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <net/checksum.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include "cos.h"

/**
 * cos_nic_ring_create() - an interface with a fresh, zeroed receive ring of @slots slots
 * @slots: a power of two, at most COS_NIC_RING_MAX_SLOTS
 *
 * Return: the interface, attached to nothing, or NULL when out of memory.
 */
struct cos_nic *cos_nic_ring_create(u32 slots)
{
	u32 npages = 1 + DIV_ROUND_UP(slots * COS_NIC_SLOT_SIZE, PAGE_SIZE);
	struct cos_nic *nic = kzalloc(sizeof(*nic), GFP_KERNEL_ACCOUNT);
	struct cos_nic_ring *ring;

	BUILD_BUG_ON(COS_NIC_RING_SLOTS_OFFSET != PAGE_SIZE || PAGE_SIZE % COS_NIC_SLOT_SIZE);
	BUILD_BUG_ON(sizeof(struct cos_nic_slot) != COS_NIC_SLOT_SIZE);
	BUILD_BUG_ON(offsetof(struct cos_nic_ring, consumer) != 64);
	if (!nic)
		return NULL;
	spin_lock_init(&nic->lock);
	nic->slots = slots;
	nic->pages = kcalloc(npages, sizeof(*nic->pages), GFP_KERNEL_ACCOUNT);
	if (!nic->pages)
		goto err;
	for (nic->npages = 0; nic->npages < npages; nic->npages++) {
		nic->pages[nic->npages] = cos_pages_alloc(0);
		if (!nic->pages[nic->npages])
			goto err;
	}
	ring = page_address(nic->pages[0]);
	ring->slots = slots;
	return nic;

err:
	cos_nic_ring_free(nic);
	return NULL;
}

/**
 * cos_nic_ring_map() - map @nic's ring read-write at @addr in @c's slot
 * @nic: the interface
 * @c: the receiving component
 * @addr: page-aligned; the range is free (checked by the caller)
 *
 * The pages stay @nic's (borrowed by the slot): they are freed with the interface, after the
 * component. A failure leaves the pages mapped so far mapped, as COS_IOC_MAP does.
 *
 * Return: 0 or -ENOMEM.
 */
int cos_nic_ring_map(struct cos_nic *nic, struct cos_component *c, unsigned long addr)
{
	u32 i;
	int ret;

	for (i = 0; i < nic->npages; i++) {
		ret = cos_subtree_map(&c->tree, addr + i * PAGE_SIZE, nic->pages[i],
				      COS_PROT_READ | COS_PROT_WRITE | COS_PROT_BORROWED);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * cos_nic_ring_free() - free @nic and its ring
 * @nic: an interface no device delivers to any more (after a grace period), whose ring no
 *	component maps any more; may be NULL
 */
void cos_nic_ring_free(struct cos_nic *nic)
{
	u32 i;

	if (!nic)
		return;
	for (i = 0; i < nic->npages; i++)
		cos_pages_free(nic->pages[i], 0);
	kfree(nic->pages);
	kfree(nic);
}

/* Slot @n of the ring, through the kernel's mapping of its page. */
static struct cos_nic_slot *cos_nic_ring_slot(struct cos_nic *nic, u32 n)
{
	size_t off = COS_NIC_RING_SLOTS_OFFSET + (size_t)(n & (nic->slots - 1)) * COS_NIC_SLOT_SIZE;

	return page_address(nic->pages[off >> PAGE_SHIFT]) + offset_in_page(off);
}

/*
 * Completes in the ring's copy a checksum that Linux left to the device (CHECKSUM_PARTIAL: the
 * frames of a veth peer, a tap), as skb_checksum_help() would in the skb: the components check
 * every checksum in software. False when the offsets lie outside the frame.
 */
static bool cos_nic_ring_checksum(struct sk_buff *skb, u8 *frame, unsigned int len)
{
	int start = skb_checksum_start(skb) - skb_mac_header(skb);
	__wsum csum;

	if (skb->ip_summed != CHECKSUM_PARTIAL)
		return true;
	if (start < ETH_HLEN || start + skb->csum_offset + sizeof(__sum16) > len)
		return false;
	csum = csum_partial(frame + start, len - start, 0);
	*(__sum16 *)(frame + start + skb->csum_offset) = csum_fold(csum) ?: CSUM_MANGLED_0;
	return true;
}

/*
 * Writes @skb's frame, from its MAC header (before skb->data on the receive path, at it for a
 * segment cut here) to its end, into the ring, or counts why not. A frame in the ring raises the
 * system's COS_INTERRUPT_NIC, after the producer index is published: the thread it wakes finds the
 * frame.
 */
static void cos_nic_ring_put(struct cos_nic *nic, struct sk_buff *skb)
{
	struct cos_nic_ring *ring = page_address(nic->pages[0]);
	int hlen = skb->data - skb_mac_header(skb);
	unsigned int len = hlen + skb->len;
	struct cos_nic_slot *slot;
	bool delivered = false;

	spin_lock(&nic->lock);
	atomic64_inc(&nic->rx_seen);
	if (hlen < 0 || len < ETH_HLEN || len > COS_NIC_FRAME_MAX) {
		atomic64_inc(&nic->rx_dropped);
	} else if (nic->producer - READ_ONCE(ring->consumer) >= nic->slots) {
		atomic64_inc(&nic->rx_full);
	} else {
		slot = cos_nic_ring_slot(nic, nic->producer);
		if (skb_copy_bits(skb, -hlen, slot->frame, len) ||
		    !cos_nic_ring_checksum(skb, slot->frame, len)) {
			atomic64_inc(&nic->rx_dropped);
		} else {
			WRITE_ONCE(slot->length, len);
			nic->producer++;
			smp_store_release(&ring->producer, nic->producer);
			atomic64_inc(&nic->rx_delivered);
			delivered = true;
		}
	}
	spin_unlock(&nic->lock);
	if (delivered)
		cos_interrupt_raise(nic->sys, COS_INTERRUPT_NIC);
}

/*
 * A frame that stands for several (GSO: a veth peer's TCP segments up to 64 KiB, which its stack
 * left for the device to cut): cut here in software, as a device would, each segment with its
 * checksums, and each into the ring. Segmenting wants @skb from its MAC header, and its own.
 */
static void cos_nic_ring_put_segments(struct cos_nic *nic, struct sk_buff *skb)
{
	struct sk_buff *segs, *seg, *next;

	__skb_push(skb, skb->data - skb_mac_header(skb));
	segs = __skb_gso_segment(skb, NETIF_F_SG, false);
	skb_pull(skb, ETH_HLEN);
	if (IS_ERR_OR_NULL(segs)) {
		atomic64_inc(&nic->rx_seen);
		atomic64_inc(&nic->rx_dropped);
		return;
	}
	skb_list_walk_safe(segs, seg, next) {
		skb_mark_not_on_list(seg);
		cos_nic_ring_put(nic, seg);
		kfree_skb(seg);
	}
}

/**
 * cos_nic_ring_rx() - the rx_handler of an attached device
 * @pskb: the frame received; its Ethernet header is pulled (eth_type_trans())
 *
 * As macvlan's: a frame to the system's address goes into the ring and is consumed; a broadcast
 * or multicast frame goes into the ring and on to Linux; any other goes on to Linux untouched.
 * Runs under rcu_read_lock(), in softirq.
 *
 * Return: RX_HANDLER_CONSUMED for the system's own frames, RX_HANDLER_PASS for the others.
 */
rx_handler_result_t cos_nic_ring_rx(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct cos_nic *nic = rcu_dereference(skb->dev->rx_handler_data);
	const u8 *dest = eth_hdr(skb)->h_dest;
	bool mine;

	if (skb->pkt_type == PACKET_LOOPBACK)
		return RX_HANDLER_PASS;
	mine = ether_addr_equal(dest, nic->addr);
	if (!mine && !is_multicast_ether_addr(dest))
		return RX_HANDLER_PASS;
	if (skb_is_gso(skb)) {
		skb = skb_share_check(skb, GFP_ATOMIC);
		if (!skb)
			return RX_HANDLER_CONSUMED;
		*pskb = skb;
		cos_nic_ring_put_segments(nic, skb);
	} else
		cos_nic_ring_put(nic, skb);
	if (!mine)
		return RX_HANDLER_PASS;
	consume_skb(skb);
	return RX_HANDLER_CONSUMED;
}
