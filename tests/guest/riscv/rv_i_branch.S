/* Conditional branches: beq bne blt bge bltu bgeu, taken and not taken,
 * forward and backward, x0 operands, equal registers, the largest branch
 * offsets (+4092 / -4096 with 4-byte instructions), and hot loops (enough
 * iterations for a JIT to compile them). */
#include "test_macros.h"

#define COLLATZ_3000 215063   /* sum of Collatz step counts for n = 1..3000 */

RVTEST_CODE_BEGIN

  /* ---- beq ---- */
  TEST_BR2_OP_TAKEN(2, beq, 0x0000000000000000, 0x0000000000000000)
  TEST_BR2_OP_TAKEN(3, beq, 0x0000000000000001, 0x0000000000000001)
  TEST_BR2_OP_TAKEN(4, beq, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_BR2_OP_NOTTAKEN(5, beq, 0x0000000000000000, 0x0000000000000001)
  TEST_BR2_OP_NOTTAKEN(6, beq, 0x0000000000000001, 0x0000000000000000)
  TEST_BR2_OP_NOTTAKEN(7, beq, 0xffffffffffffffff, 0x0000000000000001)
  TEST_BR2_OP_NOTTAKEN(8, beq, 0x0000000000000001, 0xffffffffffffffff)
  TEST_BR2_OP_NOTTAKEN(9, beq, 0xfffffffffffffffe, 0xffffffffffffffff)
  TEST_BR2_OP_NOTTAKEN(10, beq, 0xffffffffffffffff, 0xfffffffffffffffe)
  TEST_BR2_OP_NOTTAKEN(11, beq, 0x000000007fffffff, 0xffffffff80000000)
  TEST_BR2_OP_NOTTAKEN(12, beq, 0xffffffff80000000, 0x000000007fffffff)
#if __riscv_xlen == 64
  TEST_BR2_OP_NOTTAKEN(13, beq, 0x0000000100000000, 0x0000000000000000)
#else
  TEST_BR2_OP_TAKEN(13, beq, 0x0000000100000000, 0x0000000000000000)
#endif
  TEST_BR2_OP_NOTTAKEN(14, beq, 0x8000000000000000, 0x7fffffffffffffff)
  /* ---- bne ---- */
  TEST_BR2_OP_NOTTAKEN(15, bne, 0x0000000000000000, 0x0000000000000000)
  TEST_BR2_OP_NOTTAKEN(16, bne, 0x0000000000000001, 0x0000000000000001)
  TEST_BR2_OP_NOTTAKEN(17, bne, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_BR2_OP_TAKEN(18, bne, 0x0000000000000000, 0x0000000000000001)
  TEST_BR2_OP_TAKEN(19, bne, 0x0000000000000001, 0x0000000000000000)
  TEST_BR2_OP_TAKEN(20, bne, 0xffffffffffffffff, 0x0000000000000001)
  TEST_BR2_OP_TAKEN(21, bne, 0x0000000000000001, 0xffffffffffffffff)
  TEST_BR2_OP_TAKEN(22, bne, 0xfffffffffffffffe, 0xffffffffffffffff)
  TEST_BR2_OP_TAKEN(23, bne, 0xffffffffffffffff, 0xfffffffffffffffe)
  TEST_BR2_OP_TAKEN(24, bne, 0x000000007fffffff, 0xffffffff80000000)
  TEST_BR2_OP_TAKEN(25, bne, 0xffffffff80000000, 0x000000007fffffff)
#if __riscv_xlen == 64
  TEST_BR2_OP_TAKEN(26, bne, 0x0000000100000000, 0x0000000000000000)
#else
  TEST_BR2_OP_NOTTAKEN(26, bne, 0x0000000100000000, 0x0000000000000000)
#endif
  TEST_BR2_OP_TAKEN(27, bne, 0x8000000000000000, 0x7fffffffffffffff)
  /* ---- blt ---- */
  TEST_BR2_OP_NOTTAKEN(28, blt, 0x0000000000000000, 0x0000000000000000)
  TEST_BR2_OP_NOTTAKEN(29, blt, 0x0000000000000001, 0x0000000000000001)
  TEST_BR2_OP_NOTTAKEN(30, blt, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_BR2_OP_TAKEN(31, blt, 0x0000000000000000, 0x0000000000000001)
  TEST_BR2_OP_NOTTAKEN(32, blt, 0x0000000000000001, 0x0000000000000000)
  TEST_BR2_OP_TAKEN(33, blt, 0xffffffffffffffff, 0x0000000000000001)
  TEST_BR2_OP_NOTTAKEN(34, blt, 0x0000000000000001, 0xffffffffffffffff)
  TEST_BR2_OP_TAKEN(35, blt, 0xfffffffffffffffe, 0xffffffffffffffff)
  TEST_BR2_OP_NOTTAKEN(36, blt, 0xffffffffffffffff, 0xfffffffffffffffe)
  TEST_BR2_OP_NOTTAKEN(37, blt, 0x000000007fffffff, 0xffffffff80000000)
  TEST_BR2_OP_TAKEN(38, blt, 0xffffffff80000000, 0x000000007fffffff)
  TEST_BR2_OP_NOTTAKEN(39, blt, 0x0000000100000000, 0x0000000000000000)
#if __riscv_xlen == 64
  TEST_BR2_OP_TAKEN(40, blt, 0x8000000000000000, 0x7fffffffffffffff)
#else
  TEST_BR2_OP_NOTTAKEN(40, blt, 0x8000000000000000, 0x7fffffffffffffff)
#endif
  /* ---- bge ---- */
  TEST_BR2_OP_TAKEN(41, bge, 0x0000000000000000, 0x0000000000000000)
  TEST_BR2_OP_TAKEN(42, bge, 0x0000000000000001, 0x0000000000000001)
  TEST_BR2_OP_TAKEN(43, bge, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_BR2_OP_NOTTAKEN(44, bge, 0x0000000000000000, 0x0000000000000001)
  TEST_BR2_OP_TAKEN(45, bge, 0x0000000000000001, 0x0000000000000000)
  TEST_BR2_OP_NOTTAKEN(46, bge, 0xffffffffffffffff, 0x0000000000000001)
  TEST_BR2_OP_TAKEN(47, bge, 0x0000000000000001, 0xffffffffffffffff)
  TEST_BR2_OP_NOTTAKEN(48, bge, 0xfffffffffffffffe, 0xffffffffffffffff)
  TEST_BR2_OP_TAKEN(49, bge, 0xffffffffffffffff, 0xfffffffffffffffe)
  TEST_BR2_OP_TAKEN(50, bge, 0x000000007fffffff, 0xffffffff80000000)
  TEST_BR2_OP_NOTTAKEN(51, bge, 0xffffffff80000000, 0x000000007fffffff)
  TEST_BR2_OP_TAKEN(52, bge, 0x0000000100000000, 0x0000000000000000)
#if __riscv_xlen == 64
  TEST_BR2_OP_NOTTAKEN(53, bge, 0x8000000000000000, 0x7fffffffffffffff)
#else
  TEST_BR2_OP_TAKEN(53, bge, 0x8000000000000000, 0x7fffffffffffffff)
#endif
  /* ---- bltu ---- */
  TEST_BR2_OP_NOTTAKEN(54, bltu, 0x0000000000000000, 0x0000000000000000)
  TEST_BR2_OP_NOTTAKEN(55, bltu, 0x0000000000000001, 0x0000000000000001)
  TEST_BR2_OP_NOTTAKEN(56, bltu, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_BR2_OP_TAKEN(57, bltu, 0x0000000000000000, 0x0000000000000001)
  TEST_BR2_OP_NOTTAKEN(58, bltu, 0x0000000000000001, 0x0000000000000000)
  TEST_BR2_OP_NOTTAKEN(59, bltu, 0xffffffffffffffff, 0x0000000000000001)
  TEST_BR2_OP_TAKEN(60, bltu, 0x0000000000000001, 0xffffffffffffffff)
  TEST_BR2_OP_TAKEN(61, bltu, 0xfffffffffffffffe, 0xffffffffffffffff)
  TEST_BR2_OP_NOTTAKEN(62, bltu, 0xffffffffffffffff, 0xfffffffffffffffe)
  TEST_BR2_OP_TAKEN(63, bltu, 0x000000007fffffff, 0xffffffff80000000)
  TEST_BR2_OP_NOTTAKEN(64, bltu, 0xffffffff80000000, 0x000000007fffffff)
  TEST_BR2_OP_NOTTAKEN(65, bltu, 0x0000000100000000, 0x0000000000000000)
#if __riscv_xlen == 64
  TEST_BR2_OP_NOTTAKEN(66, bltu, 0x8000000000000000, 0x7fffffffffffffff)
#else
  TEST_BR2_OP_TAKEN(66, bltu, 0x8000000000000000, 0x7fffffffffffffff)
#endif
  /* ---- bgeu ---- */
  TEST_BR2_OP_TAKEN(67, bgeu, 0x0000000000000000, 0x0000000000000000)
  TEST_BR2_OP_TAKEN(68, bgeu, 0x0000000000000001, 0x0000000000000001)
  TEST_BR2_OP_TAKEN(69, bgeu, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_BR2_OP_NOTTAKEN(70, bgeu, 0x0000000000000000, 0x0000000000000001)
  TEST_BR2_OP_TAKEN(71, bgeu, 0x0000000000000001, 0x0000000000000000)
  TEST_BR2_OP_TAKEN(72, bgeu, 0xffffffffffffffff, 0x0000000000000001)
  TEST_BR2_OP_NOTTAKEN(73, bgeu, 0x0000000000000001, 0xffffffffffffffff)
  TEST_BR2_OP_NOTTAKEN(74, bgeu, 0xfffffffffffffffe, 0xffffffffffffffff)
  TEST_BR2_OP_TAKEN(75, bgeu, 0xffffffffffffffff, 0xfffffffffffffffe)
  TEST_BR2_OP_NOTTAKEN(76, bgeu, 0x000000007fffffff, 0xffffffff80000000)
  TEST_BR2_OP_TAKEN(77, bgeu, 0xffffffff80000000, 0x000000007fffffff)
  TEST_BR2_OP_TAKEN(78, bgeu, 0x0000000100000000, 0x0000000000000000)
#if __riscv_xlen == 64
  TEST_BR2_OP_TAKEN(79, bgeu, 0x8000000000000000, 0x7fffffffffffffff)
#else
  TEST_BR2_OP_NOTTAKEN(79, bgeu, 0x8000000000000000, 0x7fffffffffffffff)
#endif

  /* ---- x0 and same-register operands ---- */
  TEST_BEGIN(100)
  beq x0, x0, 1f
  j fail
1:
  TEST_BEGIN(101)
  bne x0, x0, fail
  TEST_BEGIN(102)
  li a1, -5
  blt a1, x0, 1f
  j fail
1: blt x0, a1, fail
  TEST_BEGIN(103)
  bge x0, a1, 1f
  j fail
1: bge a1, x0, fail
  TEST_BEGIN(104)
  bltu x0, a1, 1f
  j fail
1: bltu a1, x0, fail
  TEST_BEGIN(105)
  bgeu a1, x0, 1f
  j fail
1: bgeu x0, a1, fail
  TEST_BEGIN(106)
  li a1, 17
  beq a1, a1, 1f
  j fail
1: bne a1, a1, fail
  blt a1, a1, fail
  bltu a1, a1, fail
  bge a1, a1, 1f
  j fail
1: bgeu a1, a1, 1f
  j fail
1:

  /* ---- a branch must not change any register ---- */
  TEST_CASE(107, a1, 0x1234, li a1, 0x1234; li a2, 0x1234; beq a1, a2, 1f; li a1, 0; 1:)

  /* ---- largest offsets ---- */
  TEST_BEGIN(108)
  li a1, 1
  beq a1, a1, 1f            /* +4092 */
  .rept 1022
  li a1, 2
  .endr
1:
  CHECK_REG(a1, 1)

  TEST_BEGIN(109)
  li a1, 1
  j 3f
1: j 4f                     /* reached by the -4096 branch */
  .rept 1023
  li a1, 2
  .endr
2: bne a1, x0, 1b           /* -4096 */
  j fail
3: j 2b
4:
  CHECK_REG(a1, 1)

  /* ---- hot loops ---- */
  /* sum of 0..99999 = 4999950000; number of odd i = 50000 */
  TEST_BEGIN(110)
  li a1, 0                  /* i */
  li a2, 0                  /* sum */
  li a3, 0                  /* odd count */
  li a4, 100000
1: add a2, a2, a1
  andi a5, a1, 1
  beqz a5, 2f
  addi a3, a3, 1
2: addi a1, a1, 1
  bltu a1, a4, 1b
  CHECK_REG(a3, 50000)
#if __riscv_xlen == 64
  CHECK_REG(a2, 4999950000)
#else
  CHECK_REG(a2, (4999950000 & 0xffffffff))
#endif

  /* Collatz: total steps for n = 1..3000 (every n reaches 1). */
  TEST_BEGIN(111)
  li a1, 1                  /* n */
  li a2, 0                  /* total steps */
  li a6, 3000
1: mv a3, a1
2: li a5, 1
  beq a3, a5, 4f
  andi a5, a3, 1
  bnez a5, 3f
  srli a3, a3, 1
  addi a2, a2, 1
  j 2b
3: slli a5, a3, 1
  add a3, a3, a5
  addi a3, a3, 1
  addi a2, a2, 1
  j 2b
4: addi a1, a1, 1
  bleu a1, a6, 1b
  CHECK_REG(a2, COLLATZ_3000)

RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
