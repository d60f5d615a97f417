/* A extension: lr/sc (success, failure without a reservation, failure after
 * the reservation was used, failure on another address, a CAS-style retry
 * loop), every AMO in .w and (RV64) .d form with the .aq/.rl/.aqrl
 * orderings spread over them, rd == x0, rd == rs2, and 32-bit AMOs on RV64
 * ignoring the upper half of rs2 and sign-extending the old value. */
#include "test_macros.h"

/* mem = mem0; rd = inst(rs2 = src, (amo_data)); check rd and the new mem. */
#define TEST_AMO(testnum, inst, ld, st, mem0, src, rd_exp, mem_exp) \
  TEST_BEGIN(testnum) \
  la a0, amo_data; \
  li a1, MASK_XLEN(mem0); \
  st a1, 0(a0); \
  li a2, MASK_XLEN(src); \
  inst a3, a2, (a0); \
  CHECK_REG(a3, rd_exp) \
  ld a4, 0(a0); \
  CHECK_REG(a4, mem_exp) \
  CHECK_REG(a2, src)

RVTEST_CODE_BEGIN

  /* ---- sc without a reservation fails and does not store ---- */
  TEST_BEGIN(100)
  la a0, amo_data
  li a1, 111
  sw a1, 0(a0)
  li a2, 222
  sc.w a3, a2, (a0)
  beqz a3, fail
  lw a4, 0(a0)
  CHECK_REG(a4, 111)

  /* ---- lr/sc succeeds: sc writes 0 to rd and stores ---- */
  TEST_BEGIN(101)
  la a0, amo_data
  li a1, 0x80000123
  sw a1, 0(a0)
  lr.w a3, (a0)
  CHECK_REG(a3, 0xffffffff80000123)   /* sign-extended on RV64 */
  li a2, 333
  sc.w a4, a2, (a0)
  CHECK_REG(a4, 0)
  lw a5, 0(a0)
  CHECK_REG(a5, 333)

  /* ---- the reservation is gone after an sc ---- */
  TEST_BEGIN(102)
  li a2, 444
  sc.w a4, a2, (a0)
  beqz a4, fail
  lw a5, 0(a0)
  CHECK_REG(a5, 333)

  /* ---- sc to an address other than the reserved one fails ---- */
  TEST_BEGIN(103)
  la a0, amo_data
  la a1, amo_other
  sw zero, 0(a1)
  lr.w a3, (a0)
  li a2, 555
  sc.w a4, a2, (a1)
  beqz a4, fail
  lw a5, 0(a1)
  CHECK_REG(a5, 0)

  /* ---- orderings and rd = x0 forms assemble and work ---- */
  TEST_BEGIN(104)
  la a0, amo_data
  li a1, 10
  sw a1, 0(a0)
  lr.w.aq a3, (a0)
  addi a3, a3, 1
  sc.w.rl a4, a3, (a0)
  CHECK_REG(a4, 0)
  lr.w.aqrl a3, (a0)
  addi a3, a3, 1
  sc.w.aqrl a4, a3, (a0)
  CHECK_REG(a4, 0)
  lr.w a3, (a0)
  addi a3, a3, 1
  sc.w.aq x0, a3, (a0)     /* success status discarded */
  lw a5, 0(a0)
  CHECK_REG(a5, 13)
  li a1, 7
  amoadd.w x0, a1, (a0)
  lw a5, 0(a0)
  CHECK_REG(a5, 20)

  /* ---- rd == rs2: rd gets the old value, memory the old rs2 ---- */
  TEST_BEGIN(105)
  la a0, amo_data
  li a1, 0x1234
  sw a1, 0(a0)
  li a2, 0x5678
  amoswap.w a2, a2, (a0)
  CHECK_REG(a2, 0x1234)
  lw a5, 0(a0)
  CHECK_REG(a5, 0x5678)
  li a2, 0x1111
  amoadd.w.aqrl a2, a2, (a0)
  CHECK_REG(a2, 0x5678)
  lw a5, 0(a0)
  CHECK_REG(a5, 0x6789)

  /* ---- an atomic increment loop with lr/sc retry, hot ---- */
  TEST_BEGIN(106)
  la a0, amo_data
  sw zero, 0(a0)
  li a1, 20000
