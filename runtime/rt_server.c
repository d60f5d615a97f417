/* rt_server.c: device servers on the microkernel (rt_server.h): one thread
 * per device, MMIO by IPC or by the fast path, device timers as microkernel
 * timers that notify the server, console input as a notification. */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "mk.h"
#include "rt_machine.h"
#include "rt_server.h"

/* Operations of an MMIO message: w[0] offset, w[1] bytes, w[2] value;
 * the reply's w[0] is the value read. */
enum { OP_READ = 1, OP_WRITE = 2 };

/* A device's server. */
struct rt_dev_srv {
	mk_lock *lock;       /* held while a handler of the device runs */
	mk_endpoint *ep;     /* MMIO calls from the vCPU */
	mk_notify *events;   /* bound to ep: RT_EV_* */
	mk_timer *timer;     /* signals RT_EV_TIMER on events */
	mk_thread *thread;   /* the server, started on first need */
	_Atomic int started; /* 0 no thread yet, 1 starting or running */
	mk_lock *start;      /* serialises the start */
	uint64_t deadline;   /* guest ns of the armed timer */
	void (*timer_fn)(rt_dev *);
	void (*input_fn)(rt_dev *);
	int armed;              /* counted in the machine's timers_armed */
	_Atomic uint64_t calls; /* accesses served by IPC */
};

/* Run the expired timer's handler (lock held). The timer stays counted as
 * armed until its handler has run, so a vCPU in wfi never sees "nothing
 * armed, no interrupt" in between. */
static void fire_timer(rt_dev *d)
{
	struct rt_dev_srv *s = d->srv;
	if (!s->timer_fn || rt_machine_time_ns(d->m) < s->deadline)
		return; /* re-armed since, or early */
	void (*fn)(rt_dev *) = s->timer_fn;
	s->timer_fn = NULL;
	s->deadline = UINT64_MAX;
	fn(d);
	if (!s->timer_fn && s->armed) {
		s->armed = 0;
		atomic_fetch_sub(&d->m->timers_armed, 1);
	}
}

/* Run the device's handler for one access (OP_*), under its lock when it
 * has a server; the value read, or 0. */
static uint64_t handle(rt_dev *d, uint64_t op, uint64_t off, unsigned bytes, uint64_t val)
{
	struct rt_dev_srv *s = d->srv;
	uint64_t v = 0;
	if (s)
		mk_lock_acquire(s->lock);
	if (op == OP_READ && d->desc->read)
		v = d->desc->read(d, off, bytes);
	else if (op == OP_WRITE && d->desc->write)
		d->desc->write(d, off, bytes, val);
	if (s)
		mk_lock_release(s->lock);
	return v;
}

/* Serve one MMIO call in msg; msg becomes the reply. */
static void serve_mmio(rt_dev *d, mk_msg *msg)
{
	uint64_t v = handle(d, msg->label, msg->w[0], (unsigned)msg->w[1], msg->w[2]);
	atomic_fetch_add_explicit(&d->srv->calls, 1, memory_order_relaxed);
	msg->label = 0;
	msg->w[0] = v;
	msg->len = 0;
}

/* The server loop: MMIO calls and events until RT_EV_STOP. */
static void *serve(void *arg)
{
	rt_dev *d = arg;
	struct rt_dev_srv *s = d->srv;
	mk_msg msg;
	memset(&msg, 0, sizeof msg);
	for (;;) {
		if (mk_reply_recv(s->ep, &msg, MK_FOREVER) != MK_OK)
			continue;
		if (!(msg.flags & MK_MSG_NOTIFY)) {
			serve_mmio(d, &msg);
			continue;
		}
		uint32_t ev = (uint32_t)msg.w[0];
		if (ev & RT_EV_STOP)
			break;
		mk_lock_acquire(s->lock);
		if (ev & RT_EV_TIMER)
			fire_timer(d);
		if ((ev & RT_EV_INPUT) && s->input_fn)
			s->input_fn(d);
		if ((ev & RT_EV_INPUT) && atomic_load(&d->m->input_eof) &&
		    atomic_load(&d->m->input_open))
			rt_machine_input_closed(d->m);
		mk_lock_release(s->lock);
		msg.len = 0;
	}
	return NULL;
}

/* Start d's server. */
rt_err rt_server_start(rt_dev *d, char *err, size_t n)
{
	struct rt_dev_srv *s = calloc(1, sizeof *s);
	if (!s)
		return rt_error(err, n, RT_ERR_NOMEM, "out of memory");
	s->deadline = UINT64_MAX;
	d->srv = s;
	if (mk_lock_create(&s->lock) != MK_OK || mk_lock_create(&s->start) != MK_OK ||
	    mk_ep_create(&s->ep) != MK_OK || mk_notify_create(&s->events) != MK_OK ||
	    mk_ep_bind(s->ep, s->events) != MK_OK ||
	    mk_timer_create(s->events, RT_EV_TIMER, &s->timer) != MK_OK) {
		rt_server_stop(d);
		return rt_error(err, n, RT_ERR_NOMEM, "device %s: cannot start its server",
		                d->desc->name);
	}
	return RT_OK;
}

