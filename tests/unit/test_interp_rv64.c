/* test_interp_rv64.c: TAP test of the rv64 interpreter morphgen generates
 * from desc/isa/riscv: every RV64IM register-register operation (and the
 * 32-bit W forms) against a C reference on edge and random operands, plus
 * the places where RV64 differs from RV32 (sign-extended 32-bit results,
 * 6-bit shift amounts, 128-bit high products, 64-bit loads and stores).
 * Links only generated files and test_interp_stubs.h. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_mem.h"
#include "rt_tap.h"
#include "rv64_guest.h"
#define STUB_HELPERS RV64_HELPERS
#define STUB_FAMILY  riscv
#include "test_interp_stubs.h"

static const rt_guest *G = &rv64_guest;

/* Deterministic pseudo-random 64-bit values (xorshift). */
static uint64_t rnd(void)
{
	static uint64_t s = 0x9e3779b97f4a7c15ull;
	s ^= s << 13;
	s ^= s >> 7;
	s ^= s << 17;
	return s;
}

enum { RAM_BASE = 0x80000000u, RAM_SIZE = 0x10000 };
static uint8_t ram[RAM_SIZE];
static uint8_t code_map[(RAM_SIZE >> RT_CODE_LINE_SHIFT) + 1];
static uint64_t regs[RV64_NSLOTS];
static rt_cpu cpu;

/* A fresh scratch cpu at pc. */
static void cpu_reset(uint64_t pc)
{
	stub_cpu_init(&cpu, G, regs, sizeof regs / sizeof regs[0], ram, RAM_BASE, RAM_SIZE,
	              code_map, pc);
}

/* Decode and execute one word at cpu.pc; -2 if it does not decode. */
static int run(uint32_t w)
{
	return stub_exec(&cpu, w);
}

static uint32_t R(unsigned f7, unsigned rs2, unsigned rs1, unsigned f3, unsigned rd, unsigned op)
{
	return f7 << 25 | rs2 << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}

static uint32_t I(int imm, unsigned rs1, unsigned f3, unsigned rd, unsigned op)
{
	return ((uint32_t)imm & 0xfff) << 20 | rs1 << 15 | f3 << 12 | rd << 7 | op;
}

/* x3 = op(x1 = a, x2 = b) for an R-type instruction with opcode op. */
static uint64_t alu(unsigned op, unsigned f7, unsigned f3, uint64_t a, uint64_t b)
{
	cpu_reset(RAM_BASE);
	regs[1] = a;
	regs[2] = b;
	if (run(R(f7, 2, 1, f3, 3, op)) == -2)
		return 0xdeadbeefdeadbeefull;
	return regs[3];
}

static uint64_t sx32(uint64_t v)
{
	return (uint64_t)(int64_t)(int32_t)(uint32_t)v;
}

