# irq.S: takes a machine timer interrupt (CLINT mtimecmp 100 us ahead) and
# a machine software interrupt (CLINT msip) through mtvec, then passes
# through the finisher; fails with code 2 (or 3) if mcause is wrong.
	.globl _start
_start:
	la t0, handler
	csrw mtvec, t0
	li s0, 0x2000000        # CLINT
	li s1, 0                # interrupts seen
	li t0, 0xbff8
	add t0, t0, s0
	ld t1, 0(t0)            # mtime
	addi t1, t1, 1000       # + 100 us
	li t0, 0x4000
	add t0, t0, s0
	sd t1, 0(t0)            # mtimecmp
	li t0, 0x88             # MTIE | MSIE
	csrw mie, t0
	csrsi mstatus, 8        # MIE
1:	beqz s1, 1b             # wait for the timer
	li t0, 1
	sw t0, 0(s0)            # msip = 1: software interrupt at once
	li t0, 2
2:	bne s1, t0, 2b
	li t0, 0x100000
	li t1, 0x5555
	sw t1, 0(t0)
3:	j 3b

	.balign 4
handler:
	csrr t2, mcause
	li t3, (1 << 63) | 7
	beq t2, t3, timer
	li t3, (1 << 63) | 3
	beq t2, t3, soft
	li t0, 0x100000         # unexpected cause: fail with 2
	li t1, 0x23333
	sw t1, 0(t0)
timer:
	li t0, 0x4004
	add t0, t0, s0
	li t3, -1
	sw t3, 0(t0)            # mtimecmp high half = ~0: no more timer
	li s1, 1
	mret
soft:
	sw zero, 0(s0)          # msip = 0
	li t3, 1
	bne s1, t3, 4f          # must come after the timer
	li s1, 2
	mret
4:	li t0, 0x100000
	li t1, 0x33333
	sw t1, 0(t0)
