/* mk_task.c: tasks. An isolated task is a fork()ed host process (it shares
 * the arena and the memory objects made before it); another task is a
 * thread of the creator's process. Each process remembers the processes
 * it was forked from and when (ticks of the arena's counter), to tell
 * which memory objects' descriptors it holds.
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mk_internal.h"

#define MAX_DEPTH 16 /* nesting of isolated tasks whose objects we track */

struct mk_task {
	unsigned flags;
	pid_t pid;     /* isolated: the host process */
	pthread_t thr; /* in-process: the thread */
	int (*fn)(void *);
	void *arg;
	mks_mutex lock; /* in-process: guards done and status */
	mks_cond cv;
	int done;
	int status;
};

/* The processes this one descends from, with the tick of each fork. */
static struct {
	int32_t pid;
	uint64_t tick;
} ancestors[MAX_DEPTH];
static int depth;

/* Does this process hold the descriptors pid had at tick birth? */
int mk_task_inherits(int32_t pid, uint64_t birth)
{
	if (pid == (int32_t)getpid())
		return 1;
	for (int i = 0; i < depth; i++)
		if (ancestors[i].pid == pid && birth < ancestors[i].tick)
			return 1;
	return 0;
}

/* The first thread of an in-process task: run fn, publish its status. */
static void *task_thread(void *p)
{
	mk_task *t = p;
	int st = t->fn(t->arg) & 255;
	mks_lock(&t->lock);
	t->status = st;
	t->done = 1;
	mks_cond_broadcast(&t->cv);
	mks_unlock(&t->lock);
	return NULL;
}

/* The child side of an isolated task: record the fork, run fn, exit
 * without the parent's exit handlers. */
static _Noreturn void task_child(mk_task *t, int32_t parent, uint64_t tick)
{
	if (depth < MAX_DEPTH)
		ancestors[depth++] = (__typeof__(ancestors[0])){parent, tick};
	mk_arena_enter_task();
	int st = t->fn(t->arg) & 255;
	fflush(NULL);
	_exit(st);
}

/* Fork an isolated task; the arena exists before so the child shares it. */
static mk_err start_process(mk_task *t)
{
	if (mk_arena_init() != MK_OK)
		return MK_ERR_NOMEM;
	int32_t me = (int32_t)getpid();
	uint64_t tick = mk_arena_tick();
	fflush(NULL); /* nothing buffered is written twice */
	pid_t pid = fork();
	if (pid < 0)
		return MK_ERR_NOMEM;
	if (pid == 0)
		task_child(t, me, tick);
	t->pid = pid;
	return MK_OK;
}

/* Create a task running fn(arg), isolated or in this process. */
mk_err mk_task_create(mk_task **out, unsigned flags, int (*fn)(void *), void *arg)
{
	if (!out || !fn)
		return MK_ERR_INVAL;
	mk_task *t = calloc(1, sizeof *t);
	if (!t)
		return MK_ERR_NOMEM;
	*t = (mk_task){.flags = flags, .fn = fn, .arg = arg};
	mks_mutex_init(&t->lock);
	mks_cond_init(&t->cv);
	mk_err e = MK_OK;
	if (flags & MK_TASK_ISOLATED)
		e = start_process(t);
	else if (pthread_create(&t->thr, NULL, task_thread, t) != 0)
		e = MK_ERR_NOMEM;
	if (e) {
		free(t);
		return e;
	}
	*out = t;
	return MK_OK;
}

/* Wait for the task's thread until dl; join it when done. */
static mk_err wait_thread(mk_task *t, uint64_t dl)
{
	mks_lock(&t->lock);
	while (!t->done) {
		if (mks_cond_wait(&t->cv, &t->lock, dl) == MK_ERR_TIMEOUT) {
			mks_unlock(&t->lock);
			return MK_ERR_TIMEOUT;
		}
	}
	mks_unlock(&t->lock);
	pthread_join(t->thr, NULL);
	return MK_OK;
}

/* Reap the task's process; poll with growing naps (up to 1 ms) until dl. */
static mk_err wait_process(mk_task *t, uint64_t dl)
{
	uint64_t nap = 20000;
	for (;;) {
		int st;
		pid_t r = waitpid(t->pid, &st, dl == MK_FOREVER ? 0 : WNOHANG);
		if (r == t->pid) {
			t->status = WIFEXITED(st) ? WEXITSTATUS(st) : MK_TASK_FAULTED;
			return MK_OK;
		}
		if (r < 0 && errno != EINTR)
			return MK_ERR_INVAL;
		uint64_t now = mk_time_ns();
		if (r == 0 && now >= dl)
			return MK_ERR_TIMEOUT;
		if (r == 0)
			mk_sleep_ns(dl - now < nap ? dl - now : nap);
		nap = nap < 1000000 ? 2 * nap : nap;
	}
}

/* Wait for a task to end, then release it. */
mk_err mk_task_wait(mk_task *t, uint64_t timeout_ns, int *status)
{
	if (!t || !status)
		return MK_ERR_INVAL;
	uint64_t dl = mks_deadline(timeout_ns);
	mk_err e = t->flags & MK_TASK_ISOLATED ? wait_process(t, dl) : wait_thread(t, dl);
	if (e)
		return e;
	*status = t->status;
	mks_cond_destroy(&t->cv);
	mks_mutex_destroy(&t->lock);
	free(t);
	return MK_OK;
}

/* SIGKILL an isolated task. */
mk_err mk_task_kill(mk_task *t)
{
	if (!t)
		return MK_ERR_INVAL;
	if (!(t->flags & MK_TASK_ISOLATED))
		return MK_ERR_NOSYS;
	return kill(t->pid, SIGKILL) == 0 ? MK_OK : MK_ERR_INVAL;
}
