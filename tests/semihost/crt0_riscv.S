# crt0_riscv.S: gp, stack, bss, main (which exits through semihosting).
	.section .text.start
	.globl _start
_start:
	.option push
	.option norelax
	la gp, __global_pointer$
	.option pop
	la sp, __stack_top
	la t0, __bss_start
	la t1, __bss_end
1:	bgeu t0, t1, 2f
	sb zero, 0(t0)
	addi t0, t0, 1
	j 1b
2:	call main
3:	j 3b

# word sh(word op, word arg): the semihosting sequence, uncompressed and
# 16-byte aligned so that it never straddles a page.
	.text
	.option push
	.option norvc
	.option norelax
	.balign 16
	.globl sh
sh:
	slli x0, x0, 0x1f
	ebreak
	srai x0, x0, 7
	ret
	.option pop
