/* mk_sync.c: the sync interface on Linux futexes (shared, not
 * process-private: the words live in the arena, which several processes
 * map). Every hand-over is a C11 atomic with acquire/release order, so
 * tools that know C11 atomics (ThreadSanitizer) see the ordering; the futex
 * is only the place to sleep. Waiters spin a few microseconds first, and a
 * signal makes a system call only when some waiter really sleeps.
 */
#include <limits.h>
#include <linux/futex.h>
#include <sched.h>
#include <stdatomic.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "mk_internal.h"

/* futex(2) on a shared word; FUTEX_WAIT with an optional relative timeout. */
static long futex(_Atomic uint32_t *w, int op, uint32_t val, const struct timespec *ts)
{
	return syscall(SYS_futex, (uint32_t *)w, op, val, ts, NULL, 0);
}

/* Free mutex. */
void mks_mutex_init(mks_mutex *m)
{
	atomic_init(&m->v, 0);
}

/* Nothing to release. */
void mks_mutex_destroy(mks_mutex *m)
{
	(void)m;
}

/* Take the mutex: one CAS when free, else spin, then sleep marked 2. */
void mks_lock(mks_mutex *m)
{
	uint32_t c = 0;
	if (atomic_compare_exchange_strong_explicit(&m->v, &c, 1, memory_order_acquire,
	                                            memory_order_relaxed))
		return;
	if (c == 1 && mks_spin_while(&m->v, 1)) {
		c = 0;
		if (atomic_compare_exchange_strong_explicit(&m->v, &c, 1, memory_order_acquire,
		                                            memory_order_relaxed))
			return;
	}
	while (atomic_exchange_explicit(&m->v, 2, memory_order_acquire) != 0)
		futex(&m->v, FUTEX_WAIT, 2, NULL);
}

/* Release; wake one sleeper if the mutex was marked contended. */
void mks_unlock(mks_mutex *m)
{
	if (atomic_exchange_explicit(&m->v, 0, memory_order_release) == 2)
		futex(&m->v, FUTEX_WAKE, 1, NULL);
}

/* Fresh condition. */
void mks_cond_init(mks_cond *c)
{
	atomic_init(&c->seq, 0);
	atomic_init(&c->sleepers, 0);
}

/* Nothing to release. */
void mks_cond_destroy(mks_cond *c)
{
	(void)c;
}

/* Relative timespec until deadline; NULL for MK_FOREVER. */
static const struct timespec *until(uint64_t deadline, uint64_t now, struct timespec *ts)
{
	if (deadline == MK_FOREVER)
		return NULL;
	uint64_t left = deadline > now ? deadline - now : 0;
	ts->tv_sec = (time_t)(left / 1000000000u);
	ts->tv_nsec = (long)(left % 1000000000u);
	return ts;
}

/* Wait for a bump of seq (m released): spin, then sleep counted in
 * sleepers. */
mk_err mks_cond_wait_unlock(mks_cond *c, mks_mutex *m, uint64_t deadline)
{
	struct timespec ts;
	uint64_t now = deadline == MK_FOREVER ? 0 : mk_time_ns();
	if (now >= deadline)
		return MK_ERR_TIMEOUT;
	uint32_t s = atomic_load_explicit(&c->seq, memory_order_relaxed);
	mks_unlock(m);
	if (!mks_spin_while(&c->seq, s)) {
		atomic_fetch_add(&c->sleepers, 1);
		futex(&c->seq, FUTEX_WAIT, s, until(deadline, now, &ts));
		atomic_fetch_sub(&c->sleepers, 1);
	}
	return MK_OK;
}

/* Wait for a bump of seq, then retake m. */
mk_err mks_cond_wait(mks_cond *c, mks_mutex *m, uint64_t deadline)
{
	mk_err e = mks_cond_wait_unlock(c, m, deadline);
	if (!e)
		mks_lock(m);
	return e;
}

/* Bump seq; a system call only if somebody sleeps. */
void mks_cond_signal(mks_cond *c)
{
	atomic_fetch_add(&c->seq, 1);
	if (atomic_load(&c->sleepers))
		futex(&c->seq, FUTEX_WAKE, 1, NULL);
}

/* Bump seq and wake every sleeper. */
void mks_cond_broadcast(mks_cond *c)
{
	atomic_fetch_add(&c->seq, 1);
	if (atomic_load(&c->sleepers))
		futex(&c->seq, FUTEX_WAKE, INT_MAX, NULL);
}
