/* rt_semihost.c: ARM-compatible semihosting over the console, the clocks
 * and exit; guest RAM is reached only through range-checked copies. */
#include "rt_semihost.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mk.h"
#include "rt_machine.h"
#include "rt_mem.h"

/* Linux errno values reported through SYS_ERRNO (what QEMU reports). */
enum {
	SH_ENOENT = 2,
	SH_EBADF = 9,
	SH_EACCES = 13,
	SH_EFAULT = 14,
	SH_EINVAL = 22,
	SH_EMFILE = 24,
	SH_ESPIPE = 29,
	SH_ENOSYS = 38,
};

/* What an open handle is. */
typedef enum sh_kind {
	SH_FREE,
	SH_TT_IN,    /* ":tt" opened for reading: stdin */
	SH_TT_OUT,   /* ":tt" opened for writing: stdout */
	SH_TT_ERR,   /* ":tt" opened for appending: stderr */
	SH_FEATURES, /* ":semihosting-features" */
} sh_kind;

#define SH_HANDLES 16

/* The feature file: magic "SHFB" and one byte of feature bits,
 * SH_EXT_EXIT_EXTENDED (bit 0) and SH_EXT_STDOUT_STDERR (bit 1). */
static const uint8_t sh_features[5] = {'S', 'H', 'F', 'B', 0x03};

/* An open handle. */
typedef struct sh_handle {
	sh_kind kind;
	uint64_t pos; /* feature file position */
} sh_handle;

/* Semihosting state of a machine. */
struct rt_semihost {
	int err; /* SYS_ERRNO */
	uint64_t heap_base;
	uint64_t t0_ns;          /* rt_machine_time_ns at enable */
	sh_handle h[SH_HANDLES]; /* handle i + 1 is h[i] */
	char cmdline[256];
};

/* The state of cpu's machine, NULL when off. */
static struct rt_semihost *state(const rt_cpu *cpu)
{
	return cpu && cpu->m ? cpu->m->semihost : NULL;
}

/* Turn semihosting on. */
rt_err rt_semihost_enable(rt_machine *m, const char *cmdline, uint64_t heap_base)
{
	struct rt_semihost *s = m->semihost ? m->semihost : calloc(1, sizeof *s);
	if (!s)
		return RT_ERR_NOMEM;
	memset(s, 0, sizeof *s);
	snprintf(s->cmdline, sizeof s->cmdline, "%s", cmdline ? cmdline : "");
	if (heap_base - m->ram_base >= m->ram_size)
		heap_base = m->ram_base + m->ram_size / 2;
	s->heap_base = (heap_base + 15) & ~(uint64_t)15;
	s->t0_ns = rt_machine_time_ns(m);
	m->semihost = s;
	return RT_OK;
}

/* Free the state. */
void rt_semihost_free(rt_machine *m)
{
	if (m) {
		free(m->semihost);
		m->semihost = NULL;
	}
}

/* Is semihosting on? */
int rt_semihost_enabled(const rt_cpu *cpu)
{
	return state(cpu) != NULL;
}

/* ---- guest memory ------------------------------------------------------ */

/* RAM offset of [addr, addr + n), UINT64_MAX if not wholly in RAM. */
static uint64_t ram_range(const rt_cpu *cpu, uint64_t addr, uint64_t n)
{
	uint64_t off = addr - cpu->ram_base;
	if (off < cpu->ram_size && n <= cpu->ram_size - off)
		return off;
	if (n == 0 && off == cpu->ram_size)
		return off;
	return UINT64_MAX;
}

/* Copy guest RAM out. */
int rt_guest_read(rt_cpu *cpu, uint64_t addr, void *buf, size_t n)
{
	uint64_t off = ram_range(cpu, addr, n);
	if (off == UINT64_MAX)
		return -1;
	if (n)
		memcpy(buf, cpu->ram + off, n);
	return 0;
}

/* Copy into guest RAM, dropping cached code it overwrites. */
int rt_guest_write(rt_cpu *cpu, uint64_t addr, const void *buf, size_t n)
{
	uint64_t off = ram_range(cpu, addr, n);
	if (off == UINT64_MAX)
		return -1;
	if (n == 0)
		return 0;
	if (cpu->code_map)
		rt_code_written(cpu, off, (unsigned)n);
	memcpy(cpu->ram + off, buf, n);
	return 0;
}

/* One guest word in guest byte order. */
int rt_guest_word(rt_cpu *cpu, uint64_t addr, unsigned bytes, uint64_t *v)
{
	uint64_t off = ram_range(cpu, addr, bytes);
	if (off == UINT64_MAX || (bytes != 4 && bytes != 8))
		return -1;
	uint64_t x = rt_host_get(cpu->ram + off, bytes);
	*v = cpu->swap ? rt_bswap(x, bytes) : x;
	return 0;
}

