/* toy_guest.h: a tiny hand-written guest and board for the runtime's unit
 * tests (not a real ISA). Fixed 32-bit instructions, parcel 4:
 *
 *   bits 7:0 op, 11:8 a, 15:12 b, 31:16 imm (signed)
 *
 *   0x01 li   a, imm         0x02 addi a, b, imm     0x03 bnez a, imm (pc += imm*4)
 *   0x04 lw   a, imm(b)      0x05 sw   a, imm(b)     0x06 halt a (exit code r[a])
 *   0x07 wfi                 0x08 jr   a             0x09 fencei
 *   0x0a dly  imm (delayed pc += imm*4)              0x0b lb / 0x0c sb / 0x0d ld / 0x0e sd
 *   0x0f setie a (ie = r[a]) 0x10 eret (pc = epc, ie = 1)
 *
 * Slots: r0..r15, then tvec, cause, epc, tval, ie. A trap stores cause, pc
 * and tval, clears ie and jumps to tvec; an interrupt on line n (irq_lines &
 * ie) does the same with cause 0x100 + n.
 */
#ifndef TOY_GUEST_H
#define TOY_GUEST_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_board.h"
#include "rt_cpu.h"
#include "rt_machine.h"
#include "rt_mem.h"

enum { T_TVEC = 16, T_CAUSE, T_EPC, T_TVAL, T_IE, T_NSLOTS };

#define OP(i)  ((i)&0xff)
#define RA(i)  (((i) >> 8) & 0xf)
#define RB(i)  (((i) >> 12) & 0xf)
#define IMM(i) ((uint64_t)(int64_t)(int16_t)((i) >> 16))

/* Encode a toy instruction. */
static inline uint32_t T(unsigned op, unsigned a, unsigned b, int imm)
{
	return op | a << 8 | b << 12 | (uint32_t)(uint16_t)imm << 16;
}

static int x_li(rt_cpu *c, uint32_t i)
{
	c->r[RA(i)] = IMM(i);
	return 0;
}
static int x_addi(rt_cpu *c, uint32_t i)
{
	c->r[RA(i)] = c->r[RB(i)] + IMM(i);
	return 0;
}
static int x_bnez(rt_cpu *c, uint32_t i)
{
	if (c->r[RA(i)])
		c->npc = c->pc + IMM(i) * 4;
	return 0;
}
static int x_ldn(rt_cpu *c, uint32_t i, unsigned n)
{
	uint64_t v;
	if (rt_ld(c, c->r[RB(i)] + IMM(i), n, &v))
		return 1;
	c->r[RA(i)] = v;
	return 0;
}
static int x_stn(rt_cpu *c, uint32_t i, unsigned n)
{
	return rt_st(c, c->r[RB(i)] + IMM(i), n, c->r[RA(i)]);
}
static int x_lw(rt_cpu *c, uint32_t i)
{
	return x_ldn(c, i, 4);
}
static int x_sw(rt_cpu *c, uint32_t i)
{
	return x_stn(c, i, 4);
}
static int x_lb(rt_cpu *c, uint32_t i)
{
	return x_ldn(c, i, 1);
}
static int x_sb(rt_cpu *c, uint32_t i)
{
	return x_stn(c, i, 1);
}
static int x_ld(rt_cpu *c, uint32_t i)
{
	return x_ldn(c, i, 8);
}
static int x_sd(rt_cpu *c, uint32_t i)
{
	return x_stn(c, i, 8);
}
static int x_halt(rt_cpu *c, uint32_t i)
{
	rt_machine_exit(c->m, (int)c->r[RA(i)]);
	c->check = 1; /* as generated code does after a helper */
	return 0;
}
static int x_wfi(rt_cpu *c, uint32_t i)
{
	rt_cpu_wfi(c);
	c->check = 1; /* as generated code does after a helper */
	return 0;
}
static int x_jr(rt_cpu *c, uint32_t i)
{
	c->npc = c->r[RA(i)];
	return 0;
}
static int x_fencei(rt_cpu *c, uint32_t i)
{
	rt_flush_code(c);
	c->check = 1; /* as generated code does after a helper */
	return 0;
}
static int x_dly(rt_cpu *c, uint32_t i)
{
	c->delay_pc = c->pc + IMM(i) * 4;
	c->delay_pending = 1;
	return 0;
}
static int x_setie(rt_cpu *c, uint32_t i)
{
	c->r[T_IE] = c->r[RA(i)];
	c->check = 1; /* as generated code does after a helper */
	return 0;
}
static int x_eret(rt_cpu *c, uint32_t i)
{
	c->npc = c->r[T_EPC];
	c->r[T_IE] = ~0ull;
	c->check = 1;
	return 0;
}