/* Start d's thread if it is not running: a device a guest only reaches
 * through its fast registers never needs one (start-up pays for none).
 * Events signalled before it runs wait in the bound notification. 0, or
 * -1 if the thread cannot be created. */
static int need_thread(struct rt_dev_srv *s, rt_dev *d)
{
	if (atomic_load_explicit(&s->started, memory_order_acquire))
		return 0;
	int r = 0;
	mk_lock_acquire(s->start);
	if (!atomic_load_explicit(&s->started, memory_order_relaxed)) {
		r = mk_thread_create(&s->thread, serve, d) == MK_OK ? 0 : -1;
		if (r == 0)
			atomic_store_explicit(&s->started, 1, memory_order_release);
	}
	mk_lock_release(s->start);
	return r;
}

/* Stop d's server and free it. */
void rt_server_stop(rt_dev *d)
{
	struct rt_dev_srv *s = d->srv;
	if (!s)
		return;
	if (s->start)
		mk_lock_acquire(s->start); /* no start may race the stop */
	if (atomic_load(&s->started)) {
		mk_notify_signal(s->events, RT_EV_STOP);
		mk_thread_join(s->thread, NULL);
	}
	if (s->start)
		mk_lock_release(s->start);
	mk_lock_destroy(s->start);
	mk_timer_destroy(s->timer);
	if (s->ep)
		mk_ep_bind(s->ep, NULL);
	mk_ep_destroy(s->ep);
	if (s->events)
		mk_notify_destroy(s->events);
	mk_lock_destroy(s->lock);
	free(s);
	d->srv = NULL;
}

/* Does the access go by the fast path? */
static int fast(const rt_dev *d, uint64_t off, unsigned bytes)
{
	return !d->desc->fast || d->desc->fast(off, bytes);
}

/* vCPU: one access through the fast path or by a call to the server (a
 * server that cannot start is served here, like a fast register). */
static uint64_t mmio_access(rt_dev *d, uint64_t op, uint64_t off, unsigned bytes, uint64_t val)
{
	struct rt_dev_srv *s = d->srv;
	if (!s || fast(d, off, bytes) || need_thread(s, d) != 0)
		return handle(d, op, off, bytes, val);
	mk_msg msg;
	msg.label = op;
	msg.w[0] = off;
	msg.w[1] = bytes;
	msg.w[2] = val;
	msg.len = 0;
	return mk_call(s->ep, &msg, MK_FOREVER) == MK_OK ? msg.w[0] : 0;
}

/* vCPU: read. */
uint64_t rt_server_read(rt_dev *d, uint64_t off, unsigned bytes)
{
	return mmio_access(d, OP_READ, off, bytes, 0);
}

/* vCPU: write. */
void rt_server_write(rt_dev *d, uint64_t off, unsigned bytes, uint64_t val)
{
	mmio_access(d, OP_WRITE, off, bytes, val);
}

/* Post events to d's server. */
void rt_server_notify(rt_dev *d, uint32_t events)
{
	if (d->srv) {
		need_thread(d->srv, d);
		mk_notify_signal(d->srv->events, events);
	}
}

/* IPC accesses of d. */
uint64_t rt_server_calls(const rt_dev *d)
{
	return d->srv ? atomic_load_explicit(&d->srv->calls, memory_order_relaxed) : 0;
}

/* ---- services device servers call (rt_board.h) ------------------------ */

/* Arm or disarm d's timer (a handler calls it, with d's lock held). */
void rt_dev_timer(rt_dev *d, uint64_t deadline_ns, void (*fn)(rt_dev *d))
{
	struct rt_dev_srv *s = d->srv;
	rt_machine *m = d->m;
	if (!s)
		return;
	int arm = fn && deadline_ns < UINT64_MAX - m->t0; /* (UINT64_MAX: disarm) */
	s->timer_fn = arm ? fn : NULL;
	s->deadline = arm ? deadline_ns : UINT64_MAX;
	if (arm != s->armed)
		atomic_fetch_add(&m->timers_armed, arm ? 1 : -1);
	s->armed = arm;
	if (arm)
		need_thread(s, d); /* (already running when its handler arms it) */
	mk_timer_set(s->timer, arm ? m->t0 + deadline_ns : MK_FOREVER, 0);
}

/* Have fn(d) run on d's server whenever console input arrives. */
void rt_console_on_input(rt_dev *d, void (*fn)(rt_dev *d))
{
	rt_machine *m = d->m;
	const rt_board_desc *b = m->board;
	if (d->srv)
		d->srv->input_fn = fn;
	/* the board's console device wins over any other that asks */
	if (!m->input_dev || (b->console >= 0 && d->desc == &b->devs[b->console]))
		m->input_dev = d;
}
