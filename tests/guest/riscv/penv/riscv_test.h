/* riscv_test.h: a "p" (physical memory, single core) test environment with
 * the interface and start-up protocol of the official RISC-V ISA tests'
 * env/p, written for Morph's test suite. A program written against the
 * official headers (RVTEST_RV64U, RVTEST_CODE_BEGIN, RVTEST_PASS/FAIL,
 * TESTNUM in gp, tohost/fromhost in .tohost) builds unchanged against this.
 *
 * Start-up, as in env/p: zero the registers, park other harts, write CSRs
 * that may not exist with mtvec pointing just past the write (mnstatus,
 * satp, the PMP), turn off delegation, install trap_vector, then mret into
 * the test body with mstatus = 0 (user mode, unless init asks for machine
 * mode). Pass/fail is an ecall; trap_vector turns it into a tohost write:
 * 1 = pass, (n << 1) | 1 = test n failed; an unexpected trap ORs 1337 in. */
#ifndef MORPH_PENV_RISCV_TEST_H
#define MORPH_PENV_RISCV_TEST_H

#include "encoding.h"

#define RVTEST_RV64U .macro init; .endm
#define RVTEST_RV32U .macro init; .endm
#define RVTEST_RV64M .macro init; RVTEST_ENABLE_MACHINE; .endm
#define RVTEST_RV32M .macro init; RVTEST_ENABLE_MACHINE; .endm

#define RVTEST_ENABLE_MACHINE li a0, MSTATUS_MPP; csrs mstatus, a0;

#if __riscv_xlen == 64
# define CHECK_XLEN li a0, 1; slli a0, a0, 31; bgez a0, 1f; RVTEST_PASS; 1:
#else
# define CHECK_XLEN li a0, 1; slli a0, a0, 31; bltz a0, 1f; RVTEST_PASS; 1:
#endif

/* Write a CSR that may be missing: a trap lands on the next label. */
#define WRITE_OPTIONAL_CSR(...) \
  la t0, 1f; csrw mtvec, t0; __VA_ARGS__; .align 2; 1:

#define INIT_XREG \
  li x1, 0; li x2, 0; li x3, 0; li x4, 0; li x5, 0; li x6, 0; li x7, 0; \
  li x8, 0; li x9, 0; li x10, 0; li x11, 0; li x12, 0; li x13, 0; li x14, 0; \
  li x15, 0; li x16, 0; li x17, 0; li x18, 0; li x19, 0; li x20, 0; li x21, 0; \
  li x22, 0; li x23, 0; li x24, 0; li x25, 0; li x26, 0; li x27, 0; li x28, 0; \
  li x29, 0; li x30, 0; li x31, 0;

#define TESTNUM gp

#define RVTEST_CODE_BEGIN \
  .section .text.init; \
  .align 6; \
  .weak mtvec_handler; \
  .globl _start; \
_start: \
  j reset_vector; \
  .align 2; \
trap_vector: \
  csrr t5, mcause; \
  li t6, CAUSE_USER_ECALL; beq t5, t6, write_tohost; \
  li t6, CAUSE_SUPERVISOR_ECALL; beq t5, t6, write_tohost; \
  li t6, CAUSE_MACHINE_ECALL; beq t5, t6, write_tohost; \
  la t5, mtvec_handler; beqz t5, 1f; jr t5; \
1: ori TESTNUM, TESTNUM, 1337; \
write_tohost: \
  sw TESTNUM, tohost, t5; \
  sw zero, tohost + 4, t5; \
  j write_tohost; \
reset_vector: \
  INIT_XREG; \
  csrr a0, mhartid; 1: bnez a0, 1b; \
  WRITE_OPTIONAL_CSR(csrwi CSR_MNSTATUS, MNSTATUS_NMIE); \
  WRITE_OPTIONAL_CSR(csrwi satp, 0); \
  WRITE_OPTIONAL_CSR(li t0, -1; csrw pmpaddr0, t0; li t0, PMP_NAPOT | PMP_R | PMP_W | PMP_X; csrw pmpcfg0, t0); \
  csrwi mie, 0; \
  WRITE_OPTIONAL_CSR(csrwi medeleg, 0; csrwi mideleg, 0); \
  li TESTNUM, 0; \
  la t0, trap_vector; csrw mtvec, t0; \
  CHECK_XLEN; \
  csrwi mstatus, 0; \
  init; \
  la t0, 1f; csrw mepc, t0; \
  csrr a0, mhartid; \
  mret; \
  .section .text; \
1:

#define RVTEST_CODE_END unimp

#define RVTEST_PASS \
  fence; li TESTNUM, 1; li a7, 93; li a0, 0; ecall

#define RVTEST_FAIL \
  fence; 1: beqz TESTNUM, 1b; sll TESTNUM, TESTNUM, 1; or TESTNUM, TESTNUM, 1; \
  li a7, 93; addi a0, TESTNUM, 0; ecall

#define RVTEST_DATA_BEGIN \
  .pushsection .tohost, "aw", @progbits; \
  .align 6; .global tohost; tohost: .dword 0; .size tohost, 8; \
  .align 6; .global fromhost; fromhost: .dword 0; .size fromhost, 8; \
  .popsection; \
  .align 4; .global begin_signature; begin_signature:

#define RVTEST_DATA_END .align 4; .global end_signature; end_signature:

#endif
