/* rt_err.c: runtime error texts. */
#include <stdarg.h>
#include <stdio.h>

#include "rt_err.h"

static const char *const texts[RT_ERR_COUNT] = {
        [RT_OK] = "success",
        [RT_ERR_NOFILE] = "no such file",
        [RT_ERR_ISDIR] = "is a directory",
        [RT_ERR_IO] = "cannot read file",
        [RT_ERR_NOTELF] = "not an ELF file",
        [RT_ERR_TRUNCATED] = "truncated ELF file",
        [RT_ERR_BADELF] = "malformed ELF file",
        [RT_ERR_ARCH] = "no guest for this architecture",
        [RT_ERR_RANGE] = "segment outside guest RAM",
        [RT_ERR_NOMEM] = "out of memory",
        [RT_ERR_BOARD] = "no such board",
        [RT_ERR_DEVICE] = "device failed to start",
        [RT_ERR_GUEST] = "guest failed to start",
};

/* Text of an error code. */
const char *rt_strerror(rt_err e)
{
	return (unsigned)e < RT_ERR_COUNT ? texts[e] : "unknown error";
}

/* Format a message and return the code. */
rt_err rt_error(char *buf, size_t n, rt_err e, const char *fmt, ...)
{
	va_list ap;
	if (buf && n) {
		va_start(ap, fmt);
		vsnprintf(buf, n, fmt, ap);
		va_end(ap);
	}
	return e;
}
