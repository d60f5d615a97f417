/* rt_console.c: a machine's console: output buffered per line (with a
 * VM's prefix, or to its file) and input from the host console, read by an
 * input thread into a ring that the console device's server drains, with
 * QEMU's Ctrl-A escapes (rt_board.h, rt_machine.h). */
#include <stdatomic.h>
#include <string.h>

#include "mk.h"
#include "rt_machine.h"
#include "rt_server.h"

/* Write o's buffer out (con_lock held). */
static void flush_locked(rt_out *o)
{
	if (!o->len)
		return;
	if (o->file)
		mk_file_write(o->file, o->buf, o->len);
	else if (o->log)
		mk_log_write(o->buf, o->len);
	else
		mk_console_write(o->buf, o->len);
	o->len = 0;
}

/* Flush buffered console and stderr output. */
void rt_console_flush(rt_machine *m)
{
	mk_lock_acquire(m->con_lock);
	flush_locked(&m->con);
	flush_locked(&m->err);
	mk_lock_release(m->con_lock);
}

/* Append one byte to o (con_lock held), the line prefix first at a line
 * start. */
static void put_locked(rt_out *o, char c)
{
	if (o->bol && o->prefix) {
		size_t k = strlen(o->prefix);
		if (o->len + k >= sizeof o->buf)
			flush_locked(o);
		memcpy(o->buf + o->len, o->prefix, k);
		o->len += k;
	}
	if (o->len == sizeof o->buf)
		flush_locked(o);
	o->buf[o->len++] = c;
	o->bol = c == '\n';
	if (c == '\n')
		flush_locked(o);
}

/* Append n bytes to o (con_lock held). */
static void write_locked(rt_out *o, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		put_locked(o, p[i]);
}

/* Console output: buffered, flushed at newlines and when full. */
void rt_console_write(rt_machine *m, const void *buf, size_t n)
{
	mk_lock_acquire(m->con_lock);
	write_locked(&m->con, buf, n);
	mk_lock_release(m->con_lock);
}

/* The guest's stderr: after the console's pending output; buffered by line
 * only when its lines take a prefix. */
void rt_console_write_err(rt_machine *m, const void *buf, size_t n)
{
	mk_lock_acquire(m->con_lock);
	flush_locked(&m->con);
	write_locked(&m->err, buf, n);
	if (!m->err.prefix)
		flush_locked(&m->err);
	mk_lock_release(m->con_lock);
}

/* One byte of console input or -1. */
int rt_console_getc(rt_machine *m)
{
	int c = -1;
	mk_lock_acquire(m->in_lock);
	if (m->in_tail != m->in_head) {
		c = m->in_ring[m->in_tail % sizeof m->in_ring];
		m->in_tail++;
	}
	mk_lock_release(m->in_lock);
	return c;
}

/* One byte of console input, waiting for it while input is open; -1 at
 * the end of input or on Ctrl-A x. */
int rt_console_getc_wait(rt_machine *m)
{
	for (;;) {
		int c = rt_console_getc(m);
		if (c >= 0)
			return c;
		if (!atomic_load(&m->input_open) || atomic_load(&m->quit))
			return rt_console_getc(m); /* what came before it closed */
		mk_sleep_ns(200000);
	}
}

/* Queue input bytes, waiting while the ring is full; 0, or -1 if the
 * machine stopped meanwhile. */
static int queue_input(rt_machine *m, const uint8_t *p, size_t n)
{
	size_t i = 0;
	while (i < n) {
		mk_lock_acquire(m->in_lock);
		while (i < n && m->in_head - m->in_tail < sizeof m->in_ring)
			m->in_ring[m->in_head++ % sizeof m->in_ring] = p[i++];
		mk_lock_release(m->in_lock);
		if (m->input_dev)
			rt_server_notify(m->input_dev, RT_EV_INPUT);
		if (i < n) {
			if (atomic_load(&m->input_stop))
				return -1;
			mk_sleep_ns(1000000); /* the guest has not read yet */
		}
	}
	return 0;
}

