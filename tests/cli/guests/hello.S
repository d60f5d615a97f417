# hello.S: prints through the 16550 at 0x10000000, then passes through the
# SiFive test finisher at 0x100000.
	.globl _start
_start:
	li s0, 0x10000000
	la s1, msg
1:	lbu a0, 0(s1)
	beqz a0, 3f
2:	lbu t0, 5(s0)          # LSR: wait for THRE
	andi t0, t0, 0x20
	beqz t0, 2b
	sb a0, 0(s0)
	addi s1, s1, 1
	j 1b
3:	li t0, 0x100000
	li t1, 0x5555
	sw t1, 0(t0)
4:	j 4b
	.section .rodata
msg:	.asciz "hello from the guest\n"
