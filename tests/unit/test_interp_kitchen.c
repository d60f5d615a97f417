/* test_interp_kitchen.c: TAP test of the interpreter, decoder and
 * disassembler morphgen generates from golden/kitchen.isa, a toy ISA with
 * the features RISC-V does not use: a pc alias (R[15] reads pc + 8, writes
 * jump), predication, delayed jumps, funcs with loops, loads and traps,
 * short-circuit and conditional loads, 128-bit arithmetic, a hard-wired
 * non-zero register in a non-power-of-two file, 16/32-bit lengths, and
 * left-to-right evaluation when a later operand has effects. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kit32_guest.h"
#include "rt_mem.h"
#include "rt_tap.h"
#define STUB_HELPERS KIT32_HELPERS
#define STUB_FAMILY  kit
#include "test_interp_stubs.h"

static const rt_guest *G = &kit32_guest;

enum { RAM_BASE = 0x10000, RAM_SIZE = 0x1000, PC = RAM_BASE + 0x100, BAD = 0x100 };
enum { ALWAYS = 7, EQ = 0, NE = 1 };
static uint8_t ram[RAM_SIZE];
static uint8_t code_map[(RAM_SIZE >> RT_CODE_LINE_SHIFT) + 1];
static uint64_t regs[KIT32_NSLOTS];
static rt_cpu cpu;
#define X(n) regs[KIT32_SLOT_R + (n)]
#define F(n) regs[KIT32_SLOT_F + (n)]

/* A fresh scratch cpu at PC. */
static void cpu_reset(void)
{
	stub_cpu_init(&cpu, G, regs, sizeof regs / sizeof regs[0], ram, RAM_BASE, RAM_SIZE,
	              code_map, PC);
	nraise = 0;
}

/* A 32-bit instruction: 1 ccc dddd nnnn mmmm op low. */
static uint32_t E(unsigned c, unsigned d, unsigned n, unsigned m, unsigned op, unsigned low)
{
	return 0x80000000u | c << 28 | d << 24 | n << 20 | m << 16 | op << 8 | low;
}

/* Decode and execute w at cpu.pc; -2 if it does not decode. */
static int run(uint32_t w)
{
	unsigned len = w & 0x80000000u ? 4 : 2;
	int id = G->decode(w, len);
	if (id < 0 || G->insns[id].length != len)
		return -2;
	cpu.npc = cpu.pc + len;
	cpu.trapped = 0;
	return G->insns[id].exec(&cpu, w);
}

/* Text of w at PC. */
static const char *dis(uint32_t w)
{
	static char buf[96];
	int id = G->decode(w, w & 0x80000000u ? 4 : 2);
	G->disasm(id, w, PC, buf, sizeof buf);
	return buf;
}

/* Flags of the instruction named name. */
static unsigned flags_of(const char *name)
{
	for (unsigned i = 0; i < G->ninsns; i++)
		if (!strcmp(G->insns[i].name, name))
			return G->insns[i].flags;
	return 0xff;
}

static void test_alias_predicate(void)
{
	cpu_reset();
	X(1) = 5;
	X(2) = 0xfffffffe;
	run(E(ALWAYS, 3, 1, 2, 0, 0));
	ok(X(3) == 3, "add wraps at 32 bits");
	run(E(ALWAYS, 3, 15, 0, 0, 0));
	ok(X(3) == PC + 8, "reading the pc alias gives pc + 8");
	run(E(ALWAYS, 15, 1, 1, 0, 0));
	ok(cpu.npc == 10 && X(15) == 0, "writing the pc alias jumps");
	X(3) = 0x77;
	regs[KIT32_SLOT_FLAGS] = 0;
	ok(run(E(EQ, 3, 1, 1, 0, 0)) == 0 && X(3) == 0x77 && cpu.npc == PC + 4,
	   "a false predicate does nothing");
	run(E(NE, 3, 1, 1, 0, 0));
	ok(X(3) == 10, "a true predicate executes");
	regs[KIT32_SLOT_FLAGS] = 4;
	run(E(EQ, 3, 1, 2, 0, 0));
	ok(X(3) == 3, "the predicate reads a special register");
}

