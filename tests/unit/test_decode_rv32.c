/* test_decode_rv32.c: TAP test of the rv32 guest morphgen generates from
 * desc/isa/riscv: the decoder (every instruction decodes from its own
 * encoding; random words decode to an instruction whose fixed bits they
 * have, or to -1), the disassembler (llvm-objdump text, never overflows a
 * buffer) and a few interpreter semantics on a scratch rt_cpu.
 *
 * Links only the generated decode/interp/disasm files: the runtime and
 * target functions they call are test_interp_stubs.h's. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_mem.h"
#include "rt_tap.h"
#include "rv32_guest.h"
#define STUB_HELPERS RV32_HELPERS
#define STUB_FAMILY  riscv
#include "test_interp_stubs.h"

/* ---- TAP ------------------------------------------------------------------ */

/* ---- helpers --------------------------------------------------------------- */

static const rt_guest *G = &rv32_guest;

/* Deterministic pseudo-random words (xorshift). */
static uint32_t rnd(void)
{
	static uint32_t s = 0x12345678;
	s ^= s << 13;
	s ^= s >> 17;
	s ^= s << 5;
	return s;
}

/* Decode a word as the runtime does: length from the first parcel. */
static int decode_word(uint32_t w, unsigned *lenp)
{
	return stub_decode(G, &w, lenp);
}

/* Id of the instruction named name, or -1. */
static int find(const char *name)
{
	for (unsigned i = 0; i < G->ninsns; i++)
		if (!strcmp(G->insns[i].name, name))
			return (int)i;
	return -1;
}

/* ---- decoder ---------------------------------------------------------------- */

/* Every instruction decodes back to its id from a word of its encoding. */
static void test_roundtrip(void)
{
	unsigned bad = 0, badlen = 0;
	for (unsigned id = 0; id < G->ninsns; id++) {
		const rt_insn_info *ii = &G->insns[id];
		uint32_t w = ii->match;
		int got = -2;
		unsigned len = 0;
		if (G->insn_length(w & 0xffff) != ii->length)
			badlen++;
		/* an earlier pattern of an overlap group may own the match value
		 * itself: fill the free bits until a word is this instruction's */
		for (int k = 0; k < 4000; k++) {
			got = decode_word(w, &len);
			if (got == (int)id)
				break;
			w = ii->match | (rnd() & ~ii->mask);
			if (ii->length == 2)
				w &= 0xffff;
		}
		if (got != (int)id) {
			bad++;
			printf("# %s (mask 0x%x match 0x%x) decodes to %d\n", ii->name, ii->mask,
			       ii->match, got);
		}
	}
	ok(G->ninsns > 100, "rv32 has %u instructions", G->ninsns);
	ok(bad == 0, "every instruction decodes from its encoding (%u failures)", bad);
	ok(badlen == 0, "insn_length agrees with every encoding (%u failures)", badlen);
}

/* Random words decode to an instruction whose fixed bits they have, or -1. */
static void test_random(void)
{
	unsigned n = 200000, bad = 0, legal = 0;
	for (unsigned i = 0; i < n; i++) {
		uint32_t w = rnd();
		unsigned len;
		int id = decode_word(w, &len);
		if (len == 2)
			w &= 0xffff;
		if (id < -1 || id >= (int)G->ninsns) {
			bad++;
			continue;
		}
		if (id < 0)
			continue;
		legal++;
		const rt_insn_info *ii = &G->insns[id];
		if ((w & ii->mask) != ii->match || ii->length != len) {
			if (bad++ < 5)
				printf("# 0x%08x decodes to %s\n", w, ii->name);
		}
	}
	ok(bad == 0, "%u random words decode consistently (%u legal)", n, legal);
	ok(G->decode(0, 3) == -1 && G->decode(0, 0) == -1, "bad lengths decode as -1");
	ok(decode_word(0, &(unsigned){0}) == -1, "the all-zero word is illegal");
	ok(decode_word(0xffffffff, &(unsigned){0}) == -1, "the all-ones word is illegal");
}

/* ---- disassembler ------------------------------------------------------------ */

/* Text of word w at pc. */
static const char *dis(uint32_t w, uint64_t pc)
{
	static char buf[128];
	unsigned len;
	int id = decode_word(w, &len);
	if (len == 2)
		w &= 0xffff;
	G->disasm(id, w, pc, buf, sizeof buf);
	return buf;
}

