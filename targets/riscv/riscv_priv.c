/* riscv_priv.c: the M/U privilege machinery: the target hooks (state,
 * reset, trap entry, interrupts) and the helpers of the privileged
 * instructions (ecall, mret, wfi, sfence.vma, fence.i), plus the AMO
 * access check. */
#include "riscv.h"

#include <stdlib.h>
#include <string.h>

#include "rt_machine.h"
#include "rt_mem.h"
#include "rt_semihost.h"

/* Allocate the state and find the reservation slot. */
int riscv_init(rt_cpu *cpu)
{
	riscv_state *s = calloc(1, sizeof *s);
	if (!s)
		return -1;
	s->xlen = cpu->g->word_bits == 32 ? 32 : 64;
	s->xmask = s->xlen == 32 ? 0xffffffffull : ~0ull;
	s->res_slot = -1;
	for (unsigned i = 0; cpu->g->slot_names && i < cpu->g->nslots; i++)
		if (cpu->g->slot_names[i] && strcmp(cpu->g->slot_names[i], "res_valid") == 0)
			s->res_slot = (int)i;
	cpu->target = s;
	return 0;
}

/* Free the state. */
void riscv_fini(rt_cpu *cpu)
{
	free(cpu->target);
	cpu->target = NULL;
}

/* Reset: M-mode with interrupts off. */
void riscv_reset(rt_cpu *cpu)
{
	riscv_state *s = riscv_st(cpu);
	s->mode = RISCV_MODE_M;
	riscv_csr_reset(cpu, s);
	if (s->res_slot >= 0)
		cpu->r[s->res_slot] = 0;
}

/* Enter M-mode for a trap: record cause and state, return the handler
 * address (vectored mtvec only for interrupts). */
static uint64_t enter_m(rt_cpu *cpu, uint64_t cause, uint64_t tval, uint64_t epc, int irq)
{
	riscv_state *s = riscv_st(cpu);
	uint64_t st = s->mstatus;
	s->mepc = epc & s->xmask & ~1ull;
	s->mcause = cause & s->xmask;
	s->mtval = tval & s->xmask;
	st = (st & ~RISCV_MSTATUS_MPIE) | ((st & RISCV_MSTATUS_MIE) ? RISCV_MSTATUS_MPIE : 0);
	st &= ~RISCV_MSTATUS_MIE;
	st = (st & ~RISCV_MSTATUS_MPP) | ((uint64_t)s->mode << RISCV_MPP_SHIFT);
	s->mstatus = st;
	s->mode = RISCV_MODE_M;
	if (s->res_slot >= 0)
		cpu->r[s->res_slot] = 0;
	uint64_t base = s->mtvec & ~3ull;
	if (irq && (s->mtvec & 3) == 1)
		base += 4 * (cause & 0x3f);
	return base & s->xmask;
}

/* Synchronous exception of the instruction at cpu->pc. */
void riscv_trap(rt_cpu *cpu, uint64_t cause, uint64_t tval)
{
	cpu->npc = enter_m(cpu, cause, tval, cpu->pc, 0);
}

/* Interrupts: MEI > MSI > MTI, taken in U-mode always, in M-mode only with
 * mstatus.MIE. */
int riscv_interrupt(rt_cpu *cpu)
{
	static const unsigned order[] = {RISCV_IRQ_MEI, RISCV_IRQ_MSI, RISCV_IRQ_MTI};
	riscv_state *s = riscv_st(cpu);
	uint64_t pend = riscv_mip(cpu) & s->mie;
	if (!pend || (s->mode == RISCV_MODE_M && !(s->mstatus & RISCV_MSTATUS_MIE)))
		return 0;
	for (unsigned i = 0; i < sizeof order / sizeof order[0]; i++) {
		if (!((pend >> order[i]) & 1))
			continue;
		uint64_t cause = (1ull << (s->xlen - 1)) | order[i];
		cpu->npc = cpu->pc = enter_m(cpu, cause, 0, cpu->pc, 1);
		return 1;
	}
	return 0;
}

