# wfi.S: waits for an interrupt with none enabled or armed (exit 5), or,
# built with -DTIMER, arms the CLINT timer 1 ms ahead, waits for it with
# wfi (interrupts enabled in mie only) and passes through the finisher.
	.globl _start
_start:
#ifdef TIMER
	li t0, 0x200bff8        # mtime
	ld t1, 0(t0)
	li t2, 10000            # 1 ms at 10 MHz
	add t1, t1, t2
	li t0, 0x2004000        # mtimecmp
	sd t1, 0(t0)
	li t0, 0x80             # mie.MTIE
	csrw mie, t0
	wfi
	csrr t1, mip
	andi t1, t1, 0x80
	beqz t1, _start
	li t0, 0x100000
	li t1, 0x5555
	sw t1, 0(t0)
#else
	wfi
#endif
1:	j 1b
