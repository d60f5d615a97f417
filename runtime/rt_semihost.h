/* rt_semihost.h: ARM-compatible semihosting ("Semihosting for AArch32 and
 * AArch64", also used by RISC-V) and the primitives other conventions (MIPS
 * UHI) build on.
 *
 * A target recognises its semihosting trap (RISC-V: `slli x0,x0,0x1f;
 * ebreak; srai x0,x0,7`; ARM: `svc 0x123456` / `hlt 0xf000`), checks
 * rt_semihost_enabled() and calls rt_semihost_call() with the operation
 * number and parameter register; the result goes back to the guest's
 * result register.
 *
 * What a guest can reach: the console (stdin, stdout, stderr through the
 * special file ":tt"), the read-only feature file ":semihosting-features",
 * the clocks, its command line (the guest file name), heap information and
 * exit. Host files are never opened: SYS_OPEN of any other name, SYS_REMOVE,
 * SYS_RENAME, SYS_TMPNAM and SYS_SYSTEM fail with -1.
 *
 * Parameter blocks are guest words (guest width and byte order) in guest RAM.
 * Every guest pointer is checked against RAM: a bad pointer makes the call
 * return -1 (errno EFAULT), never a host crash and never a guest trap.
 */
#ifndef RT_SEMIHOST_H
#define RT_SEMIHOST_H

#include <stddef.h>
#include <stdint.h>

#include "rt_err.h"
#include "rt_guest.h"

/* Operation numbers (ARM semihosting specification). */
enum {
	RT_SYS_OPEN = 0x01,
	RT_SYS_CLOSE = 0x02,
	RT_SYS_WRITEC = 0x03,
	RT_SYS_WRITE0 = 0x04,
	RT_SYS_WRITE = 0x05,
	RT_SYS_READ = 0x06,
	RT_SYS_READC = 0x07,
	RT_SYS_ISERROR = 0x08,
	RT_SYS_ISTTY = 0x09,
	RT_SYS_SEEK = 0x0a,
	RT_SYS_FLEN = 0x0c,
	RT_SYS_TMPNAM = 0x0d,
	RT_SYS_REMOVE = 0x0e,
	RT_SYS_RENAME = 0x0f,
	RT_SYS_CLOCK = 0x10,
	RT_SYS_TIME = 0x11,
	RT_SYS_SYSTEM = 0x12,
	RT_SYS_ERRNO = 0x13,
	RT_SYS_GET_CMDLINE = 0x15,
	RT_SYS_HEAPINFO = 0x16,
	RT_SYS_EXIT = 0x18,
	RT_SYS_EXIT_EXTENDED = 0x20,
	RT_SYS_ELAPSED = 0x30,
	RT_SYS_TICKFREQ = 0x31,
};

/* SYS_EXIT reason of a normal exit (ADP_Stopped_ApplicationExit). */
#define RT_ADP_APPLICATION_EXIT 0x20026u

/* Turn semihosting on for machine m (it is off until then). `cmdline` is
 * what SYS_GET_CMDLINE returns (copied, truncated to 255 bytes; NULL = "").
 * `heap_base` is the first free address after the loaded image (0 = unknown:
 * the middle of RAM); SYS_HEAPINFO reports [heap_base, RAM end) as the heap
 * and the RAM end as the stack base. Errors: RT_ERR_NOMEM. */
rt_err rt_semihost_enable(rt_machine *m, const char *cmdline, uint64_t heap_base);

/* Free a machine's semihosting state (rt_machine_destroy calls it). */
void rt_semihost_free(rt_machine *m);

/* 1 if semihosting calls of cpu's machine are served. */
int rt_semihost_enabled(const rt_cpu *cpu);

/* Serve ARM semihosting operation `op` with parameter `arg` (a value or a
 * guest pointer, per operation); returns the value for the guest's result
 * register (already masked to the guest's word width). SYS_EXIT stops the
 * run (RT_STOP_EXIT) like a power-off. Unknown operations return -1 with
 * errno ENOSYS. Calling it with semihosting off returns -1. */
uint64_t rt_semihost_call(rt_cpu *cpu, uint64_t op, uint64_t arg);

/* ---- primitives (for other conventions, e.g. MIPS UHI) ---------------- */

/* Copy n bytes of guest RAM at addr to buf; 0, or -1 if any byte is
 * outside RAM (nothing copied). Device windows are not read. */
int rt_guest_read(rt_cpu *cpu, uint64_t addr, void *buf, size_t n);

/* Copy n bytes from buf to guest RAM at addr (cached code there is
 * dropped); 0, or -1 if any byte is outside RAM (nothing written). */
int rt_guest_write(rt_cpu *cpu, uint64_t addr, const void *buf, size_t n);

/* Read a guest word of `bytes` (4 or 8) at addr in guest byte order into
 * *v; 0, or -1 if outside RAM. */
int rt_guest_word(rt_cpu *cpu, uint64_t addr, unsigned bytes, uint64_t *v);

/* Length of the NUL-terminated guest string at addr (at most max bytes
 * scanned); -1 if it leaves RAM before its NUL or is longer than max. */
int64_t rt_guest_strlen(rt_cpu *cpu, uint64_t addr, uint64_t max);

/* Write n bytes of guest RAM at addr to the host's stdout (fd 1, through
 * the console) or stderr (fd 2). Returns n, or -1 for a bad range or fd. */
int64_t rt_semihost_write(rt_cpu *cpu, int fd, uint64_t addr, uint64_t n);

/* One byte of console input, waiting while input is open; -1 at its end. */
int rt_semihost_getc(rt_cpu *cpu);

/* Stop the run as if the guest powered off with status `code` (0 = success;
 * the exit status of `morph run` is code & 0xff, or 1 if that is 0). */
void rt_semihost_exit(rt_cpu *cpu, int code);

/* Guest-visible time since the machine started, in nanoseconds. */
uint64_t rt_semihost_elapsed_ns(rt_cpu *cpu);

#endif /* RT_SEMIHOST_H */
