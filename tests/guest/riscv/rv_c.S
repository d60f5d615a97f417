/* C extension: every integer compressed instruction for this XLEN.
 *   both:  c.addi4spn c.lw c.sw c.nop c.addi c.li c.addi16sp c.lui c.srli
 *          c.srai c.andi c.sub c.xor c.or c.and c.j c.beqz c.bnez c.slli
 *          c.lwsp c.jr c.mv c.ebreak c.jalr c.add c.swsp
 *   RV32:  c.jal
 *   RV64:  c.ld c.sd c.addiw c.subw c.addw c.ldsp c.sdsp
 * The whole file is assembled with `.option rvc`; the instructions under
 * test are written with explicit c. mnemonics so they are 16-bit. */
#include "test_macros.h"

RVTEST_CODE_BEGIN
  .option rvc

  /* ---- c.li ---- */
  TEST_CASE(2, a0, 0, li a0, 5; c.li a0, 0)
  TEST_CASE(3, a0, 31, c.li a0, 31)
  TEST_CASE(4, a0, -32, c.li a0, -32)
  TEST_CASE(5, ra, -1, c.li ra, -1)
  TEST_CASE(6, t6, 17, c.li t6, 17)

  /* ---- c.addi ---- */
  TEST_CASE(7, a0, 0x1000 + 31, li a0, 0x1000; c.addi a0, 31)
  TEST_CASE(8, a0, 0x1000 - 32, li a0, 0x1000; c.addi a0, -32)
  TEST_CASE(9, s1, 0, li s1, -1; c.addi s1, 1)
  TEST_CASE(10, t4, 0xffffffff80000000 - 1, li t4, 0xffffffff80000000; c.addi t4, -1)

  /* ---- c.lui ---- */
  TEST_CASE(11, a1, 0x1000, c.lui a1, 1)
  TEST_CASE(12, a1, 0x1f000, c.lui a1, 0x1f)
  TEST_CASE(13, a1, 0xfffffffffffff000, c.lui a1, 0xfffff)
  TEST_CASE(14, t6, 0xfffffffffffe0000, c.lui t6, 0xfffe0)
  TEST_CASE(15, ra, 0x5000, c.lui ra, 5)

  /* ---- c.mv / c.add ---- */
  TEST_CASE(16, a2, 0x12345678, li a3, 0x12345678; li a2, 0; c.mv a2, a3)
  TEST_CASE(17, t6, -7, li s0, -7; c.mv t6, s0)
  TEST_CASE(18, a2, 0x12345678 + 0x11111111, li a2, 0x12345678; li a5, 0x11111111; c.add a2, a5)
  TEST_CASE(19, s2, 0xfffffffffffffffe, li s2, -1; c.add s2, s2)
  TEST_CASE(20, a0, 0x80000000, li a0, 0x7fffffff; li t3, 1; c.add a0, t3)

  /* ---- c.sub c.xor c.or c.and (rd', rs2' in x8..x15) ---- */
  TEST_CASE(21, s0, 0xfffffffffffffffc, li s0, 3; li a5, 7; c.sub s0, a5)
  TEST_CASE(22, a5, 0, li a5, 99; c.sub a5, a5)
  TEST_CASE(23, s1, 0xf00ff00f, li s1, 0xff00ff00; li a4, 0x0f0f0f0f; c.xor s1, a4)
  TEST_CASE(24, a3, 0xff0fff0f, li a3, 0xff00ff00; li s0, 0x0f0f0f0f; c.or a3, s0)
  TEST_CASE(25, a4, 0x0f000f00, li a4, 0xff00ff00; li a1, 0x0f0f0f0f; c.and a4, a1)

  /* ---- c.andi ---- */
  TEST_CASE(26, a0, 0x1f, li a0, 0xffff; c.andi a0, 31)
  TEST_CASE(27, s0, 0xffffffffffffffe0, li s0, -1; c.andi s0, -32)
  TEST_CASE(28, a5, 0, li a5, -1; c.andi a5, 0)
  TEST_CASE(29, s1, 0x12345670, li s1, 0x12345678; c.andi s1, -16)

  /* ---- c.slli c.srli c.srai ---- */
  TEST_CASE(30, a0, 2, li a0, 1; c.slli a0, 1)
  TEST_CASE(31, t6, 0x80000000, li t6, 1; c.slli t6, 31)
  TEST_CASE(32, ra, 0xfffffffffffff000, li ra, -1; c.slli ra, 12)
  TEST_CASE(33, a0, 0x0000000040000000, li a0, 0x80000000; c.srli a0, 1)
  TEST_CASE(34, s0, 1, li s0, 0x80000000; c.srli s0, 31)
  TEST_CASE(35, a1, 0x00000000000000ff, li a1, 0x0000ff00; c.srli a1, 8)
  TEST_CASE(36, a5, 0xfffffffffffff800, li a5, 0xffffffffffff0000; c.srai a5, 5)
  TEST_CASE(37, a2, 0x0000000000000fff, li a2, 0x0000ffff; c.srai a2, 4)