/* Reference RV64IM result of (opcode, f7, f3) on a, b. */
static uint64_t ref(unsigned op, unsigned f7, unsigned f3, uint64_t a, uint64_t b)
{
	int64_t sa = (int64_t)a, sb = (int64_t)b;
	int32_t wa = (int32_t)(uint32_t)a, wb = (int32_t)(uint32_t)b;
	uint32_t ua = (uint32_t)a, ub = (uint32_t)b;
	if (op == 0x33 && f7 == 1) {
		switch (f3) {
		case 0: return a * b;
		case 1: return (uint64_t)(((__int128)sa * sb) >> 64);
		case 2: return (uint64_t)(((__int128)sa * (__int128)b) >> 64);
		case 3: return (uint64_t)(((unsigned __int128)a * b) >> 64);
		case 4:
			return b == 0                          ? ~0ull
			       : (sa == INT64_MIN && sb == -1) ? a
			                                       : (uint64_t)(sa / sb);
		case 5: return b == 0 ? ~0ull : a / b;
		case 6: return b == 0 ? a : (sa == INT64_MIN && sb == -1) ? 0 : (uint64_t)(sa % sb);
		default: return b == 0 ? a : a % b;
		}
	}
	if (op == 0x33) {
		switch (f3) {
		case 0: return f7 ? a - b : a + b;
		case 1: return a << (b & 63);
		case 2: return sa < sb;
		case 3: return a < b;
		case 4: return a ^ b;
		case 5: return f7 ? (sa < 0 ? ~(~a >> (b & 63)) : a >> (b & 63)) : a >> (b & 63);
		case 6: return a | b;
		default: return a & b;
		}
	}
	if (f7 == 1) {
		switch (f3) {
		case 0: return sx32(ua * ub);
		case 4:
			return sx32(ub == 0                         ? ~0u
			            : (wa == INT32_MIN && wb == -1) ? ua
			                                            : (uint32_t)(wa / wb));
		case 5: return sx32(ub == 0 ? ~0u : ua / ub);
		case 6:
			return sx32(ub == 0                         ? ua
			            : (wa == INT32_MIN && wb == -1) ? 0
			                                            : (uint32_t)(wa % wb));
		default: return sx32(ub == 0 ? ua : ua % ub);
		}
	}
	switch (f3) {
	case 0: return sx32(f7 ? ua - ub : ua + ub);
	case 1: return sx32(ua << (b & 31));
	default: return sx32(f7 ? (wa < 0 ? ~(~ua >> (b & 31)) : ua >> (b & 31)) : ua >> (b & 31));
	}
}

/* Edge values or random ones. */
static uint64_t operand(void)
{
	static const uint64_t edge[] = {0,
	                                1,
	                                2,
	                                31,
	                                32,
	                                63,
	                                64,
	                                0x7fffffff,
	                                0x80000000,
	                                0xffffffff,
	                                0x7fffffffffffffffull,
	                                0x8000000000000000ull,
	                                0xffffffff80000000ull,
	                                0xfffffffffffffffeull,
	                                ~0ull};
	uint64_t r = rnd();
	return r & 1 ? edge[(r >> 1) % 15] : rnd();
}

static void test_alu_random(void)
{
	static const unsigned ops[][3] = {
	        {0x33, 0, 0}, {0x33, 0x20, 0}, {0x33, 0, 1},    {0x33, 0, 2}, {0x33, 0, 3},
	        {0x33, 0, 4}, {0x33, 0, 5},    {0x33, 0x20, 5}, {0x33, 0, 6}, {0x33, 0, 7},
	        {0x33, 1, 0}, {0x33, 1, 1},    {0x33, 1, 2},    {0x33, 1, 3}, {0x33, 1, 4},
	        {0x33, 1, 5}, {0x33, 1, 6},    {0x33, 1, 7},    {0x3b, 0, 0}, {0x3b, 0x20, 0},
	        {0x3b, 0, 1}, {0x3b, 0, 5},    {0x3b, 0x20, 5}, {0x3b, 1, 0}, {0x3b, 1, 4},
	        {0x3b, 1, 5}, {0x3b, 1, 6},    {0x3b, 1, 7}};
	unsigned bad = 0, n = 0;
	for (size_t o = 0; o < sizeof ops / sizeof ops[0]; o++)
		for (int k = 0; k < 2000; k++, n++) {
			uint64_t a = operand(), b = operand();
			uint64_t got = alu(ops[o][0], ops[o][1], ops[o][2], a, b);
			uint64_t want = ref(ops[o][0], ops[o][1], ops[o][2], a, b);
			if (got != want && bad++ < 5)
				printf("# op 0x%x f7 %u f3 %u: 0x%llx, 0x%llx -> 0x%llx, want "
				       "0x%llx\n",
				       ops[o][0], ops[o][1], ops[o][2], (unsigned long long)a,
				       (unsigned long long)b, (unsigned long long)got,
				       (unsigned long long)want);
		}
	ok(bad == 0, "%u random RV64IM register ops match the reference (%u failures)", n, bad);
}

