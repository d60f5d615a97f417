/* Self-checking RISC-V guest tests: shared macros (riscv-tests style).
 *
 * Every test program has the shape
 *
 *     #include "test_macros.h"
 *     RVTEST_CODE_BEGIN
 *       TEST_RR_OP(2, add, 3, 1, 2)
 *       ...
 *     RVTEST_CODE_END
 *     RVTEST_DATA_BEGIN
 *       ...test data...
 *     RVTEST_DATA_END
 *
 * The current test number lives in gp (x3, TESTNUM).  On a failed check the
 * program jumps to `fail`, which reports the number:
 *   - default build: HTIF, writes (TESTNUM << 1) | 1 to `tohost`
 *     (a pass writes 1), then spins re-writing it;
 *   - -DFINISHER:    SiFive test finisher at 0x100000, 0x5555 = pass,
 *     (TESTNUM << 16) | 0x3333 = fail with exit status TESTNUM (QEMU oracle).
 * Test numbers are 2..254 (so the QEMU exit status is never 0 or truncated);
 * a failure outside any test (TESTNUM still 0) is reported as 255.
 *
 * Register conventions: t2 (x7) holds expected values, t5/t6 (x30/x31) are
 * clobbered by the trap handler and the trap macros, gp is TESTNUM, sp points
 * at a small stack.  Test bodies otherwise use a0-a7, s*, t0, t1, t3, t4.
 *
 * Traps: mtvec points at `trap_vector`.  It records mcause, mepc, mtval and
 * mstatus at trap_cause/trap_epc/trap_tval/trap_status.  If `trap_resume`
 * holds an address (set by EXPECT_TRAP / TEST_TRAP*), it clears it and
 * jumps there, staying in M-mode (no mret); otherwise the trap was not
 * expected and the current test fails.
 *
 * Everything outside explicit `.option rvc` regions is assembled with
 * `.option norvc` so that the 32-bit encodings are what gets tested.
 */
#ifndef MORPH_TEST_MACROS_H
#define MORPH_TEST_MACROS_H

#if __riscv_xlen == 64
# define LREG ld
# define SREG sd
# define REGBYTES 8
# define LOG_REGBYTES 3
# define MASK_XLEN(x) (x)
#else
# define LREG lw
# define SREG sw
# define REGBYTES 4
# define LOG_REGBYTES 2
# define MASK_XLEN(x) ((x) & 0xffffffff)
#endif

#define TESTNUM gp

/* Sign-extend a 12-bit immediate (for expected-value arithmetic). */
#define SEXT_IMM(x) ((x) | (-(((x) >> 11) & 1) << 11))

/* ---- CSR bits and trap causes ------------------------------------------ */
#define MSTATUS_MIE   0x00000008
#define MSTATUS_MPIE  0x00000080
#define MSTATUS_MPP   0x00001800
#define MSTATUS_MPP_M 0x00001800

#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS     1
#define CAUSE_ILLEGAL_INSN     2
#define CAUSE_BREAKPOINT       3
#define CAUSE_MISALIGNED_LOAD  4
#define CAUSE_LOAD_ACCESS      5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS     7
#define CAUSE_USER_ECALL       8
#define CAUSE_MACHINE_ECALL    11

#define SIFIVE_TEST_BASE 0x100000
#define UART0_BASE       0x10000000

/* An address with nothing behind it on the virt board (access fault). */
#define UNMAPPED_ADDR    0x0

/* ---- test-number bookkeeping -------------------------------------------- */
#define CHECK_TESTNUM(n) \
  .if ((n) < 2) || ((n) > 254); .error "test numbers must be 2..254"; .endif

#define TEST_BEGIN(testnum) \
  CHECK_TESTNUM(testnum); \
test_ ## testnum: \
  li TESTNUM, testnum;

/* ---- program skeleton --------------------------------------------------- */
#define RVTEST_CODE_BEGIN \
  .section .text.init, "ax", @progbits; \
  .option norvc; \
  .globl _start; \