/* The text llvm-objdump-19 -d -M no-aliases prints. */
static void test_disasm_text(void)
{
	static const struct {
		uint32_t w;
		uint64_t pc;
		const char *text;
	} t[] = {
	        {0xffb00513, 0, "addi\ta0, zero, -0x5"},
	        {0xff812603, 0, "lw\ta2, -0x8(sp)"},
	        {0x123455b7, 0, "lui\ta1, 0x12345"},
	        {0x00b51063, 0xc, "bne\ta0, a1, 0xc"},
	        {0xfeb51ee3, 0x10, "bne\ta0, a1, 0xc"},
	        {0x30059573, 0, "csrrw\ta0, mstatus, a1"},
	        {0x0310000f, 0, "fence\trw, w"},
	        {0x00000073, 0, "ecall"},
	        {0x0000100f, 0, "fence.i"},
	        {0x00a12023, 0, "sw\ta0, 0x0(sp)"},
	        {0x050d, 0, "c.addi\ta0, 0x3"},
	        {0x0001, 0, "c.nop"},
	        {0x02b50533, 0, "mul\ta0, a0, a1"},
	        {0x40b55533, 0, "sra\ta0, a0, a1"},
	        {0x8082, 0, "c.jr\tra"},
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		const char *got = dis(t[i].w, t[i].pc);
		ok(!strcmp(got, t[i].text), "disasm 0x%08x: \"%s\" (want \"%s\")", t[i].w, got,
		   t[i].text);
	}
}

/* Small buffers: never written past n, always terminated, length as snprintf. */
static void test_disasm_bounds(void)
{
	unsigned bad = 0;
	for (unsigned id = 0; id < G->ninsns; id++) {
		const rt_insn_info *ii = &G->insns[id];
		uint32_t w = ii->match | (rnd() & ~ii->mask);
		char full[256];
		int flen = G->disasm((int)id, w, 0x80000000u, full, sizeof full);
		if (flen <= 0 || (size_t)flen != strlen(full))
			bad++;
		for (size_t n = 0; n < 12; n++) {
			char buf[32];
			memset(buf, '#', sizeof buf);
			int l = G->disasm((int)id, w, 0x80000000u, n ? buf : NULL, n);
			if (l != flen)
				bad++;
			for (size_t k = n; k < sizeof buf; k++)
				if (buf[k] != '#')
					bad++;
			if (n && (strlen(buf) != (flen < (int)n ? (size_t)flen : n - 1) ||
			          strncmp(buf, full, n - 1) != 0))
				bad++;
		}
	}
	char buf[8];
	ok(G->disasm(-1, 0, 0, buf, sizeof buf) > 0, "an illegal id still gives text");
	ok(bad == 0, "disasm respects small buffers for every instruction (%u failures)", bad);
}

/* ---- interpreter ---------------------------------------------------------- */

enum { RAM_BASE = 0x1000, RAM_SIZE = 0x10000 };
static uint8_t ram[RAM_SIZE];
static uint8_t code_map[(RAM_SIZE >> RT_CODE_LINE_SHIFT) + 1];
static uint64_t regs[RV32_NSLOTS];
static rt_cpu cpu;

/* A fresh scratch cpu at pc. */
static void cpu_reset(uint64_t pc)
{
	stub_cpu_init(&cpu, G, regs, sizeof regs / sizeof regs[0], ram, RAM_BASE, RAM_SIZE,
	              code_map, pc);
}

/* Execute one word at cpu.pc as the runtime does; returns exec's result. */
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

/* rd = op(a, b) for an R-type ALU instruction. */
static uint64_t alu(unsigned f7, unsigned f3, uint64_t a, uint64_t b)
{
	cpu_reset(RAM_BASE);
	regs[RV32_SLOT_X + 1] = a;
	regs[RV32_SLOT_X + 2] = b;
	run(R(f7, 2, 1, f3, 3, 0x33));
	return regs[RV32_SLOT_X + 3];
}