1: lr.w a3, (a0)
  addi a3, a3, 3
  sc.w a4, a3, (a0)
  bnez a4, 1b
  addi a1, a1, -1
  bnez a1, 1b
  lw a5, 0(a0)
  CHECK_REG(a5, 60000)

#if __riscv_xlen == 64
  /* ---- RV64 lr.d / sc.d ---- */
  TEST_BEGIN(107)
  la a0, amo_data
  li a1, 0x0123456789abcdef
  sd a1, 0(a0)
  li a2, 1
  sc.d a3, a2, (a0)
  beqz a3, fail
  lr.d a3, (a0)
  bne a3, a1, fail
  li a2, 0xfedcba9876543210
  sc.d a4, a2, (a0)
  CHECK_REG(a4, 0)
  ld a5, 0(a0)
  bne a5, a2, fail
  lr.d.aqrl a3, (a0)
  sc.d.aqrl a4, a1, (a0)
  CHECK_REG(a4, 0)
  lr.d.aq a3, (a0)
  sc.d.rl a4, a2, (a0)
  CHECK_REG(a4, 0)
  ld a5, 0(a0)
  bne a5, a2, fail

  /* ---- a .w AMO touches only 4 bytes ---- */
  TEST_BEGIN(108)
  la a0, amo_data
  li a1, -1
  sd a1, 0(a0)
  li a2, 0x7fffffff00000001
  amoadd.w a3, a2, (a0)
  CHECK_REG(a3, -1)
  ld a5, 0(a0)
  CHECK_REG(a5, 0xffffffff00000000)
  addi a4, a0, 4
  amoswap.w a3, a2, (a4)
  CHECK_REG(a3, 0xffffffffffffffff)
  ld a5, 0(a0)
  CHECK_REG(a5, 0x0000000100000000)
