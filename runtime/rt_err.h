/* rt_err.h: the runtime's error codes (below the CLI, errors are returned
 * with a message buffer, never printed). */
#ifndef RT_ERR_H
#define RT_ERR_H

#include <stddef.h>

/* ORDER RT_ERR (rt_strerror) */
typedef enum rt_err {
	RT_OK,
	RT_ERR_NOFILE,    /* the guest file does not exist */
	RT_ERR_ISDIR,     /* the guest path is a directory */
	RT_ERR_IO,        /* cannot read the guest file */
	RT_ERR_NOTELF,    /* not an ELF file (bad magic, empty) */
	RT_ERR_TRUNCATED, /* the file ends inside a header or segment */
	RT_ERR_BADELF,    /* malformed ELF (bad class, version, headers) */
	RT_ERR_ARCH,      /* no guest of this build runs this ELF */
	RT_ERR_RANGE,     /* a segment lies outside the board's RAM */
	RT_ERR_NOMEM,     /* host out of memory */
	RT_ERR_BOARD,     /* no such board / no board for the guest */
	RT_ERR_DEVICE,    /* a device server failed to start */
	RT_ERR_GUEST,     /* the guest's target glue failed to start */
	RT_ERR_COUNT
} rt_err;

/* A short static text for an error code. */
const char *rt_strerror(rt_err e);

/* Format an error message into buf (snprintf-style, never overflows) and
 * return e: `return rt_error(buf, n, RT_ERR_RANGE, "segment %d ...", i);`. */
rt_err rt_error(char *buf, size_t n, rt_err e, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));

#endif /* RT_ERR_H */
