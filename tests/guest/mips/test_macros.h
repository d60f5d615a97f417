/* test_macros.h: self-checking MIPS32r2 assembly tests (riscv-tests style).
 *
 * A test file is
 *     #include "test_macros.h"
 *     TEST_BEGIN
 *         TEST_RR_OP(2, addu, 3, 1, 2)  ...
 *     TEST_END
 * Test numbers live in TESTNUM ($30). The first failing check exits through
 * UHI semihosting (sdbbp 1, op 1) with its test number as the exit status;
 * TEST_END exits with 0. So `qemu-system-mips[el] -M malta -semihosting
 * -kernel X.elf` and `morph run X.elf` give the same status.
 *
 * Exceptions: TEST_BEGIN sets EBase to 0x80100000 (link.ld) with BEV = 0.
 * The handler at EBase + 0x180 records Cause, EPC and BadVAddr in
 * exc_cause / exc_epc / exc_badvaddr, counts exceptions in exc_count and
 * returns with ERET to the address in exc_resume (set by EXPECT_EXC), or
 * to EPC + 4 if exc_resume is 0. It clears the software interrupt bits of
 * Cause and Status.IE, so an interrupt is taken once. The TLB refill vector
 * (EBase + 0) branches to the same handler.
 * Assembled with `.set noreorder` (delay slots are explicit) and
 * `.set noat` ($1 is the scratch register of the checks). */
#ifndef TEST_MACROS_H
#define TEST_MACROS_H

#define TESTNUM $30

	.set noreorder
	.set noat

/* ---- exits (UHI) ------------------------------------------------------ */

#define UHI_EXIT(code)                                                        \
	li $4, code; li $25, 1; sdbbp 1; nop

/* ---- program frame ----------------------------------------------------- */

#define TEST_BEGIN                                                            \
	.section .vectors, "ax";                                              \
	b exc_handler; nop;             /* TLB refill (EBase + 0) */          \
	.org 0x180;                                                           \
exc_handler:                    /* general (EBase + 0x180) */             \
	la $26, exc_cause; mfc0 $27, $13, 0; sw $27, 0($26);                  \
	mtc0 $zero, $13, 0;             /* software interrupts off */         \
	mfc0 $27, $12, 0; ori $27, $27, 1; xori $27, $27, 1;                  \
	mtc0 $27, $12, 0;               /* Status.IE = 0 */                   \
	mfc0 $27, $14, 0; sw $27, 4($26);                                     \
	mfc0 $27, $8, 0; sw $27, 8($26);                                      \
	lw $27, 12($26); addiu $27, $27, 1; sw $27, 12($26);                  \
	lw $27, 16($26); bnez $27, 1f; sw $zero, 16($26);                     \
	mfc0 $27, $14, 0; addiu $27, $27, 4;                                  \
1:	mtc0 $27, $14, 0; ehb; eret;                                          \
	.text;                                                                \
	.globl _start;                                                        \
_start:                                                                       \
	la $sp, stack_top;                                                    \
	li $26, 0x80100000; mtc0 $26, $15, 1;                                 \
	mfc0 $26, $12, 0; li $27, ~0x00400007; and $26, $26, $27;             \
	mtc0 $26, $12, 0; ehb;                                                \
	li TESTNUM, 0;

#define TEST_END                                                              \
	UHI_EXIT(0);                                                          \
fail:                           /* "FAIL\n" on the Malta UART, then exit */ \
	li $1, 0xb80003f8; li $4, 70; sb $4, 0($1); li $4, 65; sb $4, 0($1); \
	li $4, 73; sb $4, 0($1); li $4, 76; sb $4, 0($1); li $4, 10;          \
	sb $4, 0($1);                                                         \
	move $4, TESTNUM; li $25, 1; sdbbp 1; nop;                            \
1:	b 1b; nop;                                                            \
	.data;                                                                \
	.balign 4;                                                            \
exc_cause: .word 0;                                                           \
exc_epc: .word 0;                                                             \
exc_badvaddr: .word 0;                                                        \
exc_count: .word 0;                                                           \
exc_resume: .word 0;                                                          \
	.bss;                                                                 \
	.balign 16;                                                           \
	.space 4096;                                                          \
stack_top:

/* ---- checks ------------------------------------------------------------ */

/* Fail test n unless register r holds value v (uses $1). */
#define CHECK(n, r, v)                                                        \
	li TESTNUM, n; li $1, v; bne r, $1, fail; nop

/* rd = op rs, rt with rs = a, rt = b; expect v. */
#define TEST_RR_OP(n, op, v, a, b)                                            \
	li $2, a; li $3, b; op $4, $2, $3; CHECK(n, $4, v)

/* rt = op rs, imm; expect v. */
#define TEST_IMM_OP(n, op, v, a, imm)                                         \
	li $2, a; op $4, $2, imm; CHECK(n, $4, v)

/* rd = op rt, sa; expect v. */
#define TEST_SH_OP(n, op, v, a, sa)                                           \
	li $2, a; op $4, $2, sa; CHECK(n, $4, v)

/* rd = op rt (two-operand forms: clz, seb, wsbh...); expect v. */
#define TEST_R_OP(n, op, v, a)                                                \
	li $2, a; op $4, $2; CHECK(n, $4, v)

/* HI/LO after op rs, rt (mult, div, madd...) starting from hi0/lo0. */
#define TEST_HILO(n, op, hi, lo, a, b, hi0, lo0)                              \
	li $2, hi0; mthi $2; li $2, lo0; mtlo $2;                             \
	li $2, a; li $3, b; op $2, $3;                                        \
	mfhi $4; mflo $5; CHECK(n, $4, hi); CHECK(n, $5, lo)

/* Before an instruction that must raise an exception: clear the record
 * and resume at label `resume`. */
#define EXPECT_EXC(resume)                                                    \
	la $26, exc_cause; sw $zero, 0($26); sw $zero, 4($26);                \
	sw $zero, 8($26); sw $zero, 12($26); la $27, resume; sw $27, 16($26)

/* After it: exactly one exception with ExcCode `code`, BD `bd` and EPC at
 * label `epc`. */
#define CHECK_EXC(n, code, bd, epc)                                           \
	la $26, exc_cause; lw $4, 12($26); CHECK(n, $4, 1);                   \
	lw $4, 0($26); srl $5, $4, 2; andi $5, $5, 0x1f; CHECK(n, $5, code);  \
	srl $5, $4, 31; CHECK(n, $5, bd);                                     \
	la $26, exc_cause; lw $4, 4($26); la $5, epc; bne $4, $5, fail; nop

/* ... and BadVAddr = v. */
#define CHECK_BADVADDR(n, v)                                                  \
	la $26, exc_cause; lw $4, 8($26); li TESTNUM, n; la $5, v; bne $4, $5, fail; nop

/* No exception since the last EXPECT_EXC. */
#define CHECK_NO_EXC(n)                                                       \
	la $26, exc_cause; lw $4, 12($26); CHECK(n, $4, 0)

#endif /* TEST_MACROS_H */
