// SPDX-License-Identifier: GPL-2.0
/*
 * A system's network interface: COS_IOC_NIC_ATTACH gives a component (COS_COMPONENT_NIC) a Linux
 * Ethernet device. Its receive path is taken as macvlan takes its lower device's: an rx_handler
 * (nic_ring.c) writes the system's frames into a ring in the component's memory, and hands every
 * other frame, and a copy of broadcasts and multicasts, on to Linux, whose own networking on the
 * device keeps working. The component sends with COS_IOC_CALL_NIC_SEND.
 *
 * The device is let go (its rx_handler unregistered, its unicast filter entry removed, its
 * reference dropped) when the system is freed, and when Linux unregisters it (a netdevice
 * notifier): whichever comes first, under RTNL. The ring outlives that: the component maps it
 * until the system is freed, after a grace period in which no rx_handler can still run.
 */
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <linux/skbuff.h>
#include <linux/uaccess.h>
#include <net/net_namespace.h>
#include "host.h"

/* Lets go of @nic's device. Under RTNL, with the device attached. */
static void cos_nic_detach(struct cos_nic *nic)
{
	struct net_device *dev = nic->dev;

	ASSERT_RTNL();
	netdev_rx_handler_unregister(dev);	/* waits for running handlers (synchronize_net()) */
	dev_uc_del(dev, nic->addr);
	spin_lock_bh(&nic->lock);
	nic->dev = NULL;
	spin_unlock_bh(&nic->lock);
	dev_put(dev);
}

/* Whether @dev's receive path is one of the module's: then rx_handler_data is its interface. */
static struct cos_nic *cos_nic_of(struct net_device *dev)
{
	if (rtnl_dereference(dev->rx_handler) != cos_nic_ring_rx)
		return NULL;
	return rtnl_dereference(dev->rx_handler_data);
}

static int cos_nic_event(struct notifier_block *nb, unsigned long event, void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct cos_nic *nic;

	if (event != NETDEV_UNREGISTER)
		return NOTIFY_DONE;
	nic = cos_nic_of(dev);
	if (nic)
		cos_nic_detach(nic);
	return NOTIFY_DONE;
}

static struct notifier_block cos_nic_notifier = {
	.notifier_call = cos_nic_event,
};

/* Checks every field of @req that needs no device; finds the component. */
static int cos_nic_decode(struct cos_system *sys, struct cos_nic_attach *req, struct cos_component **out)
{
	struct cos_component *c = cos_system_component(sys, req->component);
	unsigned long size, off;

	BUILD_BUG_ON(COS_NIC_NAME_SIZE != IFNAMSIZ);
	if (req->flags || req->reserved0 || memchr_inv(req->reserved, 0, sizeof(req->reserved)))
		return -EINVAL;
	if (!c || !memchr(req->ifname, 0, sizeof(req->ifname)) || !req->ifname[0])
		return -EINVAL;
	if (!is_power_of_2(req->slots) || req->slots > COS_NIC_RING_MAX_SLOTS)
		return -EINVAL;
	if (!is_valid_ether_addr(req->addr))
		return -EINVAL;
	size = COS_NIC_RING_SLOTS_OFFSET + PAGE_ALIGN(req->slots * COS_NIC_SLOT_SIZE);
	if (!PAGE_ALIGNED(req->ring) || !cos_component_owns(c, req->ring) ||
	    size > COS_SLOT_SIZE - (req->ring - c->tree.base))
		return -EINVAL;
	if (!(c->flags & COS_COMPONENT_NIC))
		return -EPERM;
	if (sys->nic)
		return -EBUSY;
	for (off = 0; off < size; off += PAGE_SIZE) {
		if (cos_subtree_page(&c->tree, req->ring + off))
			return -EEXIST;
	}
	*out = c;
	return 0;
}

/* Finds the device @req names in the caller's namespace and checks it; returns it held. */
static int cos_nic_device(struct cos_nic_attach *req, struct net_device **out)
{
	struct net *net = current->nsproxy->net_ns;
	struct net_device *dev;

	if (!ns_capable(net->user_ns, CAP_NET_ADMIN))
		return -EPERM;
	dev = dev_get_by_name(net, req->ifname);
	if (!dev)
		return -ENODEV;
	if (dev->type != ARPHRD_ETHER || dev->addr_len != ETH_ALEN || (dev->flags & IFF_LOOPBACK)) {
		dev_put(dev);
		return -EOPNOTSUPP;
	}
	*out = dev;
	return 0;
}

/**
 * cos_nic_attach() - COS_IOC_NIC_ATTACH, already copied in
 * @sys: the system, locked
 * @r: the request (a struct cos_nic_attach)
 *
 * Return: 0 or -errno as module/uapi/cos.h describes.
 */