static void test_specifics(void)
{
	cpu_reset(RAM_BASE);
	run(0x800000b7); /* lui x1, 0x80000 */
	ok(regs[1] == 0xffffffff80000000ull, "lui sign-extends to 64 bits");

	cpu_reset(RAM_BASE);
	regs[1] = 0x7fffffff;
	run(I(1, 1, 0, 3, 0x1b)); /* addiw x3, x1, 1 */
	ok(regs[3] == 0xffffffff80000000ull, "addiw wraps at 32 bits and sign-extends");

	cpu_reset(RAM_BASE);
	regs[1] = 1;
	run(I(63, 1, 1, 3, 0x13)); /* slli x3, x1, 63 */
	ok(regs[3] == 0x8000000000000000ull, "slli takes a 6-bit shift amount");
	regs[1] = 0x8000000000000000ull;
	run(I(0x400 | 63, 1, 5, 3, 0x13)); /* srai x3, x1, 63 */
	ok(regs[3] == ~0ull, "srai 63 fills with the sign");

	cpu_reset(RAM_BASE);
	regs[1] = RAM_BASE + 0x100;
	regs[2] = 0x8877665544332211ull;
	ok(run(0x0020b423) == 0, "sd x2, 8(x1)");
	run(0x0080b183); /* ld x3, 8(x1) */
	run(0x0080e203); /* lwu x4, 8(x1) */
	run(0x00c0a283); /* lw x5, 12(x1) */
	ok(regs[3] == 0x8877665544332211ull && regs[4] == 0x44332211 &&
	           regs[5] == 0xffffffff88776655ull,
	   "ld, lwu zero-extends, lw sign-extends");

	cpu_reset(RAM_BASE);
	regs[1] = 0x1000; /* outside RAM: the stub faults */
	regs[3] = 0x77;
	nraise = 0;
	ok(run(0x0080b183) == 1 && nraise == 1 && last_tval == 0x1008 && regs[3] == 0x77,
	   "a faulting ld leaves rd unchanged");

	cpu_reset(RAM_BASE);
	regs[10] = 0x7fffffff;
	run(0x2505); /* c.addiw a0, 1 */
	ok(regs[10] == 0xffffffff80000000ull && cpu.npc == RAM_BASE + 2, "c.addiw sign-extends");

	cpu_reset(RAM_BASE + 0x10);
	run(0xff5ff0ef); /* jal ra, -12 */
	ok(regs[1] == RAM_BASE + 0x14 && cpu.npc == RAM_BASE + 4, "jal backwards");

	cpu_reset(RAM_BASE);
	regs[1] = RAM_BASE + 0x201;
	run(I(0, 1, 0, 5, 0x67)); /* jalr x5, 0(x1) */
	ok(cpu.npc == RAM_BASE + 0x200 && regs[5] == RAM_BASE + 4, "jalr clears bit 0 and links");

	ok(G->word_bits == 64 && G->elf_class == 64 && G->max_insn_bytes == 4 &&
	           G->parcel_bytes == 2,
	   "rv64 guest description");
}

/* Every instruction decodes back to its id from some word of its encoding. */
static void test_roundtrip(void)
{
	unsigned bad = 0;
	for (unsigned id = 0; id < G->ninsns; id++) {
		const rt_insn_info *ii = &G->insns[id];
		int found = 0;
		for (int k = 0; k < 4000 && !found; k++) {
			uint32_t w = ii->match | (k ? (uint32_t)rnd() & ~ii->mask : 0);
			if (ii->length == 2)
				w &= 0xffff;
			found = G->insn_length(w & 0xffff) == ii->length &&
			        G->decode(w, ii->length) == (int)id;
		}
		if (!found && bad++ < 5)
			printf("# %s does not decode\n", ii->name);
	}
	ok(bad == 0, "all %u rv64 instructions decode from their encodings", G->ninsns);
}

int main(void)
{
	test_roundtrip();
	test_specifics();
	test_alu_random();
	return tap_done();
}
