/* rt_cpu.c: vCPUs, traps, the decode cache and the interpreter loop. */
#include <inttypes.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mk.h"
#include "rt_cpu.h"
#include "rt_jit.h"
#include "rt_machine.h"
#include "rt_mem.h"
#include "rt_server.h"

/* Decode cache: direct-mapped on pc / parcel size. An empty slot is tagged
 * with an address that indexes a different slot (EMPTY_TAG), so no pc a
 * guest can reach, aligned or not, 32 or 64 bits wide, ever matches it:
 * the hot loop's one compare needs no "is it empty" test. */
#define ICACHE_BITS 15
#define ICACHE_SIZE (1u << ICACHE_BITS)

typedef struct rt_icache_entry {
	uint64_t pc;     /* tag: address of the instruction, or EMPTY_TAG */
	rt_exec_fn exec; /* its interpreter function */
	uint32_t insn;   /* the instruction word */
	uint8_t len;     /* bytes */
	uint8_t flags;   /* RT_INSN_* */
	int16_t id;      /* decode id (trace) */
} rt_icache_entry;

struct rt_icache {
	unsigned shift; /* log2(parcel_bytes) */
	rt_icache_entry e[ICACHE_SIZE];
};

#define ICACHE_AT(ic, pc) (&(ic)->e[((pc) >> (ic)->shift) & (ICACHE_SIZE - 1)])

/* The empty tag of slot i: the address of slot i + 1, which ICACHE_AT
 * never maps to slot i. */
#define EMPTY_TAG(ic, i) ((uint64_t)(((i) + 1) & (ICACHE_SIZE - 1)) << (ic)->shift)

/* ---- traps ------------------------------------------------------------ */

/* Take a guest exception through the target's trap hook. */
int rt_raise(rt_cpu *cpu, uint64_t cause, uint64_t tval)
{
	cpu->trapped = 1;
	if (rt_likely(cpu->g->trap != NULL)) {
		cpu->g->trap(cpu, cause, tval);
	} else {
		snprintf(cpu->msg, sizeof cpu->msg,
		         "guest %s has no trap hook (exception %" PRIu64 " at pc 0x%" PRIx64 ")",
		         cpu->g->name, cause, cpu->pc);
		cpu->stop = RT_STOP_ERROR;
		cpu->check = 1;
	}
	return 1;
}

/* Take a runtime fault kind, mapped to the guest's cause. */
int rt_fault(rt_cpu *cpu, rt_exc_kind kind, uint64_t tval)
{
	uint64_t cause = (unsigned)kind < RT_EXC_COUNT ? cpu->g->exc[kind] : 0;
	return rt_raise(cpu, cause, tval);
}

/* ---- memory slow path (rt_guest.h) -------------------------------------- */

/* Offset in RAM of the physical range [pa, pa + bytes), or UINT64_MAX. */
static uint64_t phys_ram_off(const rt_cpu *cpu, uint64_t pa, unsigned bytes)
{
	const rt_machine *m = cpu->m;
	uint64_t off = pa - (m ? m->ram_base : cpu->ram_base);
	if (off < cpu->ram_size && bytes <= cpu->ram_size - off)
		return off;
	return UINT64_MAX;
}

/* Translate a slow-path address (guests with rt_guest.translate): 0 with
 * *pa and *off (RAM offset or UINT64_MAX), or 1 after the guest's exception. */
static int slow_translate(rt_cpu *cpu, uint64_t addr, unsigned bytes, unsigned access, uint64_t *pa,
                          uint64_t *off)
{
	*pa = addr;
	*off = UINT64_MAX;
	if (!cpu->g->translate)
		return 0;
	if (cpu->g->translate(cpu, addr, access, pa))
		return 1;
	*off = phys_ram_off(cpu, *pa, bytes);
	return 0;
}