/* Store a guest word in guest byte order; 0 or -1. */
static int put_word(rt_cpu *cpu, uint64_t addr, unsigned bytes, uint64_t v)
{
	uint8_t b[8];
	if (bytes != 4 && bytes != 8)
		return -1;
	rt_host_put(b, bytes, cpu->swap ? rt_bswap(v, bytes) : v);
	return rt_guest_write(cpu, addr, b, bytes);
}

/* Length of a guest string. */
int64_t rt_guest_strlen(rt_cpu *cpu, uint64_t addr, uint64_t max)
{
	uint64_t off = ram_range(cpu, addr, 1);
	if (off == UINT64_MAX)
		return -1;
	uint64_t avail = cpu->ram_size - off;
	uint64_t lim = avail < max ? avail : max;
	const uint8_t *p = memchr(cpu->ram + off, 0, (size_t)lim);
	return p ? (int64_t)(p - (cpu->ram + off)) : -1;
}

/* ---- primitives -------------------------------------------------------- */

/* Guest bytes to stdout (console) or stderr. */
int64_t rt_semihost_write(rt_cpu *cpu, int fd, uint64_t addr, uint64_t n)
{
	uint64_t off = ram_range(cpu, addr, n);
	if (off == UINT64_MAX || (fd != 1 && fd != 2))
		return -1;
	if (fd == 1)
		rt_console_write(cpu->m, cpu->ram + off, (size_t)n);
	else
		rt_console_write_err(cpu->m, cpu->ram + off, (size_t)n);
	return (int64_t)n;
}

/* Console input byte or -1. */
int rt_semihost_getc(rt_cpu *cpu)
{
	return rt_console_getc_wait(cpu->m);
}

/* Power off with a status. */
void rt_semihost_exit(rt_cpu *cpu, int code)
{
	rt_machine_exit(cpu->m, code);
}

/* Time since the machine started. */
uint64_t rt_semihost_elapsed_ns(rt_cpu *cpu)
{
	return rt_machine_time_ns(cpu->m);
}

/* ---- the operations ----------------------------------------------------- */

/* A call's context: the state, the word size, the parameter block. */
typedef struct sh_call {
	rt_cpu *cpu;
	struct rt_semihost *s;
	unsigned wb; /* guest word bytes */
	uint64_t arg;
} sh_call;

/* Parameter word i of the block; 0 or -1 (errno EFAULT). */
static int param(sh_call *c, unsigned i, uint64_t *v)
{
	if (rt_guest_word(c->cpu, c->arg + (uint64_t)i * c->wb, c->wb, v) != 0) {
		c->s->err = SH_EFAULT;
		return -1;
	}
	return 0;
}

/* Fail with an errno value. */
static uint64_t fail(sh_call *c, int err)
{
	c->s->err = err;
	return UINT64_MAX;
}

/* The slot of a handle, or NULL (errno EBADF). */
static sh_handle *handle(sh_call *c, uint64_t h)
{
	if (h == 0 || h > SH_HANDLES || c->s->h[h - 1].kind == SH_FREE) {
		c->s->err = SH_EBADF;
		return NULL;
	}
	return &c->s->h[h - 1];
}

/* SYS_OPEN {name, mode, length}: only ":tt" and ":semihosting-features". */
static uint64_t sys_open(sh_call *c)
{
	uint64_t name, mode, len;
	char buf[32];
	if (param(c, 0, &name) || param(c, 1, &mode) || param(c, 2, &len))
		return UINT64_MAX;
	if (mode > 11)
		return fail(c, SH_EINVAL);
	if (len >= sizeof buf)
		return fail(c, SH_ENOENT); /* no name we serve is this long */
	if (rt_guest_read(c->cpu, name, buf, (size_t)len) != 0)
		return fail(c, SH_EFAULT);
	buf[len] = 0;
	sh_kind k;
	if (strcmp(buf, ":tt") == 0)
		k = mode < 4 ? SH_TT_IN : mode < 8 ? SH_TT_OUT : SH_TT_ERR;
	else if (strcmp(buf, ":semihosting-features") == 0 && mode < 2)
		k = SH_FEATURES;
	else if (strcmp(buf, ":semihosting-features") == 0)
		return fail(c, SH_EACCES);
	else
		return fail(c, SH_ENOENT); /* host files are never opened */
	for (unsigned i = 0; i < SH_HANDLES; i++) {
		if (c->s->h[i].kind == SH_FREE) {
			c->s->h[i].kind = k;
			c->s->h[i].pos = 0;
			return i + 1;
		}
	}
	return fail(c, SH_EMFILE);
}