static void test_funcs(void)
{
	cpu_reset();
	X(2) = 0x80000001;
	run(E(ALWAYS, 3, 0, 2, 1, 0x31));
	ok(X(3) == 0xc0000000, "func: rotate right by 1");
	X(2) = 0x80000000;
	run(E(ALWAYS, 3, 0, 2, 1, 0x24));
	ok(X(3) == 0xf8000000, "func: arithmetic shift right by 4");
	X(2) = 0x1234;
	run(E(ALWAYS, 3, 0, 2, 1, 0x30));
	ok(X(3) == 0x1234, "func: rotate by 0 (shift by xlen gives 0)");

	memcpy(ram + 0x40, "\x01\x02\x03\x04", 4);
	X(1) = RAM_BASE + 0x40;
	run(E(ALWAYS, 3, 1, 0, 2, 0));
	ok(X(3) == 10, "func with a loop of loads");
	X(1) = BAD;
	X(3) = 0x55;
	ok(run(E(ALWAYS, 3, 1, 0, 2, 0)) == 1 && nraise == 1 && last_tval == BAD && X(3) == 0x55,
	   "a load fault inside a func ends the instruction");

	nraise = 0;
	X(1) = 0;
	ok(run(E(ALWAYS, 3, 1, 0, 13, 0)) == 1 && nraise == 1 && last_cause == 10 && X(3) == 0x55,
	   "a raise inside a func ends the instruction");
	X(1) = 5;
	ok(run(E(ALWAYS, 3, 1, 0, 13, 0)) == 0 && X(3) == 4,
	   "the func returns when it does not trap");
}

static void test_conditional_loads(void)
{
	cpu_reset();
	memcpy(ram + 0x80, "\x44\x33\x22\x11", 4);
	X(1) = 1;
	X(2) = BAD;
	ok(run(E(ALWAYS, 3, 1, 2, 3, 0x42)) == 0 && X(3) == 0x42 && nraise == 0,
	   "?: does not load in the branch not taken");
	X(1) = 0;
	X(2) = RAM_BASE + 0x80;
	run(E(ALWAYS, 3, 1, 2, 3, 0x42));
	ok(X(3) == 0x11223344, "?: loads in the branch taken");
	X(1) = 0;
	X(2) = BAD;
	ok(run(E(ALWAYS, 3, 1, 2, 4, 0)) == 0 && X(3) == 0 && nraise == 0,
	   "&& short-circuits a load");
	X(1) = 1;
	X(2) = RAM_BASE + 0x80;
	run(E(ALWAYS, 3, 1, 2, 4, 0));
	ok(X(3) == 1, "&& loads when it must");
	X(2) = BAD;
	ok(run(E(ALWAYS, 3, 1, 2, 4, 0)) == 1 && nraise == 1, "&& load faults trap");
}

static void test_wide(void)
{
	cpu_reset();
	F(0) = ~0ull;
	run(E(ALWAYS, 0, 0, 0, 5, 0));
	ok(F(0) == ~0ull && regs[KIT32_SLOT_BIG] == 0xfffffff, "128-bit product halves");

	X(1) = 3;
	X(2) = 0x5 | 0xa000;
	unsigned __int128 w = (unsigned __int128)3 << 96 | (unsigned __int128)X(2) << 64 | 1u << 31;
	uint32_t want = (uint32_t)(w / X(2)) + (uint32_t)(w >> 3);
	run(E(ALWAYS, 3, 1, 2, 9, 0));
	ok(X(3) == want && regs[KIT32_SLOT_FLAGS] == ((X(2) >> 13) & 0xf),
	   "128-bit concat, sdiv, shifts");

	X(1) = 0xfffffff9;
	X(2) = 2;
	run(E(ALWAYS, 3, 1, 2, 8, 0));
	ok(X(3) == 0x7ffffff9, "sdiv + srem + udiv + urem");
	X(2) = 0;
	run(E(ALWAYS, 3, 1, 2, 8, 0));
	ok(X(3) == ((0xffffffffu + 0xfffffff9u + 0xffffffffu + 0xfffffff9u) & 0xffffffffu),
	   "division by zero results");

	X(1) = 1;
	X(2) = 2;
	regs[KIT32_SLOT_BIG] = 0;
	run(E(ALWAYS, 0, 1, 2, 11, 0));
	ok(regs[KIT32_SLOT_FLAGS] == 5 && regs[KIT32_SLOT_BIG] == ~0ull,
	   "compares into flags, -x + ~x");
}

