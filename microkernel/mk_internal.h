/* mk_internal.h: what the backends' files share inside the microkernel
 * layer (never included outside microkernel/).
 *
 * - The arena: one MAP_SHARED mapping per process tree that holds every
 *   kernel object (endpoints, notifications, locks) and the table of
 *   memory-object records, so an object made before a task is forked works
 *   inside it. Mapped at the same address in every task of the tree.
 * - The sync interface: a mutex and a condition variable that work between
 *   processes when they live in the arena. The futex backend (linux/)
 *   spins briefly before sleeping and makes a system call only when a
 *   waiter really sleeps; the pthread backend (posix/) uses process-shared
 *   pthread mutexes and condition variables.
 * The endpoint and notification logic (posix/mk_ipc.c), memory objects and
 * tasks are written once over these.
 */
#ifndef MK_INTERNAL_H
#define MK_INTERNAL_H

#include <stdint.h>
#include <sys/types.h>

#include "mk.h"

#if MK_SYNC_FUTEX
/* Futex mutex: 0 free, 1 held, 2 held with sleepers (Drepper's). */
typedef struct mks_mutex {
	_Atomic uint32_t v;
} mks_mutex;
/* Futex condition: waiters sleep on seq, which each signal bumps. */
typedef struct mks_cond {
	_Atomic uint32_t seq;
	_Atomic uint32_t sleepers; /* threads inside futex_wait */
} mks_cond;
#else
#include <pthread.h>
typedef struct mks_mutex {
	pthread_mutex_t m;
} mks_mutex;
typedef struct mks_cond {
	pthread_cond_t c;
	_Atomic uint32_t seq; /* bumped by each signal: waiters spin on it first */
} mks_cond;
#endif

/* ---- sync (linux/mk_sync.c or posix/mk_sync.c) ---------------------- */

/* Make m a free mutex usable between processes (in the arena). */
void mks_mutex_init(mks_mutex *m);
/* Release what mks_mutex_init took (m is free). */
void mks_mutex_destroy(mks_mutex *m);
/* Take m, waiting as long as it takes. */
void mks_lock(mks_mutex *m);
/* Release m, held by the caller. */
void mks_unlock(mks_mutex *m);
/* Make c a condition variable usable between processes. */
void mks_cond_init(mks_cond *c);
/* Release what mks_cond_init took (nobody waits on c). */
void mks_cond_destroy(mks_cond *c);
/* With m held: release m, sleep until c is signalled (or spuriously) or
 * until the absolute mk_time_ns() deadline (MK_FOREVER = none), retake m.
 * MK_ERR_TIMEOUT once the deadline has passed (then m was never released). */
mk_err mks_cond_wait(mks_cond *c, mks_mutex *m, uint64_t deadline);
/* mks_cond_wait, but return MK_OK with m released (for a waiter whose
 * wake-up condition is an atomic it can check alone). */
mk_err mks_cond_wait_unlock(mks_cond *c, mks_mutex *m, uint64_t deadline);
/* Wake one waiter of c (the caller holds the waiters' mutex). */
void mks_cond_signal(mks_cond *c);
/* Wake every waiter of c (the caller holds the waiters' mutex). */
void mks_cond_broadcast(mks_cond *c);

/* Spin for a few microseconds while *w == old; 1 if it
 * changed (posix/mk_spin.c). No spinning on a single-CPU host. */
int mks_spin_while(_Atomic uint32_t *w, uint32_t old);

/* One step of a spin loop: a pause instruction where the host has one. */
void mks_relax(void);

/* Absolute deadline of a relative timeout (MK_FOREVER stays MK_FOREVER). */
static inline uint64_t mks_deadline(uint64_t timeout_ns)
{
	if (timeout_ns == MK_FOREVER)
		return MK_FOREVER;
	uint64_t now = mk_time_ns();
	return timeout_ns > MK_FOREVER - 1 - now ? MK_FOREVER - 1 : now + timeout_ns;
}

/* ---- the arena (posix/mk_arena.c) ------------------------------------- */

/* Make sure the arena exists (before a fork, so the child shares it).
 * MK_ERR_NOMEM if it cannot be mapped. */
mk_err mk_arena_init(void);
/* In a freshly forked isolated task: objects it creates from now on go to
 * an arena of its own (shared with the tasks it starts, not with its
 * creator); those made before stay where they are. */
void mk_arena_enter_task(void);

/* A zeroed block of at least size bytes (<= 4096), 64-byte aligned.
 * MK_ERR_NOMEM when the arena is full. */
mk_err mk_arena_alloc(size_t size, void **p);
/* Give back a block from mk_arena_alloc of the same size. NULL: no-op. */
void mk_arena_free(void *p, size_t size);
/* A fresh number, increasing across the whole process tree. */
uint64_t mk_arena_tick(void);

/* A memory object's record: in the arena's table, named by a reference
 * (index and generation) that mk_arena_memobj_find checks. */
struct mk_memobj {
	uint32_t gen;   /* bumped when the record is freed; 0 = never used */
	uint32_t next;  /* free-list link */
	uint64_t size;  /* page-rounded */
	uint64_t birth; /* mk_arena_tick() at creation */
	int32_t fd;     /* the host object, valid in the creator and the tasks
	                   forked from it after birth */
	int32_t pid;    /* the creating process */
};

/* A zeroed, live memory-object record. MK_ERR_NOMEM when the table is full. */
mk_err mk_arena_memobj_new(mk_memobj **mo);
/* Free a record (its references go stale). */
void mk_arena_memobj_free(mk_memobj *mo);
/* The reference of a live record (never 0). */
uint64_t mk_arena_memobj_ref(const mk_memobj *mo);
/* The live record a reference names, or NULL. */
mk_memobj *mk_arena_memobj_find(uint64_t ref);

/* ---- tasks (posix/mk_task.c) ------------------------------------------- */

/* 1 if this process has a copy of the file descriptors process pid had at
 * tick `birth` (it is pid, or was forked from pid after that tick). */
int mk_task_inherits(int32_t pid, uint64_t birth);

/* ---- host memory (posix/mk_mem.c) -------------------------------------- */

/* MK_PROT_* rights as mmap's PROT_* bits. */
int mk_host_prot(unsigned prot);

/* ---- backend hooks ------------------------------------------------------- */

/* A new shared-memory host object of size bytes: a file descriptor, or -1
 * (linux/mk_shm.c: memfd; posix/mk_shm.c: shm_open, unlinked at once). */
int mk_shm_create(uint64_t size);

#endif /* MK_INTERNAL_H */
