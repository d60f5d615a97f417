/* RISC-V start-up code for the C guest programs: stack, .bss, trap vector,
 * main, then exit() (console.c -> board_exit: the SiFive test finisher) with
 * main's return value as the exit status. */
#if __riscv_xlen == 64
# define SREG sd
# define REGBYTES 8
#else
# define SREG sw
# define REGBYTES 4
#endif

  .section .text.init, "ax", @progbits
  .globl _start
_start:
  .option push
  .option norelax
  la sp, __stack_top
  .option pop
  la t0, trap_entry
  csrw mtvec, t0
  csrw mie, zero
  /* clear .bss */
  la t0, __bss_start
  la t1, __bss_end
1: bgeu t0, t1, 2f
  SREG zero, 0(t0)
  addi t0, t0, REGBYTES
  j 1b
2: li a0, 0
  li a1, 0
  call main
  tail exit

  /* Any trap is a bug in the program: report it and exit with status 99. */
  .balign 4
trap_entry:
  csrr a0, mcause
  csrr a1, mepc
  csrr a2, mtval
  la sp, __stack_top
  call trap_report
  li a0, 99
  tail exit
