# penv_mi.S: machine-level tests in the "p" environment's form
# (RVTEST_RV64M/RV32M: init sets mstatus.MPP = M, so the body runs in
# M-mode): CSR access, mscratch, and a trap taken through mtvec_handler.
#include "riscv_test.h"
#include "test_macros.h"

#if __riscv_xlen == 64
RVTEST_RV64M
#else
RVTEST_RV32M
#endif
RVTEST_CODE_BEGIN

  TEST_CASE(2, a0, 0x1234, li a1, 0x1234; csrw mscratch, a1; csrr a0, mscratch)
  TEST_CASE(3, a0, 0x1234, li a1, 0xff; csrrs a0, mscratch, a1)
  TEST_CASE(4, a0, 0x12ff, csrr a0, mscratch)
  TEST_CASE(5, a0, 0, csrr a0, mhartid)
  # mstatus.MPP reads back M after the env's mret (MPP = least privilege U = 0)
  TEST_CASE(6, a0, 0, csrr a0, mstatus; li a1, MSTATUS_MPP; and a0, a0, a1)
  # an illegal instruction goes to mtvec_handler, which skips it
  li TESTNUM, 7
  li s0, 0
  .word 0
  TEST_CASE(8, s0, CAUSE_ILLEGAL_INSTRUCTION, )

  TEST_PASSFAIL

  .align 2
mtvec_handler:
  csrr s0, mcause
  li t5, CAUSE_ILLEGAL_INSTRUCTION
  bne s0, t5, fail
  csrr t5, mepc
  addi t5, t5, 4
  csrw mepc, t5
  mret

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
