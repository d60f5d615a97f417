/* mips_cp0.c: the MIPS32r2 privileged machinery: CP0 registers, exception
 * and interrupt entry (EPC, Cause.BD for delay slots, vectors), ERET,
 * DI/EI, RDHWR, WAIT, and the kseg0/kseg1 address translation. */
#include "mips.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_machine.h"
#include "rt_mem.h"

/* Allocate the state; the RAM fast path becomes the kseg0 view of RAM. */
int mips_init(rt_cpu *cpu)
{
	mips_state *s = calloc(1, sizeof *s);
	if (!s)
		return -1;
	cpu->target = s;
	if (cpu->m && cpu->m->ram_base + cpu->m->ram_size <= 0x20000000u)
		cpu->ram_base = MIPS_KSEG0 + cpu->m->ram_base;
	return 0;
}

/* Free the state. */
void mips_fini(rt_cpu *cpu)
{
	free(cpu->target);
	cpu->target = NULL;
}

/* Reset as QEMU's Malta enters a -kernel image: kernel mode, BEV = 1,
 * ERL = EXL = 0, interrupts off. */
void mips_reset(rt_cpu *cpu)
{
	mips_state *s = mips_st(cpu);
	memset(s, 0, sizeof *s);
	s->status = MIPS_STATUS_RESET;
	s->ebase = MIPS_EBASE_RESET;
	s->config0 = MIPS_CONFIG0 | (cpu->g->big_endian ? MIPS_CONFIG0_BE : 0);
	s->compare = 0;
	s->count_base = cpu->insns;
}

/* Count: one tick every other instruction (a 2-cycles-per-tick counter at
 * one instruction per cycle), deterministic. */
static uint32_t count_now(rt_cpu *cpu)
{
	return (uint32_t)((cpu->insns - mips_st(cpu)->count_base) >> 1);
}

/* Enter the exception vector for ExcCode `code`. The instruction at cpu->pc
 * is in a delay slot when a delayed jump is pending: then EPC is the branch
 * and Cause.BD is set. */
static void enter(rt_cpu *cpu, unsigned code, int refill)
{
	mips_state *s = mips_st(cpu);
	int bd = cpu->delay_pending;
	cpu->delay_pending = 0;
	unsigned off = 0x180;
	if (!(s->status & MIPS_ST_EXL)) {
		s->epc = (uint32_t)(bd ? cpu->pc - 4 : cpu->pc);
		s->cause = (s->cause & ~MIPS_CA_BD) | (bd ? MIPS_CA_BD : 0);
		if (refill)
			off = 0;
		else if (code == MIPS_EXC_INT && (s->cause & MIPS_CA_IV))
			off = 0x200;
	}
	s->cause = (s->cause & ~(0x1fu << MIPS_CA_EXC_SHIFT)) | (code << MIPS_CA_EXC_SHIFT);
	s->status |= MIPS_ST_EXL;
	uint32_t base = (s->status & MIPS_ST_BEV) ? 0xbfc00200u : (s->ebase & 0xfffff000u);
	cpu->npc = (uint32_t)(base + off);
}

/* Take a synchronous exception. */
void mips_trap(rt_cpu *cpu, uint64_t cause, uint64_t tval)
{
	mips_state *s = mips_st(cpu);
	unsigned code = (unsigned)cause & 0x1f;
	if (code >= MIPS_EXC_TLBL && code <= MIPS_EXC_ADES) {
		s->badvaddr = (uint32_t)tval;
		s->context = (s->context & 0xff800000u) | (((uint32_t)tval >> 9) & 0x007ffff0u);
	}
	int refill = (code == MIPS_EXC_TLBL || code == MIPS_EXC_TLBS);
	enter(cpu, code, refill);
}

/* Interrupt lines seen in Cause.IP7..2: board lines 2..7, the timer on IP7. */
static uint32_t pending_ip(rt_cpu *cpu)
{
	mips_state *s = mips_st(cpu);
	if (s->timer_armed && (int32_t)(count_now(cpu) - s->compare) >= 0) {
		s->timer_armed = 0;
		s->cause |= MIPS_CA_TI;
	}
	uint32_t ip = (s->cause & MIPS_CA_IPSW) | ((uint32_t)(cpu->irq_lines & 0xfc) << 8);
	if (s->cause & MIPS_CA_TI)
		ip |= 1u << 15;
	return ip;
}

/* Take a pending, enabled interrupt. */
int mips_interrupt(rt_cpu *cpu)
{
	mips_state *s = mips_st(cpu);
	uint32_t ip = pending_ip(cpu);
	if (!(s->status & MIPS_ST_IE) || (s->status & (MIPS_ST_EXL | MIPS_ST_ERL)) ||
	    !(ip & s->status & MIPS_ST_IM))
		return 0;
	enter(cpu, MIPS_EXC_INT, 0);
	return 1;
}

/* kseg0 and kseg1 map to physical 0..512 MiB; kuseg is unmapped (1:1) only
 * with Status.ERL; everything else needs the TLB this CPU lacks: a TLB
 * refill exception (TLBL/TLBS, BadVAddr = address). The loader's view
 * (cpu == NULL) takes other addresses as physical, as QEMU does. */
