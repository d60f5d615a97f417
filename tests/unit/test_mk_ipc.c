/* test_mk_ipc.c: unit tests of the microkernel's kernel objects on the
 * configured backend: endpoints (call, send, receive, reply, buffers,
 * timeouts, arrival order, bound notifications), notifications, locks,
 * memory objects, timers and tasks, between threads and between a task
 * and an isolated (forked) task. */
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mk.h"
#include "rt_tap.h"

#define MS 1000000u

/* Start fn(arg) on a thread (the tests' own helper). */
static mk_thread *spawn(void *(*fn)(void *), void *arg)
{
	mk_thread *t = NULL;
	if (mk_thread_create(&t, fn, arg) != MK_OK)
		abort();
	return t;
}

/* Join a thread; its result as an integer. */
static intptr_t join(mk_thread *t)
{
	void *r = NULL;
	mk_thread_join(t, &r);
	return (intptr_t)r;
}

/* ---- endpoints ------------------------------------------------------------ */

/* Server: answers label 1 with w[0] * 3 + w[1] and its own w[1] back; label
 * 0 ends it; label 3 echoes the buffer reversed. Returns calls served. */
static void *echo_server(void *arg)
{
	mk_endpoint *ep = arg;
	mk_msg m;
	intptr_t served = 0;
	mk_err e = mk_recv(ep, &m, MK_FOREVER);
	while (e == MK_OK && m.label != 0) {
		if (m.label == 3) {
			for (uint32_t i = 0; i < m.len / 2; i++) {
				uint8_t x = m.buf[i];
				m.buf[i] = m.buf[m.len - 1 - i];
				m.buf[m.len - 1 - i] = x;
			}
		}
		m.w[0] = m.w[0] * 3 + m.w[1];
		served++;
		e = mk_reply_recv(ep, &m, MK_FOREVER);
	}
	if (e == MK_OK && (m.flags & MK_MSG_CALL))
		mk_reply(ep, &m);
	return (void *)served;
}

struct client {
	mk_endpoint *ep;
	uint64_t id;
	int calls;
};

/* Client: `calls` calls; 0 if every reply was its own, else 1. */
static void *client(void *arg)
{
	struct client *c = arg;
	for (int i = 0; i < c->calls; i++) {
		mk_msg m = {.label = 1, .w = {c->id, (uint64_t)i}};
		if (mk_call(c->ep, &m, MK_FOREVER) != MK_OK || m.w[0] != c->id * 3 + (uint64_t)i ||
		    m.w[1] != (uint64_t)i)
			return (void *)1;
	}
	return NULL;
}

/* Stop echo_server; the number of calls it served. */
static intptr_t stop_server(mk_endpoint *ep, mk_thread *t)
{
	mk_msg m = {.label = 0};
	mk_call(ep, &m, MK_FOREVER);
	return join(t);
}

static void test_call_pairing(void)
{
	mk_endpoint *ep;
	mk_ep_create(&ep);
	mk_thread *srv = spawn(echo_server, ep), *t[6];
	struct client c[6];
	for (int i = 0; i < 6; i++) {
		c[i] = (struct client){ep, 100 + (uint64_t)i, 2000};
		t[i] = spawn(client, &c[i]);
	}
	int bad = 0;
	for (int i = 0; i < 6; i++)
		bad += (int)join(t[i]);
	TAP_OK(bad == 0, "6 clients x 2000 calls: each gets its own replies");
	TAP_OK(stop_server(ep, srv) == 6 * 2000, "the server saw every call once");
	mk_ep_destroy(ep);
}

/* One call from a thread; the reply's w[0] as the result. */
static void *one_call(void *arg)
{
	struct client *c = arg;
	mk_msg m = {.label = 1, .w = {c->id}};
	return mk_call(c->ep, &m, MK_FOREVER) == MK_OK ? (void *)(uintptr_t)m.w[0] : NULL;
}

