# mmio.S: the cost of one guest access, by where it goes. Runs N accesses
# (a load, or a store with -DSTORE) at ADDR, then passes through the
# finisher. ADDR is RAM (the baseline), a `fast` UART register (served in
# the vCPU's task) or a UART register served by IPC (bench/mmio.py).
	.globl _start
_start:
	li s0, ADDR
	li s1, N
1:
#ifdef STORE
	sb s1, 0(s0)
#else
	lbu t0, 0(s0)
#endif
	addi s1, s1, -1
	bnez s1, 1b
	li t0, 0x100000
	li t1, 0x5555
	sw t1, 0(t0)
2:	j 2b
