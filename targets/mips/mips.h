/* mips.h: MIPS32r2 target glue: the CP0 state, exception entry, the
 * kseg0/kseg1 address translation and UHI semihosting (mips_cp0.c,
 * mips_uhi.c). Kernel mode only: there is no TLB, so kuseg, kseg2 and kseg3
 * accesses take a TLB refill exception (unless Status.ERL maps kuseg 1:1). */
#ifndef MIPS_H
#define MIPS_H

#include <stdint.h>

#include "rt_guest.h"

/* Status bits. */
#define MIPS_ST_IE  (1u << 0)
#define MIPS_ST_EXL (1u << 1)
#define MIPS_ST_ERL (1u << 2)
#define MIPS_ST_IM  (0xffu << 8)
#define MIPS_ST_BEV (1u << 22)
/* Status bits software may write: CU0, BEV, IM, KSU, ERL, EXL, IE. */
#define MIPS_ST_RW 0x1040ff1fu

/* Cause bits. */
#define MIPS_CA_BD        (1u << 31)
#define MIPS_CA_TI        (1u << 30)
#define MIPS_CA_IV        (1u << 23)
#define MIPS_CA_IPSW      (3u << 8) /* software interrupts IP1..0 (writable) */
#define MIPS_CA_RW        (MIPS_CA_IV | MIPS_CA_IPSW)
#define MIPS_CA_EXC_SHIFT 2

/* Exception codes (Cause.ExcCode). */
enum {
	MIPS_EXC_INT = 0,
	MIPS_EXC_TLBL = 2,
	MIPS_EXC_TLBS = 3,
	MIPS_EXC_ADEL = 4,
	MIPS_EXC_ADES = 5,
	MIPS_EXC_SYS = 8,
	MIPS_EXC_BP = 9,
	MIPS_EXC_RI = 10,
	MIPS_EXC_OV = 12,
	MIPS_EXC_TR = 13,
};

/* Reset values as QEMU's Malta (24Kf) reports them, without FPU and TLB
 * (Config.MT = 0, Config1.MMUSize = 0). */
#define MIPS_PRID         0x00019300u
#define MIPS_CONFIG0      0x80000402u /* | BE (bit 15) on big-endian */
#define MIPS_CONFIG0_BE   (1u << 15)
#define MIPS_CONFIG1      0x80190c8eu
#define MIPS_CONFIG2      0x80000000u
#define MIPS_CONFIG3      0x00000000u
#define MIPS_STATUS_RESET MIPS_ST_BEV
#define MIPS_EBASE_RESET  0x80000000u

/* rt_cpu.r slot of GPR[0] (the first register file of mips_base.isa). */
#define MIPS_GPR_SLOT 0

/* Segments of the 32-bit address space. */
#define MIPS_KSEG0 0x80000000u
#define MIPS_KSEG1 0xa0000000u
#define MIPS_KSEG2 0xc0000000u

typedef struct mips_state {
	uint32_t status, cause, epc, errorepc, badvaddr;
	uint32_t compare, context, ebase, hwrena, userlocal;
	uint32_t config0;
	uint64_t count_base; /* Count = (insns - count_base) / 2 */
	int timer_armed;     /* Compare written and not reached yet */
} mips_state;

static inline mips_state *mips_st(rt_cpu *cpu)
{
	return (mips_state *)cpu->target;
}

/* Target hooks (prototypes also generated into <guest>_guest.h). */
int mips_init(rt_cpu *cpu);
void mips_fini(rt_cpu *cpu);
void mips_reset(rt_cpu *cpu);
void mips_trap(rt_cpu *cpu, uint64_t cause, uint64_t tval);
int mips_interrupt(rt_cpu *cpu);

/* kseg0/kseg1 translation: the `translate kseg;` hook (rt_guest.translate). */
int mips_kseg(rt_cpu *cpu, uint64_t vaddr, unsigned access, uint64_t *paddr);

/* Helpers of the description. */
uint64_t mips_cp0_read(rt_cpu *cpu, uint64_t num, uint64_t sel);
void mips_cp0_write(rt_cpu *cpu, uint64_t num, uint64_t sel, uint64_t val);
uint64_t mips_eret(rt_cpu *cpu);
uint64_t mips_di_ei(rt_cpu *cpu, uint64_t en);
void mips_sdbbp(rt_cpu *cpu, uint64_t code);
uint64_t mips_rdhwr(rt_cpu *cpu, uint64_t hwr, uint64_t bits);
void mips_wait_irq(rt_cpu *cpu);

#endif /* MIPS_H */
