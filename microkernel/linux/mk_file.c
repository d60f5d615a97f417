/* mk_file.c: whole-file reads and the console on a Linux host. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mk.h"

/* errno after open/read -> mk_err. */
static mk_err from_errno(int e)
{
	switch (e) {
	case ENOENT:
	case ENOTDIR: return MK_ERR_NOENT;
	case EISDIR: return MK_ERR_ISDIR;
	case EACCES:
	case EPERM: return MK_ERR_PERM;
	case ENOMEM: return MK_ERR_NOMEM;
	default: return MK_ERR_IO;
	}
}

/* Read a regular file whole. */
mk_err mk_file_read_all(const char *path, size_t max, void **data, size_t *size)
{
	struct stat st;
	if (!path || !data || !size)
		return MK_ERR_INVAL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return from_errno(errno);
	if (fstat(fd, &st) != 0) {
		close(fd);
		return MK_ERR_IO;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return MK_ERR_ISDIR;
	}
	if (!S_ISREG(st.st_mode) || st.st_size < 0 || (uint64_t)st.st_size > max) {
		close(fd);
		return MK_ERR_TOOBIG;
	}
	size_t n = (size_t)st.st_size, got = 0;
	char *buf = malloc(n + 1);
	if (!buf) {
		close(fd);
		return MK_ERR_NOMEM;
	}
	while (got < n) {
		ssize_t r = read(fd, buf + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	if (got != n) {
		free(buf);
		return MK_ERR_IO;
	}
	buf[n] = 0;
	*data = buf;
	*size = n;
	return MK_OK;
}

/* Free a file image. */
void mk_file_free(void *data, size_t size)
{
	(void)size;
	free(data);
}

/* Write everything to stdout. */
mk_err mk_console_write(const void *buf, size_t n)
{
	const char *p = buf;
	while (n) {
		ssize_t r = write(1, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return MK_ERR_IO;
		p += r;
		n -= (size_t)r;
	}
	return MK_OK;
}

/* One byte of stdin if one is ready and stdin is not a terminal. */
mk_err mk_console_getc(int *c)
{
	static int state; /* 0 unknown, 1 usable, 2 unusable (tty, EOF, error) */
	if (state == 0)
		state = isatty(0) ? 2 : 1;
	if (state != 1)
		return MK_ERR_TIMEOUT;
	struct pollfd p = {.fd = 0, .events = POLLIN};
	if (poll(&p, 1, 0) <= 0 || !(p.revents & (POLLIN | POLLHUP)))
		return MK_ERR_TIMEOUT;
	unsigned char b;
	ssize_t r = read(0, &b, 1);
	if (r != 1) {
		state = 2;
		return MK_ERR_TIMEOUT;
	}
	*c = b;
	return MK_OK;
}
