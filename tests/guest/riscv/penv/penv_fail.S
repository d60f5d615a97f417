# penv_fail.S: a "p" environment test whose test 5 fails on purpose, so
# that the suite checks Morph reports the failing number (tohost = 11).
#include "riscv_test.h"
#include "test_macros.h"

#if __riscv_xlen == 64
RVTEST_RV64U
#else
RVTEST_RV32U
#endif
RVTEST_CODE_BEGIN

  TEST_RR_OP(2, add, 2, 1, 1)
  TEST_RR_OP(3, add, 3, 1, 2)
  TEST_RR_OP(4, sub, 0, 1, 1)
  TEST_RR_OP(5, add, 5, 2, 2)
  TEST_RR_OP(6, add, 6, 3, 3)

  TEST_PASSFAIL

RVTEST_CODE_END

  .data
RVTEST_DATA_BEGIN
RVTEST_DATA_END
