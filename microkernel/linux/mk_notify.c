/* mk_notify.c: notifications on a Linux host: a 32-bit word and a futex. */
#include <errno.h>
#include <linux/futex.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "mk.h"

struct mk_notify {
	_Atomic uint32_t bits;    /* pending bits: the futex word */
	_Atomic uint32_t waiters; /* threads inside futex_wait */
};

/* futex(2) on a notification word. */
static long futex(_Atomic uint32_t *w, int op, uint32_t val, const struct timespec *ts)
{
	return syscall(SYS_futex, (uint32_t *)w, op | FUTEX_PRIVATE_FLAG, val, ts, NULL, 0);
}

/* New notification, nothing pending. */
mk_err mk_notify_create(mk_notify **n)
{
	if (!n)
		return MK_ERR_INVAL;
	*n = calloc(1, sizeof **n);
	return *n ? MK_OK : MK_ERR_NOMEM;
}

/* Free a notification. */
void mk_notify_destroy(mk_notify *n)
{
	free(n);
}

/* OR bits in; wake a waiter if there is one. */
void mk_notify_signal(mk_notify *n, uint32_t bits)
{
	if (!bits)
		return;
	atomic_fetch_or(&n->bits, bits);
	if (atomic_load(&n->waiters))
		futex(&n->bits, FUTEX_WAKE, 1, NULL);
}

/* Take all pending bits, waiting up to timeout_ns for some. */
mk_err mk_notify_wait(mk_notify *n, uint64_t timeout_ns, uint32_t *bits)
{
	uint64_t deadline = timeout_ns == MK_FOREVER ? MK_FOREVER : mk_time_ns() + timeout_ns;
	for (;;) {
		uint32_t v = atomic_exchange(&n->bits, 0);
		if (v) {
			*bits = v;
			return MK_OK;
		}
		struct timespec ts, *tp = NULL;
		if (deadline != MK_FOREVER) {
			uint64_t now = mk_time_ns();
			if (now >= deadline) {
				*bits = 0;
				return MK_ERR_TIMEOUT;
			}
			uint64_t left = deadline - now;
			ts.tv_sec = (time_t)(left / 1000000000u);
			ts.tv_nsec = (long)(left % 1000000000u);
			tp = &ts;
		}
		atomic_fetch_add(&n->waiters, 1);
		futex(&n->bits, FUTEX_WAIT, 0, tp);
		atomic_fetch_sub(&n->waiters, 1);
	}
}
