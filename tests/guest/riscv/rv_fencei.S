/* Zifencei: after stores to instruction memory and fence.i, the new
 * instructions execute.  Covers a hot function patched after it has run
 * many times (a JIT has compiled it by then), a 16-bit instruction patched
 * with sh, code written into a data buffer and called, the buffer rewritten
 * and called again, and an instruction patched just ahead of the running
 * code in the same straight-line block. */
#include "test_macros.h"

/* addi a0, zero, imm */
#define ADDI_A0_IMM(imm) ((((imm) & 0xfff) << 20) | 0x00000513)
/* c.li a0, imm (6-bit signed) */
#define C_LI_A0(imm) (0x4501 | ((((imm) >> 5) & 1) << 12) | (((imm) & 0x1f) << 2))
#define RET_INSN 0x00008067     /* jalr x0, 0(ra) */

RVTEST_CODE_BEGIN

  /* ---- patch a hot function ---- */
  TEST_BEGIN(2)
  li s0, 0
  li s1, 3000
1: jal ra, patch_fn
  add s0, s0, a0
  addi s1, s1, -1
  bnez s1, 1b
  CHECK_REG(s0, 3000)               /* patch_fn returned 1 each time */
  la a1, patch_fn
  li a2, ADDI_A0_IMM(-7)
  sw a2, 0(a1)
  fence.i
  li s0, 0
  li s1, 3000
2: jal ra, patch_fn
  add s0, s0, a0
  addi s1, s1, -1
  bnez s1, 2b
  CHECK_REG(s0, -21000)

  /* ---- patch a 16-bit instruction with a halfword store ---- */
  TEST_BEGIN(3)
  jal ra, patch_fn16
  CHECK_REG(a0, 5)
  la a1, patch_fn16
  li a2, C_LI_A0(-3)
  sh a2, 0(a1)
  fence.i
  jal ra, patch_fn16
  CHECK_REG(a0, -3)

  /* ---- generate code in a buffer, call it, rewrite it, call again ---- */
  TEST_BEGIN(4)
  la a1, code_buf
  li a2, ADDI_A0_IMM(100)
  sw a2, 0(a1)
  li a2, RET_INSN
  sw a2, 4(a1)
  fence.i
  li a0, 0
  jalr ra, 0(a1)
  CHECK_REG(a0, 100)
  li a3, 500
  li s0, 0
1: jalr ra, 0(a1)                   /* make it hot */
  add s0, s0, a0
  addi a3, a3, -1
  bnez a3, 1b
  CHECK_REG(s0, 50000)
  TEST_BEGIN(5)
  la a1, code_buf
  li a2, ADDI_A0_IMM(200)
  sw a2, 0(a1)
  fence.i
  jalr ra, 0(a1)
  CHECK_REG(a0, 200)
  /* a longer body: a0 = 3; a0 = a0 + a0 (x3) ; ret -> 24 */
  TEST_BEGIN(6)
  la a1, code_buf
  li a2, ADDI_A0_IMM(3)
  sw a2, 0(a1)
  li a2, 0x00a50533                 /* add a0, a0, a0 */
  sw a2, 4(a1)
  sw a2, 8(a1)
  sw a2, 12(a1)
  li a2, RET_INSN
  sw a2, 16(a1)
  fence.i
  jalr ra, 0(a1)
  CHECK_REG(a0, 24)

  /* ---- patch the instruction right ahead of us ---- */
  TEST_BEGIN(7)
  li a0, 0
  la a1, 1f
  li a2, ADDI_A0_IMM(42)
  sw a2, 0(a1)
  fence.i
1: addi a0, zero, 1                 /* replaced by addi a0, zero, 42 */
  CHECK_REG(a0, 42)
  /* and again, in a loop: each iteration rewrites the immediate of the
   * instruction it is about to execute */
  TEST_BEGIN(8)
  li s0, 0                          /* sum */
  li s1, 1                          /* k */
  la a1, 2f
1: slli a2, s1, 20
  li a3, 0x00000513
  or a2, a2, a3                     /* addi a0, zero, k */
  sw a2, 0(a1)
  fence.i
2: addi a0, zero, 0
  add s0, s0, a0
  addi s1, s1, 1
  li a3, 101
  bltu s1, a3, 1b
  CHECK_REG(s0, 5050)

RVTEST_CODE_END

  .balign 4
patch_fn:
  addi a0, zero, 1
  ret
  .option push
  .option rvc
patch_fn16:
  c.li a0, 5
  c.jr ra
  .option pop

RVTEST_DATA_BEGIN
  .balign 64
code_buf: .skip 64
RVTEST_DATA_END
