/* test_mk_stress.c: many threads (and an isolated task) exchange a few
 * hundred thousand messages over a few endpoints; every message is
 * accounted for (per-client call counts, per-sender sequence numbers,
 * buffer checksums, notification bits), and a watchdog turns a deadlock
 * into a failure. */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mk.h"
#include "rt_tap.h"

#define NEP         3     /* endpoints, one server thread each */
#define NCLIENT     8     /* client threads */
#define NSENDER     2     /* threads that only send */
#define CALLS       20000 /* calls per client */
#define SENDS       40000 /* sends per sender */
#define TASK_CALLS  10000
#define TIMED_CALLS 5000
#define ID_TASK     NCLIENT       /* the isolated task's client id */
#define ID_TIMED    (NCLIENT + 1) /* the client with tiny timeouts */
#define NID         (NCLIENT + 2)
#define DEADLINE_S  90 /* the watchdog's limit (meson's timeout is larger) */
#define LABEL_CALL  1
#define LABEL_SEND  2
#define LABEL_STOP  3

/* What one server saw (written by its thread only, read after the join). */
struct server {
	mk_endpoint *ep;
	mk_notify *n;
	uint64_t calls[NID];
	uint64_t sends[NSENDER];
	uint64_t next_seq[NSENDER]; /* the sequence number expected next */
	uint64_t bad;               /* out of order, bad buffers */
	uint32_t bits;              /* notification bits seen */
};

static struct server srv[NEP];
static atomic_int finished;

/* The byte i of the buffer of message `key`. */
static uint8_t pattern(uint64_t key, uint32_t i)
{
	return (uint8_t)(key * 31 + i);
}

/* Check a call's buffer; answer w[0] + 1 and the buffer's sum (bytes). */
static void serve_call(struct server *s, mk_msg *m)
{
	uint64_t sum = 0;
	for (uint32_t i = 0; i < m->len; i++) {
		s->bad += m->buf[i] != pattern(m->w[1], i);
		sum += m->buf[i];
	}
	if (m->w[0] < NID)
		s->calls[m->w[0]]++;
	else
		s->bad++;
	m->w[2] = sum;
	m->w[1]++;
	m->len = 0;
}

/* Count a send, checking its sender's order. */
static void serve_send(struct server *s, const mk_msg *m)
{
	uint64_t id = m->w[0];
	if (id >= NSENDER || m->w[1] < s->next_seq[id]) {
		s->bad++;
		return;
	}
	s->next_seq[id] = m->w[1] + 1;
	s->sends[id]++;
}

/* Server thread: reply_recv loop until a stop call. */
static void *server(void *arg)
{
	struct server *s = arg;
	mk_msg m;
	mk_err e = mk_recv(s->ep, &m, MK_FOREVER);
	while (e == MK_OK) {
		if (m.flags & MK_MSG_NOTIFY)
			s->bits |= (uint32_t)m.w[0];
		else if (m.label == LABEL_CALL)
			serve_call(s, &m);
		else if (m.label == LABEL_SEND)
			serve_send(s, &m);
		else if (m.label == LABEL_STOP)
			break;
		else
			s->bad++;
		e = mk_reply_recv(s->ep, &m, MK_FOREVER);
	}
	if (e == MK_OK)
		mk_reply(s->ep, &m);
	return (void *)(intptr_t)(e != MK_OK);
}

/* One call from client id with sequence number seq; 1 if its reply is right. */
static int call_once(uint64_t id, uint64_t seq, uint64_t timeout, mk_err *err)
{
	mk_msg m = {.label = LABEL_CALL, .w = {id, seq}, .len = (uint32_t)(seq % 65)};
	uint64_t sum = 0;
	for (uint32_t i = 0; i < m.len; i++) {
		m.buf[i] = pattern(seq, i);
		sum += m.buf[i];
	}
	*err = mk_call(srv[(id + seq) % NEP].ep, &m, timeout);
	return *err != MK_OK || (m.w[1] == seq + 1 && m.w[2] == sum && m.len == 0);
}

/* Client thread: CALLS calls over every endpoint; the number of bad replies. */
static void *client(void *arg)
{
	uint64_t id = (uint64_t)(uintptr_t)arg, bad = 0;
	mk_err e;
	for (uint64_t i = 0; i < CALLS; i++)
		bad += !call_once(id, i, MK_FOREVER, &e) || e != MK_OK;
	return (void *)(uintptr_t)bad;
}

/* Client with timeouts of 0..20 us: the number of calls that succeeded. */
static uint64_t timed_ok;
static void *timed_client(void *arg)
{
	uint64_t bad = 0;
	mk_err e;
	for (uint64_t i = 0; i < TIMED_CALLS; i++) {
		bad += !call_once(ID_TIMED, i, (i % 21) * 1000, &e);
		timed_ok += e == MK_OK;
		bad += e != MK_OK && e != MK_ERR_TIMEOUT;
	}
	return (void *)(uintptr_t)bad;
}

/* Sender thread: SENDS numbered sends spread over the endpoints. */
static void *sender(void *arg)
{
	uint64_t id = (uint64_t)(uintptr_t)arg, bad = 0;
	for (uint64_t i = 0; i < SENDS; i++) {
		mk_msg m = {.label = LABEL_SEND, .w = {id, i}};
		bad += mk_send(srv[(id + i) % NEP].ep, &m, MK_FOREVER) != MK_OK;
	}
	return (void *)(uintptr_t)bad;
}

