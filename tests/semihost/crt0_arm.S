@ crt0_arm.S: stack, bss, main (ARM state; main exits through semihosting).
	.section .text.start
	.arm
	.globl _start
_start:
	ldr sp, =__stack_top
	ldr r0, =__bss_start
	ldr r1, =__bss_end
	mov r2, #0
1:	cmp r0, r1
	strlo r2, [r0], #1
	blo 1b
	bl main
2:	b 2b

@ word sh(word op, word arg): the A32 semihosting call.
	.text
	.globl sh
sh:
	svc 0x123456
	bx lr