/* Raise illegal-instruction for the instruction `bits`. */
uint64_t riscv_illegal(rt_cpu *cpu, uint64_t bits)
{
	rt_fault(cpu, RT_EXC_ILLEGAL_INSN, bits);
	return 0;
}

/* ecall's cause: environment call from U- or M-mode. */
uint64_t riscv_ecall_cause(rt_cpu *cpu)
{
	return riscv_st(cpu)->mode == RISCV_MODE_M ? RISCV_EXC_ECALL_M : RISCV_EXC_ECALL_U;
}

/* mret: mode = MPP, MIE = MPIE, MPIE = 1, MPP = U (MPRV cleared when
 * leaving M); illegal in U-mode. */
uint64_t riscv_mret_target(rt_cpu *cpu, uint64_t bits)
{
	riscv_state *s = riscv_st(cpu);
	if (s->mode != RISCV_MODE_M)
		return riscv_illegal(cpu, bits);
	uint64_t st = s->mstatus;
	unsigned mpp = (unsigned)(st >> RISCV_MPP_SHIFT) & 3;
	st = (st & ~RISCV_MSTATUS_MIE) | ((st & RISCV_MSTATUS_MPIE) ? RISCV_MSTATUS_MIE : 0);
	st |= RISCV_MSTATUS_MPIE;
	st = (st & ~RISCV_MSTATUS_MPP) | ((uint64_t)RISCV_MODE_U << RISCV_MPP_SHIFT);
	if (mpp != RISCV_MODE_M)
		st &= ~RISCV_MSTATUS_MPRV;
	s->mstatus = st;
	s->mode = mpp;
	return s->mepc;
}

/* wfi: illegal in U-mode when mstatus.TW is set; returns at once when an
 * enabled interrupt is pending, otherwise lets the runtime wait (rt_guest.h). */
void riscv_wait_irq(rt_cpu *cpu, uint64_t bits)
{
	riscv_state *s = riscv_st(cpu);
	if (s->mode != RISCV_MODE_M && (s->mstatus & RISCV_MSTATUS_TW)) {
		riscv_illegal(cpu, bits);
		return;
	}
	if (riscv_mip(cpu) & s->mie)
		return;
	rt_cpu_wfi(cpu);
}

/* sfence.vma: no paging yet, so only the privilege check. */
void riscv_vm_fence(rt_cpu *cpu, uint64_t bits)
{
	if (riscv_st(cpu)->mode == RISCV_MODE_U)
		riscv_illegal(cpu, bits);
}

/* fence.i: drop cached decodings and translations. */
void riscv_flush_icache(rt_cpu *cpu)
{
	rt_flush_code(cpu);
}

/* AMOs: [addr, addr + bytes) must be RAM or a device window, else the
 * store/AMO access fault (an AMO's load must not raise a load fault). */
void riscv_amo_probe(rt_cpu *cpu, uint64_t addr, uint64_t bytes)
{
	unsigned n = (unsigned)bytes;
	if (rt_ram_off(cpu, addr, n) == UINT64_MAX && !rt_machine_find_dev(cpu->m, addr, n))
		rt_fault(cpu, RT_EXC_STORE_FAULT, addr);
}

/* The semihosting sequence around an ebreak (uncompressed, RISC-V
 * semihosting specification). */
#define RISCV_SH_ENTRY 0x01f01013u /* slli x0, x0, 0x1f */
#define RISCV_SH_EXIT  0x40705013u /* srai x0, x0, 7 */

/* ebreak: a semihosting call or a breakpoint. */
uint64_t riscv_semihost(rt_cpu *cpu, uint64_t bits)
{
	riscv_state *s = riscv_st(cpu);
	uint64_t before, after;
	if (s->mode != RISCV_MODE_M || !rt_semihost_enabled(cpu))
		return 0;
	if (rt_guest_word(cpu, (cpu->pc - 4) & s->xmask, 4, &before) != 0 ||
	    rt_guest_word(cpu, (cpu->pc + 4) & s->xmask, 4, &after) != 0 ||
	    before != RISCV_SH_ENTRY || after != RISCV_SH_EXIT)
		return 0;
	cpu->r[10] = rt_semihost_call(cpu, cpu->r[10], cpu->r[11]) & s->xmask;
	return 1;
}
