// SPDX-License-Identifier: GPL-2.0
/*
 * Capabilities: a component may invoke only what its kernel capability table holds. Each kernel
 * capability has a user-level twin in the client's memory whose function pointer decides the
 * path: the server's function itself when both share a domain (a plain call), or the client's
 * stub into the module when they do not. The module keeps that pointer right.
 */
#include <linux/mm.h>
#include "cos.h"

/* The function pointer the client's user-level capability must hold now. */
static unsigned long cos_cap_target(struct cos_component *client, struct cos_cap *cap)
{
	return client->pd == cap->server->pd ? cap->fn : client->inv_stub;
}

/**
 * cos_cap_create() - COS_IOC_CAP_CREATE, already copied in
 * @sys: the system, locked
 * @r: the request (a struct cos_cap_create); its cap is filled in
 *
 * Return: 0, -EINVAL for a bad component, address or reserved field, or -ENOSPC when the
 * client's table is full.
 */
int cos_cap_create(struct cos_system *sys, union cos_setup_request *r)
{
	struct cos_cap_create *req = &r->cap;
	struct cos_component *client = cos_system_component(sys, req->client);
	struct cos_component *server = cos_system_component(sys, req->server);
	struct cos_cap *cap;

	/* decode */
	if (!client || !server || client == server || req->cap || req->reserved0 ||
	    memchr_inv(req->reserved, 0, sizeof(req->reserved)))
		return -EINVAL;
	if (!cos_component_owns(server, req->fn) || !cos_component_owns(client, req->ucap) ||
	    !IS_ALIGNED(req->ucap, COS_UCAP_SIZE) || !cos_subtree_page(&client->tree, req->ucap))
		return -EINVAL;
	if (client->ncaps == COS_MAX_CAPS)
		return -ENOSPC;

	/* invoke: the checks above guarantee the four words are mapped, on one page */
	cap = &client->caps[client->ncaps];
	memset(cap, 0, sizeof(*cap));
	cap->server = server;
	cap->fn = req->fn;
	cap->ucap = req->ucap;
	cap->ucap_words = page_address(cos_subtree_page(&client->tree, req->ucap)) +
			  offset_in_page(req->ucap);
	WRITE_ONCE(cap->ucap_words[0], cos_cap_target(client, cap));
	WRITE_ONCE(cap->ucap_words[1], client->ncaps);
	req->cap = client->ncaps++;
	return 0;
}

/**
 * cos_cap_through_module() - make @client's capabilities to @server go through the module
 * @client: the component
 * @server: the server, or NULL for all of them
 *
 * The stub works whatever the domains: the module routes an invocation to wherever the server
 * is. Used before a component moves away from its domain's other members.
 */
void cos_cap_through_module(struct cos_component *client, struct cos_component *server)
{
	u32 i;

	for (i = 0; i < client->ncaps; i++) {
		struct cos_cap *cap = &client->caps[i];

		if ((!server || cap->server == server) && READ_ONCE(cap->ucap_words[0]) != client->inv_stub)
			WRITE_ONCE(cap->ucap_words[0], client->inv_stub);
	}
}

/**
 * cos_cap_refresh() - make every user-level capability of @client call the way the domains say
 * @client: the component; its and its servers' domains have changed
 *
 * A direct call where client and server share a domain now, the stub into the module where they
 * do not. Each pointer is one aligned word, which the client reads whole.
 */
void cos_cap_refresh(struct cos_component *client)
{
	u32 i;

	for (i = 0; i < client->ncaps; i++) {
		struct cos_cap *cap = &client->caps[i];
		unsigned long target = cos_cap_target(client, cap);

		if (READ_ONCE(cap->ucap_words[0]) != target)
			WRITE_ONCE(cap->ucap_words[0], target);
	}
}
