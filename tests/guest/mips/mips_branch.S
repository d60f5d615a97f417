/* MIPS32r2 branches and jumps: every condition taken and not taken, the
 * delay slot always runs (a load in it, a register the branch reads
 * changed in it), branch-likely annuls its delay slot when not taken, link
 * registers hold pc + 8, J/JAL/JR/JALR (.hb) and the aliases b, bal,
 * beqz, bnez, beqzl, bnezl. */
#include "test_macros.h"

/* Branch test: $5 counts delay-slot runs, $6 is 1 when taken. */
#define BR2(n, op, a, c, taken)                                               \
	li $2, a; li $3, c; li $5, 0; li $6, 0;                               \
	op $2, $3, 1f; addiu $5, $5, 1;                                       \
	b 2f; nop;                                                            \
1:	li $6, 1;                                                             \
2:	CHECK(n, $5, 1); CHECK(n, $6, taken)
#define BR1(n, op, a, taken)                                                  \
	li $2, a; li $5, 0; li $6, 0;                                         \
	op $2, 1f; addiu $5, $5, 1;                                           \
	b 2f; nop;                                                            \
1:	li $6, 1;                                                             \
2:	CHECK(n, $5, 1); CHECK(n, $6, taken)
/* Branch-likely: the delay slot runs only when taken. */
#define BRL2(n, op, a, c, taken)                                              \
	li $2, a; li $3, c; li $5, 0; li $6, 0;                               \
	op $2, $3, 1f; addiu $5, $5, 1;                                       \
	b 2f; nop;                                                            \
1:	li $6, 1;                                                             \
2:	CHECK(n, $5, taken); CHECK(n, $6, taken)
#define BRL1(n, op, a, taken)                                                 \
	li $2, a; li $5, 0; li $6, 0;                                         \
	op $2, 1f; addiu $5, $5, 1;                                           \
	b 2f; nop;                                                            \
1:	li $6, 1;                                                             \
2:	CHECK(n, $5, taken); CHECK(n, $6, taken)

TEST_BEGIN
	BR2(1, beq, 3, 3, 1)
	BR2(2, beq, 3, 4, 0)
	BR2(3, bne, 3, 4, 1)
	BR2(4, bne, 3, 3, 0)
	BR1(5, blez, 0, 1)
	BR1(6, blez, -1, 1)
	BR1(7, blez, 1, 0)
	BR1(8, bgtz, 1, 1)
	BR1(9, bgtz, 0, 0)
	BR1(10, bltz, -1, 1)
	BR1(11, bltz, 0, 0)
	BR1(12, bgez, 0, 1)
	BR1(13, bgez, 0x80000000, 0)
	BR1(14, beqz, 0, 1)
	BR1(15, bnez, 0, 0)
	/* branch-likely */
	BRL2(20, beql, 5, 5, 1)
	BRL2(21, beql, 5, 6, 0)
	BRL2(22, bnel, 5, 6, 1)
	BRL2(23, bnel, 5, 5, 0)
	BRL1(24, blezl, 0, 1)
	BRL1(25, blezl, 1, 0)
	BRL1(26, bgtzl, 1, 1)
	BRL1(27, bgtzl, -5, 0)
	BRL1(28, bltzl, -5, 1)
	BRL1(29, bltzl, 5, 0)
	BRL1(30, bgezl, 5, 1)
	BRL1(31, bgezl, -5, 0)
	BRL1(32, beqzl, 0, 1)
	BRL1(33, bnezl, 0, 0)
	/* and-link: ra = pc + 8 whether taken or not */
	li $2, -1; li $5, 0
l40:	bltzal $2, 1f; addiu $5, $5, 1
	b fail; nop
1:	la $4, l40 + 8; li TESTNUM, 40; bne $31, $4, fail; nop; CHECK(41, $5, 1)
	li $2, 1; li $31, 0
l42:	bltzal $2, fail; nop
	la $4, l42 + 8; li TESTNUM, 42; bne $31, $4, fail; nop
	li $2, 0
l43:	bgezal $2, 1f; nop
	b fail; nop
1:	la $4, l43 + 8; li TESTNUM, 43; bne $31, $4, fail; nop
l44:	bal 1f; nop
	b fail; nop
1:	la $4, l44 + 8; li TESTNUM, 44; bne $31, $4, fail; nop
	li $2, 1; li $5, 0
l45:	bltzall $2, fail; addiu $5, $5, 1                   /* annulled */
	la $4, l45 + 8; li TESTNUM, 45; bne $31, $4, fail; nop; CHECK(46, $5, 0)
	li $2, 1; li $5, 0
l47:	bgezall $2, 1f; addiu $5, $5, 1
	b fail; nop
1:	la $4, l47 + 8; li TESTNUM, 47; bne $31, $4, fail; nop; CHECK(48, $5, 1)
	/* jumps */
	li $5, 0
	j 1f; addiu $5, $5, 1
	b fail; nop
1:	CHECK(50, $5, 1)
l51:	jal 1f; nop
	b fail; nop
1:	la $4, l51 + 8; li TESTNUM, 51; bne $31, $4, fail; nop
	la $2, 1f; li $5, 0
	jr $2; addiu $5, $5, 1
	b fail; nop
1:	CHECK(52, $5, 1)
	la $2, 1f
l53:	jalr $2; nop
	b fail; nop
1:	la $4, l53 + 8; li TESTNUM, 53; bne $31, $4, fail; nop
	la $2, 1f
l54:	jalr $7, $2; nop
	b fail; nop
1:	la $4, l54 + 8; li TESTNUM, 54; bne $7, $4, fail; nop
	la $2, 1f
	jr.hb $2; nop
	b fail; nop
1:	la $2, 1f
l55:	jalr.hb $8, $2; nop
	b fail; nop
1:	la $4, l55 + 8; li TESTNUM, 55; bne $8, $4, fail; nop
	la $2, 1f
l56:	jalr.hb $2; nop
	b fail; nop
1:	la $4, l56 + 8; li TESTNUM, 56; bne $31, $4, fail; nop
	/* jalr rd = rs: the target is read before the link is written */
	la $2, 1f
	jalr $2, $2; nop
	b fail; nop
1:	li TESTNUM, 57
	/* the delay slot: a load, and a write to the register the branch read */
	la $10, val; li $4, 0
	b 1f; lw $4, 0($10)
	b fail; nop
1:	CHECK(60, $4, 0x1234)
	li $2, 1
	beq $2, $zero, fail; li $2, 0        /* decided on the old $2 */
	CHECK(61, $2, 0)
	li $2, 0; li $3, 0
	bnez $2, fail; addiu $2, $2, 1
	CHECK(62, $2, 1)
	/* a loop with the decrement in the delay slot */
	li $2, 10; li $5, 0
1:	addiu $5, $5, 3
	bnez $2, 1b; addiu $2, $2, -1
	CHECK(63, $5, 33)
	/* branch-likely loop: annul on exit */
	li $2, 3; li $5, 0
1:	addiu $2, $2, -1
	bnezl $2, 1b; addiu $5, $5, 1
	CHECK(64, $5, 2)
TEST_END
	.data
	.balign 4
val:	.word 0x1234