/* Notifier thread: bit i % 16 on endpoint i % NEP's notification. */
static void *notifier(void *arg)
{
	for (int i = 0; i < 30000; i++)
		mk_notify_signal(srv[i % NEP].n, 1u << (i % 16));
	return NULL;
}

/* The isolated task: TASK_CALLS calls; status 0 if every reply was right. */
static int task_client(void *arg)
{
	mk_err e;
	int bad = 0;
	for (uint64_t i = 0; i < TASK_CALLS; i++)
		bad |= !call_once(ID_TASK, i, MK_FOREVER, &e) || e != MK_OK;
	return bad;
}

/* Watchdog: a deadlock becomes a TAP bail-out. */
static void *watchdog(void *arg)
{
	uint64_t end = mk_time_ns() + (uint64_t)DEADLINE_S * 1000000000u;
	while (!finished) {
		if (mk_time_ns() > end) {
			printf("Bail out! no progress after %d s (deadlock?)\n", DEADLINE_S);
			fflush(stdout);
			_exit(1);
		}
		mk_sleep_ns(10000000);
	}
	return NULL;
}

/* Join every thread in t[0..n); the sum of their results. */
static uint64_t join_all(mk_thread **t, int n)
{
	uint64_t sum = 0;
	for (int i = 0; i < n; i++) {
		void *r = NULL;
		mk_thread_join(t[i], &r);
		sum += (uint64_t)(uintptr_t)r;
	}
	return sum;
}

/* Start the endpoints, notifications and servers. */
static void start_servers(mk_thread **st)
{
	for (int i = 0; i < NEP; i++) {
		memset(&srv[i], 0, sizeof srv[i]);
		if (mk_ep_create(&srv[i].ep) || mk_notify_create(&srv[i].n) ||
		    mk_ep_bind(srv[i].ep, srv[i].n) || mk_thread_create(&st[i], server, &srv[i]))
			abort();
	}
}

/* Stop the servers with a stop call each; 0 if all ended cleanly. */
static uint64_t stop_servers(mk_thread **st)
{
	for (int i = 0; i < NEP; i++) {
		mk_msg m = {.label = LABEL_STOP};
		mk_call(srv[i].ep, &m, MK_FOREVER);
	}
	return join_all(st, NEP);
}

/* Totals over the servers. */
static void check_counts(void)
{
	uint64_t calls[NID] = {0}, sends[NSENDER] = {0}, bad = 0;
	uint32_t bits = 0;
	for (int i = 0; i < NEP; i++) {
		for (int c = 0; c < NID; c++)
			calls[c] += srv[i].calls[c];
		for (int s = 0; s < NSENDER; s++)
			sends[s] += srv[i].sends[s];
		bad += srv[i].bad;
		bits |= srv[i].bits;
	}
	int all = 1;
	for (int c = 0; c < NCLIENT; c++)
		all &= calls[c] == CALLS;
	TAP_OK(all, "every client's %d calls were served once each", CALLS);
	TAP_OK(calls[ID_TASK] == TASK_CALLS, "the isolated task's %d calls too", TASK_CALLS);
	TAP_OK(calls[ID_TIMED] >= timed_ok && calls[ID_TIMED] <= TIMED_CALLS,
	       "calls with timeouts: %llu answered, %llu served", (unsigned long long)timed_ok,
	       (unsigned long long)calls[ID_TIMED]);
	TAP_OK(sends[0] == SENDS && sends[1] == SENDS, "every send arrived once");
	TAP_OK(bad == 0, "sends in order per sender, buffers intact (%llu bad)",
	       (unsigned long long)bad);
	TAP_OK(bits == 0xffff, "notification bits all delivered (0x%x)", bits);
}

int main(void)
{
	mk_thread *wd, *st[NEP], *ct[NCLIENT + 1], *sd[NSENDER], *nt;
	mk_task *task;
	int status = -5;
	uint64_t t0 = mk_time_ns();
	mk_thread_create(&wd, watchdog, NULL);
	start_servers(st);
	TAP_OK(mk_task_create(&task, MK_TASK_ISOLATED, task_client, NULL) == MK_OK,
	       "isolated client task started");
	for (int i = 0; i < NCLIENT; i++)
		mk_thread_create(&ct[i], client, (void *)(uintptr_t)i);
	mk_thread_create(&ct[NCLIENT], timed_client, NULL);
	for (int i = 0; i < NSENDER; i++)
		mk_thread_create(&sd[i], sender, (void *)(uintptr_t)i);
	mk_thread_create(&nt, notifier, NULL);
	TAP_OK(join_all(ct, NCLIENT + 1) == 0, "every reply matched its call");
	TAP_OK(join_all(sd, NSENDER) == 0, "every send was queued");
	join_all(&nt, 1);
	TAP_OK(mk_task_wait(task, MK_FOREVER, &status) == MK_OK && status == 0,
	       "the isolated task's replies matched");
	TAP_OK(stop_servers(st) == 0, "servers ended cleanly");
	check_counts();
	uint64_t ms = (mk_time_ns() - t0) / 1000000;
	uint64_t msgs = NCLIENT * CALLS + NSENDER * SENDS + TASK_CALLS + TIMED_CALLS;
	TAP_OK(ms < DEADLINE_S * 1000u, "%llu messages in %llu ms", (unsigned long long)msgs,
	       (unsigned long long)ms);
	finished = 1;
	join_all(&wd, 1);
	for (int i = 0; i < NEP; i++) {
		mk_ep_destroy(srv[i].ep);
		mk_notify_destroy(srv[i].n);
	}
	return tap_done();
}
