# failzero.S: fails through the finisher with code 0 (0x3333): QEMU exits
# 0 for it, morph must exit 1 (a failure never looks like success).
	.globl _start
_start:
	li t0, 0x100000
	li t1, 0x3333
	sw t1, 0(t0)
1:	j 1b
