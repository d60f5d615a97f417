/* Zicsr: csrrw csrrs csrrc csrrwi csrrsi csrrci (old value to rd, x0 forms
 * that do not write, rd == rs1), read-only CSRs (readable; any write is an
 * illegal instruction, including csrrs/csrrc with rs1 != x0 holding zero),
 * machine CSRs the board implements (mscratch, mstatus fields, mepc bit 0,
 * mtvec, mcause, mtval, mie, satp, medeleg/mideleg, pmpcfg0/pmpaddr0, misa,
 * mhartid) and the counters (mcycle, minstret, cycle, time, instret and on
 * RV32 their h halves). */
#include "test_macros.h"

#define CSR_UNASSIGNED 0x3ff       /* no CSR lives here */

#define MISA_A (1 << 0)
#define MISA_C (1 << 2)
#define MISA_I (1 << 8)
#define MISA_M (1 << 12)
#define MISA_U (1 << 20)

RVTEST_CODE_BEGIN

  /* ---- csrrw ---- */
  TEST_BEGIN(2)
  li a0, 0x1234
  csrw mscratch, a0
  li a1, 0x5678
  csrrw a2, mscratch, a1
  CHECK_REG(a2, 0x1234)
  csrr a3, mscratch
  CHECK_REG(a3, 0x5678)
  TEST_BEGIN(3)                 /* rd == rs1 swaps */
  li a0, -1
  csrrw a0, mscratch, a0
  CHECK_REG(a0, 0x5678)
  csrr a3, mscratch
  CHECK_REG(a3, -1)
  TEST_BEGIN(4)                 /* csrrw x0 */
  csrrw x0, mscratch, zero
  csrr a3, mscratch
  CHECK_REG(a3, 0)

  /* ---- csrrs / csrrc ---- */
  TEST_BEGIN(5)
  li a0, 0x0f0f
  csrw mscratch, a0
  li a1, 0xf000
  csrrs a2, mscratch, a1
  CHECK_REG(a2, 0x0f0f)
  csrr a3, mscratch
  CHECK_REG(a3, 0xff0f)
  li a1, 0x0ff0
  csrrc a2, mscratch, a1
  CHECK_REG(a2, 0xff0f)
  csrr a3, mscratch
  CHECK_REG(a3, 0xf00f)
  TEST_BEGIN(6)                 /* rs1 = x0: read only */
  csrrs a2, mscratch, x0
  CHECK_REG(a2, 0xf00f)
  csrrc a2, mscratch, x0
  CHECK_REG(a2, 0xf00f)
  csrr a3, mscratch
  CHECK_REG(a3, 0xf00f)
  TEST_BEGIN(7)                 /* csrs / csrc pseudo (rd = x0) */
  li a1, 0x10000
  csrs mscratch, a1
  li a1, 0xf
  csrc mscratch, a1
  csrr a3, mscratch
  CHECK_REG(a3, 0x1f000)
  TEST_BEGIN(8)                 /* high bit */
  li a1, 1
  slli a1, a1, __riscv_xlen - 1
  csrw mscratch, zero
  csrs mscratch, a1
  csrr a3, mscratch
  bne a3, a1, fail

  /* ---- immediate forms ---- */
  TEST_BEGIN(9)
  csrw mscratch, zero
  csrrwi a2, mscratch, 31
  CHECK_REG(a2, 0)
  csrr a3, mscratch
  CHECK_REG(a3, 31)             /* uimm is zero-extended */
  csrrci a2, mscratch, 0x15
  CHECK_REG(a2, 31)
  csrr a3, mscratch
  CHECK_REG(a3, 0x0a)
  csrrsi a2, mscratch, 0x11
  CHECK_REG(a2, 0x0a)
  csrr a3, mscratch
  CHECK_REG(a3, 0x1b)
  TEST_BEGIN(10)                /* uimm = 0: csrrsi/csrrci do not write */
  csrrsi a2, mscratch, 0
  CHECK_REG(a2, 0x1b)
  csrrci a2, mscratch, 0
  CHECK_REG(a2, 0x1b)
  csrrwi a2, mscratch, 0        /* csrrwi does */
  CHECK_REG(a2, 0x1b)
  csrr a3, mscratch
  CHECK_REG(a3, 0)
  csrwi mscratch, 7
  csrsi mscratch, 8
  csrci mscratch, 1
  csrr a3, mscratch
  CHECK_REG(a3, 14)

  /* ---- read-only information CSRs ---- */
  TEST_CASE(11, a0, 0, li a0, 5; csrr a0, mhartid)
  TEST_BEGIN(12)
  csrr a0, mvendorid
  csrr a0, marchid
  csrr a0, mimpid
  csrrsi a0, mhartid, 0         /* uimm 0: no write, no trap */
  csrrc a0, mhartid, x0
  CHECK_REG(a0, 0)

  /* ---- misa: MXL and I M A C U ---- */
  TEST_BEGIN(13)
  csrr a0, misa
  srli a1, a0, __riscv_xlen - 2
