/* MIPS32r2 loads and stores in both byte orders: sign/zero extension,
 * LWL/LWR/SWL/SWR at every byte offset, LL/SC, kseg1 (uncached) aliases of
 * kseg0 data, a store to code (the decode cache must notice). */
#include "test_macros.h"
#ifdef __MIPSEB__
#define BE(b, l) b
#else
#define BE(b, l) l
#endif
TEST_BEGIN
	la $10, data
	/* the word at data is bytes 11 22 33 44 ... in memory order */
	lw $4, 0($10); CHECK(1, $4, BE(0x11223344, 0x44332211))
	lbu $4, 0($10); CHECK(2, $4, 0x11)
	lb $4, 7($10); CHECK(3, $4, 0xffffff88)
	lbu $4, 7($10); CHECK(4, $4, 0x88)
	lh $4, 6($10); CHECK(5, $4, BE(0x7788, 0xffff8877))
	lhu $4, 6($10); CHECK(6, $4, BE(0x7788, 0x8877))
	lh $4, 2($10); CHECK(7, $4, BE(0x3344, 0x4433))
	lw $4, 4($10); CHECK(8, $4, BE(0x55667788, 0x88776655))
	/* stores */
	la $11, buf
	li $2, 0xa1b2c3d4; sw $2, 0($11); lw $4, 0($11); CHECK(10, $4, 0xa1b2c3d4)
	li $2, 0x1234; sh $2, 2($11); lbu $4, 2($11); CHECK(11, $4, BE(0x12, 0x34))
	li $2, 0x9e; sb $2, 1($11); lw $4, 0($11); CHECK(12, $4, BE(0xa19e1234, 0x12349ed4))
	li $2, 0xffff8001; sh $2, 0($11); lhu $4, 0($11); CHECK(13, $4, 0x8001)
	/* kseg1 alias of the same RAM */
	li $1, 0x20000000; or $12, $11, $1
	lw $4, 0($12); lw $5, 0($11); bne $4, $5, fail; nop
	li $2, 0x5a5a1234; sw $2, 4($12); lw $4, 4($11); CHECK(14, $4, 0x5a5a1234)
	/* LWL / LWR: an unaligned word at data + k, k = 0..3 */
	li $4, 0; lwl $4, BE(1, 4)($10); lwr $4, BE(4, 1)($10); CHECK(20, $4, BE(0x22334455, 0x55443322))
	li $4, 0; lwl $4, BE(2, 5)($10); lwr $4, BE(5, 2)($10); CHECK(21, $4, BE(0x33445566, 0x66554433))
	li $4, 0; lwl $4, BE(3, 6)($10); lwr $4, BE(6, 3)($10); CHECK(22, $4, BE(0x44556677, 0x77665544))
	li $4, 0; lwl $4, BE(0, 3)($10); lwr $4, BE(3, 0)($10); CHECK(23, $4, BE(0x11223344, 0x44332211))
	/* partial results: each half alone merges with the old register */
	li $4, 0xaaaaaaaa; lwl $4, 1($10); CHECK(24, $4, BE(0x223344aa, 0x2211aaaa))
	li $4, 0xaaaaaaaa; lwr $4, 1($10); CHECK(25, $4, BE(0xaaaa1122, 0xaa443322))
	li $4, 0xaaaaaaaa; lwl $4, 3($10); CHECK(26, $4, BE(0x44aaaaaa, 0x44332211))
	li $4, 0xaaaaaaaa; lwr $4, 3($10); CHECK(27, $4, BE(0x11223344, 0xaaaaaa44))
	li $4, 0xaaaaaaaa; lwl $4, 0($10); CHECK(28, $4, BE(0x11223344, 0x11aaaaaa))
	li $4, 0xaaaaaaaa; lwr $4, 0($10); CHECK(29, $4, BE(0xaaaaaa11, 0x44332211))
	/* SWL / SWR: store 0x01020304 unaligned at buf + 1 and read it back */
	sw $zero, 0($11); sw $zero, 4($11)
	li $2, 0x01020304
	swl $2, BE(1, 4)($11); swr $2, BE(4, 1)($11)
	lw $4, 0($11); CHECK(30, $4, BE(0x00010203, 0x03040000 >> 8 | 0x02030400))
	lw $4, 4($11); CHECK(31, $4, BE(0x04000000, 0x00000001))
	li $4, 0; lwl $4, BE(1, 4)($11); lwr $4, BE(4, 1)($11); CHECK(32, $4, 0x01020304)
	/* each half alone */
	li $3, 0xaaaaaaaa; sw $3, 0($11)
	swl $2, 2($11); lw $4, 0($11); CHECK(33, $4, BE(0xaaaa0102, 0xaa010203))
	sw $3, 0($11)
	swr $2, 2($11); lw $4, 0($11); CHECK(34, $4, BE(0x020304aa, 0x0304aaaa))
	sw $3, 0($11)
	swl $2, 0($11); lw $4, 0($11); CHECK(35, $4, BE(0x01020304, 0xaaaaaa01))
	sw $3, 0($11)
	swr $2, 3($11); lw $4, 0($11); CHECK(36, $4, BE(0x01020304, 0x04aaaaaa))
	/* LL / SC */
	li $2, 7; sw $2, 8($11)
	ll $4, 8($11); CHECK(40, $4, 7)
	addiu $4, $4, 1; sc $4, 8($11); CHECK(41, $4, 1)
	lw $4, 8($11); CHECK(42, $4, 8)
	li $4, 9; sc $4, 8($11); CHECK(43, $4, 0)          /* no reservation */
	lw $4, 8($11); CHECK(44, $4, 8)
	ll $4, 8($11); li $4, 5; sc $4, 12($11); CHECK(45, $4, 0)   /* other address */
	ll $4, 8($11); li $4, 6; sc $4, 8($11); CHECK(46, $4, 1)
	li $4, 6; sc $4, 8($11); CHECK(47, $4, 0)          /* used up */
	/* self-modifying code: patch "li $4, 1" into "li $4, 2" */
	/* (the architectural sequence: synci, sync, jr.hb to the new code) */
	la $12, patch; lw $2, 0($12); addiu $2, $2, 1; sw $2, 0($12)
	synci 0($12); sync
	li $4, 0
	la $13, patch; jr.hb $13; nop
patch:	addiu $4, $zero, 1
	CHECK(50, $4, 2)
	/* $zero stays zero after a load */
	lw $0, 0($10); CHECK(51, $0, 0)
TEST_END
	.data
	.balign 8
data:	.byte 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88
	.balign 8
buf:	.space 16