static void test_order(void)
{
	mk_endpoint *ep;
	mk_msg m;
	mk_ep_create(&ep);
	for (uint64_t i = 1; i <= 3; i++) {
		m = (mk_msg){.label = 10 + i};
		TAP_OK(mk_send(ep, &m, 0) == MK_OK, "send %llu queues without a server",
		       (unsigned long long)i);
	}
	struct client c1 = {ep, 7, 1}, c2 = {ep, 8, 1};
	mk_thread *t1 = spawn(one_call, &c1);
	mk_sleep_ns(20 * MS);
	mk_thread *t2 = spawn(one_call, &c2);
	mk_sleep_ns(20 * MS);
	int order = 1;
	for (uint64_t i = 1; i <= 3; i++)
		order &= mk_recv(ep, &m, 0) == MK_OK && m.label == 10 + i && m.flags == 0;
	TAP_OK(order, "sends arrive in order, flags 0");
	TAP_OK(mk_recv(ep, &m, 0) == MK_OK && m.w[0] == 7 && m.flags == MK_MSG_CALL,
	       "then the first call (MK_MSG_CALL)");
	TAP_OK(mk_recv(ep, &m, 0) == MK_ERR_STATE, "recv before replying: STATE");
	m.w[0] = 70;
	TAP_OK(mk_reply(ep, &m) == MK_OK && join(t1) == 70, "its caller gets the reply");
	TAP_OK(mk_reply(ep, &m) == MK_ERR_STATE, "a second reply: STATE");
	TAP_OK(mk_recv(ep, &m, 0) == MK_OK && m.w[0] == 8, "then the second call");
	m.w[0] = 80;
	TAP_OK(mk_reply_recv(ep, &m, 0) == MK_ERR_TIMEOUT && join(t2) == 80,
	       "reply_recv replies, then times out with nothing queued");
	int sent = 0;
	m = (mk_msg){.label = 5};
	while (sent < 1000 && mk_send(ep, &m, 0) == MK_OK)
		sent++;
	uint64_t t0 = mk_time_ns();
	TAP_OK(sent >= 4 && sent < 1000 && mk_send(ep, &m, 5 * MS) == MK_ERR_TIMEOUT &&
	               mk_time_ns() - t0 >= 5 * MS,
	       "the queue holds %d messages, then send times out", sent);
	mk_ep_destroy(ep);
}

static void test_buffers(void)
{
	mk_endpoint *ep;
	mk_ep_create(&ep);
	mk_thread *srv = spawn(echo_server, ep);
	mk_msg m = {.label = 3, .len = 200};
	for (int i = 0; i < 200; i++)
		m.buf[i] = (uint8_t)i;
	memset(m.buf + 200, 0xee, MK_MSG_BUF - 200);
	TAP_OK(mk_call(ep, &m, MK_FOREVER) == MK_OK && m.len == 200 && m.buf[0] == 199 &&
	               m.buf[199] == 0 && m.buf[200] == 0xee,
	       "200 buffer bytes go and come back (reversed); bytes past len untouched");
	m.len = MK_MSG_BUF;
	TAP_OK(mk_call(ep, &m, MK_FOREVER) == MK_OK && m.len == MK_MSG_BUF,
	       "a full buffer (%d bytes) round-trips", MK_MSG_BUF);
	m.len = MK_MSG_BUF + 1;
	TAP_OK(mk_call(ep, &m, MK_FOREVER) == MK_ERR_INVAL, "call with len > MK_MSG_BUF: INVAL");
	TAP_OK(mk_send(ep, &m, 0) == MK_ERR_INVAL, "send with len > MK_MSG_BUF: INVAL");
	TAP_OK(mk_call(NULL, &m, 0) == MK_ERR_INVAL && mk_recv(ep, NULL, 0) == MK_ERR_INVAL &&
	               mk_ep_create(NULL) == MK_ERR_INVAL,
	       "null endpoint or message: INVAL");
	stop_server(ep, srv);

	mk_msg r;
	memset(&r, 0xee, sizeof r);
	m = (mk_msg){.label = 4, .len = 3, .buf = {1, 2, 3}};
	mk_send(ep, &m, 0);
	TAP_OK(mk_recv(ep, &r, 0) == MK_OK && r.len == 3 && r.buf[2] == 3 && r.buf[3] == 0xee,
	       "recv copies only len bytes");
	mk_ep_destroy(ep);
}

