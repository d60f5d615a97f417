/* mk.h: the microkernel layer, the only way the VMM reaches the host OS.
 *
 * An L4-style interface small enough to port in a day: tasks (protection
 * domains), threads, synchronous IPC over endpoints (call, send, receive,
 * reply-and-wait, with timeouts), notifications (bit sets; device
 * interrupts arrive this way), memory objects that tasks map and share,
 * a clock with one-shot and periodic timers that deliver notifications,
 * and the few host services a VMM needs (files to load, the console, the
 * environment, loadable modules).
 *
 * Kernel objects (endpoints, notifications, locks, memory objects) made
 * before a task is created are usable inside it: a message, signal or lock
 * works between tasks as between threads. Those an isolated task makes
 * itself are its own (and its descendants'): its creator cannot use them.
 *
 * Every call that can fail returns an mk_err and lists the errors it can
 * return; results come back through out-parameters. Nothing here prints
 * on its own. Backends, chosen when the build is configured
 * (meson -Dmk_backend=linux|posix): microkernel/linux/ (futexes, memfd,
 * timerfd, pthreads; the POSIX pieces it shares come from posix/) and
 * microkernel/posix/ (pthread mutexes and condition variables, POSIX shared
 * memory, clock_nanosleep: what a BSD or macOS host has).
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
	MK_ERR_EOF,     /* end of input (console closed) */
	MK_ERR_NOSYS,   /* the backend cannot do this (e.g. kill an in-process task) */
	MK_ERR_COUNT
} mk_err;

/* Brief: a static, human-readable text for an error.
 * in  e: an mk_err (out-of-range values give "unknown error")
 * Errors: none. */
const char *mk_strerror(mk_err e);

/* Timeout value meaning "wait forever". */
#define MK_FOREVER UINT64_MAX

/* ---- host memory ------------------------------------------------------ */

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

/* ---- locks --------------------------------------------------------------- */

/* A mutual-exclusion lock (not recursive), usable between tasks. An
 * uncontended acquire/release pair costs a few atomic operations. */
typedef struct mk_lock mk_lock;

/* Brief: create an unlocked lock.
 * out l: the lock
 * Errors: MK_ERR_INVAL (l null), MK_ERR_NOMEM. */
mk_err mk_lock_create(mk_lock **l);

/* Brief: destroy a lock nobody holds. NULL is a no-op. Errors: none. */
void mk_lock_destroy(mk_lock *l);

/* Brief: take the lock, waiting as long as it takes. Errors: none. */
void mk_lock_acquire(mk_lock *l);

/* Brief: release the lock the caller holds. Errors: none. */
void mk_lock_release(mk_lock *l);

/* ---- synchronous IPC ---------------------------------------------------- */

/* A message: a label (the operation), a few message registers and an
 * optional buffer of up to MK_MSG_BUF bytes (only `len` bytes are copied).
 * A memory object goes in a word as its reference (mk_memobj_ref). */
#define MK_MSG_WORDS 4
#define MK_MSG_BUF   256
typedef struct mk_msg {
	uint64_t label;
	uint64_t w[MK_MSG_WORDS];
	uint32_t flags; /* MK_MSG_* (set by the kernel on receive) */
	uint32_t len;   /* bytes of buf in use, 0..MK_MSG_BUF */
	uint8_t buf[MK_MSG_BUF];
} mk_msg;

/* Flags of a received message. */
enum {
	MK_MSG_CALL = 1,   /* the sender waits for a reply (mk_call) */
	MK_MSG_NOTIFY = 2, /* not a message: the bits of the endpoint's bound
	                      notification, in w[0] (label 0) */
};

/* An endpoint: clients call or send to it, one server thread at a time
 * receives and replies. Messages are served in arrival order. */
typedef struct mk_endpoint mk_endpoint;

/* Brief: create an endpoint.
 * out ep: the endpoint
 * Errors: MK_ERR_INVAL (ep null), MK_ERR_NOMEM. */
mk_err mk_ep_create(mk_endpoint **ep);

/* Brief: destroy an endpoint no thread uses any more. NULL is a no-op.
 * Errors: none. */
void mk_ep_destroy(mk_endpoint *ep);

/* Brief: bind a notification to the endpoint: a server waiting in
 * mk_recv / mk_reply_recv also wakes for its bits, which arrive as a
 * message with MK_MSG_NOTIFY (seL4's bound notification). Pending bits
 * are delivered before queued messages. One notification per endpoint;
 * n NULL unbinds.
 * Errors: MK_ERR_INVAL (ep null), MK_ERR_BUSY (another is bound). */
mk_err mk_ep_bind(mk_endpoint *ep, mk_notify *n);

