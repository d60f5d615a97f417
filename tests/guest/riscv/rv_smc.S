/* Stores into code that has run take effect without fence.i.  The RISC-V
 * specification leaves this to the implementation (Zifencei, rv_fencei.S,
 * is the portable way); Morph promises it (a store into a decoded line drops
 * what was decoded there) and QEMU keeps the same promise, so the FINISHER
 * build is the oracle as usual.
 *
 * The patched instructions straddle a 64-byte line (RT_CODE_LINE_SHIFT in
 * runtime/rt_mem.h; 4-byte instructions at 2-byte alignment, as the C
 * extension allows): they start 2 bytes before a line boundary and the
 * stores hit only their upper half, in the next line.  The decode cache
 * must then drop an instruction that starts in the line before the one
 * written (rt_code_written's `back` window). */
#include "test_macros.h"

/* addi a0, zero, imm: the upper halfword holds imm[11:0] (and rs1 = 0) */
#define ADDI_A0_IMM(imm) ((((imm) & 0xfff) << 20) | 0x00000513)
#define HI16(insn) (((insn) >> 16) & 0xffff)

RVTEST_CODE_BEGIN

  /* ---- sh into the upper half of a hot straddling instruction ---- */
  TEST_BEGIN(2)
  la a1, straddle_fn
  andi a2, a1, 63
  CHECK_REG(a2, 62)                 /* it does straddle */
  li s0, 0
  li s1, 1000
1: jal ra, straddle_fn
  add s0, s0, a0
  addi s1, s1, -1
  bnez s1, 1b
  CHECK_REG(s0, 1000)               /* addi a0, zero, 1 each time */
  TEST_BEGIN(3)
  la a1, straddle_fn
  li a2, HI16(ADDI_A0_IMM(-7))
  sh a2, 2(a1)                      /* no fence.i */
  jal ra, straddle_fn
  CHECK_REG(a0, -7)
  li s0, 0
  li s1, 1000
1: jal ra, straddle_fn
  add s0, s0, a0
  addi s1, s1, -1
  bnez s1, 1b
  CHECK_REG(s0, -7000)

  /* ---- sb into its last byte only ---- */
  TEST_BEGIN(4)
  la a1, straddle_fn
  li a2, (ADDI_A0_IMM(0x100) >> 24) & 0xff
  sb a2, 3(a1)                      /* imm[11:4] = 0x10: addi a0, zero, 0x109 */
  jal ra, straddle_fn
  CHECK_REG(a0, 0x109)

  /* ---- the straddling instruction right ahead of the running code ---- */
  TEST_BEGIN(5)
  li s0, 0
  li s1, 1
  la a1, straddle_inline
1: slli a2, s1, 4                   /* addi a0, zero, k: imm[11:0] in bits 31:20 */
  sh a2, 2(a1)
  jal ra, straddle_inline
  add s0, s0, a0
  addi s1, s1, 1
  li a3, 101
  bltu s1, a3, 1b
  CHECK_REG(s0, 5050)

RVTEST_CODE_END

  .option push
  .option norvc
  .balign 64
  .skip 62
straddle_fn:                        /* at line end - 2: bytes 2..3 in the next line */
  addi a0, zero, 1
  ret
  .balign 64
  .skip 62
straddle_inline:
  addi a0, zero, 0
  ret
  .option pop

RVTEST_DATA_BEGIN
RVTEST_DATA_END
