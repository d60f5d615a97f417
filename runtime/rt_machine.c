/* rt_machine.c: board instances: RAM, device servers, MMIO lookup, IRQ
 * wiring, HTIF, boot registers (the console: rt_console.c; the servers:
 * rt_server.c). */
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "mk.h"
#include "rt_machine.h"
#include "rt_mem.h"
#include "rt_semihost.h"
#include "rt_server.h"

/* Board by name, or the first of a family. */
const rt_board_desc *rt_board_find(const char *name, const char *family)
{
	for (int i = 0; rt_all_boards[i]; i++) {
		const rt_board_desc *b = rt_all_boards[i];
		if (name ? strcmp(b->name, name) == 0 : (family && strcmp(b->family, family) == 0))
			return b;
	}
	return NULL;
}

/* Guest by name. */
const rt_guest *rt_guest_find(const char *name)
{
	for (int i = 0; rt_all_guests[i]; i++)
		if (strcmp(rt_all_guests[i]->name, name) == 0)
			return rt_all_guests[i];
	return NULL;
}

/* qsort order of device instances by base address. */
static int by_base(const void *a, const void *b)
{
	uint64_t x = (*(rt_dev *const *)a)->desc->base, y = (*(rt_dev *const *)b)->desc->base;
	return x < y ? -1 : x > y;
}

/* Create each device instance of the board and start its server. */
static rt_err create_devices(rt_machine *m, char *err, size_t n)
{
	const rt_board_desc *b = m->board;
	m->devs = calloc((size_t)b->ndevs + 1, sizeof *m->devs);
	m->by_base = calloc((size_t)b->ndevs + 1, sizeof *m->by_base);
	if (!m->devs || !m->by_base)
		return rt_error(err, n, RT_ERR_NOMEM, "out of memory");
	for (int i = 0; i < b->ndevs; i++) {
		const rt_dev_desc *dd = &b->devs[i];
		size_t sz = dd->inst_size < sizeof(rt_dev) ? sizeof(rt_dev) : dd->inst_size;
		rt_dev *d = calloc(1, sz);
		if (!d)
			return rt_error(err, n, RT_ERR_NOMEM, "out of memory");
		d->desc = dd;
		d->m = m;
		m->devs[i] = m->by_base[i] = d;
		m->ndevs = i + 1;
		rt_err e = rt_server_start(d, err, n);
		if (e)
			return e;
		if (dd->init && dd->init(d) != 0) {
			rt_server_stop(d);
			m->devs[i] = NULL; /* not started: no fini */
			free(d);
			m->ndevs = i;
			return rt_error(err, n, RT_ERR_DEVICE, "device %s (%s) failed to start",
			                dd->name, dd->type);
		}
	}
	qsort(m->by_base, (size_t)m->ndevs, sizeof *m->by_base, by_base);
	return RT_OK;
}

/* Build a machine from a board description. */
rt_err rt_machine_create(const rt_board_desc *b, rt_machine **out, char *err, size_t n)
{
	void *ram;
	rt_machine *m = calloc(1, sizeof *m);
	if (!m)
		return rt_error(err, n, RT_ERR_NOMEM, "out of memory");
	m->board = b;
	m->ram_base = b->ram_base;
	m->ram_size = b->ram_size;
	m->t0 = mk_time_ns();
	m->con.bol = m->err.bol = 1;
	m->err.log = 1;
	if (mk_lock_create(&m->con_lock) != MK_OK || mk_lock_create(&m->in_lock) != MK_OK ||
	    mk_notify_create(&m->irq_notify) != MK_OK) {
		rt_machine_destroy(m);
		return rt_error(err, n, RT_ERR_NOMEM, "out of memory");
	}
	if (b->ram_size == 0 || b->ram_size > ((uint64_t)1 << 40) ||
	    mk_mem_map_guarded((size_t)b->ram_size, MK_PROT_READ | MK_PROT_WRITE, &ram) != MK_OK) {
		rt_machine_destroy(m);
		return rt_error(err, n, RT_ERR_NOMEM, "cannot map %llu bytes of guest RAM",
		                (unsigned long long)b->ram_size);
	}
	m->ram = ram;
	rt_err e = create_devices(m, err, n);
	if (e) {
		rt_machine_destroy(m);
		return e;
	}
	*out = m;
	return RT_OK;
}