/* SYS_WRITE {handle, buf, len}: returns the bytes not written. */
static uint64_t sys_write(sh_call *c)
{
	uint64_t h, buf, len;
	if (param(c, 0, &h) || param(c, 1, &buf) || param(c, 2, &len))
		return UINT64_MAX;
	sh_handle *f = handle(c, h);
	if (!f)
		return UINT64_MAX;
	if (f->kind != SH_TT_OUT && f->kind != SH_TT_ERR) {
		c->s->err = SH_EBADF;
		return len;
	}
	if (rt_semihost_write(c->cpu, f->kind == SH_TT_ERR ? 2 : 1, buf, len) < 0) {
		c->s->err = SH_EFAULT;
		return len;
	}
	return 0;
}

/* SYS_READ {handle, buf, len}: returns the bytes not read (len = EOF).
 * Console input never blocks: what is waiting is returned. */
static uint64_t sys_read(sh_call *c)
{
	uint64_t h, buf, len, done = 0;
	if (param(c, 0, &h) || param(c, 1, &buf) || param(c, 2, &len))
		return UINT64_MAX;
	sh_handle *f = handle(c, h);
	if (!f)
		return UINT64_MAX;
	if (ram_range(c->cpu, buf, len) == UINT64_MAX)
		return fail(c, SH_EFAULT);
	if (f->kind == SH_FEATURES) {
		uint64_t pos = f->pos < sizeof sh_features ? f->pos : sizeof sh_features;
		uint64_t n = sizeof sh_features - pos;
		if (n > len)
			n = len;
		rt_guest_write(c->cpu, buf, sh_features + pos, (size_t)n);
		f->pos = pos + n;
		return len - n;
	}
	if (f->kind != SH_TT_IN) {
		c->s->err = SH_EBADF;
		return len;
	}
	rt_console_flush(c->cpu->m);
	while (done < len) {
		int ch = rt_semihost_getc(c->cpu);
		if (ch < 0)
			break;
		uint8_t b = (uint8_t)ch;
		rt_guest_write(c->cpu, buf + done, &b, 1);
		done++;
		if (b == '\n')
			break;
	}
	return len - done;
}

/* SYS_SEEK {handle, pos}: the feature file only. */
static uint64_t sys_seek(sh_call *c)
{
	uint64_t h, pos;
	if (param(c, 0, &h) || param(c, 1, &pos))
		return UINT64_MAX;
	sh_handle *f = handle(c, h);
	if (!f)
		return UINT64_MAX;
	if (f->kind != SH_FEATURES)
		return fail(c, SH_ESPIPE);
	f->pos = pos;
	return 0;
}

/* SYS_FLEN {handle}: the feature file's length; -1 for the console. */
static uint64_t sys_flen(sh_call *c)
{
	uint64_t h;
	if (param(c, 0, &h))
		return UINT64_MAX;
	sh_handle *f = handle(c, h);
	if (!f)
		return UINT64_MAX;
	if (f->kind != SH_FEATURES)
		return fail(c, SH_ESPIPE);
	return sizeof sh_features;
}

/* SYS_GET_CMDLINE {buf, size}: the command line and its length. */
static uint64_t sys_get_cmdline(sh_call *c)
{
	uint64_t buf, size;
	if (param(c, 0, &buf) || param(c, 1, &size))
		return UINT64_MAX;
	size_t n = strlen(c->s->cmdline);
	if (size < n + 1)
		return fail(c, SH_EINVAL);
	if (rt_guest_write(c->cpu, buf, c->s->cmdline, n + 1) != 0 ||
	    put_word(c->cpu, c->arg + c->wb, c->wb, n) != 0)
		return fail(c, SH_EFAULT);
	return 0;
}

/* SYS_HEAPINFO: arg points at a pointer to {heap base, heap limit, stack
 * base, stack limit}. */
static uint64_t sys_heapinfo(sh_call *c)
{
	uint64_t blk;
	rt_cpu *cpu = c->cpu;
	if (param(c, 0, &blk))
		return UINT64_MAX;
	uint64_t end = cpu->ram_base + cpu->ram_size;
	uint64_t v[4] = {c->s->heap_base, end, end, c->s->heap_base};
	for (unsigned i = 0; i < 4; i++)
		if (put_word(cpu, blk + (uint64_t)i * c->wb, c->wb, v[i]) != 0)
			return fail(c, SH_EFAULT);
	return 0;
}

/* SYS_EXIT / SYS_EXIT_EXTENDED. A 64-bit guest's SYS_EXIT and every
 * SYS_EXIT_EXTENDED pass {reason, subcode}; a 32-bit guest's SYS_EXIT passes
 * the reason itself. ApplicationExit exits with the subcode (0 without one),
 * any other reason with 1 (as QEMU does). */