/* Ctrl-A x: ask the vCPU to stop. */
static void request_quit(rt_machine *m)
{
	atomic_store(&m->quit, 1); /* the vCPU looks at every boundary */
	mk_notify_signal(m->irq_notify, 1);
}

/* Take the escapes out of a chunk of input in place (QEMU's: Ctrl-A x
 * quits, Ctrl-A h shows them, Ctrl-A Ctrl-A is one Ctrl-A); returns the
 * bytes left for the guest, those before a Ctrl-A x (*quit set). *esc
 * carries a pending Ctrl-A across chunks. */
static size_t escapes(uint8_t *p, size_t n, int *esc, int *quit)
{
	static const char help[] = "\r\nC-a x    exit morph\r\nC-a C-a  send C-a\r\n";
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (!*esc && p[i] == 0x01) {
			*esc = 1;
			continue;
		}
		if (*esc) {
			*esc = 0;
			if (p[i] == 'x' || p[i] == 'X') {
				*quit = 1;
				return k;
			}
			if (p[i] == 'h' || p[i] == 'H')
				mk_log_write(help, sizeof help - 1);
			if (p[i] != 0x01)
				continue;
		}
		p[k++] = p[i];
	}
	return k;
}

/* The input thread: host console -> ring -> the input device's server. */
static void *input_thread(void *arg)
{
	rt_machine *m = arg;
	uint8_t buf[256];
	int esc = 0, quit = 0;
	while (!atomic_load(&m->input_stop) && !quit) {
		size_t got = m->in_pre_n;
		mk_err e = MK_OK;
		if (got) /* what rt_machine_input read first */
			memcpy(buf, m->in_pre, got);
		else
			e = mk_console_read(buf, sizeof buf, MK_FOREVER, &got);
		m->in_pre_n = 0;
		if (e == MK_ERR_TIMEOUT)
			continue;
		if (e != MK_OK)
			break;
		got = escapes(buf, got, &esc, &quit);
		if (queue_input(m, buf, got) != 0)
			break;
	}
	if (quit) {
		/* what was typed before Ctrl-A x reaches the guest first (a
		 * pipe brings it all at once); wait up to 0.2 s for it */
		for (int i = 0; i < 200 && !atomic_load(&m->input_stop); i++) {
			mk_lock_acquire(m->in_lock);
			int empty = m->in_head == m->in_tail;
			mk_lock_release(m->in_lock);
			if (empty)
				break;
			mk_sleep_ns(1000000);
		}
		mk_sleep_ns(20000000); /* and the device's last byte */
		request_quit(m);
	}
	/* input is over: the input device's server says so once it has taken
	 * what came before (so a wfi never sees "closed" before the
	 * interrupt that input raises); without one, say it here */
	atomic_store(&m->input_eof, 1);
	if (m->input_dev)
		rt_server_notify(m->input_dev, RT_EV_INPUT);
	else
		rt_machine_input_closed(m);
	return NULL;
}

/* Console input has ended and its last bytes are taken. */
void rt_machine_input_closed(rt_machine *m)
{
	atomic_store(&m->input_open, 0);
	mk_notify_signal(m->irq_notify, 1); /* a wfi re-checks whether it can wake */
}

/* Start console input. */
rt_err rt_machine_input(rt_machine *m, char *err, size_t n)
{
	int tty;
	if (m->input)
		return RT_OK;
	mk_console_open(&tty);
	/* input already at its end (/dev/null, a drained pipe): no thread */
	mk_err e = mk_console_read(m->in_pre, sizeof m->in_pre, 0, &m->in_pre_n);
	if (e == MK_ERR_EOF || e == MK_ERR_IO)
		return RT_OK;
	atomic_store(&m->input_open, 1);
	if (mk_thread_create(&m->input, input_thread, m) != MK_OK) {
		atomic_store(&m->input_open, 0);
		m->input = NULL;
		mk_console_close();
		return rt_error(err, n, RT_ERR_NOMEM, "cannot start the console input thread");
	}
	return RT_OK;
}