/* Stop the machine's threads: console input and device servers. */
void rt_machine_stop(rt_machine *m)
{
	if (m->input) {
		atomic_store(&m->input_stop, 1);
		mk_console_wake();
		mk_thread_join(m->input, NULL);
		m->input = NULL;
		mk_console_close();
	}
	for (int i = m->ndevs - 1; i >= 0; i--)
		if (m->devs && m->devs[i])
			rt_server_stop(m->devs[i]);
}

/* Tear a machine down. */
void rt_machine_destroy(rt_machine *m)
{
	if (!m)
		return;
	rt_machine_stop(m);
	if (m->con_lock)
		rt_console_flush(m);
	for (int i = m->ndevs - 1; i >= 0; i--) {
		rt_dev *d = m->devs[i];
		if (!d)
			continue;
		if (d->desc->fini)
			d->desc->fini(d);
		free(d);
	}
	free(m->devs);
	free(m->by_base);
	rt_semihost_free(m);
	mk_file_close(m->con.file);
	mk_lock_destroy(m->con_lock);
	mk_lock_destroy(m->in_lock);
	if (m->irq_notify)
		mk_notify_destroy(m->irq_notify);
	if (m->ram)
		mk_mem_unmap_guarded(m->ram, (size_t)m->ram_size);
	free(m);
}

/* Binary search of the device window holding [addr, addr + bytes). */
rt_dev *rt_machine_find_dev(rt_machine *m, uint64_t addr, unsigned bytes)
{
	int lo = 0, hi = m->ndevs - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		rt_dev *d = m->by_base[mid];
		uint64_t base = d->desc->base;
		if (addr < base) {
			hi = mid - 1;
		} else if (addr - base >= d->desc->size) {
			lo = mid + 1;
		} else {
			uint64_t off = addr - base;
			return bytes <= d->desc->size - off ? d : NULL;
		}
	}
	return NULL;
}

/* ---- services for device servers (rt_board.h) ---------------------------- */

/* Can an interrupt still come? */
int rt_machine_can_wake(rt_machine *m)
{
	return atomic_load(&m->timers_armed) > 0 || atomic_load(&m->input_open);
}

/* Power off: stop the vCPU with RT_STOP_EXIT. */
void rt_machine_exit(rt_machine *m, int code)
{
	rt_console_flush(m);
	if (m->cpu && m->cpu->stop == RT_STOP_NONE) {
		m->cpu->stop = RT_STOP_EXIT;
		m->cpu->exit_code = code;
		m->cpu->check = 1;
	}
}

/* Drive an interrupt line from a device output. Any thread may: the vCPU
 * takes the interrupt at its next boundary (within RT_SLICE instructions;
 * at once after an MMIO access that changed a line, see rt_cpu.c), and a
 * vCPU in wfi is woken. cpu->check is the vCPU's own: no other thread
 * writes it. */
void rt_dev_irq(rt_dev *d, int out, int level)
{
	rt_cpu *cpu = d->m->cpu;
	if (out < 0 || out >= d->desc->nirqs || !d->desc->irq_lines || !cpu)
		return;
	int line = d->desc->irq_lines[out];
	if (line < 0 || line > 63)
		return;
	uint64_t bit = (uint64_t)1 << line;
	uint64_t old = level ? atomic_fetch_or(&cpu->irq_lines, bit)
	                     : atomic_fetch_and(&cpu->irq_lines, ~bit);
	if (!(old & bit) != !level)
		mk_notify_signal(d->m->irq_notify, 1); /* wakes a wfi */
}

/* Guest time since machine start. */
uint64_t rt_machine_time_ns(rt_machine *m)
{
	return mk_time_ns() - m->t0;
}

/* ---- boot ------------------------------------------------------------- */

/* Slot index of a register name ("X10" matches slot "x10"); -1 if none. */
static int find_slot(const rt_guest *g, const char *name)
{
	for (unsigned i = 0; i < g->nslots; i++)
		if (g->slot_names && g->slot_names[i] && strcasecmp(g->slot_names[i], name) == 0)
			return (int)i;
	return -1;
}

