/* mk_ipc.c: endpoints, notifications and locks, written once over the sync
 * interface (mk_internal.h) and allocated in the arena, so they work
 * between the threads of a task and between tasks.
 *
 * An endpoint has EP_SLOTS message slots. A slot goes FREE -> QUEUED (a
 * call or a send arrived; its ticket orders arrivals) -> for a send, FREE
 * again when the server takes it; for a call, SERVING (the server took it;
 * the endpoint's `cur`) -> REPLIED (the reply is in the slot) -> FREE (the
 * caller took it, without the endpoint's lock: `state` is atomic). A caller that times out while QUEUED withdraws its
 * request; while SERVING it marks the slot abandoned, and the reply frees
 * it. A bound notification's pending bits are delivered before any queued
 * message. Lock order: endpoint, then notification.
 */
#include <stdatomic.h>
#include <string.h>

#include "mk_internal.h"

#define EP_SLOTS 8

enum { SLOT_FREE, SLOT_QUEUED, SLOT_SERVING, SLOT_REPLIED };

/* A message slot. `state` changes under the endpoint's lock, except that
 * the caller of a REPLIED slot takes its reply and frees it alone. */
struct slot {
	_Alignas(64) mks_cond done; /* the caller waits here for its reply */
	_Atomic uint32_t state;     /* SLOT_* */
	uint32_t abandoned;         /* the caller gave up: drop the reply */
	uint64_t ticket;            /* arrival number */
	mk_msg msg;                 /* flags: MK_MSG_CALL for a call */
};

/* The lock's fields, the server's condition and the senders' condition sit
 * on separate cache lines: a waiting server spins on `srv` alone. */
struct mk_endpoint {
	mks_mutex lock;
	mk_notify *bound;
	int cur;                       /* slot of the call being served, -1 = none */
	uint32_t queued;               /* slots QUEUED */
	uint32_t srv_waiters;          /* servers inside recv's wait */
	uint64_t tickets;              /* next arrival number */
	_Alignas(64) mks_cond srv;     /* a message or notification bits arrived */
	_Alignas(64) mks_cond room;    /* a slot was freed */
	_Atomic uint32_t room_waiters; /* senders waiting for a slot */
	struct slot slot[EP_SLOTS];
};

_Static_assert(sizeof(struct mk_endpoint) <= 4096, "an endpoint fits an arena block");

struct mk_notify {
	mks_mutex lock;
	mks_cond cond;
	uint32_t bits;   /* pending */
	mk_endpoint *ep; /* the endpoint it is bound to, or NULL */
};

struct mk_lock {
	mks_mutex m;
};

/* Wake a server waiting in recv, if any (lock held). */
static void wake_server(mk_endpoint *ep)
{
	if (ep->srv_waiters)
		mks_cond_signal(&ep->srv);
}

/* ---- notifications ---------------------------------------------------- */

/* A notification in the arena, nothing pending. */
mk_err mk_notify_create(mk_notify **n)
{
	if (!n)
		return MK_ERR_INVAL;
	mk_err e = mk_arena_alloc(sizeof **n, (void **)n);
	if (e)
		return e;
	mks_mutex_init(&(*n)->lock);
	mks_cond_init(&(*n)->cond);
	return MK_OK;
}

/* Unbind (if bound) and free a notification. */
void mk_notify_destroy(mk_notify *n)
{
	if (!n)
		return;
	if (n->ep)
		mk_ep_bind(n->ep, NULL);
	mks_cond_destroy(&n->cond);
	mks_mutex_destroy(&n->lock);
	mk_arena_free(n, sizeof *n);
}

/* OR bits in, wake a waiter, and the bound endpoint's server. */
void mk_notify_signal(mk_notify *n, uint32_t bits)
{
	if (!n || !bits)
		return;
	mks_lock(&n->lock);
	n->bits |= bits;
	mks_cond_signal(&n->cond);
	mk_endpoint *ep = n->ep;
	mks_unlock(&n->lock);
	if (ep) {
		mks_lock(&ep->lock);
		wake_server(ep);
		mks_unlock(&ep->lock);
	}
}

