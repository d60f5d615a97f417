/* riscv.h: the RISC-V target glue, shared by the rv32 and rv64 guests that
 * desc/isa/riscv/ describes: the M/U privilege state and CSR file that
 * live in rt_cpu.target, the target hooks and the description's helpers.
 *
 * Privilege model: M and U modes (no S-mode, no paging). Traps and
 * interrupts all go to M-mode (medeleg/mideleg read as zero). Interrupt
 * lines (rt_cpu.irq_lines, board wiring) 3, 7 and 11 are mip.MSIP, MTIP and
 * MEIP.
 */
#ifndef RISCV_H
#define RISCV_H

#include <stdint.h>

#include "rt_guest.h"

/* Privilege modes (the values of mstatus.MPP). */
enum { RISCV_MODE_U = 0, RISCV_MODE_M = 3 };

/* mstatus fields (64-bit view; RV32's mstatush is bits 63:32). */
#define RISCV_MSTATUS_MIE  (1ull << 3)
#define RISCV_MSTATUS_MPIE (1ull << 7)
#define RISCV_MSTATUS_MPP  (3ull << 11)
#define RISCV_MSTATUS_MPRV (1ull << 17)
#define RISCV_MSTATUS_TW   (1ull << 21)
#define RISCV_MSTATUS_UXL  (3ull << 32)
#define RISCV_MPP_SHIFT    11

/* mip/mie bits of the M-mode interrupts; the same numbers are the
 * interrupt causes and the rt_cpu.irq_lines bits that drive them. */
#define RISCV_IRQ_MSI  3
#define RISCV_IRQ_MTI  7
#define RISCV_IRQ_MEI  11
#define RISCV_MIP_MASK ((1ull << RISCV_IRQ_MSI) | (1ull << RISCV_IRQ_MTI) | (1ull << RISCV_IRQ_MEI))

/* Exception causes the glue raises itself. */
enum {
	RISCV_EXC_ECALL_U = 8,
	RISCV_EXC_ECALL_M = 11,
};

/* csr_rw's op argument (rv_base.isa). */
enum { RISCV_CSR_WRITE = 1, RISCV_CSR_SET = 2, RISCV_CSR_CLEAR = 3 };

/* Counters with a write offset: index 0 = mcycle, 2 = minstret (the
 * mcountinhibit bit numbers). Both count retired instructions. */
typedef struct riscv_counter {
	uint64_t offset; /* value = cpu->insns + offset while counting */
	uint64_t frozen; /* value while inhibited */
} riscv_counter;

/* The privileged state of one hart (rt_cpu.target). */
typedef struct riscv_state {
	unsigned xlen;    /* 32 or 64, from the guest's word width */
	uint64_t xmask;   /* all ones in xlen bits */
	unsigned mode;    /* RISCV_MODE_* */
	int res_slot;     /* rt_cpu.r slot of res_valid, -1 if none */
	uint64_t mstatus; /* 64-bit view, UXL included on RV64 */
	uint64_t misa;
	uint64_t mtvec, mepc, mcause, mtval, mscratch;
	uint64_t mie;
	uint64_t satp; /* bare mode only */
	uint64_t mcounteren, mcountinhibit, menvcfg;
	riscv_counter cycle, instret;
	uint8_t pmpcfg[64]; /* stored, not enforced */
	uint64_t pmpaddr[64];
} riscv_state;

/* ---- target hooks (rt_guest.h; prototypes also generated) ------------- */

/* Allocate cpu->target for cpu->g's xlen; 0 = ok, -1 = out of memory. */
int riscv_init(rt_cpu *cpu);
/* Free cpu->target. */
void riscv_fini(rt_cpu *cpu);
/* Architectural reset: M-mode, interrupts off, CSRs at their reset values. */
void riscv_reset(rt_cpu *cpu);
/* Take synchronous exception `cause` at cpu->pc into M-mode; sets cpu->npc. */
void riscv_trap(rt_cpu *cpu, uint64_t cause, uint64_t tval);
/* Take the highest-priority pending, enabled interrupt before the
 * instruction at cpu->pc; sets cpu->pc/npc to the handler. 1 if taken. */
int riscv_interrupt(rt_cpu *cpu);

/* ---- helpers the description calls (rv_base.isa) ----------------------- */

/* Zicsr access (op = RISCV_CSR_*, quiet as in rv_base.isa); returns the old
 * value or raises illegal-instruction with tval = bits. */
uint64_t riscv_csr_rw(rt_cpu *cpu, uint64_t csr, uint64_t val, uint64_t op, uint64_t quiet,
                      uint64_t bits);
/* Cause of an ecall from the current mode. */
uint64_t riscv_ecall_cause(rt_cpu *cpu);
/* mret: restore mode and interrupt enable from mstatus; returns mepc. */
uint64_t riscv_mret_target(rt_cpu *cpu, uint64_t bits);
/* wfi: wait for an interrupt (a hint: may return at once). */
void riscv_wait_irq(rt_cpu *cpu, uint64_t bits);
/* sfence.vma: illegal in U-mode, otherwise nothing to do (no paging). */
void riscv_vm_fence(rt_cpu *cpu, uint64_t bits);
/* fence.i: drop decoded and translated code. */
void riscv_flush_icache(rt_cpu *cpu);
/* AMO access check: store/AMO access fault unless RAM or a device. */
void riscv_amo_probe(rt_cpu *cpu, uint64_t addr, uint64_t bytes);
/* ebreak: serve the semihosting call of the sequence `slli x0,x0,0x1f;
 * ebreak; srai x0,x0,7` in M-mode when semihosting is on (a0 = op,
 * a1 = parameter, result to a0); 1 if served, 0 = take the breakpoint. */
uint64_t riscv_semihost(rt_cpu *cpu, uint64_t bits);

/* ---- shared inside targets/riscv/ -------------------------------------- */

/* The state of cpu (cpu->target). */
static inline riscv_state *riscv_st(rt_cpu *cpu)
{
	return (riscv_state *)cpu->target;
}

/* Current value of the M-mode interrupt-pending bits (from irq_lines). */
static inline uint64_t riscv_mip(const rt_cpu *cpu)
{
	return cpu->irq_lines & RISCV_MIP_MASK;
}

/* Raise illegal-instruction with tval = the instruction bits. Returns 0. */
uint64_t riscv_illegal(rt_cpu *cpu, uint64_t bits);

/* Reset the CSR file (riscv_csr.c) for s->xlen. */
void riscv_csr_reset(rt_cpu *cpu, riscv_state *s);

#endif /* RISCV_H */
