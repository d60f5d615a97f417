/* test_macros.h: the scalar test macros of the official RISC-V ISA tests'
 * interface (TEST_CASE, TEST_RR_OP, TEST_IMM_OP, TEST_LD_OP, TEST_ST_OP,
 * TEST_BR2_OP_TAKEN/NOTTAKEN, TEST_PASSFAIL), written for Morph. */
#ifndef MORPH_PENV_TEST_MACROS_H
#define MORPH_PENV_TEST_MACROS_H

#define MASK_XLEN(x) ((x) & ((1 << (__riscv_xlen - 1) << 1) - 1))
#define SEXT_IMM(x) ((x) | (-(((x) >> 11) & 1) << 11))

#define TEST_CASE(testnum, testreg, correctval, code...) \
test_ ## testnum: \
  li TESTNUM, testnum; \
  code; \
  li x7, MASK_XLEN(correctval); \
  bne testreg, x7, fail;

#define TEST_RR_OP(testnum, inst, result, val1, val2) \
  TEST_CASE(testnum, x14, result, li x1, MASK_XLEN(val1); li x2, MASK_XLEN(val2); \
            inst x14, x1, x2;)

#define TEST_IMM_OP(testnum, inst, result, val1, imm) \
  TEST_CASE(testnum, x14, result, li x1, MASK_XLEN(val1); inst x14, x1, SEXT_IMM(imm);)

#define TEST_LD_OP(testnum, inst, result, offset, base) \
  TEST_CASE(testnum, x14, result, li x15, result; la x2, base; inst x14, offset(x2);)

#define TEST_ST_OP(testnum, load_inst, store_inst, result, offset, base) \
  TEST_CASE(testnum, x14, result, la x2, base; li x1, result; \
            store_inst x1, offset(x2); load_inst x14, offset(x2);)

#define TEST_BR2_OP_TAKEN(testnum, inst, val1, val2) \
test_ ## testnum: \
  li TESTNUM, testnum; \
  li x1, val1; li x2, val2; \
  inst x1, x2, 2f; \
  bne x0, TESTNUM, fail; \
1: bne x0, TESTNUM, 3f; \
2: inst x1, x2, 1b; \
  bne x0, TESTNUM, fail; \
3:

#define TEST_BR2_OP_NOTTAKEN(testnum, inst, val1, val2) \
test_ ## testnum: \
  li TESTNUM, testnum; \
  li x1, val1; li x2, val2; \
  inst x1, x2, 1f; \
  bne x0, TESTNUM, 2f; \
1: bne x0, TESTNUM, fail; \
2: inst x1, x2, 1b; \
3:

#define TEST_PASSFAIL \
  bne x0, TESTNUM, pass; \
fail: \
  RVTEST_FAIL; \
pass: \
  RVTEST_PASS

#endif