/* Load through RAM or a device window; fault otherwise. */
int rt_load(rt_cpu *cpu, uint64_t addr, unsigned bytes, uint64_t *val)
{
	uint64_t pa = addr;
	uint64_t off = rt_ram_off(cpu, addr, bytes);
	if (off == UINT64_MAX && slow_translate(cpu, addr, bytes, RT_ACCESS_LOAD, &pa, &off))
		return 1;
	if (off != UINT64_MAX) {
		uint64_t v = rt_host_get(cpu->ram + off, bytes);
		*val = cpu->swap ? rt_bswap(v, bytes) : v;
		return 0;
	}
	rt_dev *d = cpu->m ? rt_machine_find_dev(cpu->m, pa, bytes) : NULL;
	if (!d || !d->desc->read)
		return rt_fault(cpu, RT_EXC_LOAD_FAULT, addr);
	cpu->m->mmio_accesses++;
	uint64_t lines = cpu->irq_lines;
	uint64_t v = rt_server_read(d, pa - d->desc->base, bytes);
	if (cpu->irq_lines != lines)
		cpu->check = 1; /* the access changed a line: look at once */
	*val = bytes >= 8 ? v : v & (((uint64_t)1 << (8 * bytes)) - 1);
	return 0;
}

/* Store through RAM or a device window; fault otherwise. */
int rt_store(rt_cpu *cpu, uint64_t addr, unsigned bytes, uint64_t val)
{
	uint64_t pa = addr;
	uint64_t off = rt_ram_off(cpu, addr, bytes);
	if (off != UINT64_MAX)
		return rt_st(cpu, addr, bytes, val);
	if (slow_translate(cpu, addr, bytes, RT_ACCESS_STORE, &pa, &off))
		return 1;
	if (off != UINT64_MAX) {
		const uint8_t *cm = cpu->code_map;
		if (cm[off >> RT_CODE_LINE_SHIFT] | cm[(off + bytes - 1) >> RT_CODE_LINE_SHIFT])
			rt_code_written(cpu, off, bytes);
		rt_host_put(cpu->ram + off, bytes, cpu->swap ? rt_bswap(val, bytes) : val);
		return 0;
	}
	rt_dev *d = cpu->m ? rt_machine_find_dev(cpu->m, pa, bytes) : NULL;
	if (!d)
		return rt_fault(cpu, RT_EXC_STORE_FAULT, addr);
	cpu->m->mmio_accesses++;
	if (bytes < 8)
		val &= ((uint64_t)1 << (8 * bytes)) - 1;
	uint64_t lines = cpu->irq_lines;
	rt_server_write(d, pa - d->desc->base, bytes, val);
	if (cpu->irq_lines != lines)
		cpu->check = 1; /* the access changed a line: look at once */
	return 0;
}

/* ---- decode cache ------------------------------------------------------ */

/* Empty the whole decode cache. */
static void icache_clear(struct rt_icache *ic)
{
	for (unsigned i = 0; i < ICACHE_SIZE; i++)
		ic->e[i].pc = EMPTY_TAG(ic, i);
}

/* fence.i and friends: forget every decoded instruction. */
void rt_flush_code(rt_cpu *cpu)
{
	icache_clear(cpu->icache);
	cpu->flushes++;
	rt_jit_flush(cpu);
}

/* A store hit RAM lines holding cached code: drop the instructions that
 * start in them (or in the bytes just before, for straddling ones). */
