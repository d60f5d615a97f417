/* A deliberately failing test: test 2 passes, test 3 fails (1 + 1 != 3).
 * Used to check that the emulator reports the failing test number
 * (tohost = (3 << 1) | 1 = 7; under QEMU the finisher exit status is 3). */
#include "test_macros.h"

RVTEST_CODE_BEGIN

  TEST_RR_OP(2, add, 2, 1, 1)
  TEST_RR_OP(3, add, 3, 1, 1)        /* wrong on purpose */
  TEST_RR_OP(4, add, 4, 2, 2)

RVTEST_CODE_END

RVTEST_DATA_BEGIN
RVTEST_DATA_END