#if __riscv_xlen == 64
  CHECK_REG(a1, 2)
#else
  CHECK_REG(a1, 1)
#endif
  li a2, MISA_I | MISA_M | MISA_A | MISA_C | MISA_U
  and a3, a0, a2
  bne a3, a2, fail

  /* ---- writes to read-only CSRs are illegal instructions ---- */
  li a0, 0
  TEST_TRAP(14, CAUSE_ILLEGAL_INSN, csrw mhartid, a0)
#ifndef FINISHER
  /* rs1 != x0 holding 0 still counts as a write (spec, Zicsr chapter).
   * QEMU 7.2 decides by the value and does not trap, so this one is not
   * checked in the QEMU (FINISHER) build. */
  TEST_TRAP(15, CAUSE_ILLEGAL_INSN, csrrs a1, mhartid, a0)
#endif
  li a4, 1
  TEST_TRAP(16, CAUSE_ILLEGAL_INSN, csrrc a1, mvendorid, a4)
  TEST_TRAP(17, CAUSE_ILLEGAL_INSN, csrrwi x0, cycle, 0)
  TEST_TRAP(18, CAUSE_ILLEGAL_INSN, csrrsi a1, instret, 1)
  TEST_TRAP(19, CAUSE_ILLEGAL_INSN, csrrw a1, time, a0)
  TEST_TRAP(20, CAUSE_ILLEGAL_INSN, csrrci a1, mimpid, 1)
  /* the destination is not written when the instruction traps */
  TEST_BEGIN(21)
  li a1, 77
  EXPECT_TRAP(1f)
  csrrw a1, mhartid, a0
  j fail
1: CHECK_REG(a1, 77)
  /* no CSR at all */
  TEST_TRAP(22, CAUSE_ILLEGAL_INSN, csrr a1, CSR_UNASSIGNED)
  TEST_TRAP(23, CAUSE_ILLEGAL_INSN, csrw CSR_UNASSIGNED, a0)

  /* ---- mstatus fields ---- */
  TEST_BEGIN(24)
  li a0, MSTATUS_MPP
  csrs mstatus, a0
  csrr a1, mstatus
  and a1, a1, a0
  CHECK_REG(a1, MSTATUS_MPP)    /* MPP = M */
  csrc mstatus, a0
  csrr a1, mstatus
  and a1, a1, a0
  CHECK_REG(a1, 0)              /* MPP = U */
  li a0, MSTATUS_MPIE
  csrs mstatus, a0
  csrr a1, mstatus
  and a1, a1, a0
  CHECK_REG(a1, MSTATUS_MPIE)
  csrc mstatus, a0
  csrr a1, mstatus
  and a1, a1, a0
  CHECK_REG(a1, 0)
  /* MIE can be set while mie is 0 (nothing gets delivered) */
  csrw mie, zero
  csrsi mstatus, MSTATUS_MIE
  csrr a1, mstatus
  andi a1, a1, MSTATUS_MIE
  CHECK_REG(a1, MSTATUS_MIE)
  csrci mstatus, MSTATUS_MIE
  csrr a1, mstatus
  andi a1, a1, MSTATUS_MIE
  CHECK_REG(a1, 0)

  /* ---- mepc: bit 0 always reads 0 (IALIGN = 16) ---- */
  TEST_BEGIN(25)