void rt_code_written(rt_cpu *cpu, uint64_t off, unsigned bytes)
{
	struct rt_icache *ic = cpu->icache;
	unsigned parcel = cpu->g->parcel_bytes;
	uint64_t back = cpu->g->max_insn_bytes > parcel ? cpu->g->max_insn_bytes - parcel : 0;
	uint64_t first = off >> RT_CODE_LINE_SHIFT, last = (off + bytes - 1) >> RT_CODE_LINE_SHIFT;
	cpu->code_writes++;
	rt_jit_code_written(cpu, off, bytes);
	for (uint64_t l = first; l <= last; l++) {
		if (!cpu->code_map[l])
			continue;
		cpu->code_map[l] = 0;
		if (cpu->code_alias) { /* decoded outside the window: any pc */
			icache_clear(ic);
			cpu->flushes++;
			continue;
		}
		uint64_t start = l << RT_CODE_LINE_SHIFT;
		uint64_t lo = start >= back ? start - back : 0;
		uint64_t hi = start + ((uint64_t)1 << RT_CODE_LINE_SHIFT);
		for (uint64_t o = lo; o < hi; o += parcel) {
			uint64_t pc = cpu->ram_base + o;
			rt_icache_entry *e = ICACHE_AT(ic, pc);
			if (e->pc == pc)
				e->pc = EMPTY_TAG(ic, (size_t)(e - ic->e));
		}
	}
}

/* Fetch and decode the instruction at pc into its cache entry. On a fetch
 * fault or an illegal instruction the trap is raised and NULL returned. */
static rt_icache_entry *icache_fill(rt_cpu *cpu, uint64_t pc)
{
	const rt_guest *g = cpu->g;
	unsigned pb = g->parcel_bytes;
	cpu->pc = pc;
	cpu->npc = pc;
	if (rt_unlikely(pc & (pb - 1))) {
		rt_fault(cpu, RT_EXC_FETCH_MISALIGNED, pc);
		return NULL;
	}
	uint64_t off = rt_ram_off(cpu, pc, pb);
	if (rt_unlikely(off == UINT64_MAX) && g->translate) {
		uint64_t pa;
		if (slow_translate(cpu, pc, g->max_insn_bytes, RT_ACCESS_FETCH, &pa, &off))
			return NULL;
		cpu->code_alias = 1;
	}
	if (rt_unlikely(off == UINT64_MAX)) {
		rt_fault(cpu, RT_EXC_FETCH_FAULT, pc);
		return NULL;
	}
	uint32_t insn = rt_parcel(cpu, off, pb);
	unsigned len = g->insn_length(insn);
	if (rt_unlikely(len < pb || len > 4 || len % pb)) {
		rt_fault(cpu, RT_EXC_ILLEGAL_INSN, insn);
		return NULL;
	}
	for (unsigned i = pb; i < len; i += pb) {
		if (rt_unlikely(off + i >= cpu->ram_size || pb > cpu->ram_size - (off + i))) {
			rt_fault(cpu, RT_EXC_FETCH_FAULT, pc + i);
			return NULL;
		}
	}
	insn = rt_insn_word(cpu, off, len);
	int id = g->decode(insn, len);
	if (rt_unlikely(id < 0 || (unsigned)id >= g->ninsns || !g->insns[id].exec)) {
		rt_fault(cpu, RT_EXC_ILLEGAL_INSN, insn);
		return NULL;
	}
	rt_icache_entry *e = ICACHE_AT(cpu->icache, pc);
	e->pc = pc;
	e->exec = g->insns[id].exec;
	e->insn = insn;
	e->len = (uint8_t)len;
	e->flags = g->insns[id].flags;
	e->id = (int16_t)id;
	cpu->code_map[off >> RT_CODE_LINE_SHIFT] = 1;
	cpu->code_map[(off + len - 1) >> RT_CODE_LINE_SHIFT] = 1;
	return e;
}

/* ---- creation ------------------------------------------------------------ */