/* Reference RV32IM result of R-type op (f7, f3) on a, b. */
static uint32_t ref_alu(unsigned f7, unsigned f3, uint32_t a, uint32_t b)
{
	int32_t sa = (int32_t)a, sb = (int32_t)b;
	int64_t pa = sa, pb = sb;
	if (f7 == 1) {
		switch (f3) {
		case 0: return a * b;
		case 1: return (uint32_t)((uint64_t)(pa * pb) >> 32);
		case 2: return (uint32_t)((uint64_t)(pa * (int64_t)b) >> 32);
		case 3: return (uint32_t)(((uint64_t)a * b) >> 32);
		case 4:
			return b == 0                                 ? 0xffffffff
			       : (a == 0x80000000 && b == 0xffffffff) ? a
			                                              : (uint32_t)(sa / sb);
		case 5: return b == 0 ? 0xffffffff : a / b;
		case 6:
			return b == 0                                 ? a
			       : (a == 0x80000000 && b == 0xffffffff) ? 0
			                                              : (uint32_t)(sa % sb);
		default: return b == 0 ? a : a % b;
		}
	}
	switch (f3) {
	case 0: return f7 ? a - b : a + b;
	case 1: return a << (b & 31);
	case 2: return sa < sb;
	case 3: return a < b;
	case 4: return a ^ b;
	case 5: return f7 ? (uint32_t)(sa < 0 ? ~(~a >> (b & 31)) : a >> (b & 31)) : a >> (b & 31);
	case 6: return a | b;
	default: return a & b;
	}
}

/* Operands that find edge cases: small, extreme and random values. */
static uint32_t operand(void)
{
	static const uint32_t edge[] = {0,          1,          2,          31,         32,
	                                0x7fffffff, 0x80000000, 0x80000001, 0xfffffffe, 0xffffffff};
	uint32_t r = rnd();
	return r & 1 ? edge[(r >> 1) % 10] : rnd();
}

/* Every RV32IM register-register op against the reference on many inputs. */
static void test_alu_random(void)
{
	static const unsigned ops[][2] = {{0, 0}, {0x20, 0}, {0, 1}, {0, 2}, {0, 3}, {0, 4},
	                                  {0, 5}, {0x20, 5}, {0, 6}, {0, 7}, {1, 0}, {1, 1},
	                                  {1, 2}, {1, 3},    {1, 4}, {1, 5}, {1, 6}, {1, 7}};
	unsigned bad = 0, n = 0;
	for (size_t o = 0; o < sizeof ops / sizeof ops[0]; o++)
		for (int k = 0; k < 2000; k++, n++) {
			uint32_t a = operand(), b = operand();
			uint64_t got = alu(ops[o][0], ops[o][1], a, b);
			uint32_t want = ref_alu(ops[o][0], ops[o][1], a, b);
			if (got != want && bad++ < 5)
				printf("# f7 %u f3 %u: 0x%x, 0x%x -> 0x%llx, want 0x%x\n",
				       ops[o][0], ops[o][1], a, b, (unsigned long long)got, want);
		}
	ok(bad == 0, "%u random RV32IM register ops match the reference (%u failures)", n, bad);
}