_start: \
  j reset_vector; \
  .balign 4; \
  .globl trap_vector; \
trap_vector: \
  csrr t5, mcause;  la t6, trap_cause;  SREG t5, 0(t6); \
  csrr t5, mepc;    la t6, trap_epc;    SREG t5, 0(t6); \
  csrr t5, mtval;   la t6, trap_tval;   SREG t5, 0(t6); \
  csrr t5, mstatus; la t6, trap_status; SREG t5, 0(t6); \
  la t6, trap_resume; LREG t5, 0(t6); \
  bnez t5, 1f; \
  j fail; \
1: SREG zero, 0(t6); \
  jr t5; \
reset_vector: \
  li TESTNUM, 0; \
  la t0, trap_vector; \
  csrw mtvec, t0; \
  csrw mie, zero; \
  la sp, test_stack_top; \
  la t0, trap_resume; \
  SREG zero, 0(t0); \
  j test_body_start; \
  .section .text, "ax", @progbits; \
  .option norvc; \
  .balign 4; \
test_body_start:

#define RVTEST_CODE_END \
  j pass; \
  .balign 4; \
  .globl fail; \
fail: \
  fence; \
  bnez TESTNUM, 1f; \
  li TESTNUM, 255; \
1: \
  RVTEST_REPORT_FAIL; \
  .globl pass; \
pass: \
  fence; \
  RVTEST_REPORT_PASS;

#ifdef FINISHER
/* "FAIL\n" on the virt board's NS16550A first: QEMU's exit status alone
 * could come from QEMU itself failing, the text shows the guest ran. */
# define RVTEST_SAY_FAIL \
  li t0, 0x10000000; li t1, 70; sb t1, 0(t0); li t1, 65; sb t1, 0(t0); \
  li t1, 73; sb t1, 0(t0); li t1, 76; sb t1, 0(t0); li t1, 10; sb t1, 0(t0);
# define RVTEST_REPORT_FAIL \
  RVTEST_SAY_FAIL \
  slli t1, TESTNUM, 16; li t2, 0x3333; or t1, t1, t2; \
  li t0, SIFIVE_TEST_BASE; \
2: sw t1, 0(t0); j 2b;
# define RVTEST_REPORT_PASS \
  li t1, 0x5555; li t0, SIFIVE_TEST_BASE; \
2: sw t1, 0(t0); j 2b;
#else
# if __riscv_xlen == 64
#  define RVTEST_WRITE_TOHOST(val) \
  la t0, tohost; \
2: sd val, 0(t0); j 2b;
# else
   /* High word first (0 = "no command"), then the low word; repeat. */
#  define RVTEST_WRITE_TOHOST(val) \
  la t0, tohost; \
2: sw zero, 4(t0); sw val, 0(t0); j 2b;
# endif
# define RVTEST_REPORT_FAIL \
  slli t1, TESTNUM, 1; ori t1, t1, 1; RVTEST_WRITE_TOHOST(t1)
# define RVTEST_REPORT_PASS \
  li t1, 1; RVTEST_WRITE_TOHOST(t1)
#endif

#define RVTEST_DATA_BEGIN \
  .pushsection .tohost, "aw", @progbits; \
  .balign 64; .globl tohost;   tohost:   .dword 0; .size tohost, 8; \
  .balign 64; .globl fromhost; fromhost: .dword 0; .size fromhost, 8; \
  .popsection; \
  .pushsection .bss, "aw", @nobits; \
  .balign 16; test_stack: .skip 1024; test_stack_top: \
  .popsection; \
  .data; \
  .balign 8; \
  trap_resume: .dword 0; \
  trap_cause:  .dword 0; \
  trap_epc:    .dword 0; \
  trap_tval:   .dword 0; \
  trap_status: .dword 0; \
  .balign 16; \
  test_data_begin:

#define RVTEST_DATA_END \
  .balign 16; \
  test_data_end:

/* ---- generic check ------------------------------------------------------ */
#define TEST_CASE(testnum, testreg, correctval, code...) \
  TEST_BEGIN(testnum) \
  code; \
  li t2, MASK_XLEN(correctval); \
  bne testreg, t2, fail;

