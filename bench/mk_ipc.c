/* mk_ipc.c: microbenchmarks of the microkernel layer on the configured
 * backend: call+reply round trips (two threads of a task; a task and an
 * isolated task), one-way send throughput, notification signal-to-wake
 * latency, and an uncontended lock. Each is timed in ROUNDS batches; the
 * table gives the median batch and the best one (on a shared machine the
 * best is the closest to the cost without preemption).
 *   usage: mk_ipc [iterations]   (default 200000, spread over the batches) */
#include <stdio.h>
#include <stdlib.h>

#include "mk.h"

#ifndef MK_BACKEND
#define MK_BACKEND "?"
#endif

#define ROUNDS 25

static long iters = 200000;

/* Nanoseconds per operation: the median batch and the best batch. */
struct cost {
	double median, best;
};

/* Order doubles (qsort). */
static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Time op(ctx) n times in ROUNDS batches, after a warm-up batch. */
static struct cost measure(void (*op)(void *), void *ctx, long n)
{
	double ns[ROUNDS];
	long per = n / ROUNDS > 0 ? n / ROUNDS : 1;
	for (long i = 0; i < per; i++)
		op(ctx);
	for (int r = 0; r < ROUNDS; r++) {
		uint64_t t0 = mk_time_ns();
		for (long i = 0; i < per; i++)
			op(ctx);
		ns[r] = (double)(mk_time_ns() - t0) / (double)per;
	}
	qsort(ns, ROUNDS, sizeof ns[0], cmp_double);
	return (struct cost){ns[ROUNDS / 2], ns[0]};
}

/* Server: answer every call (w[0] + 1) until label 0. */
static void serve(mk_endpoint *ep)
{
	mk_msg m;
	mk_err e = mk_recv(ep, &m, MK_FOREVER);
	while (e == MK_OK && m.label != 0) {
		m.w[0]++;
		e = mk_reply_recv(ep, &m, MK_FOREVER);
	}
	if (e == MK_OK && (m.flags & MK_MSG_CALL))
		mk_reply(ep, &m);
}

/* serve() as a thread. */
static void *serve_thread(void *ep)
{
	serve(ep);
	return NULL;
}

/* serve() as a task. */
static int serve_task(void *ep)
{
	serve(ep);
	return 0;
}

/* One call. */
static void call_op(void *ep)
{
	mk_msg m = {.label = 1};
	mk_call(ep, &m, MK_FOREVER);
}

/* Round trips to the server on ep, then stop it. */
static struct cost calls(mk_endpoint *ep)
{
	struct cost c = measure(call_op, ep, iters);
	mk_msg m = {.label = 0};
	mk_call(ep, &m, MK_FOREVER);
	return c;
}

/* Round trip to a server thread of this task. */
static struct cost bench_call_thread(void)
{
	mk_endpoint *ep;
	mk_thread *t;
	mk_ep_create(&ep);
	mk_thread_create(&t, serve_thread, ep);
	struct cost c = calls(ep);
	mk_thread_join(t, NULL);
	mk_ep_destroy(ep);
	return c;
}

/* Round trip to a server in an isolated task. */
static struct cost bench_call_task(void)
{
	mk_endpoint *ep;
	mk_task *t;
	int st;
	mk_ep_create(&ep);
	mk_task_create(&t, MK_TASK_ISOLATED, serve_task, ep);
	struct cost c = calls(ep);
	mk_task_wait(t, MK_FOREVER, &st);
	mk_ep_destroy(ep);
	return c;
}

/* Receiver of sends: take messages until label 0. */
static void *drain(void *ep)
{
	mk_msg m;
	while (mk_recv(ep, &m, MK_FOREVER) == MK_OK && m.label != 0)
		;
	return NULL;
}

/* One send. */
static void send_op(void *ep)
{
	mk_msg m = {.label = 1, .w = {1, 2}};
	mk_send(ep, &m, MK_FOREVER);
}

/* One-way sends to a receiving thread. */
static struct cost bench_send(void)
{
	mk_endpoint *ep;
	mk_thread *t;
	mk_ep_create(&ep);
	mk_thread_create(&t, drain, ep);
	struct cost c = measure(send_op, ep, iters);
	mk_msg m = {.label = 0};
	mk_send(ep, &m, MK_FOREVER);
	mk_thread_join(t, NULL);
	mk_ep_destroy(ep);
	return c;
}

static mk_notify *ping, *pong;

/* Echo every ping as a pong until bit 2. */
static void *ponger(void *arg)
{
	uint32_t bits = 0;
	while (!(bits & 2)) {
		mk_notify_wait(ping, MK_FOREVER, &bits);
		mk_notify_signal(pong, 1);
	}
	return NULL;
}

/* A ping and its pong. */
static void ping_op(void *arg)
{
	uint32_t bits;
	mk_notify_signal(ping, 1);
	mk_notify_wait(pong, MK_FOREVER, &bits);
}

/* Signal-to-wake latency: half a ping-pong. */
static struct cost bench_notify(void)
{
	mk_thread *t;
	mk_notify_create(&ping);
	mk_notify_create(&pong);
	mk_thread_create(&t, ponger, NULL);
	struct cost c = measure(ping_op, NULL, iters);
	mk_notify_signal(ping, 2);
	mk_thread_join(t, NULL);
	mk_notify_destroy(ping);
	mk_notify_destroy(pong);
	return (struct cost){c.median / 2, c.best / 2};
}

/* An acquire and a release. */
static void lock_op(void *l)
{
	mk_lock_acquire(l);
	mk_lock_release(l);
}

/* An uncontended lock. */
static struct cost bench_lock(void)
{
	mk_lock *l;
	mk_lock_create(&l);
	struct cost c = measure(lock_op, l, iters * 20);
	mk_lock_destroy(l);
	return c;
}

/* One row of the table: a time (us or ns) or, with rate, a rate per second. */
static void row(const char *what, struct cost c, int rate)
{
	if (rate)
		printf("%-40s %10.0f/s %10.0f/s\n", what, 1e9 / c.median, 1e9 / c.best);
	else if (c.median >= 100)
		printf("%-40s %9.3f us %9.3f us\n", what, c.median / 1e3, c.best / 1e3);
	else
		printf("%-40s %9.1f ns %9.1f ns\n", what, c.median, c.best);
}

int main(int argc, char **argv)
{
	if (argc > 1 && atol(argv[1]) > 0)
		iters = atol(argv[1]);
	printf("microkernel backend: %s (%ld iterations in %d batches)\n", MK_BACKEND, iters,
	       ROUNDS);
	printf("%-40s %12s %12s\n", "measure", "median", "best");
	row("call+reply, two threads of a task", bench_call_thread(), 0);
	row("call+reply, task <-> isolated task", bench_call_task(), 0);
	row("one-way send throughput", bench_send(), 1);
	row("notification signal -> wake", bench_notify(), 0);
	row("lock acquire + release, uncontended", bench_lock(), 0);
	return 0;
}