static const rt_insn_info toy_insns[] = {
        {"bad", NULL, 4, 0, "toy", 0, 0},
        {"li", x_li, 4, 0, "toy", 0, 0},
        {"addi", x_addi, 4, 0, "toy", 0, 0},
        {"bnez", x_bnez, 4, RT_INSN_JUMP, "toy", 0, 0},
        {"lw", x_lw, 4, RT_INSN_MEM, "toy", 0, 0},
        {"sw", x_sw, 4, RT_INSN_MEM, "toy", 0, 0},
        {"halt", x_halt, 4, RT_INSN_HELPER, "toy", 0, 0},
        {"wfi", x_wfi, 4, RT_INSN_HELPER, "toy", 0, 0},
        {"jr", x_jr, 4, RT_INSN_JUMP, "toy", 0, 0},
        {"fencei", x_fencei, 4, RT_INSN_HELPER, "toy", 0, 0},
        {"dly", x_dly, 4, RT_INSN_DELAY, "toy", 0, 0},
        {"lb", x_lb, 4, RT_INSN_MEM, "toy", 0, 0},
        {"sb", x_sb, 4, RT_INSN_MEM, "toy", 0, 0},
        {"ld", x_ld, 4, RT_INSN_MEM, "toy", 0, 0},
        {"sd", x_sd, 4, RT_INSN_MEM, "toy", 0, 0},
        {"setie", x_setie, 4, RT_INSN_HELPER, "toy", 0, 0},
        {"eret", x_eret, 4, RT_INSN_JUMP | RT_INSN_HELPER, "toy", 0, 0},
};
#define TOY_NINSNS (sizeof toy_insns / sizeof toy_insns[0])

static unsigned toy_length(uint32_t p)
{
	return 4;
}
static int toy_decode(uint32_t insn, unsigned len)
{
	unsigned op = OP(insn);
	return op >= 1 && op < TOY_NINSNS ? (int)op : -1;
}
static int toy_disasm(int id, uint32_t insn, uint64_t pc, char *buf, size_t n)
{
	return snprintf(buf, n, "%s\tr%u, r%u, %d", toy_insns[id].name, RA(insn), RB(insn),
	                (int)(int16_t)(insn >> 16));
}
static void toy_trap(rt_cpu *c, uint64_t cause, uint64_t tval)
{
	c->r[T_CAUSE] = cause;
	c->r[T_EPC] = c->pc;
	c->r[T_TVAL] = tval;
	c->r[T_IE] = 0;
	c->npc = c->r[T_TVEC];
}
static int toy_interrupt(rt_cpu *c)
{
	uint64_t p = c->irq_lines & c->r[T_IE];
	if (!p)
		return 0;
	toy_trap(c, 0x100u + (unsigned)__builtin_ctzll(p), 0);
	return 1;
}
static const char *const toy_slot_names[T_NSLOTS] = {
        "r0",  "r1",  "r2",  "r3",  "r4",  "r5",   "r6",    "r7",  "r8",   "r9", "r10",
        "r11", "r12", "r13", "r14", "r15", "tvec", "cause", "epc", "tval", "ie",
};