/* Brief: send a message and block for its reply (client side). A server
 * that is already waiting is woken once, and wakes the caller once.
 * in     ep: the endpoint
 * in/out msg: the request; overwritten by the reply on MK_OK
 * in     timeout_ns: for the whole call (delivery + reply); MK_FOREVER =
 *        none; a call to an endpoint no server receives on times out
 * Errors: MK_ERR_INVAL (null, len > MK_MSG_BUF), MK_ERR_TIMEOUT (no reply
 *         in time: the request was withdrawn, or its late reply will be
 *         dropped). */
mk_err mk_call(mk_endpoint *ep, mk_msg *msg, uint64_t timeout_ns);

/* Brief: send a message without waiting for a reply; returns once the
 * message is queued at the endpoint (it holds a few).
 * in  ep, msg: the endpoint and the message
 * in  timeout_ns: how long to wait for room; 0 = poll
 * Errors: MK_ERR_INVAL, MK_ERR_TIMEOUT (the queue stayed full). */
mk_err mk_send(mk_endpoint *ep, const mk_msg *msg, uint64_t timeout_ns);

/* Brief: wait for the next message (server side). After a message with
 * MK_MSG_CALL the caller stays blocked until mk_reply / mk_reply_recv.
 * in  ep: the endpoint
 * out msg: the message (flags tell a call, a send and a notification)
 * in  timeout_ns: MK_FOREVER = none; 0 = poll
 * Errors: MK_ERR_INVAL, MK_ERR_TIMEOUT, MK_ERR_STATE (a received call is
 *         not replied yet). */
mk_err mk_recv(mk_endpoint *ep, mk_msg *msg, uint64_t timeout_ns);

/* Brief: reply to the call received last (server side).
 * in  ep, msg: the endpoint and the reply
 * Errors: MK_ERR_INVAL, MK_ERR_STATE (no call is waiting for a reply). A
 *         reply to a client that timed out meanwhile is dropped and still
 *         returns MK_OK. */
mk_err mk_reply(mk_endpoint *ep, const mk_msg *msg);

/* Brief: reply to the current call (if any) and wait for the next message
 * — the server loop in one call.
 * in/out msg: the reply in, the next message out
 * in     timeout_ns: for the wait
 * Errors: MK_ERR_INVAL, MK_ERR_TIMEOUT (the reply was sent; nothing new in
 *         time). */
mk_err mk_reply_recv(mk_endpoint *ep, mk_msg *msg, uint64_t timeout_ns);

/* ---- memory objects --------------------------------------------------- */

/* A memory object: pages that tasks map. Two mappings of one object, in
 * one task or two, see the same bytes; memory not in an object is private
 * to its task (isolated tasks) . */
typedef struct mk_memobj mk_memobj;

/* Brief: create a zero-filled memory object.
 * in  size: bytes (rounded up to the page size), > 0
 * out mo: the object
 * Errors: MK_ERR_INVAL (size 0, mo null), MK_ERR_NOMEM. */
mk_err mk_memobj_create(size_t size, mk_memobj **mo);

/* Brief: the object's size in bytes (page-rounded). Errors: none. */
size_t mk_memobj_size(const mk_memobj *mo);

/* Brief: map the whole object into the calling task.
 * in  prot: MK_PROT_* rights
 * out addr: page-aligned start of the mapping
 * Errors: MK_ERR_INVAL, MK_ERR_NOMEM. */
mk_err mk_memobj_map(mk_memobj *mo, unsigned prot, void **addr);

/* Brief: remove a mapping made by mk_memobj_map.
 * Errors: MK_ERR_INVAL (not a mapping of mo). */
mk_err mk_memobj_unmap(mk_memobj *mo, void *addr);

/* Brief: destroy the object (existing mappings stay valid until unmapped).
 * NULL is a no-op. Errors: none. */
void mk_memobj_destroy(mk_memobj *mo);

/* Brief: a word that names the object in a message. Errors: none. */
uint64_t mk_memobj_ref(const mk_memobj *mo);

/* Brief: the object a message word names (checked: a stale or forged
 * word is refused, never followed).
 * Errors: MK_ERR_INVAL (no live object has that reference). */
mk_err mk_memobj_lookup(uint64_t ref, mk_memobj **mo);

/* ---- timers ------------------------------------------------------------- */

/* A timer signals bits on a notification when it expires. */
typedef struct mk_timer mk_timer;

/* Brief: create a disarmed timer that signals `bits` on n.
 * Errors: MK_ERR_INVAL (null, bits 0), MK_ERR_NOMEM. */
