/* Privilege modes: mret to M and to U (MIE <- MPIE, MPIE <- 1, MPP <- U),
 * traps from U into M (MPP = U, MPIE <- MIE, MIE <- 0, mepc, mcause 8 for
 * ecall), M-mode traps recording MPP = M, U-mode touching M-mode CSRs or
 * executing mret is an illegal instruction, U-mode ebreak and access fault,
 * a hot M -> U -> M round trip, and mstatus.TW: with TW = 1, wfi in U-mode
 * is an illegal instruction, in M-mode it executes (privileged spec,
 * "Timeout Wait"; riscv_wait_irq in targets/riscv/riscv_priv.c).  wfi in
 * U-mode with TW = 0 is not tested: QEMU's hart has S-mode, where that traps
 * too; Morph's M/U hart lets it wait. */
#include "test_macros.h"

#define MSTATUS_FIELDS (MSTATUS_MPP | MSTATUS_MPIE | MSTATUS_MIE)
#define MSTATUS_TW     0x00200000
#define CLINT_MSIP     0x2000000      /* hart 0's software interrupt */
#define MIE_MSIE       0x8

/* t0 = mstatus & (MPP|MPIE|MIE) as saved by the trap handler */
#define LOAD_TRAP_STATUS(reg) \
  la t6, trap_status; LREG reg, 0(t6); li t5, MSTATUS_FIELDS; and reg, reg, t5;

RVTEST_CODE_BEGIN
  csrw mie, zero

  /* ---- mret to M: MIE <- MPIE (1), MPIE <- 1, MPP <- U ---- */
  TEST_BEGIN(2)
  li t0, MSTATUS_FIELDS
  csrc mstatus, t0
  li t0, MSTATUS_MPP_M | MSTATUS_MPIE
  csrs mstatus, t0
  la t0, 1f
  csrw mepc, t0
  mret
  j fail
1: csrr a0, mstatus
  li t0, MSTATUS_FIELDS
  and a0, a0, t0
  CHECK_REG(a0, MSTATUS_MPIE | MSTATUS_MIE)
  csrci mstatus, MSTATUS_MIE
  csrr a1, mscratch                   /* still in M-mode */

  /* ---- mret to M with MPIE = 0: MIE <- 0 ---- */
  TEST_BEGIN(3)
  li t0, MSTATUS_FIELDS
  csrc mstatus, t0
  li t0, MSTATUS_MPP_M | MSTATUS_MIE
  csrs mstatus, t0
  la t0, 1f
  csrw mepc, t0
  mret
  j fail
1: csrr a0, mstatus
  li t0, MSTATUS_FIELDS
  and a0, a0, t0
  CHECK_REG(a0, MSTATUS_MPIE)

  /* ---- a trap in M-mode: MPP = M, MPIE <- MIE, MIE <- 0 ---- */
  TEST_BEGIN(4)
  li t0, MSTATUS_FIELDS
  csrc mstatus, t0
  csrsi mstatus, MSTATUS_MIE
  EXPECT_TRAP(1f)
  ecall
  j fail
1: LOAD_TRAP_STATUS(a0)
  CHECK_REG(a0, MSTATUS_MPP_M | MSTATUS_MPIE)
  csrr a0, mstatus
  andi a0, a0, MSTATUS_MIE
  CHECK_REG(a0, 0)
  CHECK_TRAP_CAUSE(CAUSE_MACHINE_ECALL)

  /* ---- M -> U -> ecall -> M, with MPIE = 1 ---- */
  TEST_BEGIN(5)
  li t0, MSTATUS_FIELDS
  csrc mstatus, t0
  li t0, MSTATUS_MPIE
  csrs mstatus, t0
  li a0, 100
  EXPECT_TRAP(2f)
  ENTER_UMODE(1f)
1: addi a0, a0, 23                   /* U-mode */
3: ecall
  j fail
2: CHECK_TRAP_CAUSE(CAUSE_USER_ECALL)
  CHECK_TRAP_EPC(3b)
  CHECK_REG(a0, 123)
  LOAD_TRAP_STATUS(a1)
  CHECK_REG(a1, MSTATUS_MPIE)         /* MPP = U, MPIE = U's MIE (1) */
  csrr a1, mscratch                   /* back in M-mode */

  /* ---- the same with MPIE = 0 before mret ---- */
  TEST_BEGIN(6)
  li t0, MSTATUS_FIELDS
  csrc mstatus, t0
  EXPECT_TRAP(2f)
  ENTER_UMODE(1f)
1: ecall
  j fail
2: CHECK_TRAP_CAUSE(CAUSE_USER_ECALL)
  CHECK_TRAP_EPC(1b)
  LOAD_TRAP_STATUS(a1)
  CHECK_REG(a1, 0)                    /* MPP = U, MPIE = 0 */

  /* ---- U-mode may not touch M-mode CSRs or run mret ---- */
