/* Loads and stores: lb lbu lh lhu lw sb sh sw, RV64: lwu ld sd; sign and
 * zero extension, negative and +-2K offsets, destination == base,
 * little-endian byte order, partial stores leave neighbours alone, x0 as
 * load destination and store source; fence variants; a hot copy loop. */
#include "test_macros.h"

#if __riscv_xlen == 64
# define lwu_or_lw lwu
# define ZEXT32(r) slli r, r, 32; srli r, r, 32
#else
# define lwu_or_lw lw
# define ZEXT32(r)
#endif
#define COPY_CHECKSUM 0x793d503a   /* rotl5-xor checksum of the 1024 LCG words */

RVTEST_CODE_BEGIN

  /* ---- lb ---- */
  TEST_LD_OP(2, lb, 0xffffffffffffffff, 0, tdat_b)
  TEST_LD_OP(3, lb, 0x0000000000000000, 1, tdat_b)
  TEST_LD_OP(4, lb, 0xfffffffffffffff0, 2, tdat_b)
  TEST_LD_OP(5, lb, 0x000000000000000f, 3, tdat_b)
  TEST_LD_OP(6, lb, 0xffffffffffffffff, -3, tdat_b+3)
  TEST_LD_OP(7, lb, 0x0000000000000000, -2, tdat_b+3)
  TEST_LD_OP(8, lb, 0xfffffffffffffff0, -1, tdat_b+3)
  TEST_LD_OP(9, lb, 0x000000000000000f, 0, tdat_b+3)
  TEST_LD_OP(10, lb, 0x0000000000000000, 2047, tdat_b-2046)
  TEST_LD_OP(11, lb, 0x0000000000000000, -2048, tdat_b+2049)
  TEST_LD_DEST_EQ_BASE(12, lb, 0xfffffffffffffff0, 2, tdat_b)
  /* ---- lbu ---- */
  TEST_LD_OP(13, lbu, 0x00000000000000ff, 0, tdat_b)
  TEST_LD_OP(14, lbu, 0x0000000000000000, 1, tdat_b)
  TEST_LD_OP(15, lbu, 0x00000000000000f0, 2, tdat_b)
  TEST_LD_OP(16, lbu, 0x000000000000000f, 3, tdat_b)
  TEST_LD_OP(17, lbu, 0x00000000000000ff, -3, tdat_b+3)
  TEST_LD_OP(18, lbu, 0x0000000000000000, -2, tdat_b+3)
  TEST_LD_OP(19, lbu, 0x00000000000000f0, -1, tdat_b+3)
  TEST_LD_OP(20, lbu, 0x000000000000000f, 0, tdat_b+3)
  TEST_LD_OP(21, lbu, 0x0000000000000000, 2047, tdat_b-2046)
  TEST_LD_OP(22, lbu, 0x0000000000000000, -2048, tdat_b+2049)
  TEST_LD_DEST_EQ_BASE(23, lbu, 0x00000000000000f0, 2, tdat_b)
  /* ---- lh ---- */
  TEST_LD_OP(24, lh, 0x00000000000000ff, 0, tdat_h)
  TEST_LD_OP(25, lh, 0xffffffffffffff00, 2, tdat_h)
  TEST_LD_OP(26, lh, 0x0000000000000ff0, 4, tdat_h)
  TEST_LD_OP(27, lh, 0xfffffffffffff00f, 6, tdat_h)
  TEST_LD_OP(28, lh, 0x00000000000000ff, -6, tdat_h+6)
  TEST_LD_OP(29, lh, 0xffffffffffffff00, -4, tdat_h+6)
  TEST_LD_OP(30, lh, 0x0000000000000ff0, -2, tdat_h+6)
  TEST_LD_OP(31, lh, 0xfffffffffffff00f, 0, tdat_h+6)
  TEST_LD_OP(32, lh, 0xffffffffffffff00, 2047, tdat_h-2045)
  TEST_LD_OP(33, lh, 0xffffffffffffff00, -2048, tdat_h+2050)
  TEST_LD_DEST_EQ_BASE(34, lh, 0x0000000000000ff0, 4, tdat_h)
  /* ---- lhu ---- */
  TEST_LD_OP(35, lhu, 0x00000000000000ff, 0, tdat_h)
  TEST_LD_OP(36, lhu, 0x000000000000ff00, 2, tdat_h)
  TEST_LD_OP(37, lhu, 0x0000000000000ff0, 4, tdat_h)
  TEST_LD_OP(38, lhu, 0x000000000000f00f, 6, tdat_h)
  TEST_LD_OP(39, lhu, 0x00000000000000ff, -6, tdat_h+6)
  TEST_LD_OP(40, lhu, 0x000000000000ff00, -4, tdat_h+6)
  TEST_LD_OP(41, lhu, 0x0000000000000ff0, -2, tdat_h+6)
  TEST_LD_OP(42, lhu, 0x000000000000f00f, 0, tdat_h+6)
  TEST_LD_OP(43, lhu, 0x000000000000ff00, 2047, tdat_h-2045)
  TEST_LD_OP(44, lhu, 0x000000000000ff00, -2048, tdat_h+2050)
  TEST_LD_DEST_EQ_BASE(45, lhu, 0x0000000000000ff0, 4, tdat_h)
  /* ---- lw ---- */
  TEST_LD_OP(46, lw, 0x0000000000ff00ff, 0, tdat_w)
  TEST_LD_OP(47, lw, 0xffffffffff00ff00, 4, tdat_w)
  TEST_LD_OP(48, lw, 0x000000000ff00ff0, 8, tdat_w)
  TEST_LD_OP(49, lw, 0xfffffffff00ff00f, 12, tdat_w)
  TEST_LD_OP(50, lw, 0x0000000000ff00ff, -12, tdat_w+12)
  TEST_LD_OP(51, lw, 0xffffffffff00ff00, -8, tdat_w+12)
  TEST_LD_OP(52, lw, 0x000000000ff00ff0, -4, tdat_w+12)
  TEST_LD_OP(53, lw, 0xfffffffff00ff00f, 0, tdat_w+12)
  TEST_LD_OP(54, lw, 0xffffffffff00ff00, 2047, tdat_w-2043)
  TEST_LD_OP(55, lw, 0xffffffffff00ff00, -2048, tdat_w+2052)
  TEST_LD_DEST_EQ_BASE(56, lw, 0x000000000ff00ff0, 8, tdat_w)