int cos_nic_attach(struct cos_system *sys, union cos_setup_request *r)
{
	struct cos_nic_attach *req = &r->nic;
	struct net_device *dev;
	struct cos_component *c;
	struct cos_nic *nic;
	int ret;

	/* decode */
	ret = cos_nic_decode(sys, req, &c);
	if (ret)
		return ret;
	ret = cos_nic_device(req, &dev);
	if (ret)
		return ret;
	rtnl_lock();
	if (dev->reg_state != NETREG_REGISTERED)
		ret = -ENODEV;
	else if (netdev_is_rx_handler_busy(dev))
		ret = -EBUSY;
	if (ret)
		goto err_unlock;

	/* invoke */
	nic = cos_nic_ring_create(req->slots);
	if (!nic) {
		ret = -ENOMEM;
		goto err_unlock;
	}
	ether_addr_copy(nic->addr, req->addr);
	nic->sys = sys;		/* the rx_handler raises its interrupt line */
	/* From here on the ring is the system's, freed with it: it may be partly mapped already. */
	sys->nic = nic;
	ret = cos_nic_ring_map(nic, c, req->ring);
	if (ret)
		goto err_unlock;
	ret = dev_uc_add(dev, nic->addr);
	if (ret)
		goto err_unlock;
	ret = netdev_rx_handler_register(dev, cos_nic_ring_rx, nic);
	if (ret)
		goto err_filtered;
	nic->dev = dev;		/* the reference dev_get_by_name() took is the interface's now */
	rtnl_unlock();
	return 0;

err_filtered:
	dev_uc_del(dev, nic->addr);
err_unlock:
	rtnl_unlock();
	dev_put(dev);
	return ret;
}

/**
 * cos_nic_release() - let go of @sys's device and free its interface
 * @sys: a system being freed, whose components are gone (nothing maps the ring)
 */
void cos_nic_release(struct cos_system *sys)
{
	struct cos_nic *nic = sys->nic;

	if (!nic)
		return;
	rtnl_lock();
	if (nic->dev)
		cos_nic_detach(nic);
	rtnl_unlock();
	synchronize_net();	/* no rx_handler still writes the ring */
	cos_nic_ring_free(nic);
	sys->nic = NULL;
}

/**
 * cos_nic_stats() - fill in @stats' network interface counters
 * @sys: the system, locked
 * @stats: its counters
 */
void cos_nic_stats(struct cos_system *sys, struct cos_stats *stats)
{
	struct cos_nic *nic = sys->nic;

	if (!nic)
		return;
	stats->nics = 1;
	stats->nic_rx_seen = atomic64_read(&nic->rx_seen);
	stats->nic_rx_delivered = atomic64_read(&nic->rx_delivered);
	stats->nic_rx_full = atomic64_read(&nic->rx_full);
	stats->nic_rx_dropped = atomic64_read(&nic->rx_dropped);
	stats->nic_tx_sent = atomic64_read(&nic->tx_sent);
	stats->nic_tx_failed = atomic64_read(&nic->tx_failed);
}

/* Sends @len bytes at @frame (component memory of the caller's domain) on @dev. */
static int cos_nic_xmit(struct net_device *dev, const void __user *frame, unsigned long len)
{
	unsigned int reserve = LL_RESERVED_SPACE(dev);
	struct sk_buff *skb;
	int ret;

	if (len < ETH_HLEN || len > dev->mtu + ETH_HLEN)
		return -EINVAL;
	if (!(dev->flags & IFF_UP))
		return -ENETDOWN;
	skb = alloc_skb(reserve + max_t(size_t, len, ETH_ZLEN), GFP_KERNEL);
	if (!skb)
		return -ENOMEM;
	skb_reserve(skb, reserve);
	if (copy_from_user(skb_put(skb, len), frame, len)) {
		kfree_skb(skb);
		return -EFAULT;
	}
	/* A short frame (an ARP reply is 42 bytes) is padded to Ethernet's minimum, as a driver does. */
	if (len < ETH_ZLEN)
		skb_put_zero(skb, ETH_ZLEN - len);
	skb_reset_mac_header(skb);
	skb_set_network_header(skb, ETH_HLEN);
	skb->protocol = eth_hdr(skb)->h_proto;
	skb->dev = dev;
	ret = dev_queue_xmit(skb);
	if (ret > 0)
		ret = net_xmit_errno(ret);
	return ret;
}

/**
 * cos_nic_send() - COS_IOC_CALL_NIC_SEND: send a frame on the system's device
 * @h: the host, on its own thread
 * @caller: the calling component (COS_COMPONENT_NIC, which the call table checks)
 * @regs: the frame's address in %rdx, its length in %r8
 *
 * Return: 0 or -errno as module/uapi/cos.h describes.
 */
long cos_nic_send(struct cos_host *h, struct cos_component *caller, struct pt_regs *regs)
{
	struct cos_nic *nic = h->sys->nic;
	struct net_device *dev = NULL;
	int ret;

	/* decode */
	if (nic) {
		spin_lock_bh(&nic->lock);
		dev = nic->dev;
		if (dev)
			dev_hold(dev);
		spin_unlock_bh(&nic->lock);
	}
	if (!dev) {
		ret = -ENODEV;
	} else if (!cos_calls_reaches(h, regs->dx, max_t(unsigned long, regs->r8, 1))) {
		ret = -EFAULT;
	} else {
		/* invoke */
		ret = cos_nic_xmit(dev, (const void __user *)regs->dx, regs->r8);
	}
	if (dev)
		dev_put(dev);
	if (nic)
		atomic64_inc(ret ? &nic->tx_failed : &nic->tx_sent);
	return ret;
}

/**
 * cos_nic_init() - watch for devices going away
 *
 * Return: 0 or the error of register_netdevice_notifier().
 */
int cos_nic_init(void)
{
	return register_netdevice_notifier(&cos_nic_notifier);
}

/**
 * cos_nic_exit() - mirrors cos_nic_init(); every system, and so every interface, is gone
 */
void cos_nic_exit(void)
{
	unregister_netdevice_notifier(&cos_nic_notifier);
}