/* Check a register against an expected value inside a multi-step test. */
#define CHECK_REG(reg, correctval) \
  li t2, MASK_XLEN(correctval); \
  bne reg, t2, fail;

/* ---- register-immediate ------------------------------------------------- */
#define TEST_IMM_OP(testnum, inst, result, val1, imm) \
  TEST_CASE(testnum, a4, result, \
    li a1, MASK_XLEN(val1); \
    inst a4, a1, SEXT_IMM(imm))

#define TEST_IMM_SRC1_EQ_DEST(testnum, inst, result, val1, imm) \
  TEST_CASE(testnum, a1, result, \
    li a1, MASK_XLEN(val1); \
    inst a1, a1, SEXT_IMM(imm))

#define TEST_IMM_ZEROSRC1(testnum, inst, result, imm) \
  TEST_CASE(testnum, a0, result, \
    li a0, 0x5a5a; \
    inst a0, x0, SEXT_IMM(imm))

#define TEST_IMM_ZERODEST(testnum, inst, val1, imm) \
  TEST_CASE(testnum, x0, 0, \
    li a1, MASK_XLEN(val1); \
    inst x0, a1, SEXT_IMM(imm))

/* Shift-immediate forms take an unsigned shamt. */
#define TEST_SHIFT_IMM(testnum, inst, result, val1, shamt) \
  TEST_CASE(testnum, a4, result, \
    li a1, MASK_XLEN(val1); \
    inst a4, a1, shamt)

#define TEST_SHIFT_IMM_SRC1_EQ_DEST(testnum, inst, result, val1, shamt) \
  TEST_CASE(testnum, a1, result, \
    li a1, MASK_XLEN(val1); \
    inst a1, a1, shamt)

/* ---- register-register -------------------------------------------------- */
#define TEST_RR_OP(testnum, inst, result, val1, val2) \
  TEST_CASE(testnum, a4, result, \
    li a1, MASK_XLEN(val1); \
    li a2, MASK_XLEN(val2); \
    inst a4, a1, a2)

#define TEST_RR_SRC1_EQ_DEST(testnum, inst, result, val1, val2) \
  TEST_CASE(testnum, a1, result, \
    li a1, MASK_XLEN(val1); \
    li a2, MASK_XLEN(val2); \
    inst a1, a1, a2)

#define TEST_RR_SRC2_EQ_DEST(testnum, inst, result, val1, val2) \
  TEST_CASE(testnum, a2, result, \
    li a1, MASK_XLEN(val1); \
    li a2, MASK_XLEN(val2); \
    inst a2, a1, a2)

#define TEST_RR_SRC12_EQ_DEST(testnum, inst, result, val1) \
  TEST_CASE(testnum, a1, result, \
    li a1, MASK_XLEN(val1); \
    inst a1, a1, a1)

#define TEST_RR_SRC12(testnum, inst, result, val1) \
  TEST_CASE(testnum, a4, result, \
    li a1, MASK_XLEN(val1); \
    inst a4, a1, a1)

#define TEST_RR_ZEROSRC1(testnum, inst, result, val) \
  TEST_CASE(testnum, a2, result, \
    li a1, MASK_XLEN(val); \
    inst a2, x0, a1)

#define TEST_RR_ZEROSRC2(testnum, inst, result, val) \
  TEST_CASE(testnum, a2, result, \
    li a1, MASK_XLEN(val); \
    inst a2, a1, x0)

#define TEST_RR_ZEROSRC12(testnum, inst, result) \
  TEST_CASE(testnum, a1, result, \
    li a1, 0x1234; \
    inst a1, x0, x0)

#define TEST_RR_ZERODEST(testnum, inst, val1, val2) \
  TEST_CASE(testnum, x0, 0, \
    li a1, MASK_XLEN(val1); \
    li a2, MASK_XLEN(val2); \
    inst x0, a1, a2)