#if __riscv_xlen == 64
  /* ---- lwu ---- */
  TEST_LD_OP(57, lwu, 0x0000000000ff00ff, 0, tdat_w)
  TEST_LD_OP(58, lwu, 0x00000000ff00ff00, 4, tdat_w)
  TEST_LD_OP(59, lwu, 0x000000000ff00ff0, 8, tdat_w)
  TEST_LD_OP(60, lwu, 0x00000000f00ff00f, 12, tdat_w)
  TEST_LD_OP(61, lwu, 0x0000000000ff00ff, -12, tdat_w+12)
  TEST_LD_OP(62, lwu, 0x00000000ff00ff00, -8, tdat_w+12)
  TEST_LD_OP(63, lwu, 0x000000000ff00ff0, -4, tdat_w+12)
  TEST_LD_OP(64, lwu, 0x00000000f00ff00f, 0, tdat_w+12)
  TEST_LD_OP(65, lwu, 0x00000000ff00ff00, 2047, tdat_w-2043)
  TEST_LD_OP(66, lwu, 0x00000000ff00ff00, -2048, tdat_w+2052)
  TEST_LD_DEST_EQ_BASE(67, lwu, 0x000000000ff00ff0, 8, tdat_w)
  /* ---- ld ---- */
  TEST_LD_OP(68, ld, 0x00ff00ff00ff00ff, 0, tdat_d)
  TEST_LD_OP(69, ld, 0xff00ff00ff00ff00, 8, tdat_d)
  TEST_LD_OP(70, ld, 0x0ff00ff00ff00ff0, 16, tdat_d)
  TEST_LD_OP(71, ld, 0xf00ff00ff00ff00f, 24, tdat_d)
  TEST_LD_OP(72, ld, 0x00ff00ff00ff00ff, -24, tdat_d+24)
  TEST_LD_OP(73, ld, 0xff00ff00ff00ff00, -16, tdat_d+24)
  TEST_LD_OP(74, ld, 0x0ff00ff00ff00ff0, -8, tdat_d+24)
  TEST_LD_OP(75, ld, 0xf00ff00ff00ff00f, 0, tdat_d+24)
  TEST_LD_OP(76, ld, 0xff00ff00ff00ff00, 2047, tdat_d-2039)
  TEST_LD_OP(77, ld, 0xff00ff00ff00ff00, -2048, tdat_d+2056)
  TEST_LD_DEST_EQ_BASE(78, ld, 0x0ff00ff00ff00ff0, 16, tdat_d)