/* Take every pending bit (0 if none). */
static uint32_t notify_take(mk_notify *n)
{
	mks_lock(&n->lock);
	uint32_t b = n->bits;
	n->bits = 0;
	mks_unlock(&n->lock);
	return b;
}

/* Wait until some bit is pending, then take them all. */
mk_err mk_notify_wait(mk_notify *n, uint64_t timeout_ns, uint32_t *bits)
{
	if (!n || !bits)
		return MK_ERR_INVAL;
	uint64_t dl = mks_deadline(timeout_ns);
	mks_lock(&n->lock);
	while (!n->bits && mks_cond_wait(&n->cond, &n->lock, dl) == MK_OK)
		;
	*bits = n->bits;
	n->bits = 0;
	mks_unlock(&n->lock);
	return *bits ? MK_OK : MK_ERR_TIMEOUT;
}

/* ---- locks ------------------------------------------------------------------ */

/* A free lock in the arena. */
mk_err mk_lock_create(mk_lock **l)
{
	if (!l)
		return MK_ERR_INVAL;
	mk_err e = mk_arena_alloc(sizeof **l, (void **)l);
	if (!e)
		mks_mutex_init(&(*l)->m);
	return e;
}

/* Free a lock nobody holds. */
void mk_lock_destroy(mk_lock *l)
{
	if (!l)
		return;
	mks_mutex_destroy(&l->m);
	mk_arena_free(l, sizeof *l);
}

/* Take the lock. */
void mk_lock_acquire(mk_lock *l)
{
	mks_lock(&l->m);
}

/* Release the lock. */
void mk_lock_release(mk_lock *l)
{
	mks_unlock(&l->m);
}

/* ---- endpoints -------------------------------------------------------------- */

/* Copy label, words and the len bytes in use; set flags. */
static void msg_copy(mk_msg *d, const mk_msg *s, uint32_t flags)
{
	d->label = s->label;
	memcpy(d->w, s->w, sizeof d->w);
	d->flags = flags;
	d->len = s->len;
	memcpy(d->buf, s->buf, s->len);
}

/* An endpoint in the arena with every slot free. */
mk_err mk_ep_create(mk_endpoint **out)
{
	if (!out)
		return MK_ERR_INVAL;
	mk_endpoint *ep;
	mk_err e = mk_arena_alloc(sizeof *ep, (void **)&ep);
	if (e)
		return e;
	mks_mutex_init(&ep->lock);
	mks_cond_init(&ep->srv);
	mks_cond_init(&ep->room);
	for (int i = 0; i < EP_SLOTS; i++)
		mks_cond_init(&ep->slot[i].done);
	ep->cur = -1;
	*out = ep;
	return MK_OK;
}

/* Unbind and free an endpoint. */
void mk_ep_destroy(mk_endpoint *ep)
{
	if (!ep)
		return;
	mk_ep_bind(ep, NULL);
	for (int i = 0; i < EP_SLOTS; i++)
		mks_cond_destroy(&ep->slot[i].done);
	mks_cond_destroy(&ep->room);
	mks_cond_destroy(&ep->srv);
	mks_mutex_destroy(&ep->lock);
	mk_arena_free(ep, sizeof *ep);
}

/* Bind n (NULL: unbind); wake the server for bits already pending. */
mk_err mk_ep_bind(mk_endpoint *ep, mk_notify *n)
{
	if (!ep)
		return MK_ERR_INVAL;
	mk_err e = MK_OK;
	mks_lock(&ep->lock);
	mk_notify *old = ep->bound;
	if (n && old && old != n) {
		e = MK_ERR_BUSY;
	} else if (n) {
		mks_lock(&n->lock);
		if (n->ep && n->ep != ep)
			e = MK_ERR_BUSY;
		else
			n->ep = ep;
		mks_unlock(&n->lock);
		if (!e)
			ep->bound = n;
		wake_server(ep);
	} else if (old) {
		mks_lock(&old->lock);
		old->ep = NULL;
		mks_unlock(&old->lock);
		ep->bound = NULL;
	}
	mks_unlock(&ep->lock);
	return e;
}