/* ---- loads and stores --------------------------------------------------- */
#define TEST_LD_OP(testnum, inst, result, offset, base) \
  TEST_CASE(testnum, a4, result, \
    la a2, base; \
    inst a4, offset(a2))

/* Load into the base register itself. */
#define TEST_LD_DEST_EQ_BASE(testnum, inst, result, offset, base) \
  TEST_CASE(testnum, a2, result, \
    la a2, base; \
    inst a2, offset(a2))

#define TEST_ST_OP(testnum, load_inst, store_inst, result, offset, base) \
  TEST_CASE(testnum, a4, result, \
    la a2, base; \
    li a1, MASK_XLEN(result); \
    store_inst a1, offset(a2); \
    load_inst a4, offset(a2))

/* ---- branches ----------------------------------------------------------- */
#define TEST_BR2_OP_TAKEN(testnum, inst, val1, val2) \
  TEST_BEGIN(testnum) \
  li a1, MASK_XLEN(val1); \
  li a2, MASK_XLEN(val2); \
  inst a1, a2, 2f; \
  j fail; \
1: j 3f; \
2: inst a1, a2, 1b; \
  j fail; \
3:

#define TEST_BR2_OP_NOTTAKEN(testnum, inst, val1, val2) \
  TEST_BEGIN(testnum) \
  li a1, MASK_XLEN(val1); \
  li a2, MASK_XLEN(val2); \
  inst a1, a2, 1f; \
  j 2f; \
1: j fail; \
2: inst a1, a2, 1b; \
3:

/* ---- traps -------------------------------------------------------------- */
/* Arrange for the next trap to resume at `label` (in M-mode). */
#define EXPECT_TRAP(label) \
  la t5, label; la t6, trap_resume; SREG t5, 0(t6);

#define CHECK_TRAP_CAUSE(cause) \
  la t6, trap_cause; LREG t5, 0(t6); li t2, MASK_XLEN(cause); bne t5, t2, fail;

#define CHECK_TRAP_EPC(label) \
  la t6, trap_epc; LREG t5, 0(t6); la t2, label; bne t5, t2, fail;

#define CHECK_TRAP_TVAL(value) \
  la t6, trap_tval; LREG t5, 0(t6); li t2, MASK_XLEN(value); bne t5, t2, fail;

#define CHECK_TRAP_TVAL_REG(reg) \
  la t6, trap_tval; LREG t5, 0(t6); bne t5, reg, fail;

/* The first instruction of `code` must trap with `cause`; mepc must point at
 * it.  Registers set up before the macro survive (only t2/t5/t6 change). */
#define TEST_TRAP(testnum, cause, code...) \
  TEST_BEGIN(testnum) \
  EXPECT_TRAP(test_ ## testnum ## _resume) \
test_ ## testnum ## _insn: \
  code; \
  j fail; \
test_ ## testnum ## _resume: \
  CHECK_TRAP_CAUSE(cause) \
  CHECK_TRAP_EPC(test_ ## testnum ## _insn)

/* Same, and mtval must equal `tval`. */
#define TEST_TRAP_TVAL(testnum, cause, tval, code...) \
  TEST_TRAP(testnum, cause, code) \
  CHECK_TRAP_TVAL(tval)

/* Same, and mtval must equal the value of register `reg`. */
#define TEST_TRAP_TVAL_REG(testnum, cause, reg, code...) \
  TEST_TRAP(testnum, cause, code) \
  CHECK_TRAP_TVAL_REG(reg)

/* Drop to U-mode at `label`.  QEMU enforces PMP, so first open all of memory
 * to U-mode with one NAPOT RWX entry (Morph accepts these writes too). */
#define ENTER_UMODE(label) \
  li t0, -1; csrw pmpaddr0, t0; \
  li t0, 0x1f; csrw pmpcfg0, t0; \
  li t0, MSTATUS_MPP; csrc mstatus, t0; \
  la t0, label; csrw mepc, t0; \
  mret;

#endif /* MORPH_TEST_MACROS_H */