#endif
  /* ---- sb ---- */
  TEST_ST_OP(79, lb, sb, 0xffffffffffffffaa, 0, tdat_st)
  TEST_ST_OP(80, lb, sb, 0x0000000000000000, 1, tdat_st)
  TEST_ST_OP(81, lb, sb, 0x000000000000005a, 2, tdat_st)
  TEST_ST_OP(82, lb, sb, 0xffffffffffffffa0, 3, tdat_st)
  TEST_ST_OP(83, lb, sb, 0xfffffffffffffffe, 4, tdat_st)
  TEST_ST_OP(84, lb, sb, 0xffffffffffffffaa, -1, tdat_st+4)
  TEST_ST_OP(85, lb, sb, 0xffffffffffffffaa, 2047, tdat_st-2046)
  TEST_ST_OP(86, lb, sb, 0xffffffffffffffaa, -2048, tdat_st+2050)
  /* ---- sh ---- */
  TEST_ST_OP(87, lh, sh, 0x00000000000000aa, 0, tdat_st)
  TEST_ST_OP(88, lh, sh, 0xffffffffffffaa00, 2, tdat_st)
  TEST_ST_OP(89, lh, sh, 0x0000000000000aa0, 4, tdat_st)
  TEST_ST_OP(90, lh, sh, 0xffffffffffffa00a, 6, tdat_st)
  TEST_ST_OP(91, lh, sh, 0xffffffffffff8001, 8, tdat_st)
  TEST_ST_OP(92, lh, sh, 0x00000000000000aa, -2, tdat_st+8)
  TEST_ST_OP(93, lh, sh, 0x00000000000000aa, 2047, tdat_st-2045)
  TEST_ST_OP(94, lh, sh, 0x00000000000000aa, -2048, tdat_st+2052)
  /* ---- sw ---- */
  TEST_ST_OP(95, lw, sw, 0x0000000000aa00aa, 0, tdat_st)
  TEST_ST_OP(96, lw, sw, 0xffffffffaa00aa00, 4, tdat_st)
  TEST_ST_OP(97, lw, sw, 0x000000000aa00aa0, 8, tdat_st)
  TEST_ST_OP(98, lw, sw, 0xffffffffa00aa00a, 12, tdat_st)
  TEST_ST_OP(99, lw, sw, 0x0000000000aa00aa, -4, tdat_st+16)
  TEST_ST_OP(100, lw, sw, 0x0000000000aa00aa, 2047, tdat_st-2043)
  TEST_ST_OP(101, lw, sw, 0x0000000000aa00aa, -2048, tdat_st+2056)
#if __riscv_xlen == 64
  /* ---- sd ---- */
  TEST_ST_OP(102, ld, sd, 0x00aa00aa00aa00aa, 0, tdat_st)
  TEST_ST_OP(103, ld, sd, 0xaa00aa00aa00aa00, 8, tdat_st)
  TEST_ST_OP(104, ld, sd, 0x0aa00aa00aa00aa0, 16, tdat_st)
  TEST_ST_OP(105, ld, sd, 0xa00aa00aa00aa00a, 24, tdat_st)
  TEST_ST_OP(106, ld, sd, 0x00aa00aa00aa00aa, -8, tdat_st+32)
  TEST_ST_OP(107, ld, sd, 0x00aa00aa00aa00aa, 2047, tdat_st-2039)
  TEST_ST_OP(108, ld, sd, 0x00aa00aa00aa00aa, -2048, tdat_st+2064)
