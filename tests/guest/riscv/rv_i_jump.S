/* Unconditional jumps: jal and jalr — link values, x0 as link register,
 * jalr offsets, jalr clearing bit 0 of the target, rd == rs1, indirect
 * calls through a table (hot, so a JIT's indirect-branch path is used),
 * and a recursive function using the stack. */
#include "test_macros.h"

#define TABLE_RESULT 0x1429cbe0

RVTEST_CODE_BEGIN

  /* ---- jal: link = address of the next instruction ---- */
  TEST_BEGIN(2)
  li ra, 0
1: jal ra, 2f
3: j fail
2: la a1, 3b
  bne ra, a1, fail

  /* jal x0 (plain j) must not write anything */
  TEST_BEGIN(3)
  li a1, 7
  jal x0, 1f
  li a1, 8
1: CHECK_REG(a1, 7)

  /* jal with a non-ra link register, backward */
  TEST_BEGIN(4)
  j 2f
1: la a2, 3f
  bne a5, a2, fail
  j 4f
2: jal a5, 1b
3: j fail
4:

  /* ---- jalr ---- */
  TEST_BEGIN(5)
  la a1, 1f
  jalr t0, a1, 0
2: j fail
1: la a2, 2b
  bne t0, a2, fail

  /* positive and negative offsets */
  TEST_BEGIN(6)
  la a1, 1f - 64
  jalr t0, a1, 64
  j fail
1:
  TEST_BEGIN(7)
  la a1, 1f + 2044
  jalr t0, a1, -2044
  j fail
1:
  TEST_BEGIN(8)
  la a1, 1f - 2046
  jalr t0, a1, 2047         /* odd sum: bit 0 is cleared */
  j fail
1:

  /* bit 0 of the target is cleared */
  TEST_BEGIN(9)
  la a1, 1f
  addi a1, a1, 1
  jalr t0, a1, 0
  j fail
1:

  /* rd == rs1: the target uses the old value */
  TEST_BEGIN(10)
  la a1, 1f
  jalr a1, a1, 0
2: j fail
1: la a2, 2b
  bne a1, a2, fail

  /* jalr x0 (ret-like) writes nothing; jalr from x0 base is absolute */
  TEST_BEGIN(11)
  li a3, 5
  la a1, 1f
  jalr x0, 0(a1)
  li a3, 6
1: CHECK_REG(a3, 5)

  /* ---- call / ret ---- */
  TEST_BEGIN(12)
  li a0, 20
  jal ra, func_double_plus_one
  CHECK_REG(a0, 41)

  /* ---- indirect calls through a table, hot ---- */
  /* acc = 0; for i in 0..29999: acc = f[i % 4](acc, i)
   *   f0: acc + i    f1: acc ^ i    f2: acc - 3    f3: acc + (i << 1) */
  TEST_BEGIN(13)
  li s0, 0                  /* i */
  li s1, 0                  /* acc */
  li s2, 30000
  la s3, func_table
1: andi t0, s0, 3
  slli t0, t0, LOG_REGBYTES
  add t0, t0, s3
  LREG t0, 0(t0)
  mv a0, s1
  mv a1, s0
  jalr ra, t0, 0
  mv s1, a0
  addi s0, s0, 1
  blt s0, s2, 1b
  CHECK_REG(s1, TABLE_RESULT)

  /* ---- recursion on the stack: fib(20) = 6765 ---- */
  TEST_BEGIN(14)
  mv s4, sp
  li a0, 20
  jal ra, fib
  CHECK_REG(a0, 6765)
  bne sp, s4, fail

  /* ---- jal over a long distance (forward and back, > 512 KiB) ---- */
  TEST_BEGIN(15)
  li a3, 1
  jal ra, far_function
  CHECK_REG(a3, 2)

RVTEST_CODE_END

func_double_plus_one:
  slli a0, a0, 1
  addi a0, a0, 1
  ret

f0: add a0, a0, a1
  ret
f1: xor a0, a0, a1
  ret
f2: addi a0, a0, -3
  jalr x0, ra, 0
f3: slli a1, a1, 1
  add a0, a0, a1
  ret

fib:
  li t0, 2
  blt a0, t0, 1f
  addi sp, sp, -4 * REGBYTES
  SREG ra, 0(sp)
  SREG s0, REGBYTES(sp)
  SREG s1, 2 * REGBYTES(sp)
  mv s0, a0
  addi a0, a0, -1
  jal ra, fib
  mv s1, a0
  addi a0, s0, -2
  jal ra, fib
  add a0, a0, s1
  LREG ra, 0(sp)
  LREG s0, REGBYTES(sp)
  LREG s1, 2 * REGBYTES(sp)
  addi sp, sp, 4 * REGBYTES
1: ret

  /* link.ld places .far_text at least 512 KiB away from .text */
  .section .far_text, "ax", @progbits
far_function:
  addi a3, a3, 1
  ret

RVTEST_DATA_BEGIN
  .balign 8
func_table:
#if __riscv_xlen == 64
  .dword f0, f1, f2, f3
#else
  .word f0, f1, f2, f3
#endif
RVTEST_DATA_END
