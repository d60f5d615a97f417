# htif.S: reports through tohost: 1 (pass) unless built with -DFAIL=n,
# then (n << 1) | 1; also prints "htif\n" through the syscall proxy first.
	.globl _start
_start:
	la t0, magic
	la t1, tohost
	la t2, fromhost
	sd t0, 0(t1)            # SYS_write(1, text, 5)
1:	ld t3, 0(t2)
	beqz t3, 1b
	sd zero, 0(t2)
#ifdef FAIL
	li t0, (FAIL << 1) | 1
#else
	li t0, 1
#endif
2:	sd t0, 0(t1)
	j 2b
	.data
	.balign 8
magic:	.dword 64, 1, text, 5, 0, 0, 0, 0
text:	.ascii "htif\n"
	.section .tohost, "aw"
	.balign 64
	.globl tohost
tohost:	.dword 0
	.balign 64
	.globl fromhost
fromhost: .dword 0
