/* test_fuzz_guests.c: instruction fuzzing of every guest of the build.
 *
 * For each guest in rt_all_guests (the generated registry, so new guests are
 * picked up when they land) on its family's first board, with a small RAM
 * and no devices (so nothing can sleep or print): first decode and
 * disassemble random words of every length; then, round after round, fill
 * RAM with random words (fully random, or random operands on a real
 * encoding, or random parcels), reset the CPU, point its registers into RAM
 * or anywhere, and run from a random RAM address through the normal run
 * loop with an instruction limit and a low trap-storm limit. Traps, wild
 * jumps, stores (into RAM or faulting) and semihosting calls all happen for
 * real. The test passes when it finishes: no crash, no hang, every run
 * stops with a known reason. Deterministic (fixed seed).
 *
 * usage: test_fuzz_guests [INSNS_PER_GUEST]   (default 200000)
 */
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rt_cpu.h"
#include "rt_machine.h"
#include "rt_mem.h"
#include "rt_semihost.h"
#include "test_rng.h"

#define FUZZ_RAM   (64u * 1024)
#define ROUND_MAX  2000u /* instructions per round */
#define STORM      64u   /* traps in a row that end a round */
#define MAX_GUESTS 64

static FILE *tap;
static int ntest;

/* Print one TAP line. */
static void ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void ok(int cond, const char *fmt, ...)
{
	va_list ap;
	fprintf(tap, "%sok %d - ", cond ? "" : "not ", ++ntest);
	va_start(ap, fmt);
	vfprintf(tap, fmt, ap);
	va_end(ap);
	fputc('\n', tap);
	fflush(tap);
}

/* The next random number (test_rng.h). */
static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint64_t rnd(void)
{
	return test_rng(&rng);
}

/* Decode and disassemble random words of every length the guest has. */
static unsigned fuzz_decode(const rt_guest *g, unsigned n)
{
	char buf[160];
	unsigned legal = 0;
	unsigned pb = g->parcel_bytes;
	for (unsigned i = 0; i < n; i++) {
		uint32_t w = (uint32_t)rnd();
		unsigned len = pb * (1 + (unsigned)(rnd() % (g->max_insn_bytes / pb)));
		if (len < 4)
			w &= (1u << (8 * len)) - 1;
		if (i & 1 && g->ninsns) { /* operands of a real encoding */
			const rt_insn_info *in = &g->insns[rnd() % g->ninsns];
			w = (w & ~in->mask) | in->match;
			len = in->length;
		}
		(void)g->insn_length((uint32_t)(w & ((1ull << (8 * pb)) - 1)));
		int id = rt_cpu_disasm(g, w, len, rnd(), buf, sizeof buf);
		if (id >= 0)
			legal++;
	}
	return legal;
}

/* Store `bytes` of v at RAM offset off in guest byte order. */
static void put(rt_cpu *cpu, uint64_t off, unsigned bytes, uint64_t v)
{
	if (off + bytes > cpu->ram_size)
		return;
	rt_host_put(cpu->ram + off, bytes, cpu->swap ? rt_bswap(v, bytes) : v);
}

/* Fill RAM with one of three kinds of garbage. */
static void fill_ram(rt_cpu *cpu, unsigned kind)
{
	const rt_guest *g = cpu->g;
	unsigned pb = g->parcel_bytes;
	for (uint64_t off = 0; off < cpu->ram_size;) {
		if (kind == 0) { /* random words */
			put(cpu, off, 4, rnd());
			off += 4;
		} else if (kind == 1 && g->ninsns) { /* random operands, real opcodes */
			const rt_insn_info *in = &g->insns[rnd() % g->ninsns];
			uint32_t w = ((uint32_t)rnd() & ~in->mask) | in->match;
			unsigned len = in->length ? in->length : 4;
			if (len == 4 && pb == 2 && !g->big_endian) {
				put(cpu, off, 2, w & 0xffff);
				put(cpu, off + 2, 2, w >> 16);
			} else if (len == 4 && pb == 2) {
				put(cpu, off, 2, w >> 16);
				put(cpu, off + 2, 2, w & 0xffff);
			} else {
				put(cpu, off, len, w);
			}
			off += len;
		} else { /* random parcels, often truncated instructions */
			put(cpu, off, pb, rnd());
			off += pb;
		}
	}
	rt_flush_code(cpu);
}

/* Architectural reset plus random registers (half of them into RAM). */
static void reset_cpu(rt_cpu *cpu)
{
	const rt_guest *g = cpu->g;
	uint64_t mask = g->word_bits >= 64 ? UINT64_MAX : ((uint64_t)1 << g->word_bits) - 1;
	memset(cpu->r, 0, sizeof *cpu->r * (g->nslots ? g->nslots : 1));
	for (unsigned i = 0; i < g->nslots; i++) {
		uint64_t v = rnd();
		if (v & 1)
			v = cpu->ram_base + (v >> 8) % cpu->ram_size;
		cpu->r[i] = v & mask;
	}
	if (g->reset_regs)
		g->reset_regs(cpu);
	if (g->reset)
		g->reset(cpu);
	cpu->delay_pending = 0;
	cpu->trapped = 0;
	cpu->irq_lines = 0;
	cpu->stop = RT_STOP_NONE;
	cpu->msg[0] = 0;
	cpu->storm = 0;
	uint64_t pc = cpu->ram_base + (rnd() % (cpu->ram_size / 4)) * 4;
	if (rnd() % 8 == 0)
		pc += g->parcel_bytes; /* odd parcels, misaligned entries */
	cpu->pc = cpu->npc = pc & mask;
}

