/* RV32I/RV64I integer computational instructions (no shifts):
 * add addi sub and andi or ori xor xori slt slti sltu sltiu lui auipc,
 * RV64: addw addiw subw; plus a test touching every register x1..x31. */
#include "test_macros.h"

RVTEST_CODE_BEGIN

  /* ---- add ---- */
  TEST_RR_OP(2,  add, 0x00000000, 0x00000000, 0x00000000)
  TEST_RR_OP(3,  add, 0x00000002, 0x00000001, 0x00000001)
  TEST_RR_OP(4,  add, 0x0000000a, 0x00000003, 0x00000007)
  TEST_RR_OP(5,  add, 0xffffffffffff8000, 0x0000000000000000, 0xffffffffffff8000)
  TEST_RR_OP(6,  add, 0xffffffff80000000, 0xffffffff80000000, 0x00000000)
  TEST_RR_OP(7,  add, 0x000000007fffffff, 0x000000007fffffff, 0x0000000000000000)
  TEST_RR_OP(8,  add, 0xffffffffffffffff, 0x0000000000000000, 0xffffffffffffffff)
  TEST_RR_OP(9,  add, 0x0000000000000000, 0xffffffffffffffff, 0x0000000000000001)
  TEST_RR_OP(10, add, 0xfffffffffffffffe, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_RR_SRC1_EQ_DEST(11, add, 24, 13, 11)
  TEST_RR_SRC2_EQ_DEST(12, add, 25, 14, 11)
  TEST_RR_SRC12_EQ_DEST(13, add, 26, 13)
  TEST_RR_ZEROSRC1(14, add, 15, 15)
  TEST_RR_ZEROSRC2(15, add, 32, 32)
  TEST_RR_ZEROSRC12(16, add, 0)
  TEST_RR_ZERODEST(17, add, 16, 30)
#if __riscv_xlen == 64
  TEST_RR_OP(18, add, 0x0000000080000000, 0x000000007fffffff, 0x0000000000000001)
  TEST_RR_OP(19, add, 0x8000000000000000, 0x7fffffffffffffff, 0x0000000000000001)
#else
  TEST_RR_OP(18, add, 0x80000000, 0x7fffffff, 0x00000001)
  TEST_RR_OP(19, add, 0x7fffffff, 0x80000000, 0xffffffff)
#endif

  /* ---- addi ---- */
  TEST_IMM_OP(20, addi, 0x00000000, 0x00000000, 0x000)
  TEST_IMM_OP(21, addi, 0x00000002, 0x00000001, 0x001)
  TEST_IMM_OP(22, addi, 0x0000000a, 0x00000003, 0x007)
  TEST_IMM_OP(23, addi, 0xfffffffffffff800, 0x0000000000000000, 0x800)
  TEST_IMM_OP(24, addi, 0x00000000000007ff, 0x00000000, 0x7ff)
  TEST_IMM_OP(25, addi, 0xffffffff80000000, 0xffffffff80000000, 0x000)
  TEST_IMM_OP(26, addi, 0xffffffff7ffff800, 0xffffffff80000000, 0x800)
  TEST_IMM_OP(27, addi, 0x00000000800007fe, 0x000000007fffffff, 0x7ff)
  TEST_IMM_OP(28, addi, 0x0000000000000000, 0xffffffffffffffff, 0x001)
  TEST_IMM_OP(29, addi, 0xfffffffffffffffe, 0xffffffffffffffff, 0xfff)
  TEST_IMM_SRC1_EQ_DEST(30, addi, 24, 13, 11)
  TEST_IMM_ZEROSRC1(31, addi, 32, 32)
  TEST_IMM_ZEROSRC1(32, addi, -2048, 0x800)
  TEST_IMM_ZERODEST(33, addi, 33, 50)

  /* ---- sub ---- */
  TEST_RR_OP(34, sub, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000)
  TEST_RR_OP(35, sub, 0x0000000000000000, 0x0000000000000001, 0x0000000000000001)
  TEST_RR_OP(36, sub, 0xfffffffffffffffc, 0x0000000000000003, 0x0000000000000007)
  TEST_RR_OP(37, sub, 0x0000000000008000, 0x0000000000000000, 0xffffffffffff8000)
  TEST_RR_OP(38, sub, 0xffffffff80000000, 0xffffffff80000000, 0x0000000000000000)
  TEST_RR_OP(39, sub, 0x0000000000000001, 0x0000000000000000, 0xffffffffffffffff)
  TEST_RR_OP(40, sub, 0x0000000000000000, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_RR_SRC1_EQ_DEST(41, sub, 2, 13, 11)
  TEST_RR_SRC2_EQ_DEST(42, sub, 3, 14, 11)
  TEST_RR_SRC12_EQ_DEST(43, sub, 0, 13)
  TEST_RR_ZEROSRC1(44, sub, -15, 15)
  TEST_RR_ZEROSRC2(45, sub, 32, 32)
  TEST_RR_ZEROSRC12(46, sub, 0)
  TEST_RR_ZERODEST(47, sub, 16, 30)
#if __riscv_xlen == 64
  TEST_RR_OP(48, sub, 0x7fffffffffffffff, 0x8000000000000000, 0x0000000000000001)
  TEST_RR_OP(49, sub, 0xffffffff80000001, 0x0000000000000000, 0x000000007fffffff)
#else
  TEST_RR_OP(48, sub, 0x7fffffff, 0x80000000, 0x00000001)
  TEST_RR_OP(49, sub, 0x80000001, 0x00000000, 0x7fffffff)
#endif

  /* ---- and / andi ---- */
  TEST_RR_OP(50, and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR_OP(51, and, 0x00f000f0, 0x0ff00ff0, 0xf0f0f0f0)
  TEST_RR_OP(52, and, 0x000f000f, 0x00ff00ff, 0x0f0f0f0f)
  TEST_RR_OP(53, and, 0xf000f000, 0xf00ff00f, 0xf0f0f0f0)
  TEST_RR_OP(54, and, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_RR_SRC1_EQ_DEST(55, and, 0x0f000f00, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR_SRC2_EQ_DEST(56, and, 0x00f000f0, 0x0ff00ff0, 0xf0f0f0f0)
  TEST_RR_SRC12_EQ_DEST(57, and, 0xff00ff00, 0xff00ff00)
  TEST_RR_ZEROSRC1(58, and, 0, 0xff00ff00)
  TEST_RR_ZERODEST(59, and, 0x11111111, 0x22222222)
  TEST_IMM_OP(60, andi, 0xff00ff00, 0xff00ff00, 0xf0f)
  TEST_IMM_OP(61, andi, 0x000000f0, 0x0ff00ff0, 0x0f0)
  TEST_IMM_OP(62, andi, 0x0000000f, 0x00ff00ff, 0x70f)
  TEST_IMM_OP(63, andi, 0x00000000, 0xf00ff00f, 0x0f0)
  TEST_IMM_OP(64, andi, 0xfffffffffffff800, 0xffffffffffffffff, 0x800)
  TEST_IMM_SRC1_EQ_DEST(65, andi, 0x00000000, 0xff00ff00, 0x0f0)
  TEST_IMM_ZEROSRC1(66, andi, 0, 0x0f0)
  TEST_IMM_ZERODEST(67, andi, 0x00ff00ff, 0x70f)

  /* ---- or / ori ---- */
  TEST_RR_OP(68, or, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR_OP(69, or, 0xfff0fff0, 0x0ff00ff0, 0xf0f0f0f0)
  TEST_RR_OP(70, or, 0x0fff0fff, 0x00ff00ff, 0x0f0f0f0f)
  TEST_RR_OP(71, or, 0xf0fff0ff, 0xf00ff00f, 0xf0f0f0f0)
  TEST_RR_SRC1_EQ_DEST(72, or, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR_SRC2_EQ_DEST(73, or, 0xff0fff0f, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR_SRC12_EQ_DEST(74, or, 0xff00ff00, 0xff00ff00)
  TEST_RR_ZEROSRC1(75, or, 0xff00ff00, 0xff00ff00)
  TEST_RR_ZERODEST(76, or, 0x11111111, 0x22222222)
  TEST_IMM_OP(77, ori, 0xffffffffffffff0f, 0xffffffffff00ff00, 0xf0f)
  TEST_IMM_OP(78, ori, 0x000000000ff00ff0, 0x000000000ff00ff0, 0x0f0)
  TEST_IMM_OP(79, ori, 0x0000000000ff07ff, 0x0000000000ff00ff, 0x70f)
  TEST_IMM_OP(80, ori, 0xfffffffff00ff0ff, 0xfffffffff00ff00f, 0x0f0)
  TEST_IMM_SRC1_EQ_DEST(81, ori, 0xff00fff0, 0xff00ff00, 0x0f0)
  TEST_IMM_ZEROSRC1(82, ori, 0x0f0, 0x0f0)
  TEST_IMM_ZERODEST(83, ori, 0x00ff00ff, 0x70f)

  /* ---- xor / xori ---- */
  TEST_RR_OP(84, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR_OP(85, xor, 0xff00ff00, 0x0ff00ff0, 0xf0f0f0f0)
  TEST_RR_OP(86, xor, 0x0ff00ff0, 0x00ff00ff, 0x0f0f0f0f)
  TEST_RR_OP(87, xor, 0x00ff00ff, 0xf00ff00f, 0xf0f0f0f0)
  TEST_RR_SRC1_EQ_DEST(88, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR_SRC2_EQ_DEST(89, xor, 0xf00ff00f, 0xff00ff00, 0x0f0f0f0f)
  TEST_RR_SRC12_EQ_DEST(90, xor, 0, 0xff00ff00)
  TEST_RR_ZEROSRC1(91, xor, 0xff00ff00, 0xff00ff00)
  TEST_RR_ZERODEST(92, xor, 0x11111111, 0x22222222)
  TEST_IMM_OP(93, xori, 0xffffffffff00f00f, 0x0000000000ff0f00, 0xf0f)
  TEST_IMM_OP(94, xori, 0x000000000ff00f00, 0x000000000ff00ff0, 0x0f0)
  TEST_IMM_OP(95, xori, 0x0000000000ff0ff0, 0x0000000000ff08ff, 0x70f)
  TEST_IMM_OP(96, xori, 0xfffffffff00ff0ff, 0xfffffffff00ff00f, 0x0f0)
  TEST_IMM_OP(97, xori, 0x0000000000000000, 0xffffffffffffffff, 0xfff)
  TEST_IMM_SRC1_EQ_DEST(98, xori, 0xffffffffff00f00f, 0xffffffffff00f700, 0x70f)
  TEST_IMM_ZEROSRC1(99, xori, 0x0f0, 0x0f0)
  TEST_IMM_ZERODEST(100, xori, 0x00ff00ff, 0x70f)

  /* ---- slt / slti ---- */
  TEST_RR_OP(101, slt, 0, 0x0000000000000000, 0x0000000000000000)
  TEST_RR_OP(102, slt, 0, 0x0000000000000001, 0x0000000000000001)
  TEST_RR_OP(103, slt, 1, 0x0000000000000003, 0x0000000000000007)
  TEST_RR_OP(104, slt, 0, 0x0000000000000007, 0x0000000000000003)
  TEST_RR_OP(105, slt, 0, 0x0000000000000000, 0xffffffffffff8000)
  TEST_RR_OP(106, slt, 1, 0xffffffff80000000, 0x0000000000000000)
  TEST_RR_OP(107, slt, 1, 0xffffffff80000000, 0xffffffffffff8000)
  TEST_RR_OP(108, slt, 1, 0x0000000000000000, 0x0000000000007fff)
  TEST_RR_OP(109, slt, 0, 0x000000007fffffff, 0x0000000000000000)
  TEST_RR_OP(110, slt, 0, 0x000000007fffffff, 0xffffffff80000000)
  TEST_RR_OP(111, slt, 1, 0xffffffffffffffff, 0x0000000000000001)
  TEST_RR_OP(112, slt, 0, 0x0000000000000001, 0xffffffffffffffff)
  TEST_RR_SRC1_EQ_DEST(113, slt, 0, 14, 13)
  TEST_RR_SRC2_EQ_DEST(114, slt, 1, 11, 13)
  TEST_RR_SRC12_EQ_DEST(115, slt, 0, 13)
  TEST_RR_ZEROSRC1(116, slt, 0, -1)
  TEST_RR_ZEROSRC2(117, slt, 1, -1)
  TEST_RR_ZERODEST(118, slt, 16, 30)
  TEST_IMM_OP(119, slti, 0, 0x0000000000000000, 0x000)
  TEST_IMM_OP(120, slti, 1, 0x0000000000000003, 0x007)
  TEST_IMM_OP(121, slti, 0, 0x0000000000000000, 0x800)
  TEST_IMM_OP(122, slti, 1, 0xffffffff80000000, 0x800)
  TEST_IMM_OP(123, slti, 1, 0x0000000000000000, 0x7ff)
  TEST_IMM_OP(124, slti, 0, 0x000000007fffffff, 0x800)
  TEST_IMM_OP(125, slti, 0, 0x0000000000000000, 0xfff)
  TEST_IMM_OP(126, slti, 1, 0xfffffffffffffffe, 0xfff)
  TEST_IMM_SRC1_EQ_DEST(127, slti, 1, 11, 13)
  TEST_IMM_ZEROSRC1(128, slti, 0, 0xfff)
  TEST_IMM_ZERODEST(129, slti, 0x00ff00ff, 0xfff)

  /* ---- sltu / sltiu ---- */
  TEST_RR_OP(130, sltu, 0, 0x00000000, 0x00000000)
  TEST_RR_OP(131, sltu, 1, 0x00000003, 0x00000007)
  TEST_RR_OP(132, sltu, 0, 0x00000007, 0x00000003)
  TEST_RR_OP(133, sltu, 1, 0x00000000, 0xffff8000)
  TEST_RR_OP(134, sltu, 0, 0x80000000, 0x00000000)
  TEST_RR_OP(135, sltu, 1, 0x80000000, 0xffff8000)
  TEST_RR_OP(136, sltu, 1, 0x00000000, 0xffffffffffffffff)
  TEST_RR_OP(137, sltu, 0, 0xffffffffffffffff, 0x00000001)
  TEST_RR_OP(138, sltu, 0, 0xffffffffffffffff, 0xffffffffffffffff)
  TEST_RR_OP(139, sltu, 1, 0x7fffffff, 0x80000000)
  TEST_RR_SRC1_EQ_DEST(140, sltu, 0, 14, 13)
  TEST_RR_SRC2_EQ_DEST(141, sltu, 1, 11, 13)
  TEST_RR_SRC12_EQ_DEST(142, sltu, 0, 13)
  TEST_RR_ZEROSRC1(143, sltu, 1, -1)       /* snez */
  TEST_RR_ZEROSRC1(144, sltu, 0, 0)
  TEST_RR_ZEROSRC2(145, sltu, 0, -1)
  TEST_RR_ZERODEST(146, sltu, 16, 30)
  TEST_IMM_OP(147, sltiu, 0, 0x0000000000000000, 0x000)
  TEST_IMM_OP(148, sltiu, 1, 0x0000000000000000, 0x001)  /* seqz */
  TEST_IMM_OP(149, sltiu, 0, 0x0000000000000001, 0x001)
  TEST_IMM_OP(150, sltiu, 1, 0x0000000000000003, 0x007)
  TEST_IMM_OP(151, sltiu, 1, 0x0000000000000000, 0x800)  /* imm sign-extends, compares unsigned */
  TEST_IMM_OP(152, sltiu, 0, 0xffffffffffffffff, 0xfff)
  TEST_IMM_OP(153, sltiu, 1, 0xfffffffffffffffe, 0xfff)
  TEST_IMM_OP(154, sltiu, 0, 0x000000007fffffff, 0x7ff)
  TEST_IMM_OP(155, sltiu, 1, 0xffffffff80000000, 0x800)
  TEST_IMM_SRC1_EQ_DEST(156, sltiu, 1, 11, 13)
  TEST_IMM_ZEROSRC1(157, sltiu, 1, 0xfff)
  TEST_IMM_ZERODEST(158, sltiu, 0x00ff00ff, 0xfff)

  /* ---- lui ---- */
  TEST_CASE(159, a0, 0x0000000000000000, lui a0, 0x00000)
  TEST_CASE(160, a0, 0xfffffffffffff800, lui a0, 0xfffff; sra a0, a0, 1)
  TEST_CASE(161, a0, 0x00000000000007ff, lui a0, 0x7ffff; sra a0, a0, 20)
  TEST_CASE(162, a0, 0xfffffffffffff800, lui a0, 0x80000; sra a0, a0, 20)
  TEST_CASE(163, a0, 0xffffffff80000000, lui a0, 0x80000)
  TEST_CASE(164, a0, 0x0000000012345000, lui a0, 0x12345)
  TEST_CASE(165, x0, 0, lui x0, 0x80000)

  /* ---- auipc ---- */
  TEST_CASE(166, a0, 10000,
    .balign 4;
    lla a0, 1f + 10000;
    jal a1, 1f;
    1: sub a0, a0, a1)
  TEST_CASE(167, a0, -10000,
    .balign 4;
    lla a0, 1f - 10000;
    jal a1, 1f;
    1: sub a0, a0, a1)
  /* auipc with a big offset: pc + 0x7ffff000 - pc */
  TEST_CASE(168, a0, 0x000000007ffff000,
    1: auipc a0, 0x7ffff;
    lla a1, 1b;
    sub a0, a0, a1)
#if __riscv_xlen == 64
  TEST_CASE(169, a0, 0xffffffff80000000,
    1: auipc a0, 0x80000;
    lla a1, 1b;
    sub a0, a0, a1)
#else
  TEST_CASE(169, a0, 0x80000000,
    1: auipc a0, 0x80000;
    lla a1, 1b;
    sub a0, a0, a1)
#endif
  TEST_CASE(170, x0, 0, auipc x0, 0x12345)

#if __riscv_xlen == 64
  /* ---- addw / addiw / subw: 32-bit result, sign-extended ---- */
  TEST_RR_OP(180, addw, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000)
  TEST_RR_OP(181, addw, 0x000000000000000a, 0x0000000000000003, 0x0000000000000007)
  TEST_RR_OP(182, addw, 0xffffffffffff8000, 0x0000000000000000, 0xffffffffffff8000)
  TEST_RR_OP(183, addw, 0xffffffff80000000, 0xffffffff80000000, 0x0000000000000000)
  TEST_RR_OP(184, addw, 0x000000007fff8000, 0xffffffff80000000, 0xffffffffffff8000)
  TEST_RR_OP(185, addw, 0xffffffff80000000, 0x000000007fffffff, 0x0000000000000001)
  TEST_RR_OP(186, addw, 0x000000002345678a, 0x0000000123456789, 0x0000000000000001)
  TEST_RR_OP(187, addw, 0xffffffffffffffff, 0x00000000ffffffff, 0x0000000000000000)
  TEST_RR_SRC1_EQ_DEST(188, addw, 24, 13, 11)
  TEST_RR_SRC2_EQ_DEST(189, addw, 25, 14, 11)
  TEST_RR_SRC12_EQ_DEST(190, addw, 0xfffffffffffffffe, 0x00000000ffffffff)
  TEST_RR_ZEROSRC1(191, addw, 0xffffffff80000000, 0x1180000000)
  TEST_RR_ZERODEST(192, addw, 16, 30)

  TEST_IMM_OP(193, addiw, 0x0000000000000000, 0x0000000000000000, 0x000)
  TEST_IMM_OP(194, addiw, 0x000000000000000a, 0x0000000000000003, 0x007)
  TEST_IMM_OP(195, addiw, 0xfffffffffffff800, 0x0000000000000000, 0x800)
  TEST_IMM_OP(196, addiw, 0xffffffff800007fe, 0x000000007fffffff, 0x7ff)
  TEST_IMM_OP(197, addiw, 0x000000007ffff800, 0xffffffff80000000, 0x800)
  TEST_IMM_OP(198, addiw, 0x0000000023456789, 0x0000000123456789, 0x000)
  TEST_IMM_OP(199, addiw, 0xffffffffffffffff, 0x00000000ffffffff, 0x000)  /* sext.w */
  TEST_IMM_OP(200, addiw, 0x0000000000000000, 0xffffffffffffffff, 0x001)
  TEST_IMM_SRC1_EQ_DEST(201, addiw, 24, 13, 11)
  TEST_IMM_ZEROSRC1(202, addiw, 32, 32)
  TEST_IMM_ZERODEST(203, addiw, 33, 50)

  TEST_RR_OP(204, subw, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000)
  TEST_RR_OP(205, subw, 0xfffffffffffffffc, 0x0000000000000003, 0x0000000000000007)
  TEST_RR_OP(206, subw, 0x0000000000008000, 0x0000000000000000, 0xffffffffffff8000)
  TEST_RR_OP(207, subw, 0x000000007fffffff, 0xffffffff80000000, 0x0000000000000001)
  TEST_RR_OP(208, subw, 0xffffffff80000001, 0x0000000000000000, 0x000000007fffffff)
  TEST_RR_OP(209, subw, 0xffffffffffffffff, 0x0000000100000000, 0x0000000000000001)
  TEST_RR_OP(210, subw, 0xffffffff80000000, 0x000000007fffffff, 0xffffffffffffffff)
  TEST_RR_SRC1_EQ_DEST(211, subw, 2, 13, 11)
  TEST_RR_SRC2_EQ_DEST(212, subw, 3, 14, 11)
  TEST_RR_SRC12_EQ_DEST(213, subw, 0, 0x5555555512345678)
  TEST_RR_ZEROSRC1(214, subw, 0xffffffff80000000, 0x80000000)   /* negw */
  TEST_RR_ZERODEST(215, subw, 16, 30)
#endif

  /* ---- every register x1..x31 except gp (TESTNUM); sp is saved ---- */
  TEST_BEGIN(230)
  la a0, save_area
  SREG sp, 0(a0)
  li x1, 0x01
  li x2, 0x02
  li x4, 0x04
  li x5, 0x05
  li x6, 0x06
  li x7, 0x07
  li x8, 0x08
  li x9, 0x09
  li x10, 0x0a
  li x11, 0x0b
  li x12, 0x0c
  li x13, 0x0d
  li x14, 0x0e
  li x15, 0x0f
  li x16, 0x10
  li x17, 0x11
  li x18, 0x12
  li x19, 0x13
  li x20, 0x14
  li x21, 0x15
  li x22, 0x16
  li x23, 0x17
  li x24, 0x18
  li x25, 0x19
  li x26, 0x1a
  li x27, 0x1b
  li x28, 0x1c
  li x29, 0x1d
  li x30, 0x1e
  li x31, 0x1f
  /* x(n) += x(n-1) chain, then a reduction of all of them into x31 */
  add x2, x2, x1
  add x4, x4, x2
  add x5, x5, x4
  add x6, x6, x5
  add x7, x7, x6
  add x8, x8, x7
  add x9, x9, x8
  add x10, x10, x9
  add x11, x11, x10
  add x12, x12, x11
  add x13, x13, x12
  add x14, x14, x13
  add x15, x15, x14
  add x16, x16, x15
  add x17, x17, x16
  add x18, x18, x17
  add x19, x19, x18
  add x20, x20, x19
  add x21, x21, x20
  add x22, x22, x21
  add x23, x23, x22
  add x24, x24, x23
  add x25, x25, x24
  add x26, x26, x25
  add x27, x27, x26
  add x28, x28, x27
  add x29, x29, x28
  add x30, x30, x29
  add x31, x31, x30
  /* x(n) = sum_{k<=n, k!=3} k: x31 = 496 - 3 = 493, x30 = 465 - 3 = 462 */
  li a0, 493
  bne x31, a0, fail
  li a0, 462
  bne x30, a0, fail
  li a0, 3           /* x2 = 1 + 2 */
  bne x2, a0, fail
  li a0, 7           /* x4 = 3 + 4 */
  bne x4, a0, fail
  li a0, 12          /* x5 = 7 + 5 */
  bne x5, a0, fail
  li a0, 33          /* x8 = 1+2+4+5+6+7+8 */
  bne x8, a0, fail
  li a0, 117         /* x15 = 120 - 3 */
  bne x15, a0, fail
  li a0, 0x01
  bne x1, a0, fail
  la a0, save_area
  LREG sp, 0(a0)

RVTEST_CODE_END

RVTEST_DATA_BEGIN
save_area: .dword 0, 0
RVTEST_DATA_END
