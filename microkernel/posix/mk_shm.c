/* mk_shm.c: shared-memory host objects on a POSIX host: shm_open under a
 * fresh name, unlinked at once so only descriptors keep it alive. */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/mman.h>
#include <unistd.h>

#include "mk_internal.h"

/* A POSIX shared-memory object of size bytes (zero-filled), or -1. */
int mk_shm_create(uint64_t size)
{
	static _Atomic unsigned serial;
	char name[64];
	int fd;
	do {
		snprintf(name, sizeof name, "/mk-%ld-%u", (long)getpid(),
		         atomic_fetch_add(&serial, 1));
		fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
	} while (fd < 0 && errno == EEXIST);
	if (fd < 0)
		return -1;
	shm_unlink(name);
	if (ftruncate(fd, (off_t)size) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}