/* Results of the runs of one guest. */
typedef struct fuzz_stats {
	uint64_t stops[RT_STOP_COUNT];
	uint64_t insns;
	unsigned rounds, bad;
} fuzz_stats;

/* Run random RAM on board fb until `budget` instructions retired (or as
 * many rounds as that allows). 0, or -1 with a message in err. */
static int fuzz_run(const rt_guest *g, const rt_board_desc *fb, uint64_t budget, fuzz_stats *st,
                    char *err, size_t n)
{
	rt_machine *m;
	rt_cpu *cpu;
	if (rt_machine_create(fb, &m, err, n) != RT_OK)
		return -1;
	if (rt_cpu_create(g, m, &cpu, err, n) != RT_OK) {
		rt_machine_destroy(m);
		return -1;
	}
	if (rt_semihost_enable(m, "fuzz", 0) != RT_OK) {
		snprintf(err, n, "out of memory");
		rt_cpu_destroy(cpu);
		rt_machine_destroy(m);
		return -1;
	}
	cpu->storm_limit = STORM;
	uint64_t start = cpu->insns, attempts = 0;
	for (unsigned r = 0; cpu->insns - start < budget && attempts < budget; r++) {
		if (r % 8 == 0)
			fill_ram(cpu, (r / 8) % 3);
		reset_cpu(cpu);
		if (rt_machine_boot(m, cpu, cpu->pc, err, n) != RT_OK) {
			st->bad++;
			break;
		}
		cpu->max_insns = cpu->insns + ROUND_MAX;
		rt_stop s = rt_cpu_run(cpu);
		if ((unsigned)s >= RT_STOP_COUNT || s == RT_STOP_NONE) {
			st->bad++;
			s = RT_STOP_NONE;
		}
		st->stops[s]++;
		st->rounds++;
		attempts += ROUND_MAX / 32; /* progress even when every round traps out */
	}
	st->insns += cpu->insns - start;
	rt_cpu_destroy(cpu);
	rt_machine_destroy(m);
	return 0;
}

/* Fuzz one guest (two TAP lines): decoding, then runs with RAM at the
 * board's address and at 0 (where trap vectors usually point, so that
 * handlers run random code too). */
static void fuzz_guest(const rt_guest *g, uint64_t budget)
{
	char err[256] = "";
	const rt_board_desc *b = rt_board_find(NULL, g->family);
	if (!b) {
		for (int i = 0; i < 2; i++)
			fprintf(tap, "ok %d - # SKIP %s: no board of family %s\n", ++ntest, g->name,
			        g->family);
		return;
	}
	uint64_t nd = budget < 200000 ? budget : 200000;
	unsigned legal = fuzz_decode(g, (unsigned)nd);
	ok(1, "%s: decoded and disassembled %" PRIu64 " random words (%u legal)", g->name, nd,
	   legal);

	fuzz_stats st;
	memset(&st, 0, sizeof st);
	rt_board_desc fb = *b; /* small RAM, no devices */
	fb.ram_size = FUZZ_RAM;
	fb.ndevs = 0;
	fb.devs = NULL;
	fb.console = -1;
	int r = fuzz_run(g, &fb, budget / 2, &st, err, sizeof err);
	fb.ram_base = 0;
	if (r == 0)
		r = fuzz_run(g, &fb, budget - budget / 2, &st, err, sizeof err);
	ok(r == 0 && st.bad == 0,
	   "%s: %u rounds, %" PRIu64 " instructions retired from random RAM (stops: %" PRIu64
	   " exit, %" PRIu64 " limit, %" PRIu64 " error/trap storm, %" PRIu64 " htif)%s%s",
	   g->name, st.rounds, st.insns, st.stops[RT_STOP_EXIT], st.stops[RT_STOP_MAX_INSNS],
	   st.stops[RT_STOP_ERROR], st.stops[RT_STOP_HTIF_PASS] + st.stops[RT_STOP_HTIF_FAIL],
	   err[0] ? ": " : "", err);
}

/* Every guest of the registry. */
int main(int argc, char **argv)
{
	uint64_t budget = argc > 1 ? strtoull(argv[1], NULL, 0) : 200000;
	/* Guest output (semihosting) must not mix with TAP: TAP goes to a
	 * copy of stdout, stdout itself to /dev/null. */
	int fd = dup(1);
	tap = fd >= 0 ? fdopen(fd, "w") : NULL;
	if (!tap)
		tap = stderr;
	int null = open("/dev/null", O_WRONLY);
	if (null >= 0) {
		dup2(null, 1);
		close(null);
	}
	int nguests = 0;
	while (rt_all_guests[nguests] && nguests < MAX_GUESTS)
		nguests++;
	fprintf(tap, "1..%d\n", 2 * nguests + 1);
	ok(nguests > 0, "the registry has %d guests", nguests);
	for (int i = 0; i < nguests; i++)
		fuzz_guest(rt_all_guests[i], budget); /* two TAP lines each */
	fflush(tap);
	return 0;
}