/* Server that receives one call, and replies with a too-long buffer first. */
static void *bad_reply_server(void *arg)
{
	mk_endpoint *ep = arg;
	mk_msg m;
	mk_recv(ep, &m, MK_FOREVER);
	m.len = MK_MSG_BUF + 1;
	mk_err e = mk_reply(ep, &m);
	m.len = 0;
	m.w[0] = 9;
	mk_reply(ep, &m);
	return (void *)(intptr_t)e;
}

static void test_timeouts(void)
{
	mk_endpoint *ep;
	mk_msg m = {.label = 1};
	mk_ep_create(&ep);
	uint64_t t0 = mk_time_ns();
	mk_err e = mk_call(ep, &m, 20 * MS);
	uint64_t dt = mk_time_ns() - t0;
	TAP_OK(e == MK_ERR_TIMEOUT && dt >= 20 * MS && dt < 500 * MS,
	       "call to an absent server: TIMEOUT after %llu us", (unsigned long long)dt / 1000);
	TAP_OK(mk_recv(ep, &m, 0) == MK_ERR_TIMEOUT, "the timed-out request was withdrawn");
	t0 = mk_time_ns();
	TAP_OK(mk_recv(ep, &m, 0) == MK_ERR_TIMEOUT && mk_time_ns() - t0 < 50 * MS,
	       "recv poll returns at once");
	t0 = mk_time_ns();
	TAP_OK(mk_recv(ep, &m, 10 * MS) == MK_ERR_TIMEOUT && mk_time_ns() - t0 >= 10 * MS,
	       "recv waits out its timeout");
	mk_thread *t = spawn(bad_reply_server, ep);
	m = (mk_msg){.label = 1};
	TAP_OK(mk_call(ep, &m, MK_FOREVER) == MK_OK && m.w[0] == 9 && join(t) == MK_ERR_INVAL,
	       "a reply with len > MK_MSG_BUF: INVAL, the call stays open");
	mk_ep_destroy(ep);
}

/* ---- notifications -------------------------------------------------------- */

/* Server on a bound endpoint: first message's flags << 32 | w[0]. */
static void *bound_server(void *arg)
{
	mk_msg m;
	if (mk_recv(arg, &m, MK_FOREVER) != MK_OK)
		return NULL;
	return (void *)(uintptr_t)((uint64_t)m.flags << 32 | (m.w[0] & 0xffffffffu));
}

static void test_bound(void)
{
	mk_endpoint *ep, *ep2;
	mk_notify *n, *n2;
	mk_msg m;
	mk_ep_create(&ep);
	mk_ep_create(&ep2);
	mk_notify_create(&n);
	mk_notify_create(&n2);
	TAP_OK(mk_ep_bind(ep, n) == MK_OK, "mk_ep_bind");
	TAP_OK(mk_ep_bind(ep, n2) == MK_ERR_BUSY && mk_ep_bind(ep2, n) == MK_ERR_BUSY,
	       "a second binding either way: BUSY");
	TAP_OK(mk_ep_bind(NULL, n) == MK_ERR_INVAL, "bind to no endpoint: INVAL");
	mk_thread *t = spawn(bound_server, ep);
	mk_sleep_ns(10 * MS);
	mk_notify_signal(n, 0x24);
	uint64_t r = (uint64_t)join(t);
	TAP_OK(r == ((uint64_t)MK_MSG_NOTIFY << 32 | 0x24),
	       "a signal wakes the server in recv: MK_MSG_NOTIFY, w[0] = bits");
	m = (mk_msg){.label = 6};
	mk_send(ep, &m, 0);
	mk_notify_signal(n, 1);
	mk_notify_signal(n, 8);
	TAP_OK(mk_recv(ep, &m, 0) == MK_OK && m.flags == MK_MSG_NOTIFY && m.label == 0 &&
	               m.w[0] == 9 && m.len == 0,
	       "pending bits (merged) come before a queued message");
	TAP_OK(mk_recv(ep, &m, 0) == MK_OK && m.label == 6, "then the message");
	TAP_OK(mk_ep_bind(ep, NULL) == MK_OK && mk_ep_bind(ep2, n) == MK_OK,
	       "unbind, then bind elsewhere");
	mk_notify_signal(n, 2);
	TAP_OK(mk_recv(ep, &m, 0) == MK_ERR_TIMEOUT && mk_recv(ep2, &m, 0) == MK_OK && m.w[0] == 2,
	       "bits go to the endpoint bound now");
	mk_ep_destroy(ep);
	mk_ep_destroy(ep2);
	mk_notify_destroy(n);
	mk_notify_destroy(n2);
}

