# penv_ui.S: user-level integer tests in the official "p" environment's
# form (RVTEST_RV64U/RV32U: the body runs in U-mode after the env's mret).
#include "riscv_test.h"
#include "test_macros.h"

#if __riscv_xlen == 64
RVTEST_RV64U
#else
RVTEST_RV32U
#endif
RVTEST_CODE_BEGIN

  TEST_RR_OP(2, add, 0x00000000, 0x00000000, 0x00000000)
  TEST_RR_OP(3, add, 0x00000002, 0x00000001, 0x00000001)
  TEST_RR_OP(4, add, 0xffffffff80000000, 0xffffffff80000000, 0x00000000)
  TEST_RR_OP(5, sub, 0xfffffffffffffffe, 0x00000000, 0x00000002)
  TEST_RR_OP(6, sltu, 1, 0x00000000, 0xffffffffffffffff)
  TEST_RR_OP(7, slt, 0, 0x00000000, 0xffffffffffffffff)
  TEST_RR_OP(8, sra, 0xffffffffffffffff, 0xffffffff80000000, 31)
  TEST_RR_OP(9, mul, 0x00000000001b1200, 0x00007e00, 0x37)
  TEST_IMM_OP(10, addi, 0xfffffffffffff800, 0x0, 0x800)
  TEST_IMM_OP(11, xori, 0xffffffffff00f00f, 0x0000000000ff0f00, 0xf0f)
  TEST_IMM_OP(12, andi, 0x00000000, 0xff00ff00, 0x0f0)
  TEST_LD_OP(13, lw, 0x0000000000ff00ff, 0, tdat)
  TEST_LD_OP(14, lh, 0xffffffffffffff00, 6, tdat)
  TEST_LD_OP(15, lbu, 0x000000000000000f, 12, tdat)
  TEST_ST_OP(16, lw, sw, 0xffffffffaa00aa00, 4, tdat2)
  TEST_ST_OP(17, lb, sb, 0xffffffffffffffa0, 1, tdat2)
  TEST_BR2_OP_TAKEN(18, beq, 0, 0)
  TEST_BR2_OP_NOTTAKEN(19, bne, 1, 1)
  TEST_BR2_OP_TAKEN(20, bltu, 0, 1)
  TEST_BR2_OP_TAKEN(21, bge, 1, -1)
#if __riscv_xlen == 64
  TEST_RR_OP(22, addw, 0xffffffff80000000, 0x000000007fffffff, 0x0000000000000001)
  TEST_IMM_OP(23, slliw, 0xffffffff80000000, 0x1, 31)
#endif

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
tdat:  .word 0x00ff00ff, 0xff00ff00, 0x0ff00ff0, 0xf00ff00f
tdat2: .word 0, 0, 0, 0
RVTEST_DATA_END
