/* Loads and stores: every size and sign, immediate / register / scaled
 * register offsets, offset, pre-indexed and post-indexed forms, the T
 * forms, LDRD/STRD, LDM/STM in all four modes, PUSH/POP, LDM with pc. */
#include "test_macros.h"
TEST_CODE_BEGIN
	ldr r9, =buf
	TEST_CASE(2, r0, 0x04030201, ldr r0, [r9])
	TEST_CASE(3, r0, 0x08070605, ldr r0, [r9, #4])
	TEST_CASE(4, r0, 0x05040302, ldr r0, [r9, #1])
	TEST_CASE(5, r0, 0x04030201, add r1, r9, #8; ldr r0, [r1, #-8])
	TEST_CASE(6, r1, 0x40, add r1, r9, #0x44; ldr r0, [r1, #-4]!; sub r1, r1, r9)
	TEST_CASE(7, r1, 0x8, mov r1, r9; ldr r0, [r1], #8; sub r1, r1, r9)
	TEST_CASE(8, r0, 0x08070605, mov r2, #4; ldr r0, [r9, r2])
	TEST_CASE(9, r0, 0x0c0b0a09, mov r2, #2; ldr r0, [r9, r2, lsl #2])
	TEST_CASE(10, r0, 0x04030201, add r1, r9, #16; mov r2, #4; ldr r0, [r1, -r2, lsl #2])
	TEST_CASE(11, r1, 0x10, mov r1, r9; mov r2, #16; ldr r0, [r1], r2; sub r1, r1, r9)
	TEST_CASE(12, r1, 0xc, mov r1, r9; mov r2, #3; ldr r0, [r1, r2, lsl #2]!; sub r1, r1, r9)
	TEST_CASE(13, r0, 0x80, ldrb r0, [r9, #0x0f])
	TEST_CASE(14, r0, 0xffffff80, ldrsb r0, [r9, #0x0f])
	TEST_CASE(15, r0, 0x807f, ldrh r0, [r9, #0x0e])
	TEST_CASE(16, r0, 0xffff807f, ldrsh r0, [r9, #0x0e])
	TEST_CASE(17, r0, 0x0201, mov r2, #0; ldrh r0, [r9, r2])
	TEST_CASE(18, r1, 0x2, mov r1, r9; ldrh r0, [r1], #2; sub r1, r1, r9)
	TEST_CASE(19, r0, 0x55, ldr r1, =wbuf; mov r2, #0x55; strb r2, [r1, #3]; ldr r0, [r1]; lsr r0, r0, #24)
	TEST_CASE(20, r0, 0xbeef, ldr r1, =wbuf; ldr r2, =0xdeadbeef; strh r2, [r1, #4]; ldrh r0, [r1, #4])
	TEST_CASE(21, r0, 0x12345678, ldr r1, =wbuf; ldr r2, =0x12345678; str r2, [r1, #8]!; ldr r0, [r1])
	TEST_CASE(22, r3, 0x22, ldr r1, =wbuf; mov r2, #0x11; mov r3, #0x22; strd r2, r3, [r1, #16]; mov r2, #0; mov r3, #0; ldrd r2, r3, [r1, #16])
	TEST_CASE(23, r2, 0x11, ldr r1, =wbuf; ldrd r2, r3, [r1, #16])
	TEST_CASE(24, r0, 0x08070605, mov r1, r9; ldrt r0, [r1], #4; ldrt r0, [r1], #4)
	TEST_CASE(25, r0, 0x0f, ldrbt r0, [r9], #0; ldrb r0, [r9, #14]; and r0, r0, #0xf)
	/* LDM/STM in the four modes */
	TEST_CASE(26, r3, 0x0c0b0a09, mov r1, r9; ldm r1!, {r2, r3}; ldm r1, {r2, r3}; mov r3, r3; sub r1, r1, r9; cmp r1, #8; bne fail; mov r3, r2; ldr r3, [r9, #8])
	TEST_CASE(27, r3, 0x0c0b0a09, mov r1, r9; ldmib r1, {r2, r3})
	TEST_CASE(28, r2, 0x04030201, add r1, r9, #4; ldmda r1, {r2, r3})
	TEST_CASE(29, r2, 0x0c0b0a09, add r1, r9, #16; ldmdb r1!, {r2, r3}; sub r1, r1, r9; cmp r1, #8; bne fail)
	TEST_CASE(30, r0, 0x3, ldr r1, =wbuf; mov r2, #1; mov r3, #2; stm r1, {r2, r3}; ldr r0, [r1]; ldr r4, [r1, #4]; add r0, r0, r4)
	TEST_CASE(31, r0, 0x7, ldr r1, =wbuf; mov r2, #3; mov r3, #4; stmib r1!, {r2, r3}; ldr r0, [r1, #-4]; ldr r4, [r1]; add r0, r0, r4)
	TEST_CASE(32, r0, 0xb, ldr r1, =wbuf + 32; mov r2, #5; mov r3, #6; stmda r1, {r2, r3}; ldr r0, [r1, #-4]; ldr r4, [r1]; add r0, r0, r4)
	TEST_CASE(33, r0, 0xf, ldr r1, =wbuf + 32; mov r2, #7; mov r3, #8; stmdb r1!, {r2, r3}; ldr r0, [r1]; ldr r4, [r1, #4]; add r0, r0, r4)
	TEST_CASE(34, r5, 0x77, mov r4, #0x66; mov r5, #0x77; push {r4, r5}; mov r4, #0; mov r5, #0; pop {r4, r5})
	TEST_CASE(35, r0, 0x2a, mov r7, sp; push {r4}; pop {r4}; cmp r7, sp; bne fail; bl func; mov r0, r0)
	TEST_CASE(36, r0, 0x2b, ldr r1, =1f; push {r1}; pop {pc}; mov r0, #0; 1: mov r0, #0x2b)
	TEST_CASE(37, r0, 0x2c, adr r2, ldtab; ldr pc, [r2]; mov r0, #0; 2: mov r0, #0x2c)
	TEST_CASE(38, r0, 0x1, mov r0, #5; cmp r9, #0; ldreq r0, [r9]; movne r0, #1)
	TEST_CASE(39, r0, 0x44332211, ldr r1, =wbuf; ldr r2, =0x44332211; str r2, [r1, #1]; ldr r0, [r1, #1])
	TEST_CASE(40, r0, 0x07060504, ldr r0, [r9, #3]!)
	TEST_CASE(41, r0, 0xbeef, ldr r1, =wbuf + 40; mov r2, #2; ldr r3, =0xbeef; strh r3, [r1, -r2]!; ldrh r0, [r1])
	/* conditional loads, stores, LDM/STM, PUSH/POP, BLX */
	ldr r9, =buf
	TEST_CASE(42, r0, 5, mov r0, #5; cmp r0, #5; ldrne r0, [r9]; strne r0, [r9])
	TEST_CASE(43, r0, 0x04030201, cmp r0, r0; ldmeq r9, {r0}; ldmne r9, {r1})
	TEST_CASE(44, r0, 7, mov r0, #7; cmp r0, #0; blxeq r0; bxeq r0)
	TEST_CASE(45, r4, 0x11, mov r4, #0x11; cmp r4, #0; pushne {r4}; mov r4, #0; popne {r4}; popeq {r5})
	TEST_CASE(46, r0, 0x2a, mov r0, #0; cmp r0, #1; blgt func; bllt func)
	TEST_CASE(47, r0, 0x3, ldr r1, =wbuf; mov r2, #3; mov r3, #9; cmp r2, r3; strhlo r2, [r1]; strhhs r3, [r1]; ldrhlo r0, [r1])
TEST_CODE_END
func:	push {r4, lr}
	mov r0, #0x2a
	pop {r4, pc}
.align 2
ldtab:	.word 2b
TEST_EXIT
.data
.align 4
buf:	.byte 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 0x7f, 0x80
	.space 64
wbuf:	.space 64
TEST_DATA