#ifndef FINISHER
  /* QEMU 7.2 keeps bit 0 of mepc (the spec says it is always zero), so the
   * QEMU (FINISHER) build does not check this. */
  li a0, 0x80001237
  csrw mepc, a0
  csrr a1, mepc
  CHECK_REG(a1, 0x80001236)
#endif
  li a0, 0x80001002
  csrw mepc, a0
  csrr a1, mepc
  CHECK_REG(a1, 0x80001002)
  li a0, 0x80001000
  csrw mepc, a0
  csrr a1, mepc
  CHECK_REG(a1, 0x80001000)

  /* ---- mtvec (direct mode), mcause, mtval ---- */
  TEST_BEGIN(26)
  csrr s0, mtvec
  la a1, trap_vector
  bne s0, a1, fail
  la a0, test_data_begin
  csrw mtvec, a0
  csrr a1, mtvec
  bne a1, a0, fail
  csrw mtvec, s0
  TEST_BEGIN(27)
  li a0, CAUSE_ILLEGAL_INSN
  csrw mcause, a0
  csrr a1, mcause
  CHECK_REG(a1, CAUSE_ILLEGAL_INSN)
  li a0, 0x12345678
  csrw mtval, a0
  csrr a1, mtval
  CHECK_REG(a1, 0x12345678)

  /* ---- mie: the machine software/timer/external enables ---- */
  TEST_BEGIN(28)
  li a0, 0x888
  csrw mie, a0
  csrr a1, mie
  csrw mie, zero
  and a1, a1, a0
  CHECK_REG(a1, 0x888)
  csrr a1, mie
  CHECK_REG(a1, 0)
  csrr a1, mip                  /* readable */

  /* ---- satp (bare), medeleg/mideleg, PMP: writes accepted ---- */
  TEST_BEGIN(29)
  csrw satp, zero
  csrr a1, satp
  CHECK_REG(a1, 0)
  csrw medeleg, zero
  csrr a1, medeleg
  CHECK_REG(a1, 0)
  csrw mideleg, zero
  csrr a1, mideleg              /* QEMU (with H) reads 0x444 here: not checked */
  li a0, -1
  csrw pmpaddr0, a0
  li a0, 0x1f
  csrw pmpcfg0, a0
  csrr a1, pmpcfg0
  csrr a1, pmpaddr0

  /* ---- counters ---- */
  TEST_BEGIN(30)
  csrr s0, minstret
  csrr s1, mcycle
  rdinstret s2
  rdcycle s3
  rdtime s4
  li a0, 200
1: addi a0, a0, -1
  bnez a0, 1b
  csrr s5, minstret
  csrr s6, mcycle
  rdinstret s7
  rdcycle s8
  rdtime s9
  bleu s5, s0, fail             /* instret and cycle moved forward */
  bleu s6, s1, fail
  bleu s7, s2, fail
  bleu s8, s3, fail
  bltu s9, s4, fail             /* time did not go backwards */
  sub a1, s5, s0
  li a2, 200                    /* at least the 400 loop instructions */
  bltu a1, a2, fail
#if __riscv_xlen == 32
  TEST_BEGIN(31)
  csrr a0, mcycleh
  csrr a0, minstreth
  rdcycleh a0
  rdinstreth a0
  rdtimeh a0
  /* 64-bit read of instret: hi, lo, hi again until stable */
1: rdinstreth a1
  rdinstret a2
  rdinstreth a3
  bne a1, a3, 1b
#endif

RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
