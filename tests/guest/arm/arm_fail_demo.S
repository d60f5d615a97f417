/* Fails at test 3 on purpose: checks that failures are reported (Morph:
 * non-zero exit and the number 3; QEMU: exit status 3). */
#include "test_macros.h"
TEST_CODE_BEGIN
	TEST_CASE(2, r0, 1, mov r0, #1)
	TEST_CASE(3, r0, 2, mov r0, #3)
	TEST_CASE(4, r0, 4, mov r0, #4)
TEST_CODE_END
TEST_EXIT
TEST_DATA