int mips_kseg(rt_cpu *cpu, uint64_t vaddr, unsigned access, uint64_t *paddr)
{
	uint32_t va = (uint32_t)vaddr;
	if (va >= MIPS_KSEG0 && va < MIPS_KSEG2) {
		*paddr = va & 0x1fffffffu;
		return 0;
	}
	if (!cpu || (va < MIPS_KSEG0 && (mips_st(cpu)->status & MIPS_ST_ERL))) {
		*paddr = va;
		return 0;
	}
	return rt_raise(cpu, access == RT_ACCESS_STORE ? MIPS_EXC_TLBS : MIPS_EXC_TLBL, va);
}

/* ---- CP0 registers ------------------------------------------------------- */

/* MFC0: unimplemented registers read 0. */
uint64_t mips_cp0_read(rt_cpu *cpu, uint64_t num, uint64_t sel)
{
	mips_state *s = mips_st(cpu);
	switch (num << 3 | sel) {
	case 4 << 3: return s->context;
	case 4 << 3 | 2: return s->userlocal;
	case 7 << 3: return s->hwrena;
	case 8 << 3: return s->badvaddr;
	case 9 << 3: return count_now(cpu);
	case 11 << 3: return s->compare;
	case 12 << 3: return s->status;
	case 13 << 3: return (s->cause & ~(0xfcu << 8)) | (pending_ip(cpu) & (0xfcu << 8));
	case 14 << 3: return s->epc;
	case 15 << 3: return MIPS_PRID;
	case 15 << 3 | 1: return s->ebase;
	case 16 << 3: return s->config0;
	case 16 << 3 | 1: return MIPS_CONFIG1;
	case 16 << 3 | 2: return MIPS_CONFIG2;
	case 16 << 3 | 3: return MIPS_CONFIG3;
	case 30 << 3: return s->errorepc;
	default: return 0;
	}
}

/* MTC0: read-only and unimplemented registers ignore writes. The run loop
 * looks for interrupts after every helper, so enabling one takes it now. */
void mips_cp0_write(rt_cpu *cpu, uint64_t num, uint64_t sel, uint64_t val)
{
	mips_state *s = mips_st(cpu);
	uint32_t v = (uint32_t)val;
	switch (num << 3 | sel) {
	case 4 << 3: s->context = (s->context & 0x007ffff0u) | (v & 0xff800000u); break;
	case 4 << 3 | 2: s->userlocal = v; break;
	case 7 << 3: s->hwrena = v & 0xfu; break;
	case 9 << 3: s->count_base = cpu->insns - ((uint64_t)v << 1); break;
	case 11 << 3:
		s->compare = v;
		s->cause &= ~MIPS_CA_TI;
		/* fires when Count reaches it; a Compare already passed would
		 * only fire after Count wraps (not modelled) */
		s->timer_armed = (int32_t)(v - count_now(cpu)) > 0;
		break;
	case 12 << 3: {
		uint32_t old = s->status;
		s->status = (s->status & ~MIPS_ST_RW) | (v & MIPS_ST_RW);
		if ((old ^ s->status) & MIPS_ST_ERL) /* kuseg mapping changed */
			rt_flush_code(cpu);
		break;
	}
	case 13 << 3: s->cause = (s->cause & ~MIPS_CA_RW) | (v & MIPS_CA_RW); break;
	case 14 << 3: s->epc = v; break;
	case 15 << 3 | 1: s->ebase = 0x80000000u | (v & 0x3ffff000u); break;
	case 16 << 3: s->config0 = (s->config0 & ~7u) | (v & 7u); break; /* K0 */
	case 30 << 3: s->errorepc = v; break;
	default: break;
	}
	cpu->check = 1;
}

/* ERET: leave the handler (ErrorEPC when ERL is set, else EPC). */
uint64_t mips_eret(rt_cpu *cpu)
{
	mips_state *s = mips_st(cpu);
	cpu->check = 1;
	if (s->status & MIPS_ST_ERL) {
		s->status &= ~MIPS_ST_ERL;
		rt_flush_code(cpu); /* kuseg is no longer mapped 1:1 */
		return s->errorepc;
	}
	s->status &= ~MIPS_ST_EXL;
	return s->epc;
}

/* DI / EI: set Status.IE to en; return the old Status. */
uint64_t mips_di_ei(rt_cpu *cpu, uint64_t en)
{
	mips_state *s = mips_st(cpu);
	uint32_t old = s->status;
	s->status = (s->status & ~MIPS_ST_IE) | (en ? MIPS_ST_IE : 0);
	cpu->check = 1;
	return old;
}

/* RDHWR (kernel mode: every register is readable): CPUNum, SYNCI_Step,
 * CC (Count), CCRes; UserLocal; others are reserved instructions. */
uint64_t mips_rdhwr(rt_cpu *cpu, uint64_t hwr, uint64_t bits)
{
	switch (hwr) {
	case 0: return 0;
	case 1: return 32;
	case 2: return count_now(cpu);
	case 3: return 2;
	case 29: return mips_st(cpu)->userlocal;
	default: rt_fault(cpu, RT_EXC_ILLEGAL_INSN, bits); return 0;
	}
}

/* WAIT: with the timer armed and IP7 enabled, fast-forward Count to
 * Compare; otherwise sleep until a board interrupt line rises. */
void mips_wait_irq(rt_cpu *cpu)
{
	mips_state *s = mips_st(cpu);
	cpu->check = 1;
	if (pending_ip(cpu) & s->status & MIPS_ST_IM)
		return;
	if (s->timer_armed && (s->status & (1u << 15))) {
		uint32_t left = s->compare - count_now(cpu);
		s->count_base -= (uint64_t)left << 1;
		pending_ip(cpu);
		return;
	}
	rt_cpu_wfi(cpu);
}