/* Index of a free slot, or -1. */
static int slot_find(mk_endpoint *ep)
{
	for (int i = 0; i < EP_SLOTS; i++)
		if (atomic_load(&ep->slot[i].state) == SLOT_FREE)
			return i;
	return -1;
}

/* A free slot, waiting for one until dl; -1 on timeout (lock held). A
 * waiter counts itself in room_waiters before its last look, so a caller
 * that frees a slot without the lock sees it (both sides seq_cst). */
static int slot_get(mk_endpoint *ep, uint64_t dl)
{
	for (;;) {
		int i = slot_find(ep);
		if (i >= 0)
			return i;
		atomic_fetch_add(&ep->room_waiters, 1);
		i = slot_find(ep);
		mk_err e = i < 0 ? mks_cond_wait(&ep->room, &ep->lock, dl) : MK_OK;
		atomic_fetch_sub(&ep->room_waiters, 1);
		if (i >= 0)
			return i;
		if (e)
			return -1;
	}
}

/* Queue msg in slot s and wake the server (lock held). */
static void slot_queue(mk_endpoint *ep, struct slot *s, const mk_msg *msg, uint32_t flags)
{
	msg_copy(&s->msg, msg, flags);
	s->abandoned = 0;
	s->ticket = ep->tickets++;
	atomic_store(&s->state, SLOT_QUEUED);
	ep->queued++;
	wake_server(ep);
}

/* Free slot s and wake a sender waiting for room (lock held). */
static void slot_free(mk_endpoint *ep, struct slot *s)
{
	atomic_store(&s->state, SLOT_FREE);
	if (atomic_load(&ep->room_waiters))
		mks_cond_signal(&ep->room);
}

/* A timed-out caller leaves slot s: withdrawn if still queued, else its
 * reply will be dropped (lock held). */
static void slot_abandon(mk_endpoint *ep, struct slot *s)
{
	if (atomic_load(&s->state) == SLOT_QUEUED) {
		ep->queued--;
		slot_free(ep, s);
	} else {
		s->abandoned = 1;
	}
}

/* The caller of REPLIED slot s takes the reply and frees the slot without
 * the lock, which it takes only to wake a waiting sender. */
static mk_err reply_take(mk_endpoint *ep, struct slot *s, mk_msg *msg)
{
	msg_copy(msg, &s->msg, 0);
	atomic_store(&s->state, SLOT_FREE);
	if (atomic_load(&ep->room_waiters)) {
		mks_lock(&ep->lock);
		mks_cond_signal(&ep->room);
		mks_unlock(&ep->lock);
	}
	return MK_OK;
}

/* Client: queue a call, wait for its reply. */
mk_err mk_call(mk_endpoint *ep, mk_msg *msg, uint64_t timeout_ns)
{
	if (!ep || !msg || msg->len > MK_MSG_BUF)
		return MK_ERR_INVAL;
	uint64_t dl = mks_deadline(timeout_ns);
	mks_lock(&ep->lock);
	int i = slot_get(ep, dl);
	if (i < 0) {
		mks_unlock(&ep->lock);
		return MK_ERR_TIMEOUT;
	}
	struct slot *s = &ep->slot[i];
	slot_queue(ep, s, msg, MK_MSG_CALL);
	while (atomic_load(&s->state) != SLOT_REPLIED) {
		if (mks_cond_wait_unlock(&s->done, &ep->lock, dl) == MK_ERR_TIMEOUT) {
			slot_abandon(ep, s);
			mks_unlock(&ep->lock);
			return MK_ERR_TIMEOUT;
		}
		if (atomic_load(&s->state) == SLOT_REPLIED)
			return reply_take(ep, s, msg);
		mks_lock(&ep->lock);
	}
	mks_unlock(&ep->lock);
	return reply_take(ep, s, msg);
}

/* Queue a message without waiting for a reply. */
mk_err mk_send(mk_endpoint *ep, const mk_msg *msg, uint64_t timeout_ns)
{
	if (!ep || !msg || msg->len > MK_MSG_BUF)
		return MK_ERR_INVAL;
	uint64_t dl = mks_deadline(timeout_ns);
	mks_lock(&ep->lock);
	int i = slot_get(ep, dl);
	if (i >= 0)
		slot_queue(ep, &ep->slot[i], msg, 0);
	mks_unlock(&ep->lock);
	return i >= 0 ? MK_OK : MK_ERR_TIMEOUT;
}

