/* mk.h: the microkernel layer, the only way the VMM reaches the host OS.
 *
 * An L4-style interface small enough to port in a day: memory objects,
 * a monotonic clock, threads, notifications (bit sets; device interrupts
 * arrive this way), synchronous IPC over endpoints (call / reply-and-wait,
 * with timeouts), and whole-file reads for loading guest images.
 *
 * Every call that can fail returns an mk_err; results come back through
 * out-parameters. Nothing here prints. Backends: microkernel/linux/.
 */
#ifndef MK_H
#define MK_H

#include <stddef.h>
#include <stdint.h>

/* Errors of every mk_ call. ORDER MK_ERR (mk_strerror) */
typedef enum mk_err {
	MK_OK,          /* success */
	MK_ERR_INVAL,   /* bad argument (null, zero size, misaligned address) */
	MK_ERR_NOMEM,   /* the host is out of memory or address space */
	MK_ERR_TIMEOUT, /* the timeout expired before the event */
	MK_ERR_NOENT,   /* no such file */
	MK_ERR_ISDIR,   /* the path names a directory */
	MK_ERR_PERM,    /* permission denied */
	MK_ERR_IO,      /* any other host I/O error */
	MK_ERR_TOOBIG,  /* the object is larger than the caller allows */
	MK_ERR_BUSY,    /* the object is in use (endpoint with a pending call) */
	MK_ERR_STATE,   /* the call does not fit the object's state (reply without a caller) */
	MK_ERR_NOTREG,  /* the path names something other than a regular file (FIFO, device) */
	MK_ERR_LOOP,    /* too many levels of symbolic links */
	MK_ERR_COUNT
} mk_err;

/* Brief: a static, human-readable text for an error.
 * in  e: an mk_err (out-of-range values give "unknown error")
 * Errors: none. */
const char *mk_strerror(mk_err e);

/* Timeout value meaning "wait forever". */
#define MK_FOREVER UINT64_MAX

/* ---- memory objects -------------------------------------------------- */

/* Access rights of a mapping (or-ed). */
enum {
	MK_PROT_NONE = 0,
	MK_PROT_READ = 1,
	MK_PROT_WRITE = 2,
	MK_PROT_EXEC = 4,
};

/* Brief: the host page size in bytes (a power of two). Errors: none. */
size_t mk_page_size(void);

/* Brief: map `size` bytes of fresh, zero-filled anonymous memory.
 * in  size: bytes (rounded up to the page size), > 0
 * in  prot: MK_PROT_* rights
 * out addr: page-aligned start of the mapping
 * Errors: MK_ERR_INVAL (size 0 or overflow), MK_ERR_NOMEM. */
mk_err mk_mem_map(size_t size, unsigned prot, void **addr);

/* Brief: reserve `size` bytes of address space with no access (guard);
 * parts are made usable later with mk_mem_protect ("commit").
 * in  size: bytes (rounded up to the page size), > 0
 * out addr: page-aligned start of the reservation
 * Errors: MK_ERR_INVAL, MK_ERR_NOMEM. */
mk_err mk_mem_reserve(size_t size, void **addr);

/* Brief: change the rights of whole pages of a mapping or reservation;
 * MK_PROT_NONE turns pages into guard pages.
 * in  addr: page-aligned address inside a mapping
 * in  size: bytes (rounded up to the page size)
 * in  prot: MK_PROT_* rights
 * Errors: MK_ERR_INVAL (misaligned, zero size, not mapped), MK_ERR_NOMEM. */
mk_err mk_mem_protect(void *addr, size_t size, unsigned prot);

/* Brief: map `size` usable bytes with one inaccessible guard page before and
 * after them (a stray access just outside faults instead of hitting host data).
 * in  size: bytes (rounded up to the page size), > 0
 * out addr: start of the usable bytes
 * Errors: MK_ERR_INVAL, MK_ERR_NOMEM. Release with mk_mem_unmap_guarded. */
mk_err mk_mem_map_guarded(size_t size, unsigned prot, void **addr);

/* Brief: release a mapping or reservation (or whole pages of one).
 * in  addr: page-aligned start
 * in  size: bytes (rounded up to the page size)
 * Errors: MK_ERR_INVAL. */
mk_err mk_mem_unmap(void *addr, size_t size);