static uint64_t sys_exit(sh_call *c, uint64_t op)
{
	uint64_t reason = c->arg, sub = 0;
	int has_sub = op == RT_SYS_EXIT_EXTENDED || c->wb == 8;
	if (has_sub && (param(c, 0, &reason) || param(c, 1, &sub)))
		return UINT64_MAX;
	int code;
	if (reason != RT_ADP_APPLICATION_EXIT)
		code = 1;
	else
		code = has_sub ? (int)(uint32_t)sub : 0;
	rt_semihost_exit(c->cpu, code);
	return 0;
}

/* SYS_ELAPSED: 64-bit tick count (ns) into one 64-bit word, or two 32-bit
 * words (low, high) on 32-bit guests. */
static uint64_t sys_elapsed(sh_call *c)
{
	uint64_t t = rt_semihost_elapsed_ns(c->cpu) - c->s->t0_ns;
	int bad = c->wb == 8 ? put_word(c->cpu, c->arg, 8, t)
	                     : put_word(c->cpu, c->arg, 4, t & 0xffffffffu) ||
	                               put_word(c->cpu, c->arg + 4, 4, t >> 32);
	return bad ? fail(c, SH_EFAULT) : 0;
}

/* Serve one call. */
static uint64_t dispatch(sh_call *c, uint64_t op)
{
	uint64_t v;
	uint8_t ch;
	switch (op) {
	case RT_SYS_OPEN: return sys_open(c);
	case RT_SYS_CLOSE:
		if (param(c, 0, &v) || !handle(c, v))
			return UINT64_MAX;
		c->s->h[v - 1].kind = SH_FREE;
		return 0;
	case RT_SYS_WRITEC:
		if (rt_guest_read(c->cpu, c->arg, &ch, 1) != 0)
			return fail(c, SH_EFAULT);
		rt_console_write(c->cpu->m, &ch, 1);
		return 0;
	case RT_SYS_WRITE0: {
		int64_t n = rt_guest_strlen(c->cpu, c->arg, UINT64_MAX);
		if (n < 0)
			return fail(c, SH_EFAULT);
		rt_semihost_write(c->cpu, 1, c->arg, (uint64_t)n);
		return 0;
	}
	case RT_SYS_WRITE: return sys_write(c);
	case RT_SYS_READ: return sys_read(c);
	case RT_SYS_READC: {
		rt_console_flush(c->cpu->m);
		int r = rt_semihost_getc(c->cpu);
		return r < 0 ? UINT64_MAX : (uint64_t)r;
	}
	case RT_SYS_ISERROR:
		if (param(c, 0, &v))
			return UINT64_MAX;
		return (v >> (8 * c->wb - 1)) & 1;
	case RT_SYS_ISTTY:
		if (param(c, 0, &v) || !handle(c, v))
			return 0;
		return c->s->h[v - 1].kind != SH_FEATURES;
	case RT_SYS_SEEK: return sys_seek(c);
	case RT_SYS_FLEN: return sys_flen(c);
	case RT_SYS_TMPNAM:
	case RT_SYS_REMOVE:
	case RT_SYS_RENAME:
	case RT_SYS_SYSTEM: return fail(c, SH_EACCES);
	case RT_SYS_CLOCK: return (rt_semihost_elapsed_ns(c->cpu) - c->s->t0_ns) / 10000000u;
	case RT_SYS_TIME: return mk_wall_time_s();
	case RT_SYS_ERRNO: return (uint64_t)c->s->err;
	case RT_SYS_GET_CMDLINE: return sys_get_cmdline(c);
	case RT_SYS_HEAPINFO: return sys_heapinfo(c);
	case RT_SYS_EXIT:
	case RT_SYS_EXIT_EXTENDED: return sys_exit(c, op);
	case RT_SYS_ELAPSED: return sys_elapsed(c);
	case RT_SYS_TICKFREQ: return 1000000000u;
	default: return fail(c, SH_ENOSYS);
	}
}

/* Serve a semihosting call; the result is masked to the word width. */
uint64_t rt_semihost_call(rt_cpu *cpu, uint64_t op, uint64_t arg)
{
	struct rt_semihost *s = state(cpu);
	if (!s)
		return cpu->g->word_bits >= 64 ? UINT64_MAX : 0xffffffffu;
	sh_call c = {cpu, s, cpu->g->word_bits >= 64 ? 8u : 4u, arg};
	uint64_t r = dispatch(&c, op);
	return c.wb == 8 ? r : r & 0xffffffffu;
}
