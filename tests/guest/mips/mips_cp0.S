/* MIPS32r2 CP0 and interrupts: PRId, Config.BE, EBase, Status, EPC and
 * ErrorEPC read back, Count advancing, DI/EI, RDHWR CPUNum, a software
 * interrupt (Cause.IP0). The timer is in mips_timer.S. */
#include "test_macros.h"
TEST_BEGIN
	mfc0 $4, $15, 0; CHECK(1, $4, 0x00019300)
	mfc0 $4, $16, 0; srl $4, $4, 15; andi $4, $4, 1
#ifdef __MIPSEB__
	CHECK(2, $4, 1)
#else
	CHECK(2, $4, 0)
#endif
	mfc0 $4, $16, 0; srl $4, $4, 31; CHECK(3, $4, 1)    /* Config1 follows */
	mfc0 $4, $15, 1; CHECK(4, $4, 0x80100000)
	mfc0 $4, $12, 0; li $5, 0x00400007; and $4, $4, $5; CHECK(5, $4, 0)
	li $2, 0x80123454; mtc0 $2, $14, 0; mfc0 $4, $14, 0; CHECK(6, $4, 0x80123454)
	li $2, 0x80123458; mtc0 $2, $30, 0; mfc0 $4, $30, 0; CHECK(7, $4, 0x80123458)
	/* Count advances */
	mfc0 $2, $9, 0
	li $3, 100
1:	bnez $3, 1b; addiu $3, $3, -1
	mfc0 $4, $9, 0; subu $4, $4, $2; sltu $4, $zero, $4; CHECK(8, $4, 1)
	rdhwr $4, $0; CHECK(9, $4, 0)
	/* DI / EI */
	ei $4; andi $4, $4, 1; CHECK(10, $4, 0)
	di $4; andi $4, $4, 1; CHECK(11, $4, 1)
	mfc0 $4, $12, 0; andi $4, $4, 1; CHECK(12, $4, 0)
	ei; di; ei; di
	/* software interrupt 0: masked by IE = 0, taken after EI */
	EXPECT_EXC(1f)
	mfc0 $2, $12, 0; ori $2, $2, 0x100; mtc0 $2, $12, 0     /* IM0 */
	li $2, 0x100; mtc0 $2, $13, 0; ehb                      /* IP0 */
	CHECK_NO_EXC(20)
	mfc0 $4, $13, 0; andi $4, $4, 0x100; CHECK(21, $4, 0x100)
	ei
	ehb
	li $3, 1000
2:	bnez $3, 2b; addiu $3, $3, -1
	b fail; nop
1:	la $26, exc_cause; lw $4, 12($26); CHECK(22, $4, 1)
	lw $4, 0($26); andi $4, $4, 0x7c; CHECK(23, $4, 0)       /* ExcCode Int */
	mfc0 $4, $12, 0; andi $4, $4, 3; CHECK(24, $4, 0)       /* IE off (handler), EXL off */
TEST_END