/* Brief: release a mapping made by mk_mem_map_guarded, guards included.
 * in  addr, size: as given to / returned by mk_mem_map_guarded
 * Errors: MK_ERR_INVAL. */
mk_err mk_mem_unmap_guarded(void *addr, size_t size);

/* ---- clock --------------------------------------------------------- */

/* Brief: monotonic time in nanoseconds (arbitrary origin). Errors: none. */
uint64_t mk_time_ns(void);

/* Brief: CPU time this process has used, in nanoseconds. Errors: none. */
uint64_t mk_cpu_time_ns(void);

/* Brief: the most memory this process has had resident, in KiB.
 * Errors: none (0 when the host cannot tell). */
uint64_t mk_peak_rss_kb(void);

/* Brief: sleep at least `ns` nanoseconds (restarted across signals).
 * Errors: none. */
void mk_sleep_ns(uint64_t ns);

/* ---- threads ------------------------------------------------------- */

typedef struct mk_thread mk_thread;

/* Brief: start a thread running fn(arg).
 * in  fn, arg: entry point and its argument
 * out t: the thread, to be joined exactly once
 * Errors: MK_ERR_INVAL (fn null), MK_ERR_NOMEM (no resources). */
mk_err mk_thread_create(mk_thread **t, void *(*fn)(void *), void *arg);

/* Brief: wait for a thread to finish and release it.
 * in  t: a thread from mk_thread_create
 * out ret: fn's result (may be NULL)
 * Errors: MK_ERR_INVAL. */
mk_err mk_thread_join(mk_thread *t, void **ret);

/* ---- notifications ---------------------------------------------------- */

/* A notification: a word of 32 pending bits. Signals OR bits in and wake a
 * waiter; a wait takes (and clears) every pending bit. */
typedef struct mk_notify mk_notify;

/* Brief: create a notification with no bits pending.
 * out n: the notification
 * Errors: MK_ERR_NOMEM. */
mk_err mk_notify_create(mk_notify **n);

/* Brief: destroy a notification nobody waits on. Errors: none. */
void mk_notify_destroy(mk_notify *n);

/* Brief: set `bits` pending and wake a waiter. Never blocks; safe from any
 * thread. Errors: none (bits 0 is a no-op). */
void mk_notify_signal(mk_notify *n, uint32_t bits);

/* Brief: wait until some bit is pending, then take all pending bits.
 * in  timeout_ns: relative timeout; 0 = poll; MK_FOREVER = no timeout
 * out bits: the bits taken (nonzero on MK_OK)
 * Errors: MK_ERR_TIMEOUT (nothing pending in time; *bits = 0). */
mk_err mk_notify_wait(mk_notify *n, uint64_t timeout_ns, uint32_t *bits);

/* ---- synchronous IPC ---------------------------------------------------- */

/* A message: a label (operation) and a few message registers. */
#define MK_MSG_WORDS 4
typedef struct mk_msg {
	uint64_t label;
	uint64_t w[MK_MSG_WORDS];
} mk_msg;

/* An endpoint: clients call it, one server thread receives and replies.
 * Calls are served one at a time in arrival order. */
typedef struct mk_endpoint mk_endpoint;

/* Brief: create an endpoint.
 * out ep: the endpoint
 * Errors: MK_ERR_NOMEM. */
mk_err mk_ep_create(mk_endpoint **ep);

/* Brief: destroy an endpoint no thread uses any more. Errors: none. */
void mk_ep_destroy(mk_endpoint *ep);

/* Brief: send a message and block for its reply (client side).
 * in     ep: the endpoint
 * in/out msg: the request; overwritten by the reply on MK_OK
 * in     timeout_ns: for the whole call (delivery + reply); MK_FOREVER = none
 * Errors: MK_ERR_TIMEOUT (no reply in time: the request was withdrawn, or
 *         its late reply will be dropped), MK_ERR_INVAL. */
mk_err mk_call(mk_endpoint *ep, mk_msg *msg, uint64_t timeout_ns);

/* Brief: wait for the next call (server side). The caller stays blocked
 * until mk_reply / mk_reply_recv.
 * in  ep: the endpoint
 * out msg: the request
 * in  timeout_ns: MK_FOREVER = none; 0 = poll
 * Errors: MK_ERR_TIMEOUT, MK_ERR_STATE (a received call is not replied yet). */
mk_err mk_recv(mk_endpoint *ep, mk_msg *msg, uint64_t timeout_ns);

