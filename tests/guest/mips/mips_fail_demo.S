/* Fails at test 3 on purpose: the runner must see exit status 3. */
#include "test_macros.h"
TEST_BEGIN
	li $2, 1; CHECK(1, $2, 1)
	li $2, 2; CHECK(2, $2, 2)
	li $2, 3; CHECK(3, $2, 4)
TEST_END