#endif

  /* ---- amo*.w ---- */
  TEST_AMO(2, amoswap.w, lw, sw, 0x00000000ffff0001, 0xffffffff80000000, 0xffffffffffff0001, 0xffffffff80000000)
  TEST_AMO(3, amoswap.w.aq, lw, sw, 0x000000007fffffff, 0x0000000000000001, 0x000000007fffffff, 0x0000000000000001)
  TEST_AMO(4, amoswap.w.rl, lw, sw, 0xfffffffffffffffe, 0x0000000000000005, 0xfffffffffffffffe, 0x0000000000000005)
  TEST_AMO(5, amoswap.w.aqrl, lw, sw, 0x123456789abcdef0, 0xfedcba9876543210, 0xffffffff9abcdef0, 0x0000000076543210)
  TEST_AMO(6, amoadd.w.aq, lw, sw, 0x00000000ffff0001, 0xffffffff80000000, 0xffffffffffff0001, 0x000000007fff0001)
  TEST_AMO(7, amoadd.w.rl, lw, sw, 0x000000007fffffff, 0x0000000000000001, 0x000000007fffffff, 0xffffffff80000000)
  TEST_AMO(8, amoadd.w.aqrl, lw, sw, 0xfffffffffffffffe, 0x0000000000000005, 0xfffffffffffffffe, 0x0000000000000003)
  TEST_AMO(9, amoadd.w, lw, sw, 0x123456789abcdef0, 0xfedcba9876543210, 0xffffffff9abcdef0, 0x0000000011111100)
  TEST_AMO(10, amoxor.w.rl, lw, sw, 0x00000000ffff0001, 0xffffffff80000000, 0xffffffffffff0001, 0x000000007fff0001)
  TEST_AMO(11, amoxor.w.aqrl, lw, sw, 0x000000007fffffff, 0x0000000000000001, 0x000000007fffffff, 0x000000007ffffffe)
  TEST_AMO(12, amoxor.w, lw, sw, 0xfffffffffffffffe, 0x0000000000000005, 0xfffffffffffffffe, 0xfffffffffffffffb)
  TEST_AMO(13, amoxor.w.aq, lw, sw, 0x123456789abcdef0, 0xfedcba9876543210, 0xffffffff9abcdef0, 0xffffffffece8ece0)
  TEST_AMO(14, amoand.w.aqrl, lw, sw, 0x00000000ffff0001, 0xffffffff80000000, 0xffffffffffff0001, 0xffffffff80000000)
  TEST_AMO(15, amoand.w, lw, sw, 0x000000007fffffff, 0x0000000000000001, 0x000000007fffffff, 0x0000000000000001)
  TEST_AMO(16, amoand.w.aq, lw, sw, 0xfffffffffffffffe, 0x0000000000000005, 0xfffffffffffffffe, 0x0000000000000004)
  TEST_AMO(17, amoand.w.rl, lw, sw, 0x123456789abcdef0, 0xfedcba9876543210, 0xffffffff9abcdef0, 0x0000000012141210)
  TEST_AMO(18, amoor.w, lw, sw, 0x00000000ffff0001, 0xffffffff80000000, 0xffffffffffff0001, 0xffffffffffff0001)
  TEST_AMO(19, amoor.w.aq, lw, sw, 0x000000007fffffff, 0x0000000000000001, 0x000000007fffffff, 0x000000007fffffff)
  TEST_AMO(20, amoor.w.rl, lw, sw, 0xfffffffffffffffe, 0x0000000000000005, 0xfffffffffffffffe, 0xffffffffffffffff)
  TEST_AMO(21, amoor.w.aqrl, lw, sw, 0x123456789abcdef0, 0xfedcba9876543210, 0xffffffff9abcdef0, 0xfffffffffefcfef0)
  TEST_AMO(22, amomin.w.aq, lw, sw, 0x00000000ffff0001, 0xffffffff80000000, 0xffffffffffff0001, 0xffffffff80000000)
  TEST_AMO(23, amomin.w.rl, lw, sw, 0x000000007fffffff, 0x0000000000000001, 0x000000007fffffff, 0x0000000000000001)
  TEST_AMO(24, amomin.w.aqrl, lw, sw, 0xfffffffffffffffe, 0x0000000000000005, 0xfffffffffffffffe, 0xfffffffffffffffe)
  TEST_AMO(25, amomin.w, lw, sw, 0x123456789abcdef0, 0xfedcba9876543210, 0xffffffff9abcdef0, 0xffffffff9abcdef0)
  TEST_AMO(26, amomax.w.rl, lw, sw, 0x00000000ffff0001, 0xffffffff80000000, 0xffffffffffff0001, 0xffffffffffff0001)
  TEST_AMO(27, amomax.w.aqrl, lw, sw, 0x000000007fffffff, 0x0000000000000001, 0x000000007fffffff, 0x000000007fffffff)
  TEST_AMO(28, amomax.w, lw, sw, 0xfffffffffffffffe, 0x0000000000000005, 0xfffffffffffffffe, 0x0000000000000005)
  TEST_AMO(29, amomax.w.aq, lw, sw, 0x123456789abcdef0, 0xfedcba9876543210, 0xffffffff9abcdef0, 0x0000000076543210)
  TEST_AMO(30, amominu.w.aqrl, lw, sw, 0x00000000ffff0001, 0xffffffff80000000, 0xffffffffffff0001, 0xffffffff80000000)
  TEST_AMO(31, amominu.w, lw, sw, 0x000000007fffffff, 0x0000000000000001, 0x000000007fffffff, 0x0000000000000001)
  TEST_AMO(32, amominu.w.aq, lw, sw, 0xfffffffffffffffe, 0x0000000000000005, 0xfffffffffffffffe, 0x0000000000000005)
  TEST_AMO(33, amominu.w.rl, lw, sw, 0x123456789abcdef0, 0xfedcba9876543210, 0xffffffff9abcdef0, 0x0000000076543210)
  TEST_AMO(34, amomaxu.w, lw, sw, 0x00000000ffff0001, 0xffffffff80000000, 0xffffffffffff0001, 0xffffffffffff0001)
  TEST_AMO(35, amomaxu.w.aq, lw, sw, 0x000000007fffffff, 0x0000000000000001, 0x000000007fffffff, 0x000000007fffffff)
  TEST_AMO(36, amomaxu.w.rl, lw, sw, 0xfffffffffffffffe, 0x0000000000000005, 0xfffffffffffffffe, 0xfffffffffffffffe)
  TEST_AMO(37, amomaxu.w.aqrl, lw, sw, 0x123456789abcdef0, 0xfedcba9876543210, 0xffffffff9abcdef0, 0xffffffff9abcdef0)