/* Brief: reply to the call received last (server side).
 * in  ep, msg: the endpoint and the reply
 * Errors: MK_ERR_STATE (no call is waiting for a reply). A reply to a client
 *         that timed out meanwhile is dropped and still returns MK_OK. */
mk_err mk_reply(mk_endpoint *ep, const mk_msg *msg);

/* Brief: reply to the current call (if any) and wait for the next one —
 * the server loop in one call.
 * in/out msg: the reply in, the next request out
 * in     timeout_ns: for the wait
 * Errors: MK_ERR_TIMEOUT (the reply was sent; no new call in time). */
mk_err mk_reply_recv(mk_endpoint *ep, mk_msg *msg, uint64_t timeout_ns);

/* ---- files and console -------------------------------------------------- */

/* An open regular file (read-only). */
typedef struct mk_file mk_file;

/* Brief: open a regular file for reading, without blocking (a FIFO or a
 * device is refused, never waited on).
 * in  path: file name
 * out f: the open file, release with mk_file_close
 * out size: its size as the host reports it (0 for some files that do have
 *     contents, as /proc's; mk_file_load reads to the end regardless)
 * Errors: MK_ERR_INVAL, MK_ERR_NOENT, MK_ERR_ISDIR, MK_ERR_NOTREG,
 *         MK_ERR_LOOP, MK_ERR_PERM, MK_ERR_NOMEM, MK_ERR_IO. */
mk_err mk_file_open(const char *path, mk_file **f, uint64_t *size);

/* Brief: read up to n bytes at offset off.
 * out got: bytes read; fewer than n only at the end of the file
 * Errors: MK_ERR_INVAL, MK_ERR_IO. */
mk_err mk_file_read_at(mk_file *f, uint64_t off, void *buf, size_t n, size_t *got);

/* Brief: read the whole file, from its start to its end, into one fresh
 * buffer (no other copy is made).
 * in  max: largest size accepted, in bytes
 * out data: its bytes (plus a NUL after them), release with mk_file_free
 * out size: its size
 * Errors: MK_ERR_INVAL, MK_ERR_TOOBIG (more than max bytes), MK_ERR_NOMEM,
 *         MK_ERR_IO. */
mk_err mk_file_load(mk_file *f, size_t max, void **data, size_t *size);

/* Brief: close a file. NULL is a no-op. Errors: none. */
void mk_file_close(mk_file *f);

/* Brief: mk_file_open, mk_file_load and mk_file_close in one call.
 * Errors: those of mk_file_open and mk_file_load. */
mk_err mk_file_read_all(const char *path, size_t max, void **data, size_t *size);

/* Brief: release what mk_file_load or mk_file_read_all returned.
 * Errors: none. */
void mk_file_free(void *data, size_t size);

/* Brief: write bytes to the host console (standard output), all of them.
 * Errors: MK_ERR_IO. */
mk_err mk_console_write(const void *buf, size_t n);

/* Brief: read one byte of console input (standard input) without blocking.
 * out c: the byte
 * Errors: MK_ERR_TIMEOUT (nothing waiting, or input is a terminal, or end
 *         of input). */
mk_err mk_console_getc(int *c);

/* ---- loadable modules ---------------------------------------------------- */

/* Brief: load a code module (a shared object) and find a symbol in it; the
 * module stays loaded for the life of the process.
 * in  path: the module's file; symbol: the name to look up
 * out addr: the symbol's address
 * out msg: on error, the host's explanation (msg_size bytes at most)
 * Errors: MK_ERR_INVAL (null argument), MK_ERR_NOENT (no such module or
 *         symbol), MK_ERR_IO (the module exists but cannot be loaded). */
mk_err mk_module_symbol(const char *path, const char *symbol, void **addr, char *msg,
                        size_t msg_size);

/* Brief: does a file exist at path? Errors: none (0 when it cannot tell). */
int mk_file_exists(const char *path);

/* Brief: end the process at once with status, running no exit handlers
 * (other threads may be busy inside libraries). Never returns. */
_Noreturn void mk_exit_now(int status);

/* Brief: the directory of the running executable, with a trailing '/'.
 * out buf: the path (size bytes at most)
 * Errors: MK_ERR_TOOBIG (buf too small), MK_ERR_IO. */
mk_err mk_exe_dir(char *buf, size_t size);

#endif /* MK_H */