/* Signal bit `arg` 1000 times on the shared notification. */
static mk_notify *merge_n;
static void *signaller(void *arg)
{
	for (int i = 0; i < 1000; i++)
		mk_notify_signal(merge_n, (uint32_t)(uintptr_t)arg);
	return NULL;
}

static void test_notify_merge(void)
{
	mk_notify_create(&merge_n);
	mk_thread *t[4];
	for (int i = 0; i < 4; i++)
		t[i] = spawn(signaller, (void *)(uintptr_t)(1u << (i * 8)));
	uint32_t all = 0, bits;
	uint64_t dl = mk_time_ns() + 5000 * MS;
	while (all != 0x01010101u && mk_time_ns() < dl)
		if (mk_notify_wait(merge_n, 100 * MS, &bits) == MK_OK)
			all |= bits;
	for (int i = 0; i < 4; i++)
		join(t[i]);
	TAP_OK(all == 0x01010101u, "bits from 4 signalling threads merge (0x%08x)", all);
	TAP_OK(mk_notify_wait(NULL, 0, &bits) == MK_ERR_INVAL, "wait on no notification: INVAL");
	mk_notify_destroy(merge_n);
}

/* ---- locks ------------------------------------------------------------------ */

struct counted {
	mk_lock *l;
	uint64_t *count;
	int n;
};

/* n increments of *count under the lock. */
static void *incr(void *arg)
{
	struct counted *c = arg;
	for (int i = 0; i < c->n; i++) {
		mk_lock_acquire(c->l);
		uint64_t v = *c->count;
		*c->count = v + 1;
		mk_lock_release(c->l);
	}
	return NULL;
}

/* incr as a task's function. */
static int incr_task(void *arg)
{
	incr(arg);
	return 0;
}

static void test_locks(void)
{
	mk_lock *l;
	uint64_t count = 0;
	TAP_OK(mk_lock_create(NULL) == MK_ERR_INVAL, "mk_lock_create NULL: INVAL");
	TAP_OK(mk_lock_create(&l) == MK_OK, "mk_lock_create");
	struct counted c = {l, &count, 50000};
	mk_thread *t[4];
	for (int i = 0; i < 4; i++)
		t[i] = spawn(incr, &c);
	for (int i = 0; i < 4; i++)
		join(t[i]);
	TAP_OK(count == 200000, "4 threads x 50000 increments under the lock: %llu",
	       (unsigned long long)count);
	mk_memobj *mo;
	uint64_t *shared;
	mk_memobj_create(sizeof *shared, &mo);
	mk_memobj_map(mo, MK_PROT_READ | MK_PROT_WRITE, (void **)&shared);
	struct counted cs = {l, shared, 50000};
	mk_task *task;
	int st = -5;
	TAP_OK(mk_task_create(&task, MK_TASK_ISOLATED, incr_task, &cs) == MK_OK,
	       "isolated task started");
	incr(&cs);
	TAP_OK(mk_task_wait(task, MK_FOREVER, &st) == MK_OK && st == 0 && *shared == 100000,
	       "a task and an isolated task x 50000 increments under one lock: %llu",
	       (unsigned long long)*shared);
	mk_memobj_unmap(mo, shared);
	mk_memobj_destroy(mo);
	mk_lock_destroy(l);
	mk_lock_destroy(NULL);
}