#if __riscv_xlen == 64
  /* ---- amo*.d ---- */
  TEST_AMO(38, amoswap.d, ld, sd, 0x00000000ffff0001, 0xffffffff80000000, 0x00000000ffff0001, 0xffffffff80000000)
  TEST_AMO(39, amoswap.d.aq, ld, sd, 0x000000007fffffff, 0x0000000000000001, 0x000000007fffffff, 0x0000000000000001)
  TEST_AMO(40, amoswap.d.rl, ld, sd, 0xfffffffffffffffe, 0x0000000000000005, 0xfffffffffffffffe, 0x0000000000000005)
  TEST_AMO(41, amoswap.d.aqrl, ld, sd, 0x123456789abcdef0, 0xfedcba9876543210, 0x123456789abcdef0, 0xfedcba9876543210)
  TEST_AMO(42, amoadd.d.aq, ld, sd, 0x00000000ffff0001, 0xffffffff80000000, 0x00000000ffff0001, 0x000000007fff0001)
  TEST_AMO(43, amoadd.d.rl, ld, sd, 0x000000007fffffff, 0x0000000000000001, 0x000000007fffffff, 0x0000000080000000)
  TEST_AMO(44, amoadd.d.aqrl, ld, sd, 0xfffffffffffffffe, 0x0000000000000005, 0xfffffffffffffffe, 0x0000000000000003)
  TEST_AMO(45, amoadd.d, ld, sd, 0x123456789abcdef0, 0xfedcba9876543210, 0x123456789abcdef0, 0x1111111111111100)
  TEST_AMO(46, amoxor.d.rl, ld, sd, 0x00000000ffff0001, 0xffffffff80000000, 0x00000000ffff0001, 0xffffffff7fff0001)
  TEST_AMO(47, amoxor.d.aqrl, ld, sd, 0x000000007fffffff, 0x0000000000000001, 0x000000007fffffff, 0x000000007ffffffe)
  TEST_AMO(48, amoxor.d, ld, sd, 0xfffffffffffffffe, 0x0000000000000005, 0xfffffffffffffffe, 0xfffffffffffffffb)
  TEST_AMO(49, amoxor.d.aq, ld, sd, 0x123456789abcdef0, 0xfedcba9876543210, 0x123456789abcdef0, 0xece8ece0ece8ece0)
  TEST_AMO(50, amoand.d.aqrl, ld, sd, 0x00000000ffff0001, 0xffffffff80000000, 0x00000000ffff0001, 0x0000000080000000)
  TEST_AMO(51, amoand.d, ld, sd, 0x000000007fffffff, 0x0000000000000001, 0x000000007fffffff, 0x0000000000000001)
  TEST_AMO(52, amoand.d.aq, ld, sd, 0xfffffffffffffffe, 0x0000000000000005, 0xfffffffffffffffe, 0x0000000000000004)
  TEST_AMO(53, amoand.d.rl, ld, sd, 0x123456789abcdef0, 0xfedcba9876543210, 0x123456789abcdef0, 0x1214121812141210)
  TEST_AMO(54, amoor.d, ld, sd, 0x00000000ffff0001, 0xffffffff80000000, 0x00000000ffff0001, 0xffffffffffff0001)
  TEST_AMO(55, amoor.d.aq, ld, sd, 0x000000007fffffff, 0x0000000000000001, 0x000000007fffffff, 0x000000007fffffff)
  TEST_AMO(56, amoor.d.rl, ld, sd, 0xfffffffffffffffe, 0x0000000000000005, 0xfffffffffffffffe, 0xffffffffffffffff)
  TEST_AMO(57, amoor.d.aqrl, ld, sd, 0x123456789abcdef0, 0xfedcba9876543210, 0x123456789abcdef0, 0xfefcfef8fefcfef0)
  TEST_AMO(58, amomin.d.aq, ld, sd, 0x00000000ffff0001, 0xffffffff80000000, 0x00000000ffff0001, 0xffffffff80000000)
  TEST_AMO(59, amomin.d.rl, ld, sd, 0x000000007fffffff, 0x0000000000000001, 0x000000007fffffff, 0x0000000000000001)
  TEST_AMO(60, amomin.d.aqrl, ld, sd, 0xfffffffffffffffe, 0x0000000000000005, 0xfffffffffffffffe, 0xfffffffffffffffe)
  TEST_AMO(61, amomin.d, ld, sd, 0x123456789abcdef0, 0xfedcba9876543210, 0x123456789abcdef0, 0xfedcba9876543210)
  TEST_AMO(62, amomax.d.rl, ld, sd, 0x00000000ffff0001, 0xffffffff80000000, 0x00000000ffff0001, 0x00000000ffff0001)
  TEST_AMO(63, amomax.d.aqrl, ld, sd, 0x000000007fffffff, 0x0000000000000001, 0x000000007fffffff, 0x000000007fffffff)
  TEST_AMO(64, amomax.d, ld, sd, 0xfffffffffffffffe, 0x0000000000000005, 0xfffffffffffffffe, 0x0000000000000005)
  TEST_AMO(65, amomax.d.aq, ld, sd, 0x123456789abcdef0, 0xfedcba9876543210, 0x123456789abcdef0, 0x123456789abcdef0)
  TEST_AMO(66, amominu.d.aqrl, ld, sd, 0x00000000ffff0001, 0xffffffff80000000, 0x00000000ffff0001, 0x00000000ffff0001)
  TEST_AMO(67, amominu.d, ld, sd, 0x000000007fffffff, 0x0000000000000001, 0x000000007fffffff, 0x0000000000000001)
  TEST_AMO(68, amominu.d.aq, ld, sd, 0xfffffffffffffffe, 0x0000000000000005, 0xfffffffffffffffe, 0x0000000000000005)
  TEST_AMO(69, amominu.d.rl, ld, sd, 0x123456789abcdef0, 0xfedcba9876543210, 0x123456789abcdef0, 0x123456789abcdef0)
  TEST_AMO(70, amomaxu.d, ld, sd, 0x00000000ffff0001, 0xffffffff80000000, 0x00000000ffff0001, 0xffffffff80000000)
  TEST_AMO(71, amomaxu.d.aq, ld, sd, 0x000000007fffffff, 0x0000000000000001, 0x000000007fffffff, 0x000000007fffffff)
  TEST_AMO(72, amomaxu.d.rl, ld, sd, 0xfffffffffffffffe, 0x0000000000000005, 0xfffffffffffffffe, 0xfffffffffffffffe)
  TEST_AMO(73, amomaxu.d.aqrl, ld, sd, 0x123456789abcdef0, 0xfedcba9876543210, 0x123456789abcdef0, 0xfedcba9876543210)
#endif

RVTEST_CODE_END

RVTEST_DATA_BEGIN
  .balign 64
amo_data: .dword 0, 0
  .balign 64
  .skip 64
amo_other: .dword 0, 0
RVTEST_DATA_END
