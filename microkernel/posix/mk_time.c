/* mk_time.c: clock and threads on a Linux host (clock_gettime, pthreads). */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <time.h>

#include "mk.h"

/* Monotonic nanoseconds. */
uint64_t mk_time_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Process CPU time in nanoseconds. */
uint64_t mk_cpu_time_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* Peak resident memory in KiB. */
uint64_t mk_peak_rss_kb(void)
{
	struct rusage ru;
	if (getrusage(RUSAGE_SELF, &ru) != 0)
		return 0;
	return (uint64_t)ru.ru_maxrss;
}

/* Sleep at least ns, resuming after signals. */
void mk_sleep_ns(uint64_t ns)
{
	struct timespec ts = {
	        .tv_sec = (time_t)(ns / 1000000000u),
	        .tv_nsec = (long)(ns % 1000000000u),
	};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

struct mk_thread {
	pthread_t tid;
};

/* Start a thread. */
mk_err mk_thread_create(mk_thread **t, void *(*fn)(void *), void *arg)
{
	if (!t || !fn)
		return MK_ERR_INVAL;
	mk_thread *th = malloc(sizeof *th);
	if (!th)
		return MK_ERR_NOMEM;
	if (pthread_create(&th->tid, NULL, fn, arg) != 0) {
		free(th);
		return MK_ERR_NOMEM;
	}
	*t = th;
	return MK_OK;
}

/* Join and free a thread. */
mk_err mk_thread_join(mk_thread *t, void **ret)
{
	void *r;
	if (!t)
		return MK_ERR_INVAL;
	if (pthread_join(t->tid, &r) != 0)
		return MK_ERR_INVAL;
	free(t);
	if (ret)
		*ret = r;
	return MK_OK;
}
