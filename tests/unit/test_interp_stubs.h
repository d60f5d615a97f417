/* test_interp_stubs.h: test-local definitions of what generated guest code
 * calls (rt_raise, rt_fault, rt_load/rt_store, the target hooks and every
 * helper of the description), so a unit test links only generated files.
 * Define STUB_HELPERS to the guest's <GUEST>_HELPERS X-macro and STUB_FAMILY
 * to its family name (riscv) first. rt_raise records the last trap in
 * last_cause/last_tval and counts it in nraise; loads and stores outside
 * the test's RAM fault; helpers count their calls in nhelper and return 0x5a. */
#ifndef TEST_INTERP_STUBS_H
#define TEST_INTERP_STUBS_H

#include <string.h>

#include "rt_guest.h"

static uint64_t last_cause, last_tval;
static int nraise, nhelper;

int rt_raise(rt_cpu *cpu, uint64_t cause, uint64_t tval)
{
	last_cause = cause;
	last_tval = tval;
	nraise++;
	cpu->trapped = 1;
	return 1;
}

int rt_fault(rt_cpu *cpu, rt_exc_kind kind, uint64_t tval)
{
	return rt_raise(cpu, cpu->g->exc[kind], tval);
}

int rt_load(rt_cpu *cpu, uint64_t addr, unsigned bytes, uint64_t *val)
{
	(void)bytes;
	*val = 0;
	return rt_fault(cpu, RT_EXC_LOAD_FAULT, addr);
}

int rt_store(rt_cpu *cpu, uint64_t addr, unsigned bytes, uint64_t val)
{
	(void)bytes;
	(void)val;
	return rt_fault(cpu, RT_EXC_STORE_FAULT, addr);
}

void rt_code_written(rt_cpu *cpu, uint64_t off, unsigned bytes)
{
	(void)cpu;
	(void)off;
	(void)bytes;
}

void rt_flush_code(rt_cpu *cpu)
{
	(void)cpu;
}

void rt_cpu_wfi(rt_cpu *cpu)
{
	(void)cpu;
}

/* Stubs of every helper the description declares (STUB_HELPERS). */
#define U __attribute__((unused))
#define ARGS0
#define ARGS1 , uint64_t a0 U
#define ARGS2 ARGS1, uint64_t a1 U
#define ARGS3 ARGS2, uint64_t a2 U
#define ARGS4 ARGS3, uint64_t a3 U
#define ARGS5 ARGS4, uint64_t a4 U
#define ARGS6 ARGS5, uint64_t a5 U
#define ARGS7 ARGS6, uint64_t a6 U
#define ARGS8 ARGS7, uint64_t a7 U
#define RET0  void
#define RET1  uint64_t
#define VAL0
#define VAL1 0x5a
#define STUB(name, nargs, res)                 \
	RET##res name(rt_cpu *cpu ARGS##nargs) \
	{                                      \
		(void)cpu;                     \
		nhelper++;                     \
		return VAL##res;               \
	}
STUB_HELPERS(STUB)

/* The target hooks <STUB_FAMILY>_init etc. */
#define STUB_CAT2(a, b) a##b
#define STUB_CAT(a, b)  STUB_CAT2(a, b)
int STUB_CAT(STUB_FAMILY, _init)(rt_cpu *cpu)
{
	(void)cpu;
	return 0;
}
void STUB_CAT(STUB_FAMILY, _fini)(rt_cpu *cpu)
{
	(void)cpu;
}
void STUB_CAT(STUB_FAMILY, _reset)(rt_cpu *cpu)
{
	(void)cpu;
}
void STUB_CAT(STUB_FAMILY, _trap)(rt_cpu *cpu, uint64_t cause, uint64_t tval)
{
	(void)cpu;
	(void)cause;
	(void)tval;
}
int STUB_CAT(STUB_FAMILY, _interrupt)(rt_cpu *cpu)
{
	(void)cpu;
	return 0;
}

/* Make cpu a fresh scratch vCPU of guest g at pc: nslots zeroed register
 * slots, RAM of size bytes at guest address base (code_map: one byte per
 * code line of it), hard-wired registers set. */
static inline void stub_cpu_init(rt_cpu *cpu, const rt_guest *g, uint64_t *regs, unsigned nslots,
                                 uint8_t *ram, uint64_t base, uint64_t size, uint8_t *code_map,
                                 uint64_t pc)
{
	memset(cpu, 0, sizeof *cpu);
	memset(regs, 0, nslots * sizeof *regs);
	cpu->r = regs;
	cpu->g = g;
	cpu->ram = ram;
	cpu->ram_base = base;
	cpu->ram_size = size;
	cpu->code_map = code_map;
	cpu->pc = pc;
	g->reset_regs(cpu);
}

/* Decode w as the run loop does, its first parcel in the low bits: the
 * length comes from that parcel and a short instruction keeps only its own
 * bits (*w). Returns the instruction id or -1; *lenp is the length. */
static inline int stub_decode(const rt_guest *g, uint32_t *w, unsigned *lenp)
{
	uint32_t pmask = g->parcel_bytes >= 4 ? 0xffffffffu : (1u << (8 * g->parcel_bytes)) - 1;
	unsigned len = g->insn_length(*w & pmask);
	if (len < 4)
		*w &= (1u << (8 * len)) - 1;
	*lenp = len;
	return g->decode(*w, len);
}

/* Execute w at cpu->pc as the run loop does; exec's result, or -2 if w does
 * not decode. */
static inline int stub_exec(rt_cpu *cpu, uint32_t w)
{
	unsigned len;
	int id = stub_decode(cpu->g, &w, &len);
	if (id < 0)
		return -2;
	cpu->npc = cpu->pc + len;
	cpu->trapped = 0;
	return cpu->g->insns[id].exec(cpu, w);
}

#endif /* TEST_INTERP_STUBS_H */
