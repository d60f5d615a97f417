/* mk_timer.c: timers on a POSIX host: one service thread per process keeps
 * the armed timers' deadlines and sleeps on a condition variable (on
 * CLOCK_MONOTONIC, mk_time_ns's clock) until the nearest one. Timers
 * belong to the task that made them: a forked task starts its own service
 * and does not run its creator's timers.
 */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "mk_internal.h"

struct mk_timer {
	struct mk_timer *next;
	int32_t pid;     /* the owning process */
	uint64_t at;     /* next expiry, MK_FOREVER = disarmed */
	uint64_t period; /* 0 = one-shot */
	mk_notify *n;
	uint32_t bits;
};

/* The service of this process: its timers and the condition it sleeps on
 * (signalled when a timer is set). */
static struct {
	mks_mutex lock;
	mks_cond cv;
	mk_timer *list;
	pid_t pid; /* process the service runs in; 0 = none */
} svc;
static pthread_once_t svc_once = PTHREAD_ONCE_INIT;

/* Fork handler: no thread holds the lock across a fork. */
static void svc_take(void)
{
	mks_lock(&svc.lock);
}

/* Fork handler of the parent: release the lock. */
static void svc_give(void)
{
	mks_unlock(&svc.lock);
}

/* Fork handler of the child: release the lock, forget the service and the
 * creator's timers. */
static void svc_child(void)
{
	svc.pid = 0;
	svc.list = NULL;
	mks_unlock(&svc.lock);
}

/* Set up the lock, the condition and the fork handlers. */
static void svc_init(void)
{
	mks_mutex_init(&svc.lock);
	mks_cond_init(&svc.cv);
	pthread_atfork(svc_take, svc_give, svc_child);
}

/* Deliver t if due at now; advance a periodic timer past now (lock held). */
static void fire(mk_timer *t, uint64_t now)
{
	if (t->at > now)
		return;
	mk_notify_signal(t->n, t->bits);
	if (t->period)
		t->at += t->period * ((now - t->at) / t->period + 1);
	else
		t->at = MK_FOREVER;
}

/* The service thread: deliver due timers, sleep until the next one. */
static void *service(void *arg)
{
	(void)arg;
	mks_lock(&svc.lock);
	for (;;) {
		uint64_t now = mk_time_ns(), next = MK_FOREVER;
		for (mk_timer *t = svc.list; t; t = t->next) {
			fire(t, now);
			next = t->at < next ? t->at : next;
		}
		mks_cond_wait(&svc.cv, &svc.lock, next);
	}
	return NULL;
}

/* Start this process's service unless it runs (lock held). */
static mk_err svc_start(void)
{
	pthread_t thr;
	if (svc.pid == getpid())
		return MK_OK;
	if (pthread_create(&thr, NULL, service, NULL) != 0)
		return MK_ERR_NOMEM;
	pthread_detach(thr);
	svc.pid = getpid();
	return MK_OK;
}

/* A disarmed timer that signals bits on n. */
mk_err mk_timer_create(mk_notify *n, uint32_t bits, mk_timer **out)
{
	if (!n || !bits || !out)
		return MK_ERR_INVAL;
	mk_timer *t = calloc(1, sizeof *t);
	if (!t)
		return MK_ERR_NOMEM;
	*t = (mk_timer){.pid = (int32_t)getpid(), .at = MK_FOREVER, .n = n, .bits = bits};
	pthread_once(&svc_once, svc_init);
	mks_lock(&svc.lock);
	t->next = svc.list;
	svc.list = t;
	mks_unlock(&svc.lock);
	*out = t;
	return MK_OK;
}

/* Arm at absolute at_ns (MK_FOREVER: disarm), then every period_ns. */
mk_err mk_timer_set(mk_timer *t, uint64_t at_ns, uint64_t period_ns)
{
	if (!t || t->pid != (int32_t)getpid())
		return MK_ERR_INVAL;
	mks_lock(&svc.lock);
	/* the service starts with the first armed timer: a process whose
	 * timers are never armed runs no thread for them */
	mk_err e = at_ns != MK_FOREVER ? svc_start() : MK_OK;
	if (!e) {
		t->at = at_ns;
		t->period = period_ns;
		mks_cond_signal(&svc.cv);
	}
	mks_unlock(&svc.lock);
	return e;
}

/* Take the timer off the service's list, then free it. */
void mk_timer_destroy(mk_timer *t)
{
	if (!t)
		return;
	mks_lock(&svc.lock);
	for (mk_timer **pp = &svc.list; *pp; pp = &(*pp)->next) {
		if (*pp == t) {
			*pp = t->next;
			break;
		}
	}
	mks_unlock(&svc.lock);
	free(t);
}
