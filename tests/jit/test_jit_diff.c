/* test_jit_diff.c: random programs under the interpreter and under the JIT
 * must leave the same state.
 *
 * For each guest of the registry, on its family's board with 64 KiB of RAM
 * at address 0 and no devices, programs of random instructions drawn from
 * the description's own encodings (weighted toward ALU operations; loads and
 * stores, whose address registers start pointing into a data window;
 * branches and jumps whose targets, found by running the instruction on a
 * probe vCPU with several register states, stay inside the code window;
 * helpers and traps) fill a code window that ends with a jump back to its
 * start, so every program loops until its instruction limit. A trap handler
 * at the guest's vector skips the faulting instruction (so faults are part
 * of the test) and a low trap-storm limit stops wild runs.
 *
 * Each program runs on a fresh machine and vCPU under the interpreter, and
 * on another under RT_ENGINE_JIT (every region compiled), with the same RAM
 * and registers; afterwards every register slot, pc, instructions retired,
 * stop reason, exit code, message and the whole RAM must match. (A
 * program that keeps storing into its compiled code is compared after
 * PHASE_INSNS instructions: each such store makes the JIT recompile.) On a
 * difference the test finds the first instruction after which the states
 * differ (bisecting the instruction limit) and prints the seed, the
 * instruction, the register or address and both values, and the program.
 *
 * MORPH_JIT_DIFF_SCALE=N multiplies the instructions run per guest
 * (default 100000); MORPH_JIT_DIFF_SEED=S changes the seed;
 * MORPH_JIT_DIFF_VERBOSE=1 prints how each program ended;
 * MORPH_JIT_DIFF_GUEST=NAME runs only that guest.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mips.h"
#include "rt_cpu.h"
#include "rt_jit.h"
#include "rt_machine.h"
#include "rt_mem.h"
#include "rt_tap.h"
#include "test_rng.h"

#define DIFF_RAM    (64u * 1024)
#define CODE_OFF    0xc000u /* the code window, RAM offsets, away from the data */
#define CODE_BYTES  0x300u
#define DATA_OFF    0x4000u /* the data window loads and stores aim at */
#define DATA_BYTES  0x1000u
#define RUN_INSNS   25000u /* instruction limit of one program */
#define GUEST_INSNS 100000u
#define PHASE_INSNS 1000u /* JIT runs look at invalidations after this many */
#define SMC_MAX     8u    /* more invalidations than this: stop there */
#define STORM       64u   /* traps in a row that end a run */
#define PROBES      8
#define TRIES       64

/* A program: its seed, RAM image and initial registers. */
typedef struct prog {
	uint64_t seed;
	uint8_t img[DIFF_RAM];
	uint64_t r[256];
	uint64_t entry;
} prog;

/* What a run left. */
typedef struct state {
	uint64_t r[256];
	uint64_t pc, insns, jit_insns, regions, region_insns, invalidated, limit;
	rt_stop stop;
	int exit_code;
	char msg[256];
	uint8_t ram[DIFF_RAM];
} state;

/* The next random number (test_rng.h). */
static uint64_t rng;
static uint64_t rnd(void)
{
	return test_rng(&rng);
}

/* All ones in the guest's word width. */
static uint64_t word_mask(const rt_guest *g)
{
	return g->word_bits >= 64 ? UINT64_MAX : ((uint64_t)1 << g->word_bits) - 1;
}

/* Put instruction word w of len bytes at img[off] in guest byte order. */
static void put_insn(const rt_guest *g, uint8_t *img, uint64_t off, uint32_t w, unsigned len)
{
	unsigned pb = g->parcel_bytes;
	int swap = g->big_endian != (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__);
	for (unsigned i = 0; i < len && off + len <= DIFF_RAM; i += pb) {
		unsigned sh = g->big_endian ? 8 * (len - pb - i) : 8 * i;
		uint64_t p = (w >> sh) & (pb >= 4 ? UINT32_MAX : (1u << (8 * pb)) - 1);
		rt_host_put(img + off + i, pb, swap ? rt_bswap(p, pb) : p);
	}
}