/* New vCPU on a machine. */
rt_err rt_cpu_create(const rt_guest *g, rt_machine *m, rt_cpu **out, char *err, size_t n)
{
	void *map;
	unsigned pb = g->parcel_bytes;
	if (pb == 0 || pb > 4 || (pb & (pb - 1)) || !g->insn_length || !g->decode)
		return rt_error(err, n, RT_ERR_GUEST, "guest %s: bad parcel size or hooks",
		                g->name);
	rt_cpu *cpu = calloc(1, sizeof *cpu);
	if (!cpu)
		return rt_error(err, n, RT_ERR_NOMEM, "out of memory");
	cpu->g = g;
	cpu->m = m;
	cpu->r = calloc(g->nslots ? g->nslots : 1, sizeof *cpu->r);
	cpu->icache = malloc(sizeof *cpu->icache);
	cpu->swap = (uint8_t)(g->big_endian != (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__));
	cpu->ram = m->ram;
	cpu->ram_base = m->ram_base;
	cpu->ram_size = m->ram_size;
	size_t lines = (size_t)(m->ram_size >> RT_CODE_LINE_SHIFT) + 1;
	if (!cpu->r || !cpu->icache ||
	    mk_mem_map(lines, MK_PROT_READ | MK_PROT_WRITE, &map) != MK_OK) {
		rt_cpu_destroy(cpu);
		return rt_error(err, n, RT_ERR_NOMEM, "out of memory");
	}
	cpu->code_map = map;
	cpu->icache->shift = (unsigned)__builtin_ctz(pb);
	icache_clear(cpu->icache);
	m->cpu = cpu;
	if (g->init && g->init(cpu) != 0) {
		m->cpu = NULL;
		cpu->g = NULL; /* no fini for a failed init */
		rt_cpu_destroy(cpu);
		return rt_error(err, n, RT_ERR_GUEST, "guest %s failed to start", g->name);
	}
	if (g->reset_regs)
		g->reset_regs(cpu);
	if (g->reset)
		g->reset(cpu);
	*out = cpu;
	return RT_OK;
}

/* Free a vCPU. */
void rt_cpu_destroy(rt_cpu *cpu)
{
	if (!cpu)
		return;
	if (cpu->m && cpu->m->cpu == cpu) {
		rt_machine_stop(cpu->m); /* no device thread may touch it now */
		cpu->m->cpu = NULL;
	}
	if (cpu->g && cpu->g->fini)
		cpu->g->fini(cpu);
	rt_jit_detach(cpu);
	if (cpu->code_map)
		mk_mem_unmap(cpu->code_map, (size_t)(cpu->ram_size >> RT_CODE_LINE_SHIFT) + 1);
	free(cpu->icache);
	free(cpu->r);
	free(cpu);
}

/* ---- disassembly and trace ------------------------------------------------ */

/* One instruction as text. */
int rt_cpu_disasm(const rt_guest *g, uint32_t insn, unsigned len, uint64_t pc, char *buf, size_t n)
{
	int id = g->decode(insn, len);
	if (id < 0 || (unsigned)id >= g->ninsns || !g->disasm) {
		snprintf(buf, n, "<unknown>");
		return -1;
	}
	g->disasm(id, insn, pc, buf, n);
	return id;
}

/* --trace: "pc: text" on stderr. */
static void trace_insn(const rt_cpu *cpu, const rt_icache_entry *e)
{
	char buf[128], line[160];
	buf[0] = 0;
	if (cpu->g->disasm)
		cpu->g->disasm(e->id, e->insn, e->pc, buf, sizeof buf);
	int n = snprintf(line, sizeof line, "%08" PRIx64 ": %s\n", e->pc, buf);
	mk_log_write(line, n < (int)sizeof line ? (size_t)n : sizeof line - 1);
}

/* ---- the run loop ------------------------------------------------------ */

/* Stop with a runtime error message. */
static void stop_error(rt_cpu *cpu, const char *msg)
{
	if (cpu->stop == RT_STOP_NONE) {
		snprintf(cpu->msg, sizeof cpu->msg, "%s", msg);
		cpu->stop = RT_STOP_ERROR;
	}
	cpu->check = 1;
}

/* A trap was taken: count traps in a row with nothing retired in between
 * (cpu->storm_insns remembers the retired count at the previous trap, so
 * the hot loop needs no store to reset the count) and stop on a storm.
 * Clears cpu->trapped, which is 0 whenever an instruction starts. */
