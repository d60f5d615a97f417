/* test_mk.c: unit tests of every microkernel call (Linux backend). */
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "mk.h"
#include "rt_tap.h"

/* Run fn(p) in a child: 1 if the child died or failed (the access faulted),
 * 0 if it exited normally with status 0. */
static int faults(void (*fn)(volatile char *), volatile char *p)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		int nul = open("/dev/null", O_WRONLY);
		if (nul >= 0)
			dup2(nul, 2); /* quiet: sanitizers report the expected fault */
		fn(p);
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	return !(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

static void poke(volatile char *p)
{
	*p = 1;
}
static void peek(volatile char *p)
{
	(void)*p;
}

static void test_errors(void)
{
	int all = 1;
	for (int e = 0; e < MK_ERR_COUNT; e++)
		all &= mk_strerror((mk_err)e) != NULL &&
		       strcmp(mk_strerror((mk_err)e), "unknown error") != 0;
	TAP_OK(all, "mk_strerror names every error");
	TAP_OK(strcmp(mk_strerror(MK_ERR_COUNT), "unknown error") == 0, "mk_strerror out of range");
}

static void test_mem(void)
{
	size_t ps = mk_page_size();
	void *p = NULL;
	TAP_OK(ps >= 4096 && (ps & (ps - 1)) == 0, "page size %zu is a power of two", ps);
	TAP_OK(mk_mem_map(3 * ps, MK_PROT_READ | MK_PROT_WRITE, &p) == MK_OK && p, "mk_mem_map");
	char *c = p;
	int zero = 1;
	for (size_t i = 0; i < 3 * ps; i++)
		zero &= c[i] == 0;
	TAP_OK(zero, "mapped memory is zero-filled");
	memset(c, 0xab, 3 * ps);
	TAP_OK(c[3 * ps - 1] == (char)0xab, "mapped memory is writable");
	TAP_OK(mk_mem_protect(c + ps, ps, MK_PROT_READ) == MK_OK, "mk_mem_protect read-only");
	TAP_OK(faults(poke, c + ps) && !faults(peek, c + ps),
	       "write to read-only page faults, read works");
	TAP_OK(mk_mem_protect(c + 1, ps, MK_PROT_READ) == MK_ERR_INVAL,
	       "mk_mem_protect misaligned: INVAL");
	TAP_OK(mk_mem_unmap(c, 3 * ps) == MK_OK, "mk_mem_unmap");
	TAP_OK(mk_mem_map(0, MK_PROT_READ, &p) == MK_ERR_INVAL, "mk_mem_map size 0: INVAL");
	TAP_OK(mk_mem_map(SIZE_MAX, MK_PROT_READ, &p) == MK_ERR_INVAL, "mk_mem_map huge: INVAL");
	TAP_OK(mk_mem_map(ps, MK_PROT_READ, NULL) == MK_ERR_INVAL, "mk_mem_map NULL out: INVAL");
	TAP_OK(mk_mem_unmap(NULL, ps) == MK_ERR_INVAL, "mk_mem_unmap NULL: INVAL");

	TAP_OK(mk_mem_reserve(4 * ps, &p) == MK_OK, "mk_mem_reserve");
	c = p;
	TAP_OK(faults(peek, c), "reserved memory faults");
	TAP_OK(mk_mem_protect(c + ps, 2 * ps, MK_PROT_READ | MK_PROT_WRITE) == MK_OK,
	       "commit part of a reservation");
	c[ps] = 5;
	c[3 * ps - 1] = 6;
	TAP_OK(c[ps] == 5 && !faults(poke, c + 2 * ps) && faults(poke, c + 3 * ps),
	       "committed pages usable, the rest not");
	TAP_OK(mk_mem_unmap(c, 4 * ps) == MK_OK, "unmap a reservation");

	TAP_OK(mk_mem_map_guarded(ps + 1, MK_PROT_READ | MK_PROT_WRITE, &p) == MK_OK,
	       "mk_mem_map_guarded");
	c = p;
	memset(c, 1, 2 * ps);
	TAP_OK(faults(peek, c - 1) && faults(peek, c + 2 * ps),
	       "guard pages before and after fault");
	TAP_OK(mk_mem_unmap_guarded(c, ps + 1) == MK_OK, "mk_mem_unmap_guarded");
	TAP_OK(mk_mem_map_guarded(0, MK_PROT_READ, &p) == MK_ERR_INVAL,
	       "mk_mem_map_guarded size 0: INVAL");
}

static void test_time(void)
{
	uint64_t a = mk_time_ns(), b = mk_time_ns();
	TAP_OK(b >= a, "mk_time_ns is monotonic");
	mk_sleep_ns(2000000);
	uint64_t c = mk_time_ns();
	TAP_OK(c - b >= 2000000, "mk_sleep_ns(2 ms) sleeps %llu ns", (unsigned long long)(c - b));
	mk_sleep_ns(0);
	TAP_OK(1, "mk_sleep_ns(0) returns");
	uint64_t c0 = mk_cpu_time_ns();
	volatile uint64_t x = 0;
	for (int i = 0; i < 20000000; i++)
		x += (uint64_t)i;
	TAP_OK(mk_cpu_time_ns() > c0, "mk_cpu_time_ns advances while computing");
}

static void *thread_fn(void *arg)
{
	int *x = arg;
	*x += 1;
	return (void *)(intptr_t)42;
}

static void test_threads(void)
{
	mk_thread *t;
	int x = 1;
	void *ret = NULL;
	TAP_OK(mk_thread_create(&t, thread_fn, &x) == MK_OK, "mk_thread_create");
	TAP_OK(mk_thread_join(t, &ret) == MK_OK && ret == (void *)(intptr_t)42 && x == 2,
	       "mk_thread_join gets the result");
	TAP_OK(mk_thread_create(&t, NULL, NULL) == MK_ERR_INVAL, "mk_thread_create NULL fn: INVAL");
	TAP_OK(mk_thread_join(NULL, NULL) == MK_ERR_INVAL, "mk_thread_join NULL: INVAL");
}

static void *notify_waiter(void *arg)
{
	uint32_t bits = 0;
	mk_notify_wait(arg, MK_FOREVER, &bits);
	return (void *)(uintptr_t)bits;
}

static void test_notify(void)
{
	mk_notify *n;
	uint32_t bits = 99;
	TAP_OK(mk_notify_create(&n) == MK_OK, "mk_notify_create");
	TAP_OK(mk_notify_wait(n, 0, &bits) == MK_ERR_TIMEOUT && bits == 0,
	       "poll with nothing pending: TIMEOUT");
	mk_notify_signal(n, 0x5);
	mk_notify_signal(n, 0x100);
	TAP_OK(mk_notify_wait(n, 0, &bits) == MK_OK && bits == 0x105,
	       "signals accumulate as a bit set");
	TAP_OK(mk_notify_wait(n, 0, &bits) == MK_ERR_TIMEOUT, "a wait takes all bits");
	uint64_t t0 = mk_time_ns();
	TAP_OK(mk_notify_wait(n, 10000000, &bits) == MK_ERR_TIMEOUT &&
	               mk_time_ns() - t0 >= 10000000,
	       "wait times out after 10 ms");
	mk_thread *t;
	void *r;
	mk_thread_create(&t, notify_waiter, n);
	mk_sleep_ns(5000000);
	mk_notify_signal(n, 0x80000000u);
	mk_thread_join(t, &r);
	TAP_OK((uintptr_t)r == 0x80000000u,
	       "a blocked waiter wakes on a signal from another thread");
	mk_notify_destroy(n);
}

/* Server: replies w[0] * 2 until label 0, slow when label 2. */
static void *ipc_server(void *arg)
{
	mk_endpoint *ep = arg;
	mk_msg m;
	if (mk_recv(ep, &m, MK_FOREVER) != MK_OK)
		return (void *)1;
	for (;;) {
		if (m.label == 0) {
			mk_reply(ep, &m);
			return NULL;
		}
		if (m.label == 2)
			mk_sleep_ns(30000000);
		m.w[0] *= 2;
		m.w[1] = m.label;
		if (mk_reply_recv(ep, &m, MK_FOREVER) != MK_OK)
			return (void *)2;
	}
}

static void test_ipc(void)
{
	mk_endpoint *ep;
	mk_msg m = {0};
	TAP_OK(mk_ep_create(&ep) == MK_OK, "mk_ep_create");
	TAP_OK(mk_call(ep, &m, 1000000) == MK_ERR_TIMEOUT, "call with no server times out");
	TAP_OK(mk_recv(ep, &m, 1000000) == MK_ERR_TIMEOUT, "recv with no caller times out");
	TAP_OK(mk_reply(ep, &m) == MK_ERR_STATE, "reply with no call: STATE");
	mk_thread *t;
	mk_thread_create(&t, ipc_server, ep);
	int good = 1;
	for (uint64_t i = 0; i < 200; i++) {
		m.label = 1;
		m.w[0] = i;
		good &= mk_call(ep, &m, MK_FOREVER) == MK_OK && m.w[0] == 2 * i && m.w[1] == 1;
	}
	TAP_OK(good, "200 calls get their replies");
	m.label = 2;
	m.w[0] = 7;
	TAP_OK(mk_call(ep, &m, 5000000) == MK_ERR_TIMEOUT,
	       "call times out while the server is slow");
	m.label = 1;
	m.w[0] = 21;
	TAP_OK(mk_call(ep, &m, MK_FOREVER) == MK_OK && m.w[0] == 42,
	       "the late reply is dropped; the next call works");
	m.label = 0;
	mk_call(ep, &m, MK_FOREVER);
	void *r;
	mk_thread_join(t, &r);
	TAP_OK(r == NULL, "server loop (mk_recv, mk_reply_recv, mk_reply) ends cleanly");
	mk_ep_destroy(ep);
}

static void test_file(void)
{
	char path[] = "/tmp/test_mk_XXXXXX";
	int fd = mkstemp(path);
	void *d;
	size_t n;
	TAP_OK(fd >= 0 && write(fd, "hello", 5) == 5, "temp file");
	close(fd);
	TAP_OK(mk_file_read_all(path, 100, &d, &n) == MK_OK && n == 5 && memcmp(d, "hello", 5) == 0,
	       "mk_file_read_all reads the file");
	mk_file_free(d, n);
	TAP_OK(mk_file_read_all(path, 4, &d, &n) == MK_ERR_TOOBIG, "larger than max: TOOBIG");
	unlink(path);
	TAP_OK(mk_file_read_all(path, 100, &d, &n) == MK_ERR_NOENT, "missing file: NOENT");
	TAP_OK(mk_file_read_all("/tmp", 100, &d, &n) == MK_ERR_ISDIR, "directory: ISDIR");
	TAP_OK(mk_file_read_all(NULL, 100, &d, &n) == MK_ERR_INVAL, "NULL path: INVAL");
	TAP_OK(mk_file_read_all("/dev/null", 100, &d, &n) == MK_ERR_NOTREG, "device: NOTREG");
	char dir[] = "/tmp/test_mk_dXXXXXX", p1[64], p2[64];
	TAP_OK(mkdtemp(dir) != NULL, "temp directory");
	snprintf(p1, sizeof p1, "%s/fifo", dir);
	TAP_OK(mkfifo(p1, 0600) == 0 && mk_file_read_all(p1, 100, &d, &n) == MK_ERR_NOTREG,
	       "FIFO without a writer: NOTREG at once, no wait");
	unlink(p1);
	snprintf(p1, sizeof p1, "%s/a", dir);
	snprintf(p2, sizeof p2, "%s/b", dir);
	TAP_OK(symlink(p2, p1) == 0 && symlink(p1, p2) == 0 &&
	               mk_file_read_all(p1, 100, &d, &n) == MK_ERR_LOOP,
	       "symlink loop: LOOP (%s)", mk_strerror(MK_ERR_LOOP));
	unlink(p1);
	unlink(p2);
	rmdir(dir);
	mk_file *f;
	uint64_t sz;
	char head[8];
	size_t got;
	if (mk_file_open("/proc/self/status", &f, &sz) == MK_OK) {
		TAP_OK(sz == 0 && mk_file_read_at(f, 0, head, sizeof head, &got) == MK_OK &&
		               got == sizeof head && memcmp(head, "Name:", 5) == 0,
		       "mk_file_read_at reads a /proc file that reports size 0");
		TAP_OK(mk_file_load(f, 1 << 20, &d, &n) == MK_OK && n > 4096 / 8 &&
		               memcmp(d, "Name:", 5) == 0 && ((char *)d)[n] == 0,
		       "mk_file_load reads it to its end (%zu bytes)", n);
		mk_file_free(d, n);
		TAP_OK(mk_file_load(f, 16, &d, &n) == MK_ERR_TOOBIG, "... and stops past max");
		mk_file_close(f);
	} else {
		TAP_OK(1, "# SKIP no /proc/self/status");
	}
	fflush(stdout);
	TAP_OK(mk_console_write("# console write\n", 16) == MK_OK, "mk_console_write");
	int c;
	uint64_t t0 = mk_time_ns();
	mk_err e = mk_console_getc(&c);
	TAP_OK((e == MK_OK || e == MK_ERR_TIMEOUT) && mk_time_ns() - t0 < 1000000000u,
	       "mk_console_getc does not block");
}

/* The host services: environment, clocks, ids, written files, the log. */
static void test_host(void)
{
	setenv("MK_TEST_ENV", "v1", 1);
	const char *v = mk_env("MK_TEST_ENV");
	TAP_OK(v && strcmp(v, "v1") == 0, "mk_env reads a variable");
	unsetenv("MK_TEST_ENV");
	TAP_OK(!mk_env("MK_TEST_ENV") && !mk_env(NULL), "mk_env of an unset variable: NULL");
	uint64_t w = mk_wall_time_s(), t = (uint64_t)time(NULL);
	TAP_OK(w > 1600000000u && w + 2 >= t && w <= t + 2, "mk_wall_time_s %" PRIu64, w);
	TAP_OK(mk_task_self_id() == (uint64_t)getpid(), "mk_task_self_id is the process id");
	TAP_OK(mk_log_write("# log write\n", 12) == MK_OK, "mk_log_write");

	char dir[] = "/tmp/test_mk_wXXXXXX", p[64];
	mk_file *f;
	void *d = NULL;
	size_t n = 0;
	uint64_t sz;
	TAP_OK(mkdtemp(dir) != NULL, "temp directory");
	snprintf(p, sizeof p, "%s/out", dir);
	TAP_OK(mk_file_create(p, &f) == MK_OK && mk_file_write(f, "abc", 3) == MK_OK &&
	               mk_file_write(f, "def", 3) == MK_OK && mk_file_write(f, NULL, 0) == MK_OK,
	       "mk_file_create, mk_file_write");
	mk_file_close(f);
	TAP_OK(mk_file_read_all(p, 100, &d, &n) == MK_OK && n == 6 && memcmp(d, "abcdef", 6) == 0,
	       "written bytes read back in order");
	mk_file_free(d, n);
	TAP_OK(mk_file_create(p, &f) == MK_OK && mk_file_write(f, "x", 1) == MK_OK, "create again");
	mk_file_close(f);
	TAP_OK(mk_file_read_all(p, 100, &d, &n) == MK_OK && n == 1, "... truncates the file");
	mk_file_free(d, n);
	TAP_OK(mk_file_open(p, &f, &sz) == MK_OK && mk_file_write(f, "y", 1) == MK_ERR_INVAL,
	       "mk_file_write to a file opened for reading: INVAL");
	mk_file_close(f);
	unlink(p);
	TAP_OK(mk_file_create(dir, &f) == MK_ERR_ISDIR, "mk_file_create of a directory: ISDIR");
	snprintf(p, sizeof p, "%s/no/out", dir);
	TAP_OK(mk_file_create(p, &f) == MK_ERR_NOENT,
	       "mk_file_create in a missing directory: NOENT");
	TAP_OK(mk_file_create(NULL, &f) == MK_ERR_INVAL, "mk_file_create NULL path: INVAL");
	snprintf(p, sizeof p, "%s/fifo", dir);
	uint64_t t0 = mk_time_ns();
	TAP_OK(mkfifo(p, 0600) == 0 && mk_file_create(p, &f) == MK_ERR_IO &&
	               mk_time_ns() - t0 < 1000000000u,
	       "mk_file_create of a FIFO without a reader fails at once");
	unlink(p);
	rmdir(dir);
}

int main(void)
{
	test_errors();
	test_mem();
	test_time();
	test_threads();
	test_notify();
	test_ipc();
	test_file();
	test_host();
	return tap_done();
}