#if __riscv_xlen == 64
  TEST_CASE(38, a0, 0x8000000000000000, li a0, 1; c.slli a0, 63)
  TEST_CASE(39, a0, 0x0000000100000000, li a0, 1; c.slli a0, 32)
  TEST_CASE(40, a1, 1, li a1, 0x8000000000000000; c.srli a1, 63)
  TEST_CASE(41, a2, 0xffffffffffffffff, li a2, 0x8000000000000000; c.srai a2, 63)
  TEST_CASE(42, s1, 0xffffffff80000000, li s1, 0x8000000000000000; c.srai s1, 32)
  TEST_CASE(43, s0, 0x0000000080000000, li s0, 0x8000000000000000; c.srli s0, 32)
#else
  TEST_CASE(38, a1, 0xffffffff, li a1, 0x80000000; c.srai a1, 31)
  TEST_CASE(39, a0, 0x80000000, li a0, 0x80000001; c.slli a0, 31)
#endif

  /* ---- c.addi16sp / c.addi4spn ---- */
  TEST_BEGIN(50)
  mv s2, sp
  la sp, c_area + 1024
  c.addi16sp sp, -512
  la a0, c_area + 512
  bne sp, a0, fail
  c.addi16sp sp, 496
  la a0, c_area + 1008
  bne sp, a0, fail
  c.addi16sp sp, 16
  la a0, c_area + 1024
  bne sp, a0, fail
  c.addi16sp sp, -16
  la a0, c_area + 1008
  bne sp, a0, fail
  TEST_BEGIN(51)
  la sp, c_area
  c.addi4spn a0, sp, 4
  la a1, c_area + 4
  bne a0, a1, fail
  c.addi4spn s0, sp, 1020
  la a1, c_area + 1020
  bne s0, a1, fail
  c.addi4spn a5, sp, 256
  la a1, c_area + 256
  bne a5, a1, fail
  mv sp, s2

  /* ---- c.lw / c.sw ---- */
  TEST_BEGIN(52)
  la a0, c_area
  li a1, 0x80000001
  c.sw a1, 0(a0)
  li a2, 0x7ffffff0
  c.sw a2, 124(a0)
  c.lw a3, 0(a0)
  CHECK_REG(a3, 0xffffffff80000001)   /* sign-extended on RV64 */
  c.lw a4, 124(a0)
  CHECK_REG(a4, 0x7ffffff0)
  lw a5, 124(a0)
  CHECK_REG(a5, 0x7ffffff0)
  la s1, c_area + 64
  c.sw a1, 60(s1)
  c.lw s0, 60(s1)
  CHECK_REG(s0, 0xffffffff80000001)
  c.lw s1, 4(s1)                       /* rd == base */
  la a0, c_area + 68
  lw a0, 0(a0)
  bne s1, a0, fail

  /* ---- c.lwsp / c.swsp ---- */
  TEST_BEGIN(53)
  mv s2, sp
  la sp, c_area
  li a1, 0xcafe
  c.swsp a1, 0(sp)
  li t6, 0xfffffff0
  c.swsp t6, 252(sp)
  c.lwsp ra, 0(sp)
  CHECK_REG(ra, 0xcafe)
  c.lwsp t5, 252(sp)
  mv sp, s2
  CHECK_REG(t5, 0xfffffffffffffff0)
  la a0, c_area
  lw a2, 252(a0)
  CHECK_REG(a2, 0xfffffffffffffff0)

