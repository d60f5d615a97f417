# unmapped.S: mtvec and the pc both point at unmapped memory: the access
# fault's handler faults too (a trap loop: runtime error, exit 5).
	.globl _start
_start:
	li t0, 0x40000000
	csrw mtvec, t0
	jr t0
