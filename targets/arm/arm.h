/* arm.h: the ARM A32 target glue (ARMv7-A, ARM state only) that
 * desc/isa/arm/ describes: processor modes with banked registers, the CPSR
 * and SPSRs, exception entry through the vector table, a minimal CP15 and
 * semihosting. The flags N Z C V Q and GE live in description registers
 * (rt_cpu.r slots); arm_cpsr_value() composes the whole CPSR.
 *
 * Limits (documented): Thumb is not supported (interworking to an odd
 * address, BLX <imm> and an SPSR with T set raise the undefined-instruction
 * exception); there is no MMU (SCTLR.M is stored, addresses are physical);
 * unaligned LDR/STR/LDRH/STRH are allowed (SCTLR.A is not enforced), LDRD,
 * STRD, LDM, STM and the exclusives take an alignment fault when not word
 * (doubleword for LDREXD/STREXD) aligned; there is no interrupt controller,
 * so arm_interrupt never takes anything and WFI is a hint. CPSR.E is stored
 * but data stays little-endian (SETEND is undefined). Not described, so
 * undefined: VFP/NEON, coprocessors other than CP15 (CDP, LDC/STC,
 * MCRR/MRRC), the ARMv6 SIMD media instructions (SADD8, SEL, USAD8, SMLAD,
 * ...), SWP/SWPB, SRS/RFE. Semihosting: SVC #0x123456 and HLT #0xF000.
 */
#ifndef ARM_H
#define ARM_H

#include <stdint.h>

#include "rt_guest.h"

/* Guest exception causes (the description's `exception` table and raise()). */
enum {
	ARM_EXC_UNDEF = 1,      /* undefined instruction: vector 0x04 */
	ARM_EXC_SVC = 2,        /* supervisor call: 0x08 */
	ARM_EXC_PABT = 3,       /* prefetch abort (fetch fault): 0x0c */
	ARM_EXC_DABT_LOAD = 4,  /* data abort on a load: 0x10 */
	ARM_EXC_DABT_STORE = 5, /* data abort on a store: 0x10, DFSR.WnR */
	ARM_EXC_ALIGN_LOAD = 6, /* alignment fault, data abort */
	ARM_EXC_ALIGN_STORE = 7,
	ARM_EXC_BKPT = 8, /* BKPT: prefetch abort, IFSR debug event */
};

/* CPSR mode field values. */
enum {
	ARM_MODE_USR = 0x10,
	ARM_MODE_FIQ = 0x11,
	ARM_MODE_IRQ = 0x12,
	ARM_MODE_SVC = 0x13,
	ARM_MODE_ABT = 0x17,
	ARM_MODE_UND = 0x1b,
	ARM_MODE_SYS = 0x1f,
};

/* CPSR bits kept by the glue (the flags are description registers). */
#define ARM_CPSR_T (1u << 5)
#define ARM_CPSR_F (1u << 6)
#define ARM_CPSR_I (1u << 7)
#define ARM_CPSR_A (1u << 8)
#define ARM_CPSR_E (1u << 9)

/* Banks: 0 usr/sys, 1 fiq, 2 irq, 3 svc, 4 abt, 5 und. */
#define ARM_NBANKS 6

/* The privileged state of the CPU (rt_cpu.target). */
typedef struct arm_state {
	uint32_t mode;             /* ARM_MODE_* */
	uint32_t ctl;              /* CPSR bits 9:5 (E A I F T) */
	uint32_t spsr[ARM_NBANKS]; /* [0] unused (usr/sys have none) */
	uint32_t r13[ARM_NBANKS];  /* banked sp, lr of modes not current */
	uint32_t r14[ARM_NBANKS];
	uint32_t fiq_r8[5]; /* r8-r12 of FIQ mode / of the others */
	uint32_t usr_r8[5];
	uint32_t sctlr, vbar, dfsr, dfar, ifsr, ifar;
	uint32_t ttbr0, ttbr1, ttbcr, dacr, contextidr;
	uint32_t tpidr[3]; /* TPIDRURW, TPIDRURO, TPIDRPRW */
	uint32_t cpacr;
} arm_state;

/* The state of cpu. */
static inline arm_state *arm_st(rt_cpu *cpu)
{
	return (arm_state *)cpu->target;
}

/* The whole CPSR of cpu. */
uint32_t arm_cpsr_value(rt_cpu *cpu);

#endif /* ARM_H */