#endif

  /* ---- little-endian layout ---- */
  TEST_BEGIN(120)
  la a2, scratch
  li a1, 0x12345678
  sw a1, 0(a2)
  lbu a3, 0(a2)
  CHECK_REG(a3, 0x78)
  lbu a3, 1(a2)
  CHECK_REG(a3, 0x56)
  lbu a3, 2(a2)
  CHECK_REG(a3, 0x34)
  lbu a3, 3(a2)
  CHECK_REG(a3, 0x12)
  lhu a3, 2(a2)
  CHECK_REG(a3, 0x1234)

  /* ---- narrow stores keep their neighbours ---- */
  TEST_BEGIN(121)
  la a2, scratch
  li a1, -1
  sw a1, 0(a2)
  sw a1, 4(a2)
  sb zero, 1(a2)
  lw a3, 0(a2)
  CHECK_REG(a3, 0xffffffffffff00ff)
  sh zero, 6(a2)
  lw a3, 4(a2)
  CHECK_REG(a3, 0x000000000000ffff)
  li a1, 0x5a
  sb a1, 7(a2)
  lw a3, 4(a2)
  CHECK_REG(a3, 0x000000005a00ffff)
#if __riscv_xlen == 64
  TEST_BEGIN(122)
  la a2, scratch
  li a1, -1
  sd a1, 0(a2)
  sd a1, 8(a2)
  sw zero, 4(a2)
  ld a3, 0(a2)
  CHECK_REG(a3, 0x00000000ffffffff)
  li a1, 0x0123456789abcdef
  sd a1, 8(a2)
  lw a3, 12(a2)
  CHECK_REG(a3, 0x0000000001234567)
  lw a3, 8(a2)
  CHECK_REG(a3, 0xffffffff89abcdef)
  lwu a3, 8(a2)
  CHECK_REG(a3, 0x0000000089abcdef)
  lh a3, 10(a2)
  CHECK_REG(a3, 0xffffffffffff89ab)
#endif

  /* ---- x0 as destination and as store source; base as store source ---- */
  TEST_CASE(123, x0, 0, la a2, tdat_w; lw x0, 4(a2))
  TEST_BEGIN(124)
  la a2, scratch
  li a1, -1
  sw a1, 0(a2)
  sw x0, 0(a2)
  lw a3, 0(a2)
  CHECK_REG(a3, 0)
  TEST_BEGIN(125)
  la a2, scratch
  SREG a2, 0(a2)
  LREG a3, 0(a2)
  bne a3, a2, fail

  /* ---- fences execute as no-ops here ---- */
  TEST_CASE(126, a1, 3,
    li a1, 3;
    fence;
    fence rw, rw;
    fence r, r;
    fence w, w;
    fence r, w;
    fence iorw, iorw;
    fence i, o;
    fence.tso)

  /* ---- hot copy loop: copy 1024 words, then checksum the copy ---- */
  TEST_BEGIN(127)
  la a0, copy_src
  li a1, 1024
  li a2, 0x9e3779b9         /* fill with an LCG */
  li t0, 0
1: mul t0, t0, a2
  addi t0, t0, 1234
  sw t0, 0(a0)
  addi a0, a0, 4
  addi a1, a1, -1
  bnez a1, 1b
  la a0, copy_src
  la a1, copy_dst
  li a3, 1024
2: lw t0, 0(a0)
  sw t0, 0(a1)
  addi a0, a0, 4
  addi a1, a1, 4
  addi a3, a3, -1
  bnez a3, 2b
  la a0, copy_src
  la a1, copy_dst
  li a3, 1024
  li a4, 0
3: lwu_or_lw t0, 0(a0)
  lwu_or_lw t1, 0(a1)
  bne t0, t1, fail
  xor a4, a4, t0
  slli t3, a4, 5
  srli t4, a4, 27
  or a4, t3, t4
  ZEXT32(a4)
  addi a0, a0, 4
  addi a1, a1, 4
  addi a3, a3, -1
  bnez a3, 3b
  CHECK_REG(a4, COPY_CHECKSUM)

RVTEST_CODE_END

RVTEST_DATA_BEGIN
tdat_b: .byte 0xff, 0x00, 0xf0, 0x0f
  .balign 8
tdat_h: .half 0x00ff, 0xff00, 0x0ff0, 0xf00f
  .balign 8
tdat_w: .word 0x00ff00ff, 0xff00ff00, 0x0ff00ff0, 0xf00ff00f
  .balign 8
tdat_d: .dword 0x00ff00ff00ff00ff, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0xf00ff00ff00ff00f
  .balign 8
tdat_st: .skip 64
scratch: .skip 32
  .balign 8
copy_src: .skip 4096
copy_dst: .skip 4096
RVTEST_DATA_END