mk_err mk_timer_create(mk_notify *n, uint32_t bits, mk_timer **t);

/* Brief: arm (or re-arm) the timer: first expiry at absolute mk_time_ns()
 * time `at_ns`, then every period_ns (0 = one-shot); at_ns == MK_FOREVER
 * disarms. A time already past expires at once. Re-arming replaces the
 * previous setting; an expiry not yet delivered may still be.
 * Errors: MK_ERR_INVAL, MK_ERR_NOMEM (the first armed timer of a task
 * cannot start the thread that delivers expiries). */
mk_err mk_timer_set(mk_timer *t, uint64_t at_ns, uint64_t period_ns);

/* Brief: disarm and destroy a timer. NULL is a no-op. Errors: none. */
void mk_timer_destroy(mk_timer *t);

/* ---- tasks --------------------------------------------------------------- */

/* A task: a protection domain running one function in its first thread;
 * it may start more threads. */
typedef struct mk_task mk_task;

enum {
	/* The task gets an address space of its own (a host process): a copy
	 * of its creator's memory as it was at creation, sharing only the
	 * kernel objects and memory objects made before it. A fault in it
	 * ends it alone. Without this flag the task shares its creator's
	 * address space (cheap; no protection from its bugs). */
	MK_TASK_ISOLATED = 1,
};

/* Status of a task that ended by a fault (or mk_task_kill), not by
 * returning. */
#define MK_TASK_FAULTED (-1)

/* Brief: create a task running fn(arg); it ends when fn returns, with
 * fn's result (0..255) as its status.
 * in  flags: MK_TASK_*
 * out t: the task, to be waited for exactly once
 * Errors: MK_ERR_INVAL (t or fn null), MK_ERR_NOMEM. */
mk_err mk_task_create(mk_task **t, unsigned flags, int (*fn)(void *), void *arg);

/* Brief: wait for a task to end, then release it.
 * in  timeout_ns: 0 = poll; MK_FOREVER = no timeout
 * out status: fn's result, or MK_TASK_FAULTED
 * Errors: MK_ERR_INVAL, MK_ERR_TIMEOUT (still running; t stays valid). */
mk_err mk_task_wait(mk_task *t, uint64_t timeout_ns, int *status);

/* Brief: end an isolated task at once (its status: MK_TASK_FAULTED).
 * Errors: MK_ERR_INVAL, MK_ERR_NOSYS (the task is not isolated). */
mk_err mk_task_kill(mk_task *t);

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

/* Brief: write bytes to the host's diagnostic stream (standard error),
 * all of them. Errors: MK_ERR_IO. */
mk_err mk_log_write(const void *buf, size_t n);

/* Brief: take console input for the VMM: when standard input is a
 * terminal, put it in raw mode (no echo, no line editing, no signals from
 * keys); the terminal is restored on every exit path (return from main,
 * mk_exit_now, a fatal signal) and by mk_console_close.
 * out tty: 1 if input is a terminal
 * Errors: MK_ERR_IO. */
mk_err mk_console_open(int *tty);

/* Brief: give the terminal back as it was (no-op if mk_console_open did
 * not change it). Errors: none. */
void mk_console_close(void);

/* Brief: read console input, waiting up to timeout_ns for some.
 * out buf, got: 1..n bytes on MK_OK
 * Errors: MK_ERR_TIMEOUT, MK_ERR_EOF (input closed), MK_ERR_IO. */
mk_err mk_console_read(void *buf, size_t n, uint64_t timeout_ns, size_t *got);

/* Brief: make a mk_console_read waiting now (or the next one) return
 * MK_ERR_TIMEOUT at once; safe from any thread. Errors: none. */
void mk_console_wake(void);

/* Brief: create (or truncate) a file for writing.
 * out f: the open file, released with mk_file_close
 * Errors: MK_ERR_INVAL, MK_ERR_NOENT, MK_ERR_ISDIR, MK_ERR_PERM, MK_ERR_IO. */
mk_err mk_file_create(const char *path, mk_file **f);

/* Brief: append n bytes to a file from mk_file_create, all of them.
 * Errors: MK_ERR_INVAL, MK_ERR_IO. */
mk_err mk_file_write(mk_file *f, const void *buf, size_t n);

/* ---- environment ---------------------------------------------------------- */

/* Brief: the value of a setting of the host environment, or NULL.
 * Errors: none. */
const char *mk_env(const char *name);

/* Brief: wall-clock time, seconds since 1970-01-01 UTC. Errors: none. */
uint64_t mk_wall_time_s(void);

/* Brief: a number that names this task to host tools (its process id).
 * Errors: none. */
uint64_t mk_task_self_id(void);

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
