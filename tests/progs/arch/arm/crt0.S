/* ARM A32 start-up code for the C guest programs (entered in ARM state at
 * _start in a privileged mode, as QEMU's `virt` -kernel does): stack, .bss,
 * main, then exit() (console.c -> board_exit: semihosting) with main's
 * return value as the exit status. */
  .syntax unified
  .arm
  .section .text.init, "ax", %progbits
  .globl _start
  .type _start, %function
_start:
  ldr sp, =__stack_top
  /* clear .bss (16-byte aligned at both ends) */
  ldr r0, =__bss_start
  ldr r1, =__bss_end
  mov r2, #0
1: cmp r0, r1
  strlo r2, [r0], #4
  blo 1b
  mov r0, #0
  mov r1, #0
  bl main
  b exit
  .ltorg