/* The instruction at img[off]: its id (or -1), word and length. */
static int get_insn(const rt_guest *g, const uint8_t *img, uint64_t off, uint32_t *w, unsigned *len)
{
	unsigned pb = g->parcel_bytes;
	int swap = g->big_endian != (__BYTE_ORDER__ == __ORDER_BIG_ENDIAN__);
	uint64_t p = rt_host_get(img + off, pb);
	uint32_t x = (uint32_t)(swap ? rt_bswap(p, pb) : p);
	unsigned n = g->insn_length(x);
	*len = n < pb || n > 4 ? pb : n;
	if (n < pb || n > 4 || off + n > DIFF_RAM)
		return -1;
	for (unsigned i = pb; i < n; i += pb) {
		uint64_t q = rt_host_get(img + off + i, pb);
		q = swap ? rt_bswap(q, pb) : q;
		x = g->big_endian ? (x << (8 * pb)) | (uint32_t)q : x | ((uint32_t)q << (8 * i));
	}
	*w = x;
	return g->decode(x, n);
}

/* A word of instruction id with random don't-care bits that decodes to
 * id; 0, or -1 when none was found. */
static int word_of(const rt_guest *g, unsigned id, uint32_t *w)
{
	const rt_insn_info *in = &g->insns[id];
	unsigned pb = g->parcel_bytes;
	for (int t = 0; t < TRIES; t++) {
		uint32_t x = ((uint32_t)rnd() & ~in->mask) | in->match;
		if (in->length < 4)
			x &= (1u << (8 * in->length)) - 1;
		uint32_t first = pb >= 4 ? x
		                         : (g->big_endian ? x >> (8 * (in->length - pb)) : x) &
		                                   ((1u << (8 * pb)) - 1);
		if (g->insn_length(first) == in->length && g->decode(x, in->length) == (int)id) {
			*w = x;
			return 0;
		}
	}
	return -1;
}

/* ---- machines ----------------------------------------------------------- */

/* A machine with a vCPU of g on its family's board (64 KiB of RAM at 0, no
 * devices); NULL with a message in err. */
static rt_cpu *make_cpu(const rt_guest *g, char *err, size_t n)
{
	const rt_board_desc *b = rt_board_find(NULL, g->family);
	if (!b) {
		snprintf(err, n, "no board of family %s", g->family);
		return NULL;
	}
	rt_board_desc db = *b;
	db.ram_base = 0;
	db.ram_size = DIFF_RAM;
	db.ndevs = 0;
	db.devs = NULL;
	db.console = -1;
	rt_machine *m;
	rt_cpu *cpu;
	if (rt_machine_create(&db, &m, err, n) != RT_OK)
		return NULL;
	if (rt_cpu_create(g, m, &cpu, err, n) != RT_OK) {
		rt_machine_destroy(m);
		return NULL;
	}
	if (rt_machine_boot(m, cpu, cpu->ram_base + CODE_OFF, err, n) != RT_OK) {
		rt_cpu_destroy(cpu);
		rt_machine_destroy(m);
		return NULL;
	}
	if (strcmp(g->family, "mips") == 0) /* vectors in RAM (kseg0), not ROM */
		mips_st(cpu)->status &= ~MIPS_ST_BEV;
	cpu->storm_limit = STORM;
	return cpu;
}

/* Free a vCPU and its machine. */
static void free_cpu(rt_cpu *cpu)
{
	if (!cpu)
		return;
	rt_machine *m = cpu->m;
	rt_cpu_destroy(cpu);
	rt_machine_destroy(m);
}

/* ---- programs ----------------------------------------------------------- */

/* The trap handler of a family, at RAM offsets: skip the faulting
 * instruction and return. */
static void put_handler(const rt_guest *g, uint8_t *img)
{
	if (strcmp(g->family, "riscv") == 0) { /* mtvec = 0 */
		static const uint32_t h[] = {
		        0x34102ff3, /* csrr  x31, mepc */
		        0x004f8f93, /* addi  x31, x31, 4 */
		        0x341f9073, /* csrw  mepc, x31 */
		        0x30200073, /* mret */
		};
		for (unsigned i = 0; i < 4; i++)
			put_insn(g, img, 4 * i, h[i], 4);
	} else if (strcmp(g->family, "arm") == 0) { /* vectors at 0 */
		for (unsigned i = 0; i < 8; i++)
			put_insn(g, img, 4 * i,
			         i == 4 ? 0xe25ef004 /* subs pc, lr, #4 */
			                : 0xe1b0f00e /* movs pc, lr */,
			         4);
	} else if (strcmp(g->family, "mips") == 0) { /* EBASE + 0 / 0x180 / 0x200 */
		static const uint32_t h[] = {
		        0x401a7000, /* mfc0  k0, EPC */
		        0x275a0004, /* addiu k0, k0, 4 */
		        0x409a7000, /* mtc0  k0, EPC */
		        0x42000018, /* eret */
		};
		static const unsigned at[] = {0x000, 0x180, 0x200};
		for (unsigned v = 0; v < 3; v++)
			for (unsigned i = 0; i < 4; i++)
				put_insn(g, img, at[v] + 4 * i, h[i], 4);
	}
}

