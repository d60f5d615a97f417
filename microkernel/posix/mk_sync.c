/* mk_sync.c: the sync interface on process-shared pthread mutexes and
 * condition variables (the condition on CLOCK_MONOTONIC, mk_time_ns's
 * clock, where the host can; otherwise deadlines are converted to
 * CLOCK_REALTIME at each wait). A waiter first spins briefly on a counter
 * that every signal bumps, as the futex backend does, so a partner that
 * answers at once costs no sleep and no wake-up. */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#include "mk_internal.h"

#if defined(_POSIX_CLOCK_SELECTION) && _POSIX_CLOCK_SELECTION > 0
#define COND_CLOCK CLOCK_MONOTONIC
#else
#define COND_CLOCK CLOCK_REALTIME
#endif

/* Free process-shared mutex. */
void mks_mutex_init(mks_mutex *m)
{
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_mutex_init(&m->m, &a);
	pthread_mutexattr_destroy(&a);
}

/* Destroy a free mutex. */
void mks_mutex_destroy(mks_mutex *m)
{
	pthread_mutex_destroy(&m->m);
}

/* Take the mutex: a few tries first (a mutex is held for a short copy;
 * blocking on it costs a sleep and a wake-up), then block. */
void mks_lock(mks_mutex *m)
{
	for (int i = 0; i < 256; i++) {
		if (pthread_mutex_trylock(&m->m) == 0)
			return;
		mks_relax();
	}
	pthread_mutex_lock(&m->m);
}

/* Release the mutex. */
void mks_unlock(mks_mutex *m)
{
	pthread_mutex_unlock(&m->m);
}

/* Process-shared condition on COND_CLOCK. */
void mks_cond_init(mks_cond *c)
{
	pthread_condattr_t a;
	pthread_condattr_init(&a);
	pthread_condattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
#if COND_CLOCK == CLOCK_MONOTONIC
	pthread_condattr_setclock(&a, CLOCK_MONOTONIC);
#endif
	pthread_cond_init(&c->c, &a);
	atomic_init(&c->seq, 0);
	pthread_condattr_destroy(&a);
}

/* Destroy a condition nobody waits on. */
void mks_cond_destroy(mks_cond *c)
{
	pthread_cond_destroy(&c->c);
}

/* The deadline (mk_time_ns clock) as a COND_CLOCK timespec. */
static struct timespec abs_time(uint64_t deadline, uint64_t now)
{
	struct timespec ts;
	clock_gettime(COND_CLOCK, &ts);
	uint64_t ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	ns += deadline - now;
	ts.tv_sec = (time_t)(ns / 1000000000u);
	ts.tv_nsec = (long)(ns % 1000000000u);
	return ts;
}

/* pthread_cond_(timed)wait after a short spin; MK_ERR_TIMEOUT only if
 * the deadline had passed (m not released then). A signal during the spin
 * returns MK_OK; so does a spin that outlives the deadline (the caller
 * looks again, and its next wait times out at once). Signals are sent with
 * m held, so one that comes after the spin finds the waiter in the
 * condition wait. */
mk_err mks_cond_wait(mks_cond *c, mks_mutex *m, uint64_t deadline)
{
	uint32_t seq = atomic_load_explicit(&c->seq, memory_order_acquire);
	if (deadline != MK_FOREVER && mk_time_ns() >= deadline)
		return MK_ERR_TIMEOUT;
	pthread_mutex_unlock(&m->m);
	int woke = mks_spin_while(&c->seq, seq);
	pthread_mutex_lock(&m->m);
	if (woke || atomic_load_explicit(&c->seq, memory_order_acquire) != seq ||
	    (deadline != MK_FOREVER && mk_time_ns() >= deadline))
		return MK_OK;
	if (deadline == MK_FOREVER) {
		pthread_cond_wait(&c->c, &m->m);
		return MK_OK;
	}
	uint64_t now = mk_time_ns();
	if (now >= deadline)
		return MK_ERR_TIMEOUT;
	struct timespec ts = abs_time(deadline, now);
	pthread_cond_timedwait(&c->c, &m->m, &ts);
	return MK_OK;
}

/* pthread_cond_(timed)wait, then release the mutex. */
mk_err mks_cond_wait_unlock(mks_cond *c, mks_mutex *m, uint64_t deadline)
{
	mk_err e = mks_cond_wait(c, m, deadline);
	if (!e)
		pthread_mutex_unlock(&m->m);
	return e;
}

/* Wake one waiter (a spinning one sees the counter move). */
void mks_cond_signal(mks_cond *c)
{
	atomic_fetch_add_explicit(&c->seq, 1, memory_order_release);
	pthread_cond_signal(&c->c);
}

/* Wake every waiter. */
void mks_cond_broadcast(mks_cond *c)
{
	atomic_fetch_add_explicit(&c->seq, 1, memory_order_release);
	pthread_cond_broadcast(&c->c);
}