/* ---- memory objects ---------------------------------------------------------- */

static int private_word;

/* Isolated task: write to the object (mapped before the fork) and to a
 * private global; map it again through its reference. */
static int memobj_task(void *arg)
{
	char *p = arg;
	strcpy(p, "from the task");
	private_word = 99;
	mk_memobj *mo;
	char *q;
	uint64_t ref;
	memcpy(&ref, p + 64, sizeof ref);
	if (mk_memobj_lookup(ref, &mo) != MK_OK ||
	    mk_memobj_map(mo, MK_PROT_READ | MK_PROT_WRITE, (void **)&q) != MK_OK)
		return 1;
	q[128] = 'x';
	return mk_memobj_unmap(mo, q) == MK_OK ? 0 : 2;
}

static void test_memobj(void)
{
	mk_memobj *mo, *found;
	char *a, *b;
	size_t ps = mk_page_size();
	TAP_OK(mk_memobj_create(0, &mo) == MK_ERR_INVAL &&
	               mk_memobj_create(1, NULL) == MK_ERR_INVAL,
	       "size 0 or no out-parameter: INVAL");
	TAP_OK(mk_memobj_create(ps + 1, &mo) == MK_OK && mk_memobj_size(mo) == 2 * ps,
	       "mk_memobj_create rounds to pages");
	TAP_OK(mk_memobj_map(mo, MK_PROT_READ | MK_PROT_WRITE, (void **)&a) == MK_OK &&
	               mk_memobj_map(mo, MK_PROT_READ, (void **)&b) == MK_OK && a != b,
	       "two mappings");
	TAP_OK(b[0] == 0 && b[2 * ps - 1] == 0, "zero-filled");
	strcpy(a + ps, "shared");
	TAP_OK(strcmp(b + ps, "shared") == 0, "two mappings see the same bytes");
	uint64_t ref = mk_memobj_ref(mo);
	memcpy(a + 64, &ref, sizeof ref);
	TAP_OK(mk_memobj_lookup(ref, &found) == MK_OK && found == mo, "lookup of its reference");
	int forged = mk_memobj_lookup(ref + 1, &found) == MK_ERR_INVAL &&
	             mk_memobj_lookup(ref ^ (1ull << 33), &found) == MK_ERR_INVAL &&
	             mk_memobj_lookup(0, &found) == MK_ERR_INVAL &&
	             mk_memobj_lookup(~0ull, &found) == MK_ERR_INVAL &&
	             mk_memobj_lookup(0x123456789abcdefull, &found) == MK_ERR_INVAL;
	TAP_OK(forged, "forged references: INVAL");
	mk_task *t;
	int st = -5;
	private_word = 1;
	mk_task_create(&t, MK_TASK_ISOLATED, memobj_task, a);
	TAP_OK(mk_task_wait(t, MK_FOREVER, &st) == MK_OK && st == 0, "isolated task maps it too");
	TAP_OK(strcmp(b, "from the task") == 0 && b[128] == 'x',
	       "the task's writes through both its mappings are seen here");
	TAP_OK(private_word == 1, "its write to private memory is not");
	TAP_OK(mk_memobj_unmap(mo, a + ps) == MK_ERR_INVAL, "unmap of a non-mapping: INVAL");
	TAP_OK(mk_memobj_unmap(mo, a) == MK_OK && mk_memobj_unmap(mo, b) == MK_OK, "unmap both");
	mk_memobj_destroy(mo);
	TAP_OK(mk_memobj_lookup(ref, &found) == MK_ERR_INVAL, "stale reference: INVAL");
	mk_memobj *mo2;
	mk_memobj_create(ps, &mo2);
	TAP_OK(mk_memobj_lookup(ref, &found) == MK_ERR_INVAL &&
	               mk_memobj_lookup(mk_memobj_ref(mo2), &found) == MK_OK && found == mo2,
	       "a reused record gets a new reference");
	mk_memobj_destroy(mo2);
	mk_memobj_destroy(NULL);
}

