/* mk_host.c: host services every POSIX host has: the environment, the
 * wall clock and the process id. */
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "mk.h"

/* A setting of the host environment, or NULL. */
const char *mk_env(const char *name)
{
	return name ? getenv(name) : NULL;
}

/* Seconds since the epoch (0 if the host clock cannot tell). */
uint64_t mk_wall_time_s(void)
{
	time_t t = time(NULL);
	return t > 0 ? (uint64_t)t : 0;
}

/* This task's host process id. */
uint64_t mk_task_self_id(void)
{
	return (uint64_t)getpid();
}
