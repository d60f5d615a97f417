/* MIPS32r2 exceptions through the vector at EBase + 0x180 (BEV = 0) and
 * ERET: SYSCALL, BREAK, conditional traps, integer overflow, address
 * errors (BadVAddr), reserved instruction, TLB refill outside kseg0/1,
 * faults in delay slots (EPC = the branch, Cause.BD), a misaligned jump
 * target, ERET dropping the LL reservation. */
#include "test_macros.h"
TEST_BEGIN
	/* SYSCALL, BREAK */
	EXPECT_EXC(1f)
e1:	syscall
	b fail; nop
1:	CHECK_EXC(1, 8, 0, e1)
	EXPECT_EXC(1f)
e2:	syscall 0x123
	b fail; nop
1:	CHECK_EXC(2, 8, 0, e2)
	EXPECT_EXC(1f)
e3:	break 7
	b fail; nop
1:	CHECK_EXC(3, 9, 0, e3)
	/* resume at EPC + 4 */
	la $26, exc_resume; sw $zero, 0($26)
	syscall
	li TESTNUM, 4
	/* conditional traps: taken */
	li $2, 5; li $3, 5; li $4, -1; li $6, 1
#define TRAP_TAKEN(n, ...)                                                    \
	EXPECT_EXC(1f); 9: __VA_ARGS__; b fail; nop; 1: CHECK_EXC(n, 13, 0, 9b)
	TRAP_TAKEN(10, teq $2, $3)
	TRAP_TAKEN(11, tne $2, $4)
	TRAP_TAKEN(12, tge $2, $4)
	TRAP_TAKEN(13, tgeu $4, $2)
	TRAP_TAKEN(14, tlt $4, $2)
	TRAP_TAKEN(15, tltu $2, $4)
	TRAP_TAKEN(16, teqi $2, 5)
	TRAP_TAKEN(17, tnei $2, 4)
	TRAP_TAKEN(18, tgei $2, -1)
	TRAP_TAKEN(19, tgeiu $4, 5)
	TRAP_TAKEN(20, tlti $4, 0)
	TRAP_TAKEN(21, tltiu $2, -1)
	TRAP_TAKEN(22, teq $2, $3, 0x3ff)
	/* not taken */
	EXPECT_EXC(fail)
	teq $2, $4; tne $2, $3; tge $4, $2; tgeu $2, $4; tlt $2, $4; tltu $4, $2
	teqi $2, 4; tnei $2, 5; tgei $4, 0; tgeiu $2, -1; tlti $2, 5; tltiu $4, 5
	CHECK_NO_EXC(23)
	/* overflow: rd unchanged */
	li $2, 0x7fffffff; li $3, 1; li $7, 0x77
	EXPECT_EXC(1f)
e30:	add $7, $2, $3
	b fail; nop
1:	CHECK_EXC(30, 12, 0, e30); CHECK(31, $7, 0x77)
	EXPECT_EXC(1f)
e32:	addi $7, $2, 1
	b fail; nop
1:	CHECK_EXC(32, 12, 0, e32); CHECK(33, $7, 0x77)
	li $2, 0x80000000
	EXPECT_EXC(1f)
e34:	sub $7, $2, $3
	b fail; nop
1:	CHECK_EXC(34, 12, 0, e34); CHECK(35, $7, 0x77)
	EXPECT_EXC(fail)
	addi $7, $2, -0; add $7, $2, $zero; addu $7, $2, $2; CHECK_NO_EXC(36)
	/* address errors */
	la $10, word
	EXPECT_EXC(1f)
e40:	lw $7, 1($10)
	b fail; nop
1:	CHECK_EXC(40, 4, 0, e40); CHECK_BADVADDR(41, word + 1)
	EXPECT_EXC(1f)
e42:	sw $7, 2($10)
	b fail; nop
1:	CHECK_EXC(42, 5, 0, e42); CHECK_BADVADDR(43, word + 2)
	EXPECT_EXC(1f)
e44:	lh $7, 3($10)
	b fail; nop
1:	CHECK_EXC(44, 4, 0, e44); CHECK_BADVADDR(45, word + 3)
	EXPECT_EXC(1f)
e46:	sh $7, 1($10)
	b fail; nop
1:	CHECK_EXC(46, 5, 0, e46)
	EXPECT_EXC(1f)
e47:	ll $7, 2($10)
	b fail; nop
1:	CHECK_EXC(47, 4, 0, e47)
	/* reserved instruction */
	li TESTNUM, 50
	EXPECT_EXC(1f)
e50:	.word 0x00000028             /* SPECIAL function 0x28: reserved */
	b fail; nop
1:	CHECK_EXC(50, 10, 0, e50)
	/* no TLB entry outside kseg0/kseg1: TLBL / TLBS */
	li $2, 0x40000000
	EXPECT_EXC(1f)
e52:	lw $7, 0($2)
	b fail; nop
1:	CHECK_EXC(52, 2, 0, e52); CHECK_BADVADDR(53, 0x40000000)
	EXPECT_EXC(1f)
e54:	sw $7, 8($2)
	b fail; nop
1:	CHECK_EXC(54, 3, 0, e54); CHECK_BADVADDR(55, 0x40000008)
	/* faults in delay slots: EPC = the branch, Cause.BD = 1 */
	EXPECT_EXC(1f)
e60:	b fail
	syscall
1:	CHECK_EXC(60, 8, 1, e60)
	EXPECT_EXC(1f)
	li $2, 1
e61:	beq $2, $zero, fail
	lw $7, 1($10)
1:	CHECK_EXC(61, 4, 1, e61); CHECK_BADVADDR(62, word + 1)
	la $2, fail
	EXPECT_EXC(1f)
e63:	jr $2
	break
1:	CHECK_EXC(63, 9, 1, e63)
	EXPECT_EXC(1f)
e64:	jal fail
	teq $zero, $zero
1:	CHECK_EXC(64, 13, 1, e64)
	/* ... and BD is clear again for the next one */
	EXPECT_EXC(1f)
e65:	syscall
	b fail; nop
1:	CHECK_EXC(65, 8, 0, e65)
	/* ERET back into a delay slot: the branch runs again */
	li $5, 0; li $6, 0
	la $26, exc_resume; sw $zero, 0($26)
	la $26, exc_count; sw $zero, 0($26)
	/* the handler resumes at EPC + 4 = the delay slot itself... so
	 * instead resume at EPC (the branch): */
	la $27, e66; la $26, exc_resume; sw $27, 0($26)
	li $7, 0
e66:	beq $7, $zero, 2f
	addiu $7, $7, 1              /* first time: overflow-free, no fault */
	b fail; nop
2:	CHECK(66, $7, 1)
	/* a misaligned jump target: AdEL at the target, not in a delay slot */
	la $2, 1f; addiu $2, $2, 2
	EXPECT_EXC(1f)
	jr $2
	nop
	b fail; nop
1:	la $26, exc_cause; lw $4, 0($26); srl $4, $4, 2; andi $4, $4, 0x1f; CHECK(70, $4, 4)
	la $26, exc_cause; lw $4, 4($26); la $5, 1b + 2; li TESTNUM, 71; bne $4, $5, fail; nop
	la $26, exc_cause; lw $4, 8($26); li TESTNUM, 72; bne $4, $5, fail; nop
	/* ERET drops the LL reservation */
	la $26, exc_resume; sw $zero, 0($26)
	ll $7, 0($10); syscall; sc $7, 0($10); CHECK(80, $7, 0)
	ll $7, 0($10); sc $7, 0($10); CHECK(81, $7, 1)
TEST_END
	.data
	.balign 4
word:	.word 0x12345678, 0