/* The jump from the window's end (RAM offset `from`, guest address
 * base + from) back to its start; the bytes it took. */
static unsigned put_jump_back(const rt_guest *g, uint8_t *img, uint64_t base, uint64_t from)
{
	int64_t d = (int64_t)CODE_OFF - (int64_t)from;
	if (strcmp(g->family, "riscv") == 0) { /* jal x0, d */
		uint32_t u = (uint32_t)d;
		uint32_t w = 0x6f | ((u >> 20) & 1) << 31 | ((u >> 1) & 0x3ff) << 21 |
		             ((u >> 11) & 1) << 20 | ((u >> 12) & 0xff) << 12;
		put_insn(g, img, from, w, 4);
		return 4;
	}
	if (strcmp(g->family, "arm") == 0) { /* b d */
		put_insn(g, img, from, 0xea000000u | ((uint32_t)((d - 8) >> 2) & 0xffffff), 4);
		return 4;
	}
	/* mips: j start; nop */
	put_insn(g, img, from, 0x08000000u | (uint32_t)(((base + CODE_OFF) >> 2) & 0x3ffffff), 4);
	put_insn(g, img, from + 4, 0, 4);
	return 8;
}

/* Kinds of instruction, by the flags morphgen computed. */
enum { K_ALU, K_MEM, K_BRANCH, K_OTHER, K_COUNT };

/* The kind of instruction in. */
static int kind_of(const rt_insn_info *in)
{
	if (in->flags & (RT_INSN_HELPER | RT_INSN_TRAPS))
		return K_OTHER;
	if (in->flags & (RT_INSN_JUMP | RT_INSN_DELAY))
		return K_BRANCH;
	if (in->flags & RT_INSN_MEM)
		return K_MEM;
	return K_ALU;
}

/* Random initial registers: word-wide slots (names ending in a digit, HI,
 * LO) random or pointing into the data window, the others (flags, bits)
 * 0 or 1. */
static void random_regs(const rt_guest *g, uint64_t ram_base, uint64_t *r)
{
	for (unsigned i = 0; i < g->nslots && i < 256; i++) {
		const char *nm = g->slot_names ? g->slot_names[i] : "r0";
		size_t l = strlen(nm);
		int wide = (l && nm[l - 1] >= '0' && nm[l - 1] <= '9') || !strcmp(nm, "HI") ||
		           !strcmp(nm, "LO");
		uint64_t v = rnd();
		if (!wide)
			v &= 1;
		else if (v & 1)
			v = ram_base + DATA_OFF + ((v >> 8) % DATA_BYTES & ~7ull);
		else if ((v & 6) == 0)
			v = (v >> 8) & 0xff; /* small numbers: shifts, indices */
		r[i] = v & word_mask(g);
	}
}

/* Set cpu's registers to r (hard-wired ones keep their values). */
static void load_regs(rt_cpu *cpu, const uint64_t *r)
{
	memcpy(cpu->r, r, cpu->g->nslots * sizeof *r);
	if (cpu->g->reset_regs)
		cpu->g->reset_regs(cpu);
}

/* Whether instruction w (id) may go at pc, as probed on cpu with several
 * register states: 0 when it stops the run (wfi with no interrupt to come)
 * or when it is a jump and a target seen is outside the code window
 * [lo, hi); else 1. */
static int targets_inside(rt_cpu *cpu, unsigned id, uint32_t w, uint64_t pc, uint64_t lo,
                          uint64_t hi)
{
	const rt_guest *g = cpu->g;
	const rt_insn_info *in = &g->insns[id];
	uint64_t r[256];
	for (int p = 0; p < PROBES; p++) {
		random_regs(g, cpu->ram_base, r);
		if (p == 0)
			memset(r, 0, sizeof r);
		load_regs(cpu, r);
		cpu->pc = pc;
		cpu->npc = (pc + in->length) & word_mask(g);
		cpu->delay_pending = 0;
		cpu->trapped = 0;
		int tr = in->exec(cpu, w);
		if (cpu->stop != RT_STOP_NONE) { /* it ends every run (wfi) */
			cpu->stop = RT_STOP_NONE;
			cpu->msg[0] = 0;
			return 0;
		}
		if (tr || cpu->trapped || kind_of(in) != K_BRANCH)
			continue;
		uint64_t t = cpu->delay_pending ? cpu->delay_pc : cpu->npc;
		if (t == cpu->pc + in->length)
			continue;
		if (t < lo || t >= hi || t % g->parcel_bytes)
			return 0;
	}
	return 1;
}

