/* mk_mem.c: memory objects and errors on a Linux host (mmap/mprotect). */
#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mk_internal.h"

static const char *const errtext[MK_ERR_COUNT] = {
        [MK_OK] = "success",
        [MK_ERR_INVAL] = "invalid argument",
        [MK_ERR_NOMEM] = "out of memory",
        [MK_ERR_TIMEOUT] = "timed out",
        [MK_ERR_NOENT] = "no such file",
        [MK_ERR_ISDIR] = "is a directory",
        [MK_ERR_PERM] = "permission denied",
        [MK_ERR_IO] = "input/output error",
        [MK_ERR_TOOBIG] = "too large",
        [MK_ERR_BUSY] = "busy",
        [MK_ERR_STATE] = "wrong state",
        [MK_ERR_NOTREG] = "not a regular file",
        [MK_ERR_LOOP] = "too many levels of symbolic links",
        [MK_ERR_EOF] = "end of input",
        [MK_ERR_NOSYS] = "not supported by this backend",
};

/* Text of an error code. */
const char *mk_strerror(mk_err e)
{
	if ((unsigned)e >= MK_ERR_COUNT)
		return "unknown error";
	return errtext[e];
}

/* The host page size. */
size_t mk_page_size(void)
{
	static _Atomic size_t ps; /* cached; every thread computes the same */
	size_t n = atomic_load_explicit(&ps, memory_order_relaxed);
	if (!n) {
		n = (size_t)sysconf(_SC_PAGESIZE);
		atomic_store_explicit(&ps, n, memory_order_relaxed);
	}
	return n;
}

/* Round size up to whole pages; 0 on overflow or size 0. */
static size_t round_pages(size_t size)
{
	size_t ps = mk_page_size();
	if (size == 0 || size > SIZE_MAX - ps)
		return 0;
	return (size + ps - 1) & ~(ps - 1);
}

/* MK_PROT_* -> PROT_* (mk_internal.h). */
int mk_host_prot(unsigned prot)
{
	int p = PROT_NONE;
	if (prot & MK_PROT_READ)
		p |= PROT_READ;
	if (prot & MK_PROT_WRITE)
		p |= PROT_WRITE;
	if (prot & MK_PROT_EXEC)
		p |= PROT_EXEC;
	return p;
}

/* mmap wrapper shared by map and reserve. */
static mk_err do_map(size_t size, int prot, int extra, void **addr)
{
	if (!addr)
		return MK_ERR_INVAL;
	size = round_pages(size);
	if (!size)
		return MK_ERR_INVAL;
	void *p = mmap(NULL, size, prot, MAP_PRIVATE | MAP_ANONYMOUS | extra, -1, 0);
	if (p == MAP_FAILED)
		return errno == EINVAL ? MK_ERR_INVAL : MK_ERR_NOMEM;
	*addr = p;
	return MK_OK;
}

/* Fresh zeroed anonymous memory. */
mk_err mk_mem_map(size_t size, unsigned prot, void **addr)
{
	return do_map(size, mk_host_prot(prot), MAP_NORESERVE, addr);
}

/* Address space with no access. */
mk_err mk_mem_reserve(size_t size, void **addr)
{
	return do_map(size, PROT_NONE, MAP_NORESERVE, addr);
}

/* Change rights of whole pages. */
mk_err mk_mem_protect(void *addr, size_t size, unsigned prot)
{
	if (!addr || ((uintptr_t)addr & (mk_page_size() - 1)))
		return MK_ERR_INVAL;
	size = round_pages(size);
	if (!size)
		return MK_ERR_INVAL;
	if (mprotect(addr, size, mk_host_prot(prot)) != 0)
		return errno == EACCES ? MK_ERR_PERM : MK_ERR_INVAL;
	return MK_OK;
}

/* Usable bytes between two guard pages. */
mk_err mk_mem_map_guarded(size_t size, unsigned prot, void **addr)
{
	size_t ps = mk_page_size();
	void *base;
	if (!addr)
		return MK_ERR_INVAL;
	size = round_pages(size);
	if (!size || size > SIZE_MAX - 2 * ps)
		return MK_ERR_INVAL;
	mk_err e = mk_mem_reserve(size + 2 * ps, &base);
	if (e)
		return e;
	char *mid = (char *)base + ps;
	if (prot != MK_PROT_NONE && mprotect(mid, size, mk_host_prot(prot)) != 0) {
		munmap(base, size + 2 * ps);
		return MK_ERR_NOMEM;
	}
	*addr = mid;
	return MK_OK;
}

/* Release pages. */
mk_err mk_mem_unmap(void *addr, size_t size)
{
	if (!addr || ((uintptr_t)addr & (mk_page_size() - 1)))
		return MK_ERR_INVAL;
	size = round_pages(size);
	if (!size || munmap(addr, size) != 0)
		return MK_ERR_INVAL;
	return MK_OK;
}

/* Release a guarded mapping with its guards. */
mk_err mk_mem_unmap_guarded(void *addr, size_t size)
{
	size_t ps = mk_page_size();
	if (!addr || ((uintptr_t)addr & (ps - 1)))
		return MK_ERR_INVAL;
	size = round_pages(size);
	if (!size || size > SIZE_MAX - 2 * ps)
		return MK_ERR_INVAL;
	if (munmap((char *)addr - ps, size + 2 * ps) != 0)
		return MK_ERR_INVAL;
	return MK_OK;
}
