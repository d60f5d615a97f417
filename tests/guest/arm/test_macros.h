/* test_macros.h: self-checking ARM A32 tests in the RISC-V tests' style.
 *
 * The test number is in r11; each check compares and branches to `fail`,
 * which exits through semihosting SYS_EXIT_EXTENDED (0x20) with the test
 * number as the exit status; `pass` exits with 0. Under QEMU
 * (`-semihosting`) and under Morph the exit status is the result.
 * r12 is a scratch register of the checks. */
#define TESTNUM r11

#define TEST_CODE_BEGIN  .text; .globl _start; _start: ldr sp, =stack_top
#define TEST_CODE_END    b pass

/* Run code, then check that reg holds val (a 32-bit constant). */
#define TEST_CASE(n, reg, val, code...) \
	mov TESTNUM, n; code; ldr r12, =val; cmp reg, r12; bne fail

/* Check the flags: NZCV (4 bits, N most significant) after code. */
#define TEST_FLAGS(n, nzcv, code...) \
	mov TESTNUM, n; code; mrs r12, apsr; lsr r12, r12, #28; cmp r12, nzcv; bne fail

#define TEST_DATA .data; .align 4; .space 1024; stack_top:

/* pass and fail, and the semihosting exit block; fail first prints "FAIL\n" on
 * the PL011 (an oracle's exit status counts only when the guest ran). */
#define TEST_EXIT \
pass:	mov r2, #0; b 1f; \
fail:	ldr r0, =0x09000000; mov r1, #70; str r1, [r0]; mov r1, #65; str r1, [r0]; \
	mov r1, #73; str r1, [r0]; mov r1, #76; str r1, [r0]; mov r1, #10; str r1, [r0]; \
	mov r2, TESTNUM; \
1:	ldr r1, =exit_block; ldr r0, =0x20026; str r0, [r1]; str r2, [r1, #4]; \
	mov r0, #0x20; svc #0x123456; b .; \
	.data; .align 2; exit_block: .word 0, 0; .text
