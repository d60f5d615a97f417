/* mk_shm.c: shared-memory host objects on Linux: an anonymous memfd. */
#include <sys/mman.h>
#include <unistd.h>

#include "mk_internal.h"

/* A memfd of size bytes (zero-filled), or -1. */
int mk_shm_create(uint64_t size)
{
	int fd = memfd_create("mk_memobj", MFD_CLOEXEC);
	if (fd < 0)
		return -1;
	if (ftruncate(fd, (off_t)size) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}