static void count_trap(rt_cpu *cpu)
{
	cpu->trapped = 0;
	if (cpu->insns != cpu->storm_insns) {
		cpu->storm_insns = cpu->insns;
		cpu->storm = 0;
	}
	uint64_t limit = cpu->storm_limit ? cpu->storm_limit : RT_TRAP_STORM;
	if (rt_unlikely(++cpu->storm >= limit) && cpu->stop == RT_STOP_NONE) {
		snprintf(cpu->msg, sizeof cpu->msg,
		         "guest is stuck in a trap loop: %" PRIu64 " traps in a row without "
		         "retiring an instruction (last at pc 0x%" PRIx64 ", handler 0x%" PRIx64
		         ")",
		         limit, cpu->pc, cpu->npc);
		cpu->stop = RT_STOP_ERROR;
		cpu->check = 1;
	}
}

/* Ctrl-A x on the console: stop as a clean exit. */
static void quit(rt_cpu *cpu)
{
	if (cpu->stop == RT_STOP_NONE) {
		snprintf(cpu->msg, sizeof cpu->msg, "terminated by Ctrl-A x");
		cpu->exit_code = 0;
		cpu->stop = RT_STOP_EXIT;
	}
}

/* Work between instructions: timers, HTIF, limits, interrupts. Updates *pc
 * when an interrupt is taken. Returns 1 when the run must stop. */
static __attribute__((noinline)) int boundary(rt_cpu *cpu, uint64_t *pc)
{
	rt_machine *m = cpu->m;
	cpu->check = 0;
	cpu->pc = cpu->npc = *pc;
	rt_machine_poll_htif(m, cpu);
	if (rt_unlikely(atomic_load_explicit(&m->quit, memory_order_relaxed)))
		quit(cpu);
	if (cpu->jit)
		rt_jit_poll(cpu);
	if (cpu->stop)
		return 1;
	if (cpu->max_insns && cpu->insns >= cpu->max_insns) {
		snprintf(cpu->msg, sizeof cpu->msg,
		         "stopped after %" PRIu64 " instructions (--max-insns)", cpu->insns);
		cpu->stop = RT_STOP_MAX_INSNS;
		return 1;
	}
	if (cpu->g->interrupt && cpu->g->interrupt(cpu)) {
		*pc = cpu->npc;
		count_trap(cpu);
	}
	cpu->trapped = 0;
	return cpu->stop != RT_STOP_NONE;
}

/* Instructions to run before the next boundary. */
static uint64_t slice(const rt_cpu *cpu)
{
	uint64_t b = RT_SLICE;
	if (cpu->max_insns && cpu->max_insns - cpu->insns < b)
		b = cpu->max_insns - cpu->insns;
	return b ? b : 1;
}

/* The loop body, specialised by constant `general` (trace and delay slots
 * on) so that the common case carries no test for either. */