#define TOY_GUEST(nm, be)                                                                    \
	{                                                                                    \
		.name = nm, .family = "toy", .elf_machine = 0x7777, .elf_class = 64,         \
		.big_endian = be, .word_bits = 64, .parcel_bytes = 4, .max_insn_bytes = 4,   \
		.nslots = T_NSLOTS, .slot_names = toy_slot_names, .insn_length = toy_length, \
		.decode = toy_decode, .insns = toy_insns, .ninsns = TOY_NINSNS,              \
		.disasm = toy_disasm, .trap = toy_trap, .interrupt = toy_interrupt,          \
		.exc = {2, 1, 0, 5, 7, 4, 6, 3},                                             \
	}
static const rt_guest toy_guest = TOY_GUEST("toy", 0);
static const rt_guest toy_be_guest = TOY_GUEST("toybe", 1);

/* ---- a test device: reads give 0x1234 + offset; write at 0x10 sets irq
 * output 0 to the value; write at 0x20 arms a timer that raises it after
 * `value` ns; other writes are recorded. */
static uint64_t tdev_last_off, tdev_last_val;
static int tdev_inits, tdev_finis;
static int tdev_init(rt_dev *d)
{
	tdev_inits++;
	return 0;
}
static void tdev_fini(rt_dev *d)
{
	tdev_finis++;
}
static uint64_t tdev_read(rt_dev *d, uint64_t off, unsigned bytes)
{
	return 0x1234 + off;
}
static void tdev_fire(rt_dev *d)
{
	rt_dev_irq(d, 0, 1);
}
static void tdev_write(rt_dev *d, uint64_t off, unsigned bytes, uint64_t val)
{
	if (off == 0x10)
		rt_dev_irq(d, 0, (int)val);
	else if (off == 0x20)
		rt_dev_timer(d, rt_machine_time_ns(d->m) + val, tdev_fire);
	tdev_last_off = off;
	tdev_last_val = val;
}
static const int tdev_lines[] = {3};

#define TDEV(nm, b)                                                                                \
	{                                                                                          \
		.name = nm, .type = "tdev", .base = b, .size = 0x100, .inst_size = sizeof(rt_dev), \
		.where = "toy", .init = tdev_init, .fini = tdev_fini, .read = tdev_read,           \
		.write = tdev_write, .irq_lines = tdev_lines, .nirqs = 1                           \
	}
/* Deliberately not sorted by base: the machine sorts. */
static const rt_dev_desc toy_devs[] = {
        TDEV("dev_c", 0x3000),
        TDEV("dev_a", 0x1000),
        TDEV("dev_b", 0x2000),
};
static const rt_boot_reg toy_boot[] = {{"R5", 55}, {"tvec", 0x10000}};

#define TOY_RAM      0x10000u
#define TOY_RAM_SIZE 0x10000u
static const rt_board_desc toy_board = {
        .name = "toyboard",
        .family = "toy",
        .ram_base = TOY_RAM,
        .ram_size = TOY_RAM_SIZE,
        .devs = toy_devs,
        .ndevs = 3,
        .console = -1,
        .boot = toy_boot,
        .nboot = 2,
};

const rt_guest *const rt_all_guests[] = {&toy_guest, &toy_be_guest, NULL};
const rt_board_desc *const rt_all_boards[] = {&toy_board, NULL};

/* A fresh machine + cpu of guest g with `prog` at the start of RAM and the
 * boot registers set; exits on failure (test setup). */
static inline rt_cpu *toy_new(const rt_guest *g, const uint32_t *prog, size_t n)
{
	rt_machine *m;
	rt_cpu *cpu;
	char err[256];
	if (rt_machine_create(&toy_board, &m, err, sizeof err) ||
	    rt_cpu_create(g, m, &cpu, err, sizeof err) ||
	    rt_machine_boot(m, cpu, TOY_RAM, err, sizeof err)) {
		fprintf(stderr, "toy setup: %s\n", err);
		exit(99);
	}
	for (size_t i = 0; i < n; i++)
		rt_st(cpu, TOY_RAM + 4 * i, 4, prog[i]);
	return cpu;
}

/* Free what toy_new made. */
static inline void toy_free(rt_cpu *cpu)
{
	rt_machine *m = cpu->m;
	rt_cpu_destroy(cpu);
	rt_machine_destroy(m);
}

#endif /* TOY_GUEST_H */