/* Fill p with a random program for guest g (probe: a scratch vCPU). */
static void make_prog(rt_cpu *probe, prog *p, uint64_t seed)
{
	const rt_guest *g = probe->g;
	static const unsigned weight[K_COUNT] = {62, 22, 12, 4};
	unsigned ids[K_COUNT][1024], nid[K_COUNT] = {0};
	for (unsigned i = 0; i < g->ninsns; i++) {
		int k = kind_of(&g->insns[i]);
		if (g->insns[i].exec && nid[k] < 1024)
			ids[k][nid[k]++] = i;
	}
	rng = seed;
	p->seed = seed;
	memset(p->img, 0, sizeof p->img);
	put_handler(g, p->img);
	for (unsigned i = 0; i < DATA_BYTES; i += 8)
		rt_host_put(p->img + DATA_OFF + i, 8, rnd());
	uint64_t base = probe->ram_base;
	uint64_t lo = base + CODE_OFF, hi = base + CODE_OFF + CODE_BYTES;
	uint64_t off = CODE_OFF, end = CODE_OFF + CODE_BYTES - 8;
	while (off < end) {
		unsigned pick = (unsigned)(rnd() % 100), k = 0;
		while (k + 1 < K_COUNT && pick >= weight[k])
			pick -= weight[k++];
		if (!nid[k])
			continue;
		unsigned id = ids[k][rnd() % nid[k]];
		uint32_t w;
		int found = 0;
		for (int t = 0; t < TRIES && !found; t++) {
			if (word_of(g, id, &w) || off + g->insns[id].length > end)
				break;
			found = k == K_ALU || k == K_MEM ||
			        targets_inside(probe, id, w, base + off, lo, hi);
		}
		if (!found)
			continue;
		put_insn(g, p->img, off, w, g->insns[id].length);
		off += g->insns[id].length;
	}
	put_jump_back(g, p->img, base, off);
	random_regs(g, base, p->r);
	p->entry = lo;
}

/* ---- runs --------------------------------------------------------------- */

/* Run p on a fresh vCPU (engine e) for at most max instructions; the state
 * it left in *s. Under the JIT, a program whose stores keep invalidating
 * its regions (more than SMC_MAX times in its first PHASE_INSNS
 * instructions) stops there: s->limit says where. 0, or -1 with a message
 * in err. */
static int run_prog(const rt_guest *g, const prog *p, rt_engine e, uint64_t max, state *s,
                    char *err, size_t n)
{
	rt_cpu *cpu = make_cpu(g, err, n);
	if (!cpu)
		return -1;
	if (rt_jit_attach(cpu, e, err, n) != RT_OK) {
		free_cpu(cpu);
		return -1;
	}
	memcpy(cpu->ram, p->img, DIFF_RAM);
	rt_flush_code(cpu);
	load_regs(cpu, p->r);
	cpu->pc = cpu->npc = p->entry;
	uint64_t start = cpu->insns;
	s->limit = e == RT_ENGINE_JIT && max > PHASE_INSNS ? PHASE_INSNS : max;
	cpu->max_insns = start + s->limit;
	s->stop = rt_cpu_run(cpu);
	if (s->limit < max && s->stop == RT_STOP_MAX_INSNS &&
	    rt_jit_get_stats(cpu).invalidated <= SMC_MAX) { /* resume */
		cpu->stop = RT_STOP_NONE;
		cpu->msg[0] = 0;
		s->limit = max;
		cpu->max_insns = start + max;
		s->stop = rt_cpu_run(cpu);
	}
	memset(s->r, 0, sizeof s->r);
	memcpy(s->r, cpu->r, g->nslots * sizeof *s->r);
	s->pc = cpu->pc;
	s->insns = cpu->insns - start;
	rt_jit_stats st = rt_jit_get_stats(cpu);
	s->jit_insns = st.jit_insns;
	s->regions = st.regions;
	s->region_insns = st.region_insns;
	s->invalidated = st.invalidated;
	s->exit_code = s->stop == RT_STOP_EXIT || s->stop == RT_STOP_HTIF_FAIL ? cpu->exit_code : 0;
	snprintf(s->msg, sizeof s->msg, "%s", cpu->msg);
	memcpy(s->ram, cpu->ram, DIFF_RAM);
	free_cpu(cpu);
	return 0;
}