/* Entry point and boot registers. */
rt_err rt_machine_boot(rt_machine *m, rt_cpu *cpu, uint64_t entry, char *err, size_t n)
{
	cpu->pc = cpu->npc = entry;
	for (int i = 0; i < m->board->nboot; i++) {
		const rt_boot_reg *br = &m->board->boot[i];
		int s = find_slot(cpu->g, br->slot);
		if (s < 0)
			return rt_error(err, n, RT_ERR_BOARD,
			                "board %s: boot register %s is not a register of %s",
			                m->board->name, br->slot, cpu->g->name);
		uint64_t mask = cpu->g->word_bits >= 64 ? UINT64_MAX
		                                        : (((uint64_t)1 << cpu->g->word_bits) - 1);
		cpu->r[s] = br->value & mask;
	}
	return RT_OK;
}

/* ---- HTIF ------------------------------------------------------------ */

/* Guest-order 64-bit RAM word at a checked address; 0 if outside RAM. */
static uint64_t ram_get64(rt_machine *m, rt_cpu *cpu, uint64_t addr, int *ok)
{
	uint64_t off = rt_ram_off(cpu, addr, 8);
	*ok = off != UINT64_MAX;
	if (!*ok)
		return 0;
	uint64_t v = rt_host_get(m->ram + off, 8);
	return cpu->swap ? rt_bswap(v, 8) : v;
}

/* Store a guest-order 64-bit RAM word (ignored outside RAM). */
static void ram_put64(rt_machine *m, rt_cpu *cpu, uint64_t addr, uint64_t v)
{
	uint64_t off = rt_ram_off(cpu, addr, 8);
	if (off != UINT64_MAX)
		rt_host_put(m->ram + off, 8, cpu->swap ? rt_bswap(v, 8) : v);
}

/* riscv-tests `syscall` proxy: magic_mem[0..3] = which, a0, a1, a2. Only
 * SYS_write (64) to stdout/stderr is served; the result goes to magic_mem[0]. */
static void htif_syscall(rt_machine *m, rt_cpu *cpu, uint64_t mm)
{
	int ok, ok1, ok2, ok3;
	uint64_t which = ram_get64(m, cpu, mm, &ok);
	uint64_t fd = ram_get64(m, cpu, mm + 8, &ok1);
	uint64_t buf = ram_get64(m, cpu, mm + 16, &ok2);
	uint64_t len = ram_get64(m, cpu, mm + 24, &ok3);
	uint64_t ret = (uint64_t)-38; /* -ENOSYS */
	if (ok && ok1 && ok2 && ok3 && which == 64 && (fd == 1 || fd == 2)) {
		uint64_t off = buf - m->ram_base;
		if (off < m->ram_size && len <= m->ram_size - off) {
			rt_console_write(m, m->ram + off, (size_t)len);
			ret = len;
		} else {
			ret = (uint64_t)-14; /* -EFAULT */
		}
	}
	if (ok)
		ram_put64(m, cpu, mm, ret);
}

/* Serve the HTIF mailbox. */
void rt_machine_poll_htif(rt_machine *m, rt_cpu *cpu)
{
	int ok;
	if (!m->htif)
		return;
	uint64_t v = ram_get64(m, cpu, m->tohost, &ok);
	if (!v)
		return;
	unsigned dev = (unsigned)(v >> 56), cmd = (unsigned)(v >> 48) & 0xff;
	uint64_t payload = v & 0xffffffffffffull;
	uint64_t reply = 1;
	if (dev == 0 && cmd == 0 && (payload & 1)) {
		rt_console_flush(m);
		if (cpu->stop == RT_STOP_NONE) {
			cpu->stop = payload == 1 ? RT_STOP_HTIF_PASS : RT_STOP_HTIF_FAIL;
			cpu->exit_code =
			        (int)(payload >> 1 > 0x7fffffff ? 0x7fffffff : payload >> 1);
			cpu->check = 1;
		}
		return; /* leave tohost as the guest wrote it */
	}
	if (dev == 0 && cmd == 0) {
		htif_syscall(m, cpu, payload);
	} else if (dev == 1 && cmd == 1) {
		char c = (char)(payload & 0xff);
		rt_console_write(m, &c, 1);
		reply = v & ~0xffffffffffffull;
	} else {
		reply = 0; /* unknown device/command: just consume it */
	}
	ram_put64(m, cpu, m->tohost, 0);
	if (m->fromhost && reply)
		ram_put64(m, cpu, m->fromhost, reply);
}