/* Deliver the bound notification's bits, if any (lock held); 1 if done. */
static int take_notify(mk_endpoint *ep, mk_msg *msg)
{
	uint32_t bits = ep->bound ? notify_take(ep->bound) : 0;
	if (!bits)
		return 0;
	memset(msg->w, 0, sizeof msg->w);
	msg->label = 0;
	msg->w[0] = bits;
	msg->flags = MK_MSG_NOTIFY;
	msg->len = 0;
	return 1;
}

/* Deliver the oldest queued message (lock held; ep->queued > 0). */
static void take_oldest(mk_endpoint *ep, mk_msg *msg)
{
	struct slot *s = NULL;
	for (int i = 0; i < EP_SLOTS; i++) {
		struct slot *c = &ep->slot[i];
		if (atomic_load(&c->state) == SLOT_QUEUED && (!s || c->ticket < s->ticket))
			s = c;
	}
	msg_copy(msg, &s->msg, s->msg.flags);
	ep->queued--;
	if (s->msg.flags & MK_MSG_CALL) {
		atomic_store(&s->state, SLOT_SERVING);
		ep->cur = (int)(s - ep->slot);
	} else {
		slot_free(ep, s);
	}
}

/* Server: the next notification or message, waiting until dl (lock held). */
static mk_err recv_locked(mk_endpoint *ep, mk_msg *msg, uint64_t dl)
{
	if (ep->cur >= 0)
		return MK_ERR_STATE;
	for (;;) {
		if (take_notify(ep, msg))
			return MK_OK;
		if (ep->queued) {
			take_oldest(ep, msg);
			return MK_OK;
		}
		ep->srv_waiters++;
		mk_err e = mks_cond_wait(&ep->srv, &ep->lock, dl);
		ep->srv_waiters--;
		if (e)
			return e;
	}
}

/* Server: answer the call being served (lock held). */
static mk_err reply_locked(mk_endpoint *ep, const mk_msg *msg)
{
	if (ep->cur < 0)
		return MK_ERR_STATE;
	if (msg->len > MK_MSG_BUF)
		return MK_ERR_INVAL;
	struct slot *s = &ep->slot[ep->cur];
	ep->cur = -1;
	if (s->abandoned) {
		slot_free(ep, s);
		return MK_OK;
	}
	msg_copy(&s->msg, msg, 0);
	atomic_store(&s->state, SLOT_REPLIED);
	mks_cond_signal(&s->done);
	return MK_OK;
}

/* Server: wait for the next message. */
mk_err mk_recv(mk_endpoint *ep, mk_msg *msg, uint64_t timeout_ns)
{
	if (!ep || !msg)
		return MK_ERR_INVAL;
	uint64_t dl = mks_deadline(timeout_ns);
	mks_lock(&ep->lock);
	mk_err e = recv_locked(ep, msg, dl);
	mks_unlock(&ep->lock);
	return e;
}

/* Server: reply to the call being served. */
mk_err mk_reply(mk_endpoint *ep, const mk_msg *msg)
{
	if (!ep || !msg)
		return MK_ERR_INVAL;
	mks_lock(&ep->lock);
	mk_err e = reply_locked(ep, msg);
	mks_unlock(&ep->lock);
	return e;
}

/* Server: reply to the current call, if any, then wait for the next. */
mk_err mk_reply_recv(mk_endpoint *ep, mk_msg *msg, uint64_t timeout_ns)
{
	if (!ep || !msg)
		return MK_ERR_INVAL;
	uint64_t dl = mks_deadline(timeout_ns);
	mks_lock(&ep->lock);
	mk_err e = ep->cur >= 0 ? reply_locked(ep, msg) : MK_OK;
	if (!e)
		e = recv_locked(ep, msg, dl);
	mks_unlock(&ep->lock);
	return e;
}