/* The first difference between a and b as text in buf; 0 if none. */
static int differ(const rt_guest *g, const state *a, const state *b, char *buf, size_t n)
{
	for (unsigned i = 0; i < g->nslots; i++)
		if (a->r[i] != b->r[i])
			return snprintf(buf, n, "register %s: interp 0x%" PRIx64 ", jit 0x%" PRIx64,
			                g->slot_names ? g->slot_names[i] : "?", a->r[i], b->r[i]),
			       1;
	if (a->pc != b->pc)
		return snprintf(buf, n, "pc: interp 0x%" PRIx64 ", jit 0x%" PRIx64, a->pc, b->pc),
		       1;
	if (a->insns != b->insns)
		return snprintf(buf, n, "instructions retired: interp %" PRIu64 ", jit %" PRIu64,
		                a->insns, b->insns),
		       1;
	if (a->stop != b->stop || a->exit_code != b->exit_code || strcmp(a->msg, b->msg))
		return snprintf(buf, n, "stop: interp %d/%d \"%.200s\", jit %d/%d \"%.200s\"",
		                a->stop, a->exit_code, a->msg, b->stop, b->exit_code, b->msg),
		       1;
	for (unsigned i = 0; i < DIFF_RAM; i++)
		if (a->ram[i] != b->ram[i])
			return snprintf(buf, n, "RAM offset 0x%x: interp 0x%02x, jit 0x%02x", i,
			                a->ram[i], b->ram[i]),
			       1;
	return 0;
}

/* Print the program's code window, disassembled, as TAP comments. */
static void print_prog(const rt_guest *g, const prog *p)
{
	uint64_t base = p->entry - CODE_OFF;
	for (uint64_t off = CODE_OFF; off < CODE_OFF + CODE_BYTES;) {
		uint32_t w = 0;
		unsigned len = g->parcel_bytes;
		char text[160] = "<unknown>";
		int id = get_insn(g, p->img, off, &w, &len);
		if (id >= 0)
			g->disasm(id, w, base + off, text, sizeof text);
		printf("#   %08" PRIx64 ": %0*x  %s\n", base + off, 2 * len, w, text);
		off += len;
		if (id < 0 && w == 0 && off > CODE_OFF + 16)
			break;
	}
}

/* A difference found in the full run: bisect the instruction limit for the
 * first instruction after which the engines differ, and report it. */
static void report(const rt_guest *g, const prog *p, uint64_t total)
{
	static state a, b;
	char err[256], what[512] = "";
	uint64_t lo = 0, hi = total; /* states agree after lo, differ after hi */
	while (hi - lo > 1) {
		uint64_t mid = lo + (hi - lo) / 2;
		if (run_prog(g, p, RT_ENGINE_INTERP, mid, &a, err, sizeof err) ||
		    run_prog(g, p, RT_ENGINE_JIT, mid, &b, err, sizeof err))
			break;
		if (differ(g, &a, &b, what, sizeof what))
			hi = mid;
		else
			lo = mid;
	}
	run_prog(g, p, RT_ENGINE_INTERP, lo, &a, err, sizeof err);
	uint64_t pc = a.pc;
	run_prog(g, p, RT_ENGINE_INTERP, hi, &a, err, sizeof err);
	run_prog(g, p, RT_ENGINE_JIT, hi, &b, err, sizeof err);
	differ(g, &a, &b, what, sizeof what);
	uint32_t w = 0;
	unsigned len;
	char text[160] = "<not in RAM>";
	len = 0;
	uint64_t off = pc - (p->entry - CODE_OFF);
	if (off < DIFF_RAM) {
		int id = get_insn(g, p->img, off, &w, &len);
		if (id >= 0)
			g->disasm(id, w, pc, text, sizeof text);
	}
	printf("# %s: seed 0x%016" PRIx64 ": first difference after instruction %" PRIu64
	       " at 0x%" PRIx64 " (%08x  %s): %s\n",
	       g->name, p->seed, hi, pc, w, text, what);
	printf("# %s: initial registers:", g->name);
	for (unsigned i = 0; i < g->nslots; i++)
		printf("%s %s=0x%" PRIx64, i % 6 ? "" : "\n#  ",
		       g->slot_names ? g->slot_names[i] : "?", p->r[i]);
	printf("\n# %s: program:\n", g->name);
	print_prog(g, p);
}

