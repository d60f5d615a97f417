/* mk_memobj.c: memory objects: a host shared-memory object (mk_shm_create:
 * memfd or POSIX shared memory) with its record in the arena's table, so a
 * reference names it in every task and a stale or forged one is refused.
 *
 * A task can map an object when it holds the host object's descriptor: it
 * made the object, or was forked after the object was made
 * (mk_task_inherits). Destroying the object closes the destroying task's
 * descriptor; other tasks' copies close when they end.
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mk_internal.h"

/* This task's mappings, for mk_memobj_unmap's check. */
struct mapping {
	struct mapping *next;
	void *addr;
	const mk_memobj *mo;
	size_t size;
};

static pthread_mutex_t maps_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_once_t maps_once = PTHREAD_ONCE_INIT;
static struct mapping *maps;

/* Fork handlers: no thread holds maps_lock across a fork. */
static void maps_take(void)
{
	pthread_mutex_lock(&maps_lock);
}

/* Fork handlers: release maps_lock in the parent and the child. */
static void maps_give(void)
{
	pthread_mutex_unlock(&maps_lock);
}

/* Register the fork handlers. */
static void maps_init(void)
{
	pthread_atfork(maps_take, maps_give, maps_give);
}

/* A zero-filled object of size bytes, page-rounded. */
mk_err mk_memobj_create(size_t size, mk_memobj **mo)
{
	size_t ps = mk_page_size();
	if (!mo || size == 0 || size > SIZE_MAX - ps)
		return MK_ERR_INVAL;
	size = (size + ps - 1) & ~(ps - 1);
	mk_memobj *r;
	mk_err e = mk_arena_memobj_new(&r);
	if (e)
		return e;
	int fd = mk_shm_create(size);
	if (fd < 0) {
		mk_arena_memobj_free(r);
		return MK_ERR_NOMEM;
	}
	r->size = size;
	r->fd = fd;
	r->pid = (int32_t)getpid();
	r->birth = mk_arena_tick();
	*mo = r;
	return MK_OK;
}

/* Page-rounded size. */
size_t mk_memobj_size(const mk_memobj *mo)
{
	return mo ? (size_t)mo->size : 0;
}

/* 1 if mo is live and its descriptor is valid in this task. */
static int usable(const mk_memobj *mo)
{
	return (mo->gen & 1) && mk_task_inherits(mo->pid, mo->birth);
}

/* Map the whole object, shared, and remember the mapping. */
mk_err mk_memobj_map(mk_memobj *mo, unsigned prot, void **addr)
{
	if (!mo || !addr || !usable(mo))
		return MK_ERR_INVAL;
	struct mapping *m = malloc(sizeof *m);
	if (!m)
		return MK_ERR_NOMEM;
	void *p = mmap(NULL, mo->size, mk_host_prot(prot), MAP_SHARED, mo->fd, 0);
	if (p == MAP_FAILED) {
		free(m);
		return MK_ERR_NOMEM;
	}
	*m = (struct mapping){.addr = p, .mo = mo, .size = mo->size};
	pthread_once(&maps_once, maps_init);
	pthread_mutex_lock(&maps_lock);
	m->next = maps;
	maps = m;
	pthread_mutex_unlock(&maps_lock);
	*addr = p;
	return MK_OK;
}

/* Remove a mapping of mo at addr. */
mk_err mk_memobj_unmap(mk_memobj *mo, void *addr)
{
	struct mapping *m = NULL, **pp;
	pthread_mutex_lock(&maps_lock);
	for (pp = &maps; *pp; pp = &(*pp)->next) {
		if ((*pp)->addr == addr && (*pp)->mo == mo) {
			m = *pp;
			*pp = m->next;
			break;
		}
	}
	pthread_mutex_unlock(&maps_lock);
	if (!m)
		return MK_ERR_INVAL;
	munmap(m->addr, m->size);
	free(m);
	return MK_OK;
}

/* Close this task's descriptor and free the record. */
void mk_memobj_destroy(mk_memobj *mo)
{
	if (!mo || !(mo->gen & 1))
		return;
	if (mk_task_inherits(mo->pid, mo->birth))
		close(mo->fd);
	mk_arena_memobj_free(mo);
}

/* The record's checked reference. */
uint64_t mk_memobj_ref(const mk_memobj *mo)
{
	return mo ? mk_arena_memobj_ref(mo) : 0;
}

/* The live object a reference names. */
mk_err mk_memobj_lookup(uint64_t ref, mk_memobj **mo)
{
	mk_memobj *r = mo ? mk_arena_memobj_find(ref) : NULL;
	if (!r)
		return MK_ERR_INVAL;
	*mo = r;
	return MK_OK;
}
