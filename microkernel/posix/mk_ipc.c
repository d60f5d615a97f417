/* mk_ipc.c: synchronous IPC endpoints on a Linux host (pthread mutex and
 * condition variables on the monotonic clock).
 *
 * An endpoint holds one message slot and a small state machine:
 * IDLE -> SENT (a client put a request) -> RECEIVED (the server took it)
 * -> REPLIED (the reply is in the slot) -> IDLE (the client took it).
 * A client that times out while SENT withdraws its request; one that times
 * out while RECEIVED marks the call abandoned so the reply is dropped.
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "mk.h"

enum { EP_IDLE, EP_SENT, EP_RECEIVED, EP_REPLIED };

struct mk_endpoint {
	pthread_mutex_t lock;
	pthread_cond_t to_server; /* a request arrived */
	pthread_cond_t to_client; /* the slot freed up or a reply arrived */
	int state;
	int abandoned; /* the RECEIVED call's client gave up */
	uint64_t seq;  /* number of the call in the slot */
	mk_msg slot;
};

/* Absolute CLOCK_MONOTONIC deadline for a relative timeout. */
static struct timespec deadline_of(uint64_t timeout_ns)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	uint64_t ns = (uint64_t)ts.tv_nsec + timeout_ns % 1000000000u;
	ts.tv_sec += (time_t)(timeout_ns / 1000000000u + ns / 1000000000u);
	ts.tv_nsec = (long)(ns % 1000000000u);
	return ts;
}

/* Wait on cv until the deadline (NULL = forever); 0 or ETIMEDOUT. */
static int wait_until(pthread_cond_t *cv, pthread_mutex_t *m, const struct timespec *dl)
{
	if (!dl)
		return pthread_cond_wait(cv, m);
	return pthread_cond_timedwait(cv, m, dl);
}

/* New endpoint. */
mk_err mk_ep_create(mk_endpoint **out)
{
	pthread_condattr_t ca;
	if (!out)
		return MK_ERR_INVAL;
	mk_endpoint *ep = calloc(1, sizeof *ep);
	if (!ep)
		return MK_ERR_NOMEM;
	pthread_mutex_init(&ep->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&ep->to_server, &ca);
	pthread_cond_init(&ep->to_client, &ca);
	pthread_condattr_destroy(&ca);
	*out = ep;
	return MK_OK;
}

/* Free an endpoint. */
void mk_ep_destroy(mk_endpoint *ep)
{
	if (!ep)
		return;
	pthread_cond_destroy(&ep->to_server);
	pthread_cond_destroy(&ep->to_client);
	pthread_mutex_destroy(&ep->lock);
	free(ep);
}

/* Client: send and wait for the reply. */
mk_err mk_call(mk_endpoint *ep, mk_msg *msg, uint64_t timeout_ns)
{
	struct timespec dl, *dlp = NULL;
	if (!ep || !msg)
		return MK_ERR_INVAL;
	if (timeout_ns != MK_FOREVER) {
		dl = deadline_of(timeout_ns);
		dlp = &dl;
	}
	pthread_mutex_lock(&ep->lock);
	while (ep->state != EP_IDLE) {
		if (wait_until(&ep->to_client, &ep->lock, dlp) == ETIMEDOUT &&
		    ep->state != EP_IDLE) {
			pthread_mutex_unlock(&ep->lock);
			return MK_ERR_TIMEOUT;
		}
	}
	ep->slot = *msg;
	ep->state = EP_SENT;
	ep->abandoned = 0;
	uint64_t me = ++ep->seq;
	pthread_cond_signal(&ep->to_server);
	while (!(ep->state == EP_REPLIED && ep->seq == me)) {
		if (wait_until(&ep->to_client, &ep->lock, dlp) == ETIMEDOUT &&
		    !(ep->state == EP_REPLIED && ep->seq == me)) {
			if (ep->seq == me && ep->state == EP_SENT) {
				ep->state = EP_IDLE; /* withdraw the request */
				pthread_cond_broadcast(&ep->to_client);
			} else if (ep->seq == me && ep->state == EP_RECEIVED) {
				ep->abandoned = 1;
			}
			pthread_mutex_unlock(&ep->lock);
			return MK_ERR_TIMEOUT;
		}
	}
	*msg = ep->slot;
	ep->state = EP_IDLE;
	pthread_cond_broadcast(&ep->to_client);
	pthread_mutex_unlock(&ep->lock);
	return MK_OK;
}

/* Server: take the next request (lock held by the caller). */
static mk_err recv_locked(mk_endpoint *ep, mk_msg *msg, uint64_t timeout_ns)
{
	struct timespec dl, *dlp = NULL;
	if (ep->state == EP_RECEIVED)
		return MK_ERR_STATE;
	if (timeout_ns != MK_FOREVER) {
		dl = deadline_of(timeout_ns);
		dlp = &dl;
	}
	while (ep->state != EP_SENT) {
		if (wait_until(&ep->to_server, &ep->lock, dlp) == ETIMEDOUT && ep->state != EP_SENT)
			return MK_ERR_TIMEOUT;
	}
	*msg = ep->slot;
	ep->state = EP_RECEIVED;
	return MK_OK;
}

/* Server: reply to the received call (lock held by the caller). */
static mk_err reply_locked(mk_endpoint *ep, const mk_msg *msg)
{
	if (ep->state != EP_RECEIVED)
		return MK_ERR_STATE;
	if (ep->abandoned) {
		ep->abandoned = 0;
		ep->state = EP_IDLE;
	} else {
		ep->slot = *msg;
		ep->state = EP_REPLIED;
	}
	pthread_cond_broadcast(&ep->to_client);
	return MK_OK;
}

/* Server: wait for a call. */
mk_err mk_recv(mk_endpoint *ep, mk_msg *msg, uint64_t timeout_ns)
{
	if (!ep || !msg)
		return MK_ERR_INVAL;
	pthread_mutex_lock(&ep->lock);
	mk_err e = recv_locked(ep, msg, timeout_ns);
	pthread_mutex_unlock(&ep->lock);
	return e;
}

/* Server: reply. */
mk_err mk_reply(mk_endpoint *ep, const mk_msg *msg)
{
	if (!ep || !msg)
		return MK_ERR_INVAL;
	pthread_mutex_lock(&ep->lock);
	mk_err e = reply_locked(ep, msg);
	pthread_mutex_unlock(&ep->lock);
	return e;
}

/* Server: reply if a call is pending, then wait for the next. */
mk_err mk_reply_recv(mk_endpoint *ep, mk_msg *msg, uint64_t timeout_ns)
{
	if (!ep || !msg)
		return MK_ERR_INVAL;
	pthread_mutex_lock(&ep->lock);
	if (ep->state == EP_RECEIVED)
		reply_locked(ep, msg);
	mk_err e = recv_locked(ep, msg, timeout_ns);
	pthread_mutex_unlock(&ep->lock);
	return e;
}