/* Results of one guest. */
typedef struct guest_res {
	unsigned progs, bad, smc;
	uint64_t insns, jit_insns, regions, stops[RT_STOP_COUNT];
	char first[600];
} guest_res;

/* Run programs of guest g until `budget` instructions retired. */
static void diff_guest(const rt_guest *g, uint64_t seed, uint64_t budget)
{
	static prog p;
	static state a, b;
	char err[256] = "";
	guest_res gr;
	memset(&gr, 0, sizeof gr);
	rt_cpu *probe = make_cpu(g, err, sizeof err);
	if (!probe) {
		ok(0, "%s: %s", g->name, err);
		return;
	}
	for (unsigned k = 0; gr.insns < budget && k < budget / 1000 && !err[0]; k++) {
		uint64_t s = seed ^ (0x9e3779b97f4a7c15ull * (k + 1));
		for (const char *c = g->name; *c; c++)
			s = s * 31 + (unsigned char)*c;
		make_prog(probe, &p, s | 1);
		if (run_prog(g, &p, RT_ENGINE_INTERP, RUN_INSNS, &a, err, sizeof err) ||
		    run_prog(g, &p, RT_ENGINE_JIT, RUN_INSNS, &b, err, sizeof err))
			break;
		if (b.limit < RUN_INSNS) { /* it kept writing its code: compare there */
			gr.smc++;
			if (run_prog(g, &p, RT_ENGINE_INTERP, b.limit, &a, err, sizeof err))
				break;
		}
		gr.progs++;
		gr.insns += a.insns;
		gr.jit_insns += b.jit_insns;
		gr.regions += b.regions;
		gr.stops[a.stop]++;
		if (getenv("MORPH_JIT_DIFF_VERBOSE"))
			printf("# %s: seed 0x%016" PRIx64 ": %" PRIu64 " instructions, %" PRIu64
			       " regions of %" PRIu64 " instructions (%" PRIu64
			       " invalidated), stop %d: %s\n",
			       g->name, p.seed, a.insns, b.regions, b.region_insns, b.invalidated,
			       a.stop, a.msg);
		char what[512];
		if (differ(g, &a, &b, what, sizeof what)) {
			if (!gr.bad++) {
				snprintf(gr.first, sizeof gr.first, "seed 0x%016" PRIx64 ": %s",
				         p.seed, what);
				report(g, &p, a.insns > b.insns ? a.insns : b.insns);
			} else {
				printf("# %s: seed 0x%016" PRIx64 ": %s\n", g->name, p.seed, what);
			}
		}
	}
	free_cpu(probe);
	ok(!err[0] && !gr.bad && gr.progs && gr.jit_insns,
	   "%s: %u programs, %" PRIu64 " instructions (%" PRIu64 " in %" PRIu64
	   " compiled regions; stops: %" PRIu64 " limit, %" PRIu64 " error/trap storm, %" PRIu64
	   " other; %u kept invalidating), %u differ%s%s%s%s",
	   g->name, gr.progs, gr.insns, gr.jit_insns, gr.regions, gr.stops[RT_STOP_MAX_INSNS],
	   gr.stops[RT_STOP_ERROR],
	   gr.progs - gr.stops[RT_STOP_MAX_INSNS] - gr.stops[RT_STOP_ERROR], gr.smc, gr.bad,
	   gr.bad ? ": first: " : "", gr.first, err[0] ? "; " : "", err);
}

/* Every guest of the registry. */
int main(void)
{
	const char *e = getenv("MORPH_JIT_DIFF_SCALE");
	uint64_t scale = e && *e ? strtoull(e, NULL, 0) : 1;
	e = getenv("MORPH_JIT_DIFF_SEED");
	uint64_t seed = e && *e ? strtoull(e, NULL, 0) : 0x6a09e667f3bcc908ull;
	int n = 0;
	while (rt_all_guests[n])
		n++;
	ok(n > 0,
	   "the registry has %d guests (seed 0x%016" PRIx64 ", %" PRIu64 " instructions per guest)",
	   n, seed, GUEST_INSNS * (scale ? scale : 1));
	e = getenv("MORPH_JIT_DIFF_GUEST");
	for (int i = 0; i < n; i++)
		if (!e || !*e || strcmp(e, rt_all_guests[i]->name) == 0)
			diff_guest(rt_all_guests[i], seed, GUEST_INSNS * (scale ? scale : 1));
	return tap_done();
}
