/* mk_arena.c: the kernel-object arenas. An arena is a MAP_SHARED anonymous
 * mapping inherited (at the same address) by every task forked after it
 * was made. The first task makes the root arena; each isolated task makes
 * one of its own for the objects it creates, so that they are shared only
 * with the tasks it starts, and a task that dies holding its arena's lock
 * blocks nobody else. Objects its creators made before it stay usable in
 * their arenas. Blocks come in power-of-two size classes, each with a free
 * list; memory-object records sit in a fixed table per arena so that a
 * reference is an index (arena depth * MEMOBJ_MAX + slot) plus a
 * generation and can be checked.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/mman.h>

#include "mk_internal.h"

#define ARENA_SIZE (16u << 20) /* reserved address space; pages are used on touch */
#define MIN_SHIFT  6           /* smallest block: 64 bytes (a cache line) */
#define NCLASS     7           /* 64 .. 4096 bytes */
#define MEMOBJ_MAX 4096        /* live memory objects at most */

struct free_block {
	struct free_block *next;
};

struct arena {
	struct arena *parent; /* the arena of the task's creator, NULL = root */
	uint32_t depth;       /* 0 for the root */
	mks_mutex lock;       /* guards everything below but tick */
	_Atomic uint64_t tick;
	size_t top; /* offset of the first block never handed out */
	struct free_block *free[NCLASS];
	uint32_t mo_free; /* index + 1 of a free record, 0 = none */
	uint32_t mo_used; /* records handed out at least once */
	mk_memobj mo[MEMOBJ_MAX];
};

static struct arena *arena; /* where this task's new objects go */
static pthread_once_t arena_once = PTHREAD_ONCE_INIT;

/* A fresh arena below parent (NULL: the root); NULL if it cannot be mapped. */
static struct arena *arena_new(struct arena *parent)
{
	void *p = mmap(NULL, ARENA_SIZE, PROT_READ | PROT_WRITE,
	               MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	struct arena *a = p;
	a->parent = parent;
	a->depth = parent ? parent->depth + 1 : 0;
	mks_mutex_init(&a->lock);
	a->top = (sizeof *a + 63) & ~(size_t)63;
	return a;
}

/* Map the root arena (once per process tree). */
static void arena_map(void)
{
	arena = arena_new(NULL);
}

/* An isolated task's own arena (in the child, right after the fork); on
 * failure the task goes on with its creator's. */
void mk_arena_enter_task(void)
{
	struct arena *a = arena ? arena_new(arena) : NULL;
	if (a)
		arena = a;
}

/* The arena of this task's chain that holds address p (NULL: none). */
static struct arena *arena_of(const void *p)
{
	for (struct arena *a = arena; a; a = a->parent)
		if ((const char *)p >= (const char *)a &&
		    (const char *)p < (const char *)a + ARENA_SIZE)
			return a;
	return NULL;
}

/* The root arena (its counter is the tree's). */
static struct arena *root(void)
{
	struct arena *a = arena;
	while (a->parent)
		a = a->parent;
	return a;
}

/* Map the arena on first use. */
mk_err mk_arena_init(void)
{
	pthread_once(&arena_once, arena_map);
	return arena ? MK_OK : MK_ERR_NOMEM;
}

/* Size class of a request: 64 << class >= size. */
static int size_class(size_t size)
{
	int c = 0;
	while (((size_t)1 << (MIN_SHIFT + c)) < size)
		c++;
	return c;
}

/* A zeroed block from the class's free list or the untouched top. */
mk_err mk_arena_alloc(size_t size, void **p)
{
	int c = size_class(size);
	if (c >= NCLASS || mk_arena_init() != MK_OK)
		return MK_ERR_NOMEM;
	size_t bytes = (size_t)1 << (MIN_SHIFT + c);
	void *b = NULL;
	mks_lock(&arena->lock);
	if (arena->free[c]) {
		b = arena->free[c];
		arena->free[c] = arena->free[c]->next;
	} else if (arena->top + bytes <= ARENA_SIZE) {
		b = (char *)arena + arena->top;
		arena->top += bytes;
	}
	mks_unlock(&arena->lock);
	if (!b)
		return MK_ERR_NOMEM;
	memset(b, 0, bytes);
	*p = b;
	return MK_OK;
}

/* Push a block on its class's free list. */
void mk_arena_free(void *p, size_t size)
{
	if (!p)
		return;
	int c = size_class(size);
	struct free_block *b = p;
	struct arena *a = arena_of(p);
	if (!a)
		return; /* not ours: never handed out here */
	mks_lock(&a->lock);
	b->next = a->free[c];
	a->free[c] = b;
	mks_unlock(&a->lock);
}

/* Next number of the tree-wide counter. */
uint64_t mk_arena_tick(void)
{
	if (mk_arena_init() != MK_OK)
		return 0;
	return atomic_fetch_add(&root()->tick, 1) + 1;
}

/* A record from the free list or the unused end of the table; its
 * generation becomes odd (live). */
mk_err mk_arena_memobj_new(mk_memobj **mo)
{
	if (mk_arena_init() != MK_OK)
		return MK_ERR_NOMEM;
	mk_memobj *r = NULL;
	mks_lock(&arena->lock);
	if (arena->mo_free) {
		r = &arena->mo[arena->mo_free - 1];
		arena->mo_free = r->next;
	} else if (arena->mo_used < MEMOBJ_MAX) {
		r = &arena->mo[arena->mo_used++];
	}
	if (r) {
		uint32_t gen = r->gen + 1;
		memset(r, 0, sizeof *r);
		r->gen = gen;
	}
	mks_unlock(&arena->lock);
	*mo = r;
	return r ? MK_OK : MK_ERR_NOMEM;
}

/* Make the record's generation even (dead) and put it on the free list. */
void mk_arena_memobj_free(mk_memobj *mo)
{
	struct arena *a = arena_of(mo);
	if (!a)
		return;
	mks_lock(&a->lock);
	mo->gen++;
	mo->next = a->mo_free;
	a->mo_free = (uint32_t)(mo - a->mo) + 1;
	mks_unlock(&a->lock);
}

/* Generation in the high half; in the low half the arena's depth times
 * MEMOBJ_MAX plus the slot + 1. */
uint64_t mk_arena_memobj_ref(const mk_memobj *mo)
{
	const struct arena *a = arena_of(mo);
	if (!a)
		return 0;
	return (uint64_t)mo->gen << 32 |
	       ((uint64_t)a->depth * MEMOBJ_MAX + (uint64_t)(mo - a->mo) + 1);
}

/* The live record whose arena, index and generation the reference gives. */
mk_memobj *mk_arena_memobj_find(uint64_t ref)
{
	uint32_t low = (uint32_t)ref, gen = (uint32_t)(ref >> 32);
	mk_memobj *r = NULL;
	if (mk_arena_init() != MK_OK || low == 0 || !(gen & 1))
		return NULL;
	uint32_t depth = (low - 1) / MEMOBJ_MAX, idx = (low - 1) % MEMOBJ_MAX + 1;
	struct arena *a = arena;
	while (a && a->depth > depth)
		a = a->parent;
	if (!a || a->depth != depth)
		return NULL;
	mks_lock(&a->lock);
	if (idx <= a->mo_used && a->mo[idx - 1].gen == gen)
		r = &a->mo[idx - 1];
	mks_unlock(&a->lock);
	return r;
}
