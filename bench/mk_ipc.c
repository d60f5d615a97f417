/* mk_ipc.c: microbenchmarks of the microkernel layer on the configured
 * backend: call+reply round trips (two threads of a task; a task and an
 * isolated task), one-way send throughput, notification signal-to-wake
 * latency, and an uncontended lock. Prints one table.
 *   usage: mk_ipc [iterations]   (default 200000) */
#include <stdio.h>
#include <stdlib.h>

#include "mk.h"

#ifndef MK_BACKEND
#define MK_BACKEND "?"
#endif

static long iters = 200000;

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

/* n calls (after a warm-up); microseconds per round trip. */
static double calls(mk_endpoint *ep, long n)
{
	mk_msg m = {.label = 1};
	for (long i = 0; i < n / 10; i++)
		mk_call(ep, &m, MK_FOREVER);
	uint64_t t0 = mk_time_ns();
	for (long i = 0; i < n; i++)
		mk_call(ep, &m, MK_FOREVER);
	double us = (double)(mk_time_ns() - t0) / 1e3 / (double)n;
	m.label = 0;
	mk_call(ep, &m, MK_FOREVER);
	return us;
}

/* Round trip to a server thread of this task, in microseconds. */
static double bench_call_thread(void)
{
	mk_endpoint *ep;
	mk_thread *t;
	mk_ep_create(&ep);
	mk_thread_create(&t, serve_thread, ep);
	double us = calls(ep, iters);
	mk_thread_join(t, NULL);
	mk_ep_destroy(ep);
	return us;
}

/* Round trip to a server in an isolated task, in microseconds. */
static double bench_call_task(void)
{
	mk_endpoint *ep;
	mk_task *t;
	int st;
	mk_ep_create(&ep);
	mk_task_create(&t, MK_TASK_ISOLATED, serve_task, ep);
	double us = calls(ep, iters);
	mk_task_wait(t, MK_FOREVER, &st);
	mk_ep_destroy(ep);
	return us;
}

/* Receiver of sends: take messages until label 0. */
static void *drain(void *ep)
{
	mk_msg m;
	while (mk_recv(ep, &m, MK_FOREVER) == MK_OK && m.label != 0)
		;
	return NULL;
}

/* One-way sends to a receiving thread, in messages per second. */
static double bench_send(void)
{
	mk_endpoint *ep;
	mk_thread *t;
	mk_msg m = {.label = 1, .w = {1, 2}};
	mk_ep_create(&ep);
	mk_thread_create(&t, drain, ep);
	uint64_t t0 = mk_time_ns();
	for (long i = 0; i < iters; i++)
		mk_send(ep, &m, MK_FOREVER);
	m.label = 0;
	mk_send(ep, &m, MK_FOREVER);
	mk_thread_join(t, NULL);
	double rate = (double)iters * 1e9 / (double)(mk_time_ns() - t0);
	mk_ep_destroy(ep);
	return rate;
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

/* Signal-to-wake latency: half a ping-pong, in microseconds. */
static double bench_notify(void)
{
	mk_thread *t;
	uint32_t bits;
	mk_notify_create(&ping);
	mk_notify_create(&pong);
	mk_thread_create(&t, ponger, NULL);
	uint64_t t0 = mk_time_ns();
	for (long i = 0; i < iters; i++) {
		mk_notify_signal(ping, 1);
		mk_notify_wait(pong, MK_FOREVER, &bits);
	}
	double us = (double)(mk_time_ns() - t0) / 1e3 / (double)iters / 2;
	mk_notify_signal(ping, 2);
	mk_thread_join(t, NULL);
	mk_notify_destroy(ping);
	mk_notify_destroy(pong);
	return us;
}

/* An uncontended acquire + release, in nanoseconds. */
static double bench_lock(void)
{
	mk_lock *l;
	mk_lock_create(&l);
	long n = iters * 50;
	uint64_t t0 = mk_time_ns();
	for (long i = 0; i < n; i++) {
		mk_lock_acquire(l);
		mk_lock_release(l);
	}
	double ns = (double)(mk_time_ns() - t0) / (double)n;
	mk_lock_destroy(l);
	return ns;
}

int main(int argc, char **argv)
{
	if (argc > 1)
		iters = atol(argv[1]) > 0 ? atol(argv[1]) : iters;
	printf("microkernel backend: %s (%ld iterations)\n", MK_BACKEND, iters);
	printf("%-46s %12s\n", "measure", "value");
	printf("%-46s %9.3f us\n", "call+reply, two threads of a task", bench_call_thread());
	printf("%-46s %9.3f us\n", "call+reply, task <-> isolated task", bench_call_task());
	printf("%-46s %9.0f /s\n", "one-way send throughput", bench_send());
	printf("%-46s %9.3f us\n", "notification signal -> wake", bench_notify());
	printf("%-46s %9.1f ns\n", "lock acquire + release, uncontended", bench_lock());
	return 0;
}
