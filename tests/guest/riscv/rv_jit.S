/* rv_jit.S: what the LLVM tier must keep exact inside compiled code. Each
 * case runs a loop long enough (thousands of iterations) for `auto` to
 * compile it and for `jit` to run it compiled:
 *   2: a fault in the middle of a hot loop: mcause, mepc, mtval and every
 *      register as the interpreter leaves them at that instruction;
 *   3: a timer interrupt arriving while a compiled loop spins;
 *   4: a store that rewrites an instruction of the hot loop it runs in, with
 *      no fence.i (Morph's promise, rv_smc.S). QEMU 7.2 keeps running the
 *      loop's old translation there, so the FINISHER build (the QEMU
 *      oracle) adds the fence.i the ISA asks for.
 * The FINISHER build runs under QEMU as the oracle, as for the others. */
#include "test_macros.h"

#define CLINT 0x2000000
/* addi a1, a1, 2 (the hot loop's `addi a1, a1, 1` becomes this) */
#define ADDI_A1_A1_2 0x00258593

RVTEST_CODE_BEGIN

  /* ---- 2: a fault at iteration 2500 of a hot loop ---- */
  TEST_BEGIN(2)
  li s2, 0
  li s3, 1
  li s4, 2
  li a0, 0
  li s1, 3000
  EXPECT_TRAP(2f)
1: add s2, s2, s3
  addi s3, s3, 3
  xor s4, s4, s3
  addi a0, a0, 1
  li t0, 2500
  bne a0, t0, 3f
  addi s5, s2, 7
fault_load:
  lw t1, UNMAPPED_ADDR(zero)
  j fail
3: addi s1, s1, -1
  bnez s1, 1b
  j fail
2: CHECK_TRAP_CAUSE(CAUSE_LOAD_ACCESS)
  CHECK_TRAP_EPC(fault_load)
  CHECK_TRAP_TVAL(UNMAPPED_ADDR)
  CHECK_REG(a0, 2500)
  CHECK_REG(s1, 501)
  CHECK_REG(s2, 9373750)
  CHECK_REG(s3, 7501)
  CHECK_REG(s4, 0x9c6)
  CHECK_REG(s5, 9373757)
  CHECK_REG(t0, 2500)

  /* ---- 3: a timer interrupt while a compiled loop spins ----
   * The loop arms the timer itself after 3000 iterations (so it is hot,
   * and compiled under jit and auto, whatever compiling costs), then spins
   * until the interrupt handler sets s1. */
  TEST_BEGIN(3)
  la t0, irq_handler
  csrw mtvec, t0
  li s1, 0
  li s6, 0
  li a0, 0
  li t3, 3000
  li t1, CLINT + 0x4000
  li t0, -1
  sw t0, 4(t1)                /* mtimecmp = never, for now */
  sw t0, 0(t1)
  li t0, 0x80
  csrw mie, t0                /* MTIE */
  csrsi mstatus, MSTATUS_MIE
spin:
  addi a0, a0, 1
  bne a0, t3, spin_branch
  li t1, CLINT + 0xbff8
  lw t2, 0(t1)                /* mtime lo */
  li t0, 200000               /* 20 ms at 10 MHz */
  add t2, t2, t0
  li t1, CLINT + 0x4000
  sw t2, 0(t1)
  sw zero, 4(t1)
spin_branch:
  beqz s1, spin
  csrci mstatus, MSTATUS_MIE
  la t0, trap_vector
  csrw mtvec, t0
  li t0, 3000
  bltu a0, t0, fail           /* the loop ran hot */
  la t0, spin                 /* taken at an instruction of the loop */
  bltu s6, t0, fail
  la t0, spin_branch
  bgtu s6, t0, fail

  /* ---- 4: a store rewrites an instruction of the hot loop ---- */
  TEST_BEGIN(4)
  li a0, 0
  li a1, 0
  li s1, 3000
  la s7, patch_site
  li s8, ADDI_A1_A1_2
1: li t0, 2500
  bne a0, t0, 2f
  sw s8, 0(s7)                /* no fence.i (but for QEMU) */
#ifdef FINISHER
  fence.i
#endif
2:
patch_site:
  addi a1, a1, 1
  addi a0, a0, 1
  addi s1, s1, -1
  bnez s1, 1b
  CHECK_REG(a1, 3500)         /* 2500 * 1 + 500 * 2 */

RVTEST_CODE_END

  .balign 4
irq_handler:                  /* test 3: note where, stop the timer */
  csrr s6, mepc
  li s1, 1
  csrw mie, zero
  mret

RVTEST_DATA_BEGIN
RVTEST_DATA_END
