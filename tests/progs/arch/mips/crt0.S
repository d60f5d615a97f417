/* MIPS32 start-up code for the C guest programs (o32, no PIC, no $gp use;
 * entered at _start in kernel mode, as QEMU's Malta -kernel does): stack,
 * .bss, main, then exit() (console.c -> board_exit: UHI semihosting) with
 * main's return value as the exit status. */
  .set noreorder
  .set noat
  .section .text.init, "ax", @progbits
  .globl _start
  .ent _start
_start:
  la $sp, __stack_top
  /* clear .bss (16-byte aligned at both ends) */
  la $8, __bss_start
  la $9, __bss_end
1: beq $8, $9, 2f
  nop
  sw $0, 0($8)
  b 1b
  addiu $8, $8, 4
2: addiu $sp, $sp, -16          /* o32: the callee's argument save area */
  move $4, $0
  move $5, $0
  jal main
  nop
  jal exit
  move $4, $2
3: b 3b
  nop
  .end _start