/* ---- timers ---------------------------------------------------------------- */

static void test_timers(void)
{
	mk_notify *n;
	mk_timer *t;
	uint32_t bits;
	mk_notify_create(&n);
	TAP_OK(mk_timer_create(n, 0, &t) == MK_ERR_INVAL &&
	               mk_timer_create(NULL, 1, &t) == MK_ERR_INVAL,
	       "bits 0 or no notification: INVAL");
	TAP_OK(mk_timer_create(n, 4, &t) == MK_OK, "mk_timer_create");
	TAP_OK(mk_notify_wait(n, 20 * MS, &bits) == MK_ERR_TIMEOUT, "a new timer is disarmed");
	/* Three one-shots: none early, the best within 10 ms of its deadline and
	 * none later than 50 ms (a busy host may delay a wake-up). */
	uint64_t at, now, best = MK_FOREVER, worst = 0;
	int good = 1;
	for (int i = 0; i < 3; i++) {
		at = mk_time_ns() + 20 * MS;
		mk_timer_set(t, at, 0);
		good &= mk_notify_wait(n, 1000 * MS, &bits) == MK_OK && bits == 4;
		now = mk_time_ns();
		good &= now >= at;
		best = now - at < best ? now - at : best;
		worst = now - at > worst ? now - at : worst;
	}
	TAP_OK(good && best < 10 * MS && worst < 50 * MS,
	       "one-shots fire %llu..%llu us after their deadlines",
	       (unsigned long long)best / 1000, (unsigned long long)worst / 1000);
	TAP_OK(mk_notify_wait(n, 30 * MS, &bits) == MK_ERR_TIMEOUT, "... once each");
	int fired = 0;
	at = mk_time_ns() + 10 * MS;
	mk_timer_set(t, at, 10 * MS);
	while (fired < 5 && mk_notify_wait(n, 1000 * MS, &bits) == MK_OK)
		fired++;
	now = mk_time_ns();
	TAP_OK(fired == 5 && now >= at + 40 * MS && now < at + 100 * MS,
	       "periodic (10 ms) fires 5 times in %llu ms",
	       (unsigned long long)(now - at) / MS + 10);
	mk_timer_set(t, MK_FOREVER, 0);
	mk_notify_wait(n, 0, &bits);
	TAP_OK(mk_notify_wait(n, 40 * MS, &bits) == MK_ERR_TIMEOUT, "MK_FOREVER disarms");
	mk_timer_set(t, mk_time_ns() + 10 * MS, 0);
	mk_timer_set(t, mk_time_ns() + 200 * MS, 0);
	TAP_OK(mk_notify_wait(n, 50 * MS, &bits) == MK_ERR_TIMEOUT, "re-arming replaces");
	mk_timer_set(t, 1, 0);
	TAP_OK(mk_notify_wait(n, 100 * MS, &bits) == MK_OK, "a time already past fires at once");
	TAP_OK(mk_timer_set(NULL, 0, 0) == MK_ERR_INVAL, "mk_timer_set NULL: INVAL");
	mk_timer_destroy(t);
	mk_timer_destroy(NULL);
	mk_notify_destroy(n);
}

/* ---- tasks ------------------------------------------------------------------ */

/* Task functions: a status, a crash, a long nap. */
static int ret_arg(void *arg)
{
	return (int)(intptr_t)arg;
}

/* A crash by a signal (the default action, whatever handler a sanitizer
 * installed). */
static int crash(void *arg)
{
	signal(SIGSEGV, SIG_DFL);
	raise(SIGSEGV);
	return 0;
}