static void test_interp(void)
{
	ok(alu(0, 0, 0xffffffff, 2) == 1, "add wraps at 32 bits");
	ok(alu(0x20, 0, 0, 1) == 0xffffffff, "sub wraps to 0xffffffff");
	ok(alu(0x20, 5, 0x80000000, 4) == 0xf8000000, "sra fills with the sign");
	ok(alu(0x20, 5, 0x80000000, 31 + 32) == 0xffffffff, "sra uses rs2[4:0]");
	ok(alu(0, 5, 0x80000000, 4) == 0x08000000, "srl fills with zeros");
	ok(alu(0, 1, 0x80000001, 1) == 2, "sll drops the top bit");
	ok(alu(0, 2, 0xffffffff, 0) == 1 && alu(0, 3, 0xffffffff, 0) == 0,
	   "slt signed, sltu unsigned");
	ok(alu(1, 4, 7, 0) == 0xffffffff, "div by zero gives -1");
	ok(alu(1, 5, 7, 0) == 0xffffffff, "divu by zero gives all ones");
	ok(alu(1, 6, 7, 0) == 7, "rem by zero gives the dividend");
	ok(alu(1, 7, 7, 0) == 7, "remu by zero gives the dividend");
	ok(alu(1, 4, 0x80000000, 0xffffffff) == 0x80000000, "div MIN/-1 gives MIN");
	ok(alu(1, 6, 0x80000000, 0xffffffff) == 0, "rem MIN%%-1 gives 0");
	ok(alu(1, 4, (uint32_t)-7, 2) == (uint32_t)-3, "div rounds toward zero");
	ok(alu(1, 6, (uint32_t)-7, 2) == (uint32_t)-1, "rem takes the dividend's sign");
	ok(alu(1, 0, 0x10001, 0x10001) == 0x20001, "mul keeps the low 32 bits");
	ok(alu(1, 1, 0x80000000, 0x80000000) == 0x40000000, "mulh signed high half");
	ok(alu(1, 1, 0xffffffff, 0xffffffff) == 0, "mulh (-1)*(-1) high half is 0");
	ok(alu(1, 3, 0xffffffff, 0xffffffff) == 0xfffffffe, "mulhu high half");
	ok(alu(1, 2, 0xffffffff, 0xffffffff) == 0xffffffff, "mulhsu (-1)*(2^32-1) high half");

	cpu_reset(RAM_BASE);
	run(I(5, 0, 0, 0, 0x13));
	ok(regs[0] == 0, "writes to x0 are dropped");

	cpu_reset(RAM_BASE);
	regs[1] = 5;
	run(I(-8, 1, 0, 3, 0x13));
	ok(regs[3] == 0xfffffffd, "addi with a negative immediate wraps");

	/* jal x1, +16 */
	cpu_reset(RAM_BASE + 0x100);
	run(0x010000ef);
	ok(regs[1] == RAM_BASE + 0x104 && cpu.npc == RAM_BASE + 0x110, "jal links and jumps");

	/* sw x2, 8(x1); lw x3, 8(x1); lb x4, 8(x1) */
	cpu_reset(RAM_BASE);
	regs[1] = RAM_BASE + 0x200;
	regs[2] = 0x80c0ffee;
	ok(run(0x0020a423) == 0, "sw to RAM succeeds");
	run(0x0080a183);
	run(0x00808203);
	ok(regs[3] == 0x80c0ffee && regs[4] == 0xffffffee, "lw/lb read back, lb sign-extends");

	/* lw x3, 0(x1) outside RAM: load fault, x3 untouched */
	cpu_reset(RAM_BASE);
	regs[1] = 0x100;
	regs[3] = 0x1234;
	nraise = 0;
	int r = run(0x0000a183);
	ok(r != 0 && cpu.trapped && nraise == 1 && last_cause == G->exc[RT_EXC_LOAD_FAULT] &&
	           last_tval == 0x100 && regs[3] == 0x1234,
	   "a load fault traps before the write");

	/* c.addi a0, 3 */
	cpu_reset(RAM_BASE);
	regs[10] = 0xfffffffe;
	run(0x050d);
	ok(regs[10] == 1 && cpu.npc == RAM_BASE + 2, "c.addi wraps, length 2");

	/* ebreak raises breakpoint with tval = pc */
	cpu_reset(RAM_BASE + 0x40);
	nraise = 0;
	ok(run(0x00100073) != 0 && last_cause == 3 && last_tval == RAM_BASE + 0x40,
	   "ebreak raises");

	/* csrrw a0, mstatus, a1 calls the helper and writes its result */
	cpu_reset(RAM_BASE);
	nhelper = 0;
	run(0x30059573);
	ok(nhelper == 1 && regs[10] == 0x5a, "csrrw calls its helper");

	int id = find("add");
	ok(id >= 0 && (G->insns[id].flags & RT_INSN_JUMP) == 0 && G->insns[id].length == 4,
	   "add: length 4, not a jump");
	id = find("jal");
	ok(id >= 0 && (G->insns[id].flags & RT_INSN_JUMP), "jal is a jump");
	id = find("lw");
	ok(id >= 0 && (G->insns[id].flags & RT_INSN_MEM), "lw accesses memory");
	ok(G->nslots == RV32_NSLOTS && !strcmp(G->slot_names[10], "X10"), "slot names");
}

int main(void)
{
	test_roundtrip();
	test_random();
	test_disasm_text();
	test_disasm_bounds();
	test_interp();
	test_alu_random();
	return tap_done();
}
