/* mk_timer.c: timers on Linux: one timerfd per timer (CLOCK_MONOTONIC,
 * mk_time_ns's clock, armed with an absolute time) and one service thread
 * per process that waits on all of them with epoll and signals the
 * notifications. Timers belong to the task that made them: a forked task
 * starts its own service and does not run its creator's timers.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include "mk_internal.h"

struct mk_timer {
	int fd;
	int32_t pid; /* the owning process */
	mk_notify *n;
	uint32_t bits;
};

/* The service of this process. `lock` is held while events are handled;
 * `dropped` counts timers removed, so events read before a removal are
 * ignored (epoll is level-triggered: live timers report again). */
static struct {
	pthread_mutex_t lock;
	int epfd;
	pid_t pid;        /* process whose epoll set epfd is; 0 = none */
	pid_t thread_pid; /* process whose service thread runs; 0 = none */
	_Atomic uint32_t dropped;
} svc = {PTHREAD_MUTEX_INITIALIZER, -1, 0, 0, 0};
static pthread_once_t svc_once = PTHREAD_ONCE_INIT;

/* Fork handlers: no thread holds the lock across a fork; the child starts
 * without a service. */
static void svc_take(void)
{
	pthread_mutex_lock(&svc.lock);
}

/* Fork handler of the parent: release the lock. */
static void svc_give(void)
{
	pthread_mutex_unlock(&svc.lock);
}

/* Fork handler of the child: release the lock, forget the service. */
static void svc_child(void)
{
	svc.pid = 0;
	svc.thread_pid = 0;
	pthread_mutex_unlock(&svc.lock);
}

/* Register the fork handlers. */
static void svc_init(void)
{
	pthread_atfork(svc_take, svc_give, svc_child);
}

/* Read an expired timer's count and signal its notification. */
static void fire(mk_timer *t)
{
	uint64_t count;
	if (read(t->fd, &count, sizeof count) == sizeof count && count)
		mk_notify_signal(t->n, t->bits);
}

/* The service thread: wait for expiries, deliver them. */
static void *service(void *arg)
{
	int epfd = (int)(intptr_t)arg;
	struct epoll_event ev[16];
	for (;;) {
		uint32_t gen = atomic_load(&svc.dropped);
		int n = epoll_wait(epfd, ev, 16, -1);
		pthread_mutex_lock(&svc.lock);
		for (int i = 0; i < n && atomic_load(&svc.dropped) == gen; i++)
			fire(ev[i].data.ptr);
		pthread_mutex_unlock(&svc.lock);
	}
	return NULL;
}

/* Make this process's epoll set unless it has one (lock held). */
static mk_err svc_start(void)
{
	if (svc.pid == getpid())
		return MK_OK;
	if (svc.epfd >= 0)
		close(svc.epfd); /* the creator's epoll, inherited */
	svc.epfd = epoll_create1(EPOLL_CLOEXEC);
	if (svc.epfd < 0)
		return MK_ERR_NOMEM;
	svc.pid = getpid();
	svc.thread_pid = 0;
	return MK_OK;
}

/* Start the thread that serves the epoll set, with the first armed timer
 * (lock held): a process whose timers are never armed runs none. Expiries
 * before it runs wait in the level-triggered set. */
static mk_err svc_thread(void)
{
	pthread_t thr;
	if (svc.thread_pid == getpid())
		return MK_OK;
	if (pthread_create(&thr, NULL, service, (void *)(intptr_t)svc.epfd) != 0)
		return MK_ERR_NOMEM;
	pthread_detach(thr);
	svc.thread_pid = getpid();
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
	*t = (mk_timer){.fd = -1, .pid = (int32_t)getpid(), .n = n, .bits = bits};
	pthread_once(&svc_once, svc_init);
	pthread_mutex_lock(&svc.lock);
	mk_err e = svc_start();
	if (!e)
		t->fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	struct epoll_event ev = {.events = EPOLLIN, .data.ptr = t};
	if (!e && (t->fd < 0 || epoll_ctl(svc.epfd, EPOLL_CTL_ADD, t->fd, &ev) != 0))
		e = MK_ERR_NOMEM;
	pthread_mutex_unlock(&svc.lock);
	if (e) {
		if (t->fd >= 0)
			close(t->fd);
		free(t);
		return e;
	}
	*out = t;
	return MK_OK;
}

/* Arm at absolute at_ns (MK_FOREVER: disarm), then every period_ns. */
mk_err mk_timer_set(mk_timer *t, uint64_t at_ns, uint64_t period_ns)
{
	if (!t || t->pid != (int32_t)getpid())
		return MK_ERR_INVAL;
	struct itimerspec its = {0};
	if (at_ns != MK_FOREVER) {
		pthread_mutex_lock(&svc.lock);
		mk_err e = svc_thread();
		pthread_mutex_unlock(&svc.lock);
		if (e)
			return MK_ERR_NOMEM;
		at_ns = at_ns ? at_ns : 1; /* 0 would disarm */
		its.it_value.tv_sec = (time_t)(at_ns / 1000000000u);
		its.it_value.tv_nsec = (long)(at_ns % 1000000000u);
		its.it_interval.tv_sec = (time_t)(period_ns / 1000000000u);
		its.it_interval.tv_nsec = (long)(period_ns % 1000000000u);
	}
	if (timerfd_settime(t->fd, TFD_TIMER_ABSTIME, &its, NULL) != 0)
		return MK_ERR_INVAL;
	return MK_OK;
}

/* Remove the timer from the service, then free it. */
void mk_timer_destroy(mk_timer *t)
{
	if (!t)
		return;
	pthread_mutex_lock(&svc.lock);
	if (t->pid == (int32_t)getpid())
		epoll_ctl(svc.epfd, EPOLL_CTL_DEL, t->fd, NULL);
	atomic_fetch_add(&svc.dropped, 1);
	pthread_mutex_unlock(&svc.lock);
	close(t->fd);
	free(t);
}