/* Sleep for arg milliseconds. */
static int nap(void *arg)
{
	mk_sleep_ns((uint64_t)(intptr_t)arg * MS);
	return 3;
}

static void test_tasks(void)
{
	mk_task *t;
	int st = -5;
	TAP_OK(mk_task_create(&t, 0, ret_arg, (void *)7) == MK_OK &&
	               mk_task_wait(t, MK_FOREVER, &st) == MK_OK && st == 7,
	       "in-process task: status 7");
	TAP_OK(mk_task_create(&t, MK_TASK_ISOLATED, ret_arg, (void *)42) == MK_OK &&
	               mk_task_wait(t, MK_FOREVER, &st) == MK_OK && st == 42,
	       "isolated task: status 42");
	TAP_OK(mk_task_create(&t, MK_TASK_ISOLATED, crash, NULL) == MK_OK &&
	               mk_task_wait(t, MK_FOREVER, &st) == MK_OK && st == MK_TASK_FAULTED,
	       "an isolated task that crashes: MK_TASK_FAULTED");
	mk_task_create(&t, MK_TASK_ISOLATED, nap, (void *)100000);
	TAP_OK(mk_task_wait(t, 0, &st) == MK_ERR_TIMEOUT, "wait poll on a running task: TIMEOUT");
	uint64_t t0 = mk_time_ns();
	TAP_OK(mk_task_wait(t, 20 * MS, &st) == MK_ERR_TIMEOUT && mk_time_ns() - t0 >= 20 * MS,
	       "wait with a timeout: TIMEOUT");
	TAP_OK(mk_task_kill(t) == MK_OK && mk_task_wait(t, MK_FOREVER, &st) == MK_OK &&
	               st == MK_TASK_FAULTED,
	       "mk_task_kill: MK_TASK_FAULTED");
	mk_task_create(&t, 0, nap, (void *)50);
	TAP_OK(mk_task_kill(t) == MK_ERR_NOSYS, "kill an in-process task: NOSYS");
	TAP_OK(mk_task_wait(t, 5 * MS, &st) == MK_ERR_TIMEOUT, "in-process wait: TIMEOUT");
	TAP_OK(mk_task_wait(t, MK_FOREVER, &st) == MK_OK && st == 3, "then its status");
	TAP_OK(mk_task_create(&t, 0, NULL, NULL) == MK_ERR_INVAL &&
	               mk_task_create(NULL, 0, nap, NULL) == MK_ERR_INVAL &&
	               mk_task_wait(NULL, 0, &st) == MK_ERR_INVAL,
	       "null task or function: INVAL");
}

/* ---- IPC between tasks ------------------------------------------------------ */

struct pair {
	mk_endpoint *to_task, *to_parent;
	mk_notify *n;
};

/* Isolated task: serve 1000 calls (w[0] + 1), then call the parent once
 * with a memory object's reference, signal, and serve the end call. */
static int task_server(void *arg)
{
	struct pair *p = arg;
	mk_msg m;
	mk_err e = mk_recv(p->to_task, &m, MK_FOREVER);
	for (int i = 0; e == MK_OK && i < 1000; i++) {
		m.w[0]++;
		e = mk_reply_recv(p->to_task, &m, MK_FOREVER);
	}
	if (e != MK_OK)
		return 1;
	mk_memobj *mo;
	char *q;
	mk_memobj_lookup(m.w[0], &mo);
	if (mk_memobj_map(mo, MK_PROT_READ | MK_PROT_WRITE, (void **)&q) != MK_OK)
		return 2;
	strcpy(q, "written by the task");
	mk_reply(p->to_task, &m);
	mk_msg c = {.label = 77, .len = 5, .buf = "hello"};
	if (mk_call(p->to_parent, &c, MK_FOREVER) != MK_OK || c.w[0] != 78)
		return 3;
	mk_notify_signal(p->n, 0x10);
	return 0;
}