#if __riscv_xlen == 64
  /* ---- c.ld / c.sd / c.ldsp / c.sdsp ---- */
  TEST_BEGIN(54)
  la a0, c_area
  li a1, 0x0123456789abcdef
  c.sd a1, 0(a0)
  li a2, 0xfedcba9876543210
  c.sd a2, 248(a0)
  c.ld a3, 0(a0)
  bne a3, a1, fail
  c.ld a4, 248(a0)
  bne a4, a2, fail
  ld a5, 248(a0)
  bne a5, a2, fail
  lw a5, 4(a0)
  CHECK_REG(a5, 0x01234567)
  TEST_BEGIN(55)
  mv s2, sp
  la sp, c_area
  li a1, 0x1122334455667788
  c.sdsp a1, 8(sp)
  c.sdsp a1, 504(sp)
  c.ldsp t6, 504(sp)
  c.ldsp ra, 8(sp)
  mv sp, s2
  bne t6, a1, fail
  bne ra, a1, fail

  /* ---- c.addiw c.addw c.subw ---- */
  TEST_CASE(56, a0, 0xffffffff80000000, li a0, 0x7fffffff; c.addiw a0, 1)
  TEST_CASE(57, a0, 0xffffffffffffffff, li a0, 0x00000000ffffffff; c.addiw a0, 0)   /* sext.w */
  TEST_CASE(58, t6, 0x0000000000000010, li t6, 0x1234567800000030; c.addiw t6, -32)
  TEST_CASE(59, ra, 31, li ra, 0; c.addiw ra, 31)
  TEST_CASE(60, a1, 0xffffffff80000000, li a1, 0x7fffffff; li a2, 1; c.addw a1, a2)
  TEST_CASE(61, s0, 0x0000000000000002, li s0, 0x100000001; li s1, 0x200000001; c.addw s0, s1)
  TEST_CASE(62, a3, 0x000000007fffffff, li a3, 0xffffffff80000000; li a4, 1; c.subw a3, a4)
  TEST_CASE(63, a5, 0xffffffffffffffff, li a5, 0x100000000; li a0, 1; c.subw a5, a0)
#endif

  /* ---- c.nop ---- */
  TEST_CASE(64, a0, 9, li a0, 9; c.nop; c.nop; c.nop)

  /* ---- c.j ---- */
  TEST_BEGIN(65)
  li a0, 1
  c.j 2f
1: li a0, 3
  c.j 3f
2: li a0, 2
  c.j 1b
3: CHECK_REG(a0, 3)

  /* ---- c.beqz / c.bnez ---- */
  c.j 1f
fail_near:                   /* within c.beqz/c.bnez range of test 66 */
  j fail
1:
  TEST_BEGIN(66)
  li s0, 0
  c.beqz s0, 1f
  j fail
1: c.bnez s0, fail_near
  li a5, 1
  c.bnez a5, 2f
  j fail
2: c.beqz a5, fail_near
  li s1, -1
  c.beqz s1, fail_near
  c.bnez s1, 3f
  j fail
3:
  /* backward, as a loop: count 10 down to 0 */
  TEST_BEGIN(67)
  li a4, 10
  li a2, 0
1: c.addi a2, 3
  c.addi a4, -1
  c.bnez a4, 1b
  CHECK_REG(a2, 30)
  li a4, 0
  c.j 3f
2: c.addi a4, 1
3: c.beqz a4, 2b
  CHECK_REG(a4, 1)

  /* ---- c.jr / c.jalr ---- */
  TEST_BEGIN(68)
  la a1, 1f
  li a0, 1
  c.jr a1
  li a0, 2
1: CHECK_REG(a0, 1)
  TEST_BEGIN(69)
  la t0, 1f
  li ra, 0
  c.jalr t0
2: j fail
1: la a2, 2b                 /* link = address of c.jalr + 2 */
  bne ra, a2, fail
  TEST_BEGIN(70)
  la ra, 1f
  c.jalr ra                  /* rd == rs1: jumps to the old ra */
2: j fail
1: la a2, 2b
  bne ra, a2, fail

#if __riscv_xlen == 32
  /* ---- c.jal (RV32 only) ---- */
  TEST_BEGIN(71)
  li ra, 0
  c.jal 1f
2: j fail
1: la a2, 2b
  bne ra, a2, fail
  TEST_BEGIN(72)
  li a0, 20
  c.jal c_double
  CHECK_REG(a0, 40)
#endif

  /* ---- c.ebreak: breakpoint, mepc at the 16-bit instruction ---- */
  TEST_TRAP(73, CAUSE_BREAKPOINT, c.ebreak)

  /* ---- a hot loop made of mixed 16/32-bit code: sum of squares ---- */
  TEST_BEGIN(74)
  li a0, 0                   /* i */
  li a1, 0                   /* acc */
  li a3, 5000
1: mv a2, a0
  mul a2, a2, a2
  c.add a1, a2
  c.addi a0, 1
  blt a0, a3, 1b
#if __riscv_xlen == 64
  CHECK_REG(a1, 41654167500)
#else
  CHECK_REG(a1, (41654167500 & 0xffffffff))
#endif

  j 9f
c_double:
  c.add a0, a0
  c.jr ra
9:

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .balign 16
c_area: .skip 1024
RVTEST_DATA_END
