/* mk_file.c: file reads and writes, the console and the diagnostic stream
 * on a POSIX host. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mk.h"

struct mk_file {
	int fd;
	int writable;  /* made by mk_file_create */
	uint64_t size; /* st_size at open */
};

/* errno after open/read -> mk_err. */
static mk_err from_errno(int e)
{
	switch (e) {
	case ENOENT:
	case ENOTDIR: return MK_ERR_NOENT;
	case EISDIR: return MK_ERR_ISDIR;
	case EACCES:
	case EPERM: return MK_ERR_PERM;
	case ELOOP: return MK_ERR_LOOP;
	case ENOMEM: return MK_ERR_NOMEM;
	default: return MK_ERR_IO;
	}
}

/* Open a regular file; O_NONBLOCK so that a FIFO's open does not wait for
 * a writer (it is refused by the fstat that follows). */
mk_err mk_file_open(const char *path, mk_file **f, uint64_t *size)
{
	struct stat st;
	if (!path || !f || !size)
		return MK_ERR_INVAL;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0)
		return from_errno(errno);
	mk_err r = MK_OK;
	if (fstat(fd, &st) != 0)
		r = from_errno(errno);
	else if (S_ISDIR(st.st_mode))
		r = MK_ERR_ISDIR;
	else if (!S_ISREG(st.st_mode))
		r = MK_ERR_NOTREG;
	else if (!(*f = malloc(sizeof **f)))
		r = MK_ERR_NOMEM;
	if (r != MK_OK) {
		close(fd);
		return r;
	}
	(*f)->fd = fd;
	(*f)->writable = 0;
	(*f)->size = st.st_size > 0 ? (uint64_t)st.st_size : 0;
	*size = (*f)->size;
	return MK_OK;
}

/* Read at an offset until n bytes or the end of the file. */
mk_err mk_file_read_at(mk_file *f, uint64_t off, void *buf, size_t n, size_t *got)
{
	if (!f || (!buf && n) || !got || off > INT64_MAX)
		return MK_ERR_INVAL;
	*got = 0;
	while (*got < n) {
		ssize_t r = pread(f->fd, (char *)buf + *got, n - *got, (off_t)(off + *got));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return from_errno(errno);
		if (r == 0)
			break;
		*got += (size_t)r;
	}
	return MK_OK;
}

/* Read the whole file into one buffer sized from fstat, grown only for a
 * file that has more than its reported size (/proc files report 0). */
mk_err mk_file_load(mk_file *f, size_t max, void **data, size_t *size)
{
	if (!f || !data || !size)
		return MK_ERR_INVAL;
	if (max > SIZE_MAX / 4)
		max = SIZE_MAX / 4;
	if (f->size > max)
		return MK_ERR_TOOBIG;
	size_t cap = f->size ? (size_t)f->size + 1 : 4096, n = 0, got;
	char *buf = malloc(cap + 1);
	if (!buf)
		return MK_ERR_NOMEM;
	for (;;) {
		mk_err r = mk_file_read_at(f, n, buf + n, cap - n, &got);
		n += got;
		if (r != MK_OK || n > max) {
			free(buf);
			return r != MK_OK ? r : MK_ERR_TOOBIG;
		}
		if (n < cap)
			break;
		cap = cap > max / 2 ? max + 1 : cap * 2;
		char *nb = realloc(buf, cap + 1);
		if (!nb) {
			free(buf);
			return MK_ERR_NOMEM;
		}
		buf = nb;
	}
	buf[n] = 0;
	*data = buf;
	*size = n;
	return MK_OK;
}

/* Close a file. */
void mk_file_close(mk_file *f)
{
	if (!f)
		return;
	close(f->fd);
	free(f);
}

/* Read a regular file whole. */
mk_err mk_file_read_all(const char *path, size_t max, void **data, size_t *size)
{
	mk_file *f;
	uint64_t sz;
	if (!data || !size)
		return MK_ERR_INVAL;
	mk_err r = mk_file_open(path, &f, &sz);
	if (r != MK_OK)
		return r;
	r = mk_file_load(f, max, data, size);
	mk_file_close(f);
	return r;
}

/* Free a file image. */
void mk_file_free(void *data, size_t size)
{
	(void)size;
	free(data);
}

/* Write all n bytes to fd, resuming after signals and short writes. */
static mk_err write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n) {
		ssize_t r = write(fd, p, n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return MK_ERR_IO;
		p += r;
		n -= (size_t)r;
	}
	return MK_OK;
}

/* Write everything to stdout. */
mk_err mk_console_write(const void *buf, size_t n)
{
	return write_all(1, buf, n);
}

/* Write everything to stderr. */
mk_err mk_log_write(const void *buf, size_t n)
{
	return write_all(2, buf, n);
}

/* Create or truncate a file for writing. O_NONBLOCK only for the open, so
 * that a FIFO with no reader is refused (ENXIO) instead of waited on. */
mk_err mk_file_create(const char *path, mk_file **f)
{
	if (!path || !f)
		return MK_ERR_INVAL;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0666);
	if (fd < 0) {
		mk_err r = from_errno(errno);
		return r == MK_ERR_NOENT || r == MK_ERR_ISDIR || r == MK_ERR_PERM ? r : MK_ERR_IO;
	}
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0 || !(*f = malloc(sizeof **f))) {
		close(fd);
		return MK_ERR_IO;
	}
	(*f)->fd = fd;
	(*f)->writable = 1;
	(*f)->size = 0;
	return MK_OK;
}

/* Append to a file made by mk_file_create. */
mk_err mk_file_write(mk_file *f, const void *buf, size_t n)
{
	if (!f || !f->writable || (!buf && n))
		return MK_ERR_INVAL;
	return write_all(f->fd, buf, n);
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