static void test_cross_task(void)
{
	struct pair p;
	mk_ep_create(&p.to_task);
	mk_ep_create(&p.to_parent);
	mk_notify_create(&p.n);
	mk_memobj *mo;
	mk_memobj_create(4096, &mo);
	mk_task *t;
	mk_task_create(&t, MK_TASK_ISOLATED, task_server, &p);
	int good = 1;
	for (uint64_t i = 0; i < 1000; i++) {
		mk_msg m = {.label = 1, .w = {i}};
		good &= mk_call(p.to_task, &m, 5000 * MS) == MK_OK && m.w[0] == i + 1;
	}
	TAP_OK(good, "1000 calls to an isolated task's server");
	mk_msg m = {.label = 2, .w = {mk_memobj_ref(mo)}};
	char *q;
	mk_memobj_map(mo, MK_PROT_READ, (void **)&q);
	TAP_OK(mk_call(p.to_task, &m, 5000 * MS) == MK_OK && strcmp(q, "written by the task") == 0,
	       "a memory object passed by reference, mapped by the task");
	TAP_OK(mk_recv(p.to_parent, &m, 5000 * MS) == MK_OK && m.label == 77 && m.len == 5 &&
	               memcmp(m.buf, "hello", 5) == 0 && m.flags == MK_MSG_CALL,
	       "the task calls the parent's endpoint");
	m.w[0] = 78;
	mk_reply(p.to_parent, &m);
	uint32_t bits = 0;
	TAP_OK(mk_notify_wait(p.n, 5000 * MS, &bits) == MK_OK && bits == 0x10,
	       "the task's signal wakes the parent");
	int st = -5;
	TAP_OK(mk_task_wait(t, MK_FOREVER, &st) == MK_OK && st == 0, "the task ends cleanly");
	mk_memobj_unmap(mo, q);
	mk_memobj_destroy(mo);
	mk_ep_destroy(p.to_task);
	mk_ep_destroy(p.to_parent);
	mk_notify_destroy(p.n);
}

/* An isolated task that makes objects of its own and reports the
 * reference of one (in the shared page arg); its creator's objects stay
 * usable in it. */
static int own_objects_task(void *arg)
{
	uint64_t *page = arg;
	mk_memobj *mine, *inherited;
	mk_endpoint *ep;
	int ok = mk_memobj_lookup(page[0], &inherited) == MK_OK;
	ok &= mk_memobj_create(4096, &mine) == MK_OK && mk_ep_create(&ep) == MK_OK;
	ok &= mk_memobj_lookup(mk_memobj_ref(mine), &mine) == MK_OK;
	page[1] = ok ? mk_memobj_ref(mine) : 0;
	mk_ep_destroy(ep);
	return ok ? 0 : 1;
}

/* An isolated task's own objects are its own (its arena): its creator does
 * not find them, while the creator's objects work inside it. */
static void test_task_objects(void)
{
	mk_memobj *page, *shared;
	uint64_t *q;
	mk_memobj_create(4096, &page);
	mk_memobj_create(4096, &shared);
	mk_memobj_map(page, MK_PROT_READ | MK_PROT_WRITE, (void **)&q);
	q[0] = mk_memobj_ref(shared);
	mk_task *t;
	int st = -5;
	mk_memobj *found = NULL;
	mk_task_create(&t, MK_TASK_ISOLATED, own_objects_task, q);
	TAP_OK(mk_task_wait(t, 5000 * MS, &st) == MK_OK && st == 0 && q[1] != 0,
	       "an isolated task finds its creator's memory object and makes its own");
	TAP_OK(mk_memobj_lookup(q[1], &found) == MK_ERR_INVAL,
	       "the creator does not find the task's own object by its reference");
	mk_memobj_unmap(page, q);
	mk_memobj_destroy(page);
	mk_memobj_destroy(shared);
}

int main(void)
{
	test_call_pairing();
	test_order();
	test_buffers();
	test_timeouts();
	test_bound();
	test_notify_merge();
	test_locks();
	test_memobj();
	test_timers();
	test_tasks();
	test_cross_task();
	test_task_objects();
	return tap_done();
}
