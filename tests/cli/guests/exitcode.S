# exitcode.S: fails through the finisher with code 3 (0x30000 | 0x3333).
	.globl _start
_start:
	li t0, 0x100000
	li t1, 0x33333
	sw t1, 0(t0)
1:	j 1b