#define TEST_UMODE_ILLEGAL(testnum, code...) \
  TEST_BEGIN(testnum) \
  li a1, 0x55; \
  EXPECT_TRAP(test_ ## testnum ## _back); \
  ENTER_UMODE(test_ ## testnum ## _insn); \
test_ ## testnum ## _insn: \
  code; \
  j fail; \
test_ ## testnum ## _back: \
  CHECK_TRAP_CAUSE(CAUSE_ILLEGAL_INSN) \
  CHECK_TRAP_EPC(test_ ## testnum ## _insn) \
  LOAD_TRAP_STATUS(t0) \
  li t1, MSTATUS_MPP; and t0, t0, t1; bnez t0, fail; \
  CHECK_REG(a1, 0x55)

  TEST_UMODE_ILLEGAL(7, csrr a1, mstatus)
  TEST_UMODE_ILLEGAL(8, csrr a1, mscratch)
  TEST_UMODE_ILLEGAL(9, csrw mscratch, zero)
  TEST_UMODE_ILLEGAL(10, csrr a1, mhartid)
  TEST_UMODE_ILLEGAL(11, csrrs a1, mepc, zero)
  TEST_UMODE_ILLEGAL(12, csrrwi a1, mtvec, 0)
  TEST_UMODE_ILLEGAL(13, csrr a1, misa)
  TEST_UMODE_ILLEGAL(14, csrr a1, mcycle)
  TEST_UMODE_ILLEGAL(15, csrsi mie, 8)
  TEST_UMODE_ILLEGAL(16, mret)

  /* ---- other U-mode traps ---- */
  TEST_BEGIN(17)
  EXPECT_TRAP(2f)
  ENTER_UMODE(1f)
1: ebreak
  j fail
2: CHECK_TRAP_CAUSE(CAUSE_BREAKPOINT)
  CHECK_TRAP_EPC(1b)
  TEST_BEGIN(18)
  li a0, UNMAPPED_ADDR
  EXPECT_TRAP(2f)
  ENTER_UMODE(1f)
1: lw a1, 0(a0)
  j fail
2: CHECK_TRAP_CAUSE(CAUSE_LOAD_ACCESS)
  CHECK_TRAP_EPC(1b)
  CHECK_TRAP_TVAL(UNMAPPED_ADDR)
  /* U-mode can use memory (PMP opened) and run ordinary code */
  TEST_BEGIN(19)
  la a0, priv_data
  li a2, 0
  EXPECT_TRAP(2f)
  ENTER_UMODE(1f)
1: li a1, 0x1234
  sw a1, 0(a0)
  lw a2, 0(a0)
  addi a2, a2, 1
  ecall
  j fail
2: CHECK_TRAP_CAUSE(CAUSE_USER_ECALL)
  CHECK_REG(a2, 0x1235)

  /* ---- hot round trips M -> U -> M ---- */
  TEST_BEGIN(20)
  li s0, 0                            /* counted in U-mode */
  li s1, 0                            /* counted in M-mode */
  li s2, 1000
1: EXPECT_TRAP(3f)
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  la t0, 2f
  csrw mepc, t0
  mret
2: addi s0, s0, 1                     /* U-mode */
  ecall
  j fail
3: addi s1, s1, 1                     /* M-mode */
  csrr t0, mscratch
  bltu s1, s2, 1b
  CHECK_REG(s0, 1000)
  CHECK_REG(s1, 1000)

  /* ---- mstatus.TW = 1 (it is writable) ---- */
  TEST_BEGIN(21)
  li t0, MSTATUS_TW
  csrs mstatus, t0
  csrr a1, mstatus
  and a1, a1, t0
  CHECK_REG(a1, MSTATUS_TW)
  /* wfi in U-mode: illegal instruction, with no interrupt enabled (so
   * it could only wait for ever otherwise) */
  TEST_UMODE_ILLEGAL(22, wfi)
  /* wfi in M-mode: executes; an interrupt enabled in mie and pending
   * (mstatus.MIE = 0, so it is not taken) makes it return at once */
  TEST_BEGIN(23)
  csrci mstatus, MSTATUS_MIE
  li t0, CLINT_MSIP
  li t1, 1
  sw t1, 0(t0)
  li t0, MIE_MSIE
  csrs mie, t0
  li a1, 0
  wfi
  li a1, 1
  csrw mie, zero
  li t0, CLINT_MSIP
  sw zero, 0(t0)
  CHECK_REG(a1, 1)
  li t0, MSTATUS_TW
  csrc mstatus, t0

  li t0, MSTATUS_FIELDS
  csrc mstatus, t0

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .balign 8
priv_data: .dword 0
RVTEST_DATA_END