static void test_misc(void)
{
	cpu_reset();
	ok(F(4) == 0x1234, "reset_regs gives the hard-wired register its value");
	X(1) = 0x99;
	run(E(ALWAYS, 3, 1, 0, 12, 0));
	ok(X(3) == 0x1234 && F(4) == 0x1234, "writes to the hard-wired register are dropped");

	run(E(ALWAYS, 0, 0, 0, 6, 0xf0));
	ok(cpu.delay_pending && cpu.delay_pc == PC - 16 && cpu.npc == PC + 4, "delay pc = ...");

	nhelper = 0;
	run(E(ALWAYS, 0, 0, 0, 7, 3));
	ok(nhelper == 2 && X(0) == 0x5a, "helper calls");

	X(1) = RAM_BASE + 0x20;
	X(3) = 0xabcd;
	ok(run(E(ALWAYS, 3, 1, 0, 10, 0xfc)) == 0 && cpu.npc == PC + 4 && ram[0x1c] == 0xcd,
	   "store, then a jump to npc through the alias");
	X(3) = 0x8000ffff;
	nraise = 0;
	ok(run(E(ALWAYS, 3, 1, 0, 10, 0xfc)) == 1 && nraise == 1 && last_cause == 9 &&
	           last_tval == 0x8000ffff && ram[0x1c] == 0xff,
	   "store, then raise");

	run(0x7fe3);
	ok(X(3) == 0xfffffffe && cpu.npc == PC + 2, "16-bit c.mov, sign-extended immediate");
	run(0x010f);
	ok(cpu.npc == 0x10, "16-bit write to the pc alias");
	ok(G->decode(E(ALWAYS, 0, 0, 1, 2, 0), 4) == -1 && G->decode(0x80000000u | 0xff00, 4) == -1,
	   "fixed bits are checked");
}

/* R[n] read before a func call that writes R[n] (cg_operands keeps it). */
static void test_order(void)
{
	cpu_reset();
	X(1) = 5;
	run(E(ALWAYS, 3, 1, 0, 14, 0));
	ok(X(3) == 0x506 && X(1) == 6,
	   "R[n] << 8 | bump(n): R[n] is read before bump writes it (got %#llx)",
	   (unsigned long long)X(3));
	X(1) = 5;
	run(E(ALWAYS, 3, 1, 0, 15, 0));
	ok(X(3) == 0x506 && X(1) == 6, "pair(R[n], bump(n)): arguments left to right (got %#llx)",
	   (unsigned long long)X(3));
}

static void test_text_and_flags(void)
{
	ok(!strcmp(dis(E(ALWAYS, 3, 1, 2, 0, 0)), "add\tr3, r1, r2"), "disasm: empty enum entry");
	ok(!strcmp(dis(E(EQ, 3, 1, 15, 0, 0)), "addeq\tr3, r1, pc"),
	   "disasm: enum in the mnemonic");
	ok(!strcmp(dis(E(ALWAYS, 3, 1, 0, 10, 0xfc)), "sto\tr3, [r1, -4]"),
	   "disasm: signed decimal");
	ok(!strcmp(dis(E(ALWAYS, 0, 0, 0, 6, 0xf0)), "dly\t0x100f0"), "disasm: pcrel");
	ok(!strcmp(dis(0x7fe3), "c.mov\tr3, -0x2"), "disasm: 16-bit, signed hex");
	ok(!strcmp(dis(E(ALWAYS, 1, 2, 3, 3, 0x42)), "cmov\tr1, r2, r3, 0x42"), "disasm: u format");
	ok(!strcmp(dis(E(ALWAYS, 3, 0, 2, 1, 0x31)), "shf\tr3, r2, 3, 1"), "disasm: decimal");

	ok(flags_of("add") == RT_INSN_JUMP, "add may jump (alias write)");
	ok(flags_of("dly") == (RT_INSN_JUMP | RT_INSN_DELAY), "dly: delayed jump");
	ok(flags_of("sto") == (RT_INSN_JUMP | RT_INSN_TRAPS | RT_INSN_MEM),
	   "sto: jump, trap, memory");
	ok(flags_of("svc") == RT_INSN_HELPER, "svc: helper");
	ok(flags_of("sum") == (RT_INSN_MEM | RT_INSN_JUMP), "sum: memory through a func");
	ok(G->big_endian == 1 && G->parcel_bytes == 2 && G->max_insn_bytes == 4 &&
	           G->insn_length(0x8000) == 4 && G->insn_length(0x7fff) == 2,
	   "guest description");
}

int main(void)
{
	test_alias_predicate();
	test_funcs();
	test_conditional_loads();
	test_wide();
	test_misc();
	test_order();
	test_text_and_flags();
	return tap_done();
}
