/* The MIPS32 Count/Compare timer interrupt (IP7), taken from a spin loop
 * and from WAIT; writing Compare acknowledges it (clears Cause.TI). Count
 * advances once every two instructions in Morph. */
#include "test_macros.h"
TEST_BEGIN
	/* the timer: Compare = Count + 200, IM7, IE; spin */
	EXPECT_EXC(1f)
	mfc0 $2, $12, 0; li $3, ~0xff00; and $2, $2, $3; ori $2, $2, 0x8000; mtc0 $2, $12, 0
	mfc0 $2, $9, 0; addiu $2, $2, 200; mtc0 $2, $11, 0
	ei
	ehb
	li $3, 1000000
2:	bnez $3, 2b; addiu $3, $3, -1
	b fail; nop
1:	la $26, exc_cause; lw $4, 12($26); CHECK(30, $4, 1)
	lw $4, 0($26); andi $4, $4, 0x7c; CHECK(31, $4, 0)
	lw $4, 0($26); srl $4, $4, 15; andi $4, $4, 1; CHECK(32, $4, 1)   /* IP7 */
	mfc0 $2, $11, 0; mtc0 $2, $11, 0                        /* ack: clears TI */
	mfc0 $4, $13, 0; srl $4, $4, 30; andi $4, $4, 1; CHECK(33, $4, 0)
	/* WAIT until the timer fires */
	EXPECT_EXC(1f)
	mfc0 $2, $9, 0; addiu $2, $2, 300; mtc0 $2, $11, 0
	ei
	ehb
	wait
	b 1f; nop                    /* QEMU may return from WAIT first */
1:	li $3, 1000000
2:	la $26, exc_cause; lw $4, 12($26); bnez $4, 3f; nop
	bnez $3, 2b; addiu $3, $3, -1
	b fail; nop
3:	CHECK(40, $4, 1)
	lw $4, 0($26); andi $4, $4, 0x7c; CHECK(41, $4, 0)
	di
	mfc0 $2, $11, 0; mtc0 $2, $11, 0
TEST_END