static inline __attribute__((always_inline)) rt_stop run_loop(rt_cpu *cpu, const int general)
{
	struct rt_icache *ic = cpu->icache;
	uint64_t pc = cpu->pc;
	uint64_t budget = 1; /* a boundary first: pending interrupts, limits */
	int lookup = 0;      /* look for a compiled region at pc: 1 at a jump
	                        target, 2 at a boundary */
	cpu->npc = pc;
	cpu->trapped = 0;
	goto check;
	for (;;) {
		if (lookup && !cpu->delay_pending) { /* regions start outside slots */
			rt_region_fn f = rt_jit_region(cpu, pc, lookup == 1);
			lookup = 0;
			if (f) {
				uint64_t before = cpu->insns;
				uint64_t hard =
				        cpu->max_insns ? cpu->max_insns - cpu->insns : UINT64_MAX;
				uint64_t t0 = cpu->time_tiers ? mk_time_ns() : 0;
				int trapped = f(budget * RT_JIT_SLICE_MUL, hard, pc);
				uint64_t ran = cpu->insns - before;
				rt_jit_count(cpu, ran, cpu->time_tiers ? mk_time_ns() - t0 : 0);
				pc = cpu->npc;
				if (trapped) {
					count_trap(cpu);
					cpu->check = 1;
				}
				lookup = ran != 0;
				if (ran >= budget || cpu->check)
					goto check;
				budget -= ran;
				if (ran || trapped)
					continue;
			} else if (cpu->check) {
				goto check; /* the tier failed: stop */
			}
		}
		rt_icache_entry *e = ICACHE_AT(ic, pc);
		if (rt_unlikely(e->pc != pc)) {
			e = icache_fill(cpu, pc);
			if (!e) {
				pc = cpu->npc;
				count_trap(cpu);
				goto check;
			}
		}
		if (general && cpu->trace)
			trace_insn(cpu, e);
		int delay = general ? cpu->delay_pending : 0;
		cpu->pc = pc;
		cpu->npc = pc + e->len;
		if (rt_likely(!e->exec(cpu, e->insn))) {
			cpu->insns++;
		} else if (cpu->trapped) {
			count_trap(cpu);
			if (general)
				cpu->delay_pending = 0;
			delay = 0;
			cpu->check = 1; /* look at stop/limits now */
		} else {
			cpu->insns++; /* completed, but asks to stop */
			cpu->check = 1;
		}
		if (general && delay && cpu->delay_pending) {
			cpu->delay_pending = 0;
			cpu->npc = cpu->delay_pc;
		}
		if (cpu->jit && cpu->npc != pc + e->len)
			lookup = 1; /* a jump: a region may start there */
		pc = cpu->npc;
		/* a helper call (generated code sets check), a device or a trap
		 * asks for the boundary work; otherwise only the slice ends */
		if (rt_likely(!cpu->check) && rt_likely(--budget != 0))
			continue;
	check:
		if (boundary(cpu, &pc))
			break;
		budget = slice(cpu);
		if (cpu->jit && !lookup)
			lookup = 2; /* (a jump target stays one) */
	}
	cpu->pc = pc;
	cpu->npc = pc;
	rt_console_flush(cpu->m);
	return cpu->stop;
}

/* Fast variant: no trace, no delay slots. */
static rt_stop run_fast(rt_cpu *cpu)
{
	return run_loop(cpu, 0);
}

/* General variant. */
static rt_stop run_general(rt_cpu *cpu)
{
	return run_loop(cpu, 1);
}

/* Does any instruction of g have a delay slot? */
static int has_delay(const rt_guest *g)
{
	for (unsigned i = 0; i < g->ninsns; i++)
		if (g->insns[i].flags & RT_INSN_DELAY)
			return 1;
	return 0;
}

/* Run until stopped. */
rt_stop rt_cpu_run(rt_cpu *cpu)
{
	if (cpu->stop != RT_STOP_NONE)
		return cpu->stop;
	if (cpu->trace || has_delay(cpu->g))
		return run_general(cpu);
	return run_fast(cpu);
}

/* ---- wfi ----------------------------------------------------------------- */

/* Sleep until an interrupt line is set, or stop if none can ever be. */
void rt_cpu_wfi(rt_cpu *cpu)
{
	rt_machine *m = cpu->m;
	cpu->check = 1;
	rt_console_flush(m);
	for (;;) {
		/* can_wake first: a timer counts as armed until its handler has
		 * set the line, so a line set after it reads 0 is seen below */
		int can = rt_machine_can_wake(m);
		if (cpu->irq_lines || cpu->stop)
			return;
		rt_machine_poll_htif(m, cpu);
		if (atomic_load(&m->quit)) {
			quit(cpu);
			return;
		}
		if (cpu->stop)
			return;
		if (!can) {
			stop_error(cpu, "guest waits for an interrupt that can never come "
			                "(wfi with no interrupt line set and no timer armed)");
			return;
		}
		uint32_t bits;
		mk_notify_wait(m->irq_notify, 100000000u, &bits);
	}
}
