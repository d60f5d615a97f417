/* Exceptions through the vector table (VBAR): SVC, UDF, BKPT, undefined
 * coprocessor, data aborts on unmapped memory, alignment faults; returns
 * with `movs pc, lr` / `subs pc, lr, #4`; processor modes with banked
 * sp/lr/r8, MRS/MSR of CPSR and SPSR, CPS, LDM/STM ^, CP15 identification.
 * Handlers record: r10 = exception (1 undef, 2 svc, 3 prefetch abort,
 * 4 data abort), r8 = lr, r6 = spsr, r5 = IFSR/DFSR, r4 = DFAR. */
#include "test_macros.h"
TEST_CODE_BEGIN
	ldr r0, =vectors
	mcr p15, 0, r0, c12, c0, 0              /* VBAR */
	mov r7, #0
	TEST_CASE(2, r0, 0x414fc0f0, mrc p15, 0, r0, c0, c0, 0)
	TEST_CASE(3, r0, 0x1d3, mrs r0, apsr; ldr r1, =0x1ff; and r0, r0, r1)
	TEST_CASE(4, r1, vectors, mrc p15, 0, r1, c12, c0, 0)
	/* SVC: lr = next instruction, spsr = old cpsr */
	TEST_CASE(5, r10, 2, mov r10, #0; svc #5)
	TEST_CASE(6, r8, 1b, svc #5; 1:)
	TEST_CASE(7, r6, 0x1d3, ldr r1, =0x1ff; and r6, r6, r1)
	TEST_CASE(8, r10, 0, mov r10, #0; cmp r0, r0; svcne #5)
	/* UDF and an undefined coprocessor */
	TEST_CASE(9, r10, 1, mov r10, #0; udf #1)
	TEST_CASE(10, r8, 1b, udf #2; 1:)
	TEST_CASE(11, r10, 1, mov r10, #0; mrc p7, 0, r0, c0, c0, 0)
	TEST_CASE(12, r0, 0x1d3, mrs r0, apsr; ldr r1, =0x1ff; and r0, r0, r1)
	/* BKPT: prefetch abort, IFSR = debug event */
	TEST_CASE(13, r10, 3, mov r10, #0; bkpt #7)
	TEST_CASE(14, r5, 2, and r5, r5, #0xf)
	/* data aborts: lr = insn + 8, returned to with subs pc, lr, #4 (skips it) */
	ldr r9, =0x50000000
	TEST_CASE(15, r10, 4, mov r10, #0; ldr r0, [r9])
	TEST_CASE(16, r4, 0x50000000, mov r0, r0)
	TEST_CASE(17, r5, 0x8, ldr r1, =0x80f; and r5, r5, r1)
	TEST_CASE(18, r5, 0x808, mov r10, #0; str r0, [r9, #4]; ldr r1, =0x80f; and r5, r5, r1)
	TEST_CASE(19, r4, 0x50000004, cmp r10, #4; bne fail)
	TEST_CASE(20, r0, 0x33, mov r0, #0x33; ldr r0, [r9])
	/* alignment fault of LDRD/LDM */
	ldr r9, =buf
	TEST_CASE(21, r5, 0x1, mov r10, #0; ldrd r0, r1, [r9, #2]; and r5, r5, #0xf; cmp r10, #4; bne fail)
	TEST_CASE(22, r4, buf + 1, mov r10, #0; add r1, r9, #1; ldm r1, {r2, r3}; cmp r10, #4; bne fail)
	TEST_CASE(23, r0, 0x04030201, ldr r0, [r9, #0])
	TEST_CASE(24, r0, 0x05040302, mov r10, #0; ldr r0, [r9, #1]; cmp r10, #0; bne fail)
	/* modes and banked registers */
	TEST_CASE(25, r0, 0x1234, mov r1, sp; cps #0x12; ldr sp, =0x1234; mov lr, #0x55; cps #0x13; cmp sp, r1; bne fail; cps #0x12; mov r0, sp; cmp lr, #0x55; bne fail; cps #0x13)
	TEST_CASE(26, r0, 0x1d2, cps #0x12; mrs r0, apsr; ldr r1, =0x1ff; and r0, r0, r1; cps #0x13)
	TEST_CASE(27, r8, 0x77, mov r8, #0x77; msr cpsr_c, #0xd1; mov r8, #0x88; mov r12, #0x99; msr cpsr_c, #0xd3)
	TEST_CASE(28, r0, 0x88, msr cpsr_c, #0xd1; mov r0, r8; msr cpsr_c, #0xd3)
	TEST_CASE(29, r0, 0x99, msr cpsr_c, #0xd1; mov r0, r12; msr cpsr_c, #0xd3; cmp r12, #0x99; beq fail)
	TEST_CASE(30, r0, 0xabcd, cps #0x1f; ldr sp, =0xabcd; cps #0x13; ldr r1, =wbuf; stm r1, {sp}^; ldr r0, [r1])
	TEST_CASE(31, r0, 0x5678, ldr r1, =wbuf; ldr r2, =0x5678; str r2, [r1]; ldm r1, {sp}^; cps #0x1f; mov r0, sp; cps #0x13)
	TEST_CASE(32, r0, 0x800000d7, ldr r0, =0x800000d7; msr spsr_fsxc, r0; mov r0, #0; mrs r0, spsr)
	/* exception return to another mode: CPSR = SPSR */
	TEST_CASE(33, r0, 0x1d2, ldr r0, =0x1d2; msr spsr_fsxc, r0; adr lr, 1f; movs pc, lr; 1: mrs r0, apsr; ldr r1, =0x1ff; and r0, r0, r1; cps #0x13)
	TEST_CASE(34, r0, 0x1d7, ldr r0, =0x1d7; msr spsr_fsxc, r0; ldr r1, =wbuf; adr r2, 1f; str r2, [r1]; ldm r1, {pc}^; 1: mrs r0, apsr; ldr r1, =0x1ff; and r0, r0, r1; cps #0x13)
	/* User mode and back through SVC (the handler returns to SVC mode) */
	TEST_CASE(35, r0, 0x10, cps #0x1f; msr cpsr_c, #0x10; mrs r0, apsr; and r0, r0, #0x1f; mov r7, #1; svc #0; mov r7, #0)
	TEST_CASE(36, r0, 0x13, mrs r0, apsr; and r0, r0, #0x1f)
	/* CPS interrupt masks, MSR flags only from APSR */
	TEST_CASE(37, r0, 0x0, cpsie if; mrs r0, apsr; and r0, r0, #0xc0; cpsid if)
	TEST_CASE(38, r0, 0xf8000000, msr apsr_nzcvq, #0xf8000000; mrs r0, apsr; and r0, r0, #0xf8000000; msr apsr_nzcvq, #0)
	TEST_CASE(39, r0, 0x00c50078, mrc p15, 0, r0, c1, c0, 0; ldr r1, =0x00c5187d; and r0, r0, r1)
	TEST_CASE(40, r0, 0x55, mov r0, #0x55; mcr p15, 0, r0, c13, c0, 2; mov r0, #0; mrc p15, 0, r0, c13, c0, 2)
	TEST_CASE(41, r0, 0, mcr p15, 0, r0, c7, c5, 0; mcr p15, 0, r0, c8, c7, 0; dsb; isb; dmb; nop; yield; sev; pld [r9]; mov r0, #0)
	/* semihosting through HLT #0xF000 (A32) as well as SVC #0x123456 */
	TEST_CASE(42, r0, 0, mov r0, #0x10; .inst 0xe10f0070; cmp r0, #0; movge r0, #0)
	TEST_CASE(43, r0, 0, mov r0, #0x10; svc #0x123456; cmp r0, #0; movge r0, #0)
TEST_CODE_END
.align 5
vectors:
	b .
	b h_undef
	b h_svc
	b h_pabt
	b h_dabt
	b .
	b .
	b .
h_undef: mov r10, #1; mov r8, lr; mrs r6, spsr; movs pc, lr
h_svc:	mov r10, #2; mov r8, lr; mrs r6, spsr; cmp r7, #1; bne 1f
	bic r6, r6, #0x1f; orr r6, r6, #0x13; msr spsr_c, r6
1:	movs pc, lr
h_pabt:	mov r10, #3; mov r8, lr; mrc p15, 0, r5, c5, c0, 1; movs pc, lr
h_dabt:	mov r10, #4; mov r8, lr; mrc p15, 0, r5, c5, c0, 0; mrc p15, 0, r4, c6, c0, 0; subs pc, lr, #4
TEST_EXIT
.data
.align 4
buf:	.byte 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
wbuf:	.space 16
TEST_DATA
