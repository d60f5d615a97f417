/* rv_irq.S: machine interrupts end to end (CLINT software interrupt, timer
 * interrupt woken from wfi with vectored mtvec, interrupt taken in U-mode).
 * Reports through the SiFive finisher, so the same binary runs under Morph
 * and QEMU: exit 0 on success, else (step << 16) | 0x3333; s0 = step. */
#define FIN 0x100000
#define CLINT 0x2000000
  .section .text.init
  .globl _start
_start:
  la t0, handler
  csrw mtvec, t0
  li s0, 1
  li s1, 0                    /* interrupts seen */
  /* 1: MSIP via clint.msip, vectored off, in M-mode with MIE */
  li t0, 8
  csrw mie, t0                /* MSIE */
  li t1, CLINT
  li t0, 1
  sw t0, 0(t1)                /* msip = 1 */
  csrsi mstatus, 8            /* MIE */
1: beqz s1, 1b
  li t0, 0x80000003
#if __riscv_xlen == 64
  slli t0, t0, 32
  srli t0, t0, 32
  li t2, 1
  slli t2, t2, 63
  ori t0, t2, 3
#endif
  bne s2, t0, fail
  /* 2: timer via wfi, vectored mode */
  li s0, 2
  csrci mstatus, 8
  la t0, vectors
  ori t0, t0, 1
  csrw mtvec, t0
  li t0, 0x80
  csrw mie, t0                /* MTIE */
  li t1, CLINT + 0xbff8
  lw t2, 0(t1)                /* mtime lo */
  addi t2, t2, 1000
  li t1, CLINT + 0x4000
  sw zero, 4(t1)
  sw t2, 0(t1)
  li s1, 0
  wfi
  csrr t0, mip
  andi t0, t0, 0x80
  beqz t0, fail
  csrsi mstatus, 8
2: beqz s1, 2b
  li t0, 7
  andi t3, s2, 0xff
  bne t3, t0, fail
  bgez s2, fail               /* interrupt bit */
  /* 3: U-mode takes it with MIE clear */
  li s0, 3
  csrci mstatus, 8
  li t0, -1
  sw t0, 0(t1)
  sw t0, 4(t1)                /* timer off */
  li t1, CLINT
  li s1, 0
  li t0, 8
  csrw mie, t0
  li t0, 1
  sw t0, 0(t1)                /* msip = 1 (not taken in M, MIE=0) */
  nop
  bnez s1, fail
  li t0, -1
  csrw pmpaddr0, t0
  li t0, 0x1f
  csrw pmpcfg0, t0            /* U may access everything (QEMU enforces PMP) */
  li t0, 0x1800
  csrc mstatus, t0            /* MPP = U */
  la t0, umode
  csrw mepc, t0
  mret
umode:
3: beqz s1, 3b
  ecall                       /* back to M */
pass:
  li t0, 0x5555
  li t1, FIN
  sw t0, 0(t1)
9: j 9b
fail:
  slli t0, s0, 16
  li t1, 0x3333
  or t0, t0, t1
  li t1, FIN
  sw t0, 0(t1)
8: j 8b

  .balign 64
  .option push
  .option norvc
vectors:
  j handler       /* 0: exceptions */
  j fail
  j fail
  j handler       /* 3: MSI */
  j fail
  j fail
  j fail
  j handler       /* 7: MTI */
  j fail
  j fail
  j fail
  j fail
  .option pop

  .balign 4
handler:
  csrr s2, mcause
  bltz s2, 4f
  li t3, 8                    /* ecall from U in step 3: pass */
  beq s2, t3, pass
  j fail
4:
  addi s1, s1, 1
  andi t3, s2, 0xff
  li t4, 3
  bne t3, t4, 5f
  li t4, CLINT
  sw zero, 0(t4)              /* clear msip */
  mret
5: li t4, CLINT + 0x4000
  li t3, -1
  sw t3, 4(t4)
  sw t3, 0(t4)
  mret
