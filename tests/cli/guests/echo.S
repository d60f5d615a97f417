# echo.S: interrupt-driven console input. Enables the UART's receive
# interrupt (IER.ERBFI, wired to MEIP), sleeps in wfi, and on each
# interrupt echoes every waiting byte; 'q' passes through the finisher.
	.globl _start
_start:
	la t0, handler
	csrw mtvec, t0
	li s0, 0x10000000       # UART
	li t0, 1
	sb t0, 1(s0)            # IER = ERBFI
	li t0, 0x800
	csrw mie, t0            # MEIE
	csrsi mstatus, 8        # MIE
1:	wfi
	j 1b

	.balign 4
handler:
	csrr t2, mcause
	li t3, (1 << 63) | 11
	bne t2, t3, bad
2:	lbu t1, 5(s0)           # LSR
	andi t1, t1, 1          # DR
	beqz t1, 3f
	lbu t2, 0(s0)           # RBR
	li t3, 'q'
	beq t2, t3, done
	sb t2, 0(s0)            # THR: echo
	j 2b
3:	mret
done:
	li t0, 0x100000
	li t1, 0x5555
	sw t1, 0(t0)
4:	j 4b
bad:
	li t0, 0x100000         # not the external interrupt: fail with 2
	li t1, 0x23333
	sw t1, 0(t0)
5:	j 5b
