/* arm.c: the ARMv7-A privilege machinery: the target hooks (state, reset,
 * exception entry, interrupts), modes and banked registers, CPSR/SPSR
 * access, exception return, CPS, semihosting and a minimal CP15. */
#include "arm.h"

#include <stdlib.h>
#include <string.h>

#include "arm_guest.h"
#include "rt_semihost.h"

#define REG(n) cpu->r[ARM_SLOT_R + (n)]

/* Bank index of a mode, -1 for a mode this core does not have. */
static int bank_of(uint32_t mode)
{
	switch (mode) {
	case ARM_MODE_USR:
	case ARM_MODE_SYS: return 0;
	case ARM_MODE_FIQ: return 1;
	case ARM_MODE_IRQ: return 2;
	case ARM_MODE_SVC: return 3;
	case ARM_MODE_ABT: return 4;
	case ARM_MODE_UND: return 5;
	default: return -1;
	}
}

/* Switch to `mode` (a valid one), swapping the banked registers. */
static void set_mode(rt_cpu *cpu, uint32_t mode)
{
	arm_state *s = arm_st(cpu);
	int from = bank_of(s->mode), to = bank_of(mode);
	if (from == to) {
		s->mode = mode;
		return;
	}
	s->r13[from] = (uint32_t)REG(13);
	s->r14[from] = (uint32_t)REG(14);
	if (from == 1 || to == 1) {
		uint32_t *save = from == 1 ? s->fiq_r8 : s->usr_r8;
		uint32_t *load = to == 1 ? s->fiq_r8 : s->usr_r8;
		for (int i = 0; i < 5; i++) {
			save[i] = (uint32_t)REG(8 + i);
			REG(8 + i) = load[i];
		}
	}
	REG(13) = s->r13[to];
	REG(14) = s->r14[to];
	s->mode = mode;
}

/* The whole CPSR of cpu. */
uint32_t arm_cpsr_value(rt_cpu *cpu)
{
	arm_state *s = arm_st(cpu);
	return (uint32_t)(cpu->r[ARM_SLOT_N] << 31 | cpu->r[ARM_SLOT_Z] << 30 |
	                  cpu->r[ARM_SLOT_C] << 29 | cpu->r[ARM_SLOT_V] << 28 |
	                  cpu->r[ARM_SLOT_Q] << 27 | cpu->r[ARM_SLOT_GE] << 16) |
	       s->ctl | s->mode;
}

/* Write the CPSR bytes selected by mask (f s x c = bits 3..0); privileged
 * parts only from a privileged mode; an invalid mode is ignored; T is
 * never set (no Thumb). */
static void cpsr_set(rt_cpu *cpu, uint32_t v, unsigned mask)
{
	arm_state *s = arm_st(cpu);
	int priv = s->mode != ARM_MODE_USR;
	if (mask & 8) {
		cpu->r[ARM_SLOT_N] = v >> 31 & 1;
		cpu->r[ARM_SLOT_Z] = v >> 30 & 1;
		cpu->r[ARM_SLOT_C] = v >> 29 & 1;
		cpu->r[ARM_SLOT_V] = v >> 28 & 1;
		cpu->r[ARM_SLOT_Q] = v >> 27 & 1;
	}
	if (mask & 4)
		cpu->r[ARM_SLOT_GE] = v >> 16 & 0xf;
	if ((mask & 2) && priv)
		s->ctl = (s->ctl & ~(ARM_CPSR_E | ARM_CPSR_A)) | (v & (ARM_CPSR_E | ARM_CPSR_A));
	else if (mask & 2)
		s->ctl = (s->ctl & ~ARM_CPSR_E) | (v & ARM_CPSR_E);
	if ((mask & 1) && priv) {
		s->ctl = (s->ctl & ~(ARM_CPSR_I | ARM_CPSR_F)) | (v & (ARM_CPSR_I | ARM_CPSR_F));
		if (bank_of(v & 0x1f) >= 0)
			set_mode(cpu, v & 0x1f);
	}
}

/* Allocate the state. */
int arm_init(rt_cpu *cpu)
{
	arm_state *s = calloc(1, sizeof *s);
	if (!s)
		return -1;
	cpu->target = s;
	return 0;
}

/* Free the state. */
void arm_fini(rt_cpu *cpu)
{
	free(cpu->target);
	cpu->target = NULL;
}

/* Reset as QEMU's virt starts a bare ELF: SVC mode, IRQ/FIQ/aborts masked. */
void arm_reset(rt_cpu *cpu)
{
	arm_state *s = arm_st(cpu);
	memset(s, 0, sizeof *s);
	s->mode = ARM_MODE_SVC;
	s->ctl = ARM_CPSR_A | ARM_CPSR_I | ARM_CPSR_F;
	s->sctlr = 0x00c50078; /* Cortex-A15 reset value: MMU and caches off */
	cpu->r[ARM_SLOT_EXCL_VALID] = 0;
}

/* Enter exception mode `mode` at vector offset `off` with LR = lr. */
static void enter(rt_cpu *cpu, uint32_t mode, uint32_t off, uint32_t lr)
{
	arm_state *s = arm_st(cpu);
	uint32_t old = arm_cpsr_value(cpu);
	set_mode(cpu, mode);
	s->spsr[bank_of(mode)] = old;
	REG(14) = lr;
	s->ctl |= ARM_CPSR_I;
	if (mode == ARM_MODE_FIQ)
		s->ctl |= ARM_CPSR_F;
	if (mode == ARM_MODE_ABT || mode == ARM_MODE_IRQ || mode == ARM_MODE_FIQ)
		s->ctl |= ARM_CPSR_A;
	s->ctl &= ~ARM_CPSR_T;
	s->ctl = (s->ctl & ~ARM_CPSR_E) | ((s->sctlr & (1u << 25)) ? ARM_CPSR_E : 0);
	cpu->r[ARM_SLOT_EXCL_VALID] = 0;
	uint32_t base = (s->sctlr & (1u << 13)) ? 0xffff0000u : (s->vbar & ~0x1fu);
	cpu->npc = (uint32_t)(base + off);
}

/* SPSR_RETURN: the exception return of SUBS pc, lr / LDM ^ with pc: CPSR =
 * SPSR (in User and System mode, which have no SPSR, nothing), then the
 * address to jump to. Returning to Thumb (SPSR.T or target bit 0) is the
 * undefined-instruction exception, taken in the mode returned to. */
uint64_t arm_spsr_return(rt_cpu *cpu, uint64_t target)
{
	arm_state *s = arm_st(cpu);
	int b = bank_of(s->mode);
	if (b > 0) {
		uint32_t spsr = s->spsr[b];
		cpsr_set(cpu, spsr, 0xf);
		if (spsr & ARM_CPSR_T)
			target |= 1;
	}
	if (target & 1) {
		rt_raise(cpu, ARM_EXC_UNDEF, target);
		return 0;
	}
	return target & ~3u;
}

/* Synchronous exception `cause` (ARM_EXC_*) of the instruction at cpu->pc. */
void arm_trap(rt_cpu *cpu, uint64_t cause, uint64_t tval)
{
	arm_state *s = arm_st(cpu);
	uint32_t pc = (uint32_t)cpu->pc;
	switch (cause) {
	case ARM_EXC_SVC: enter(cpu, ARM_MODE_SVC, 0x08, pc + 4); break;
	case ARM_EXC_PABT:
		s->ifsr = 0x8; /* synchronous external abort */
		s->ifar = (uint32_t)tval;
		enter(cpu, ARM_MODE_ABT, 0x0c, pc + 4);
		break;
	case ARM_EXC_BKPT:
		s->ifsr = 0x2; /* debug event */
		enter(cpu, ARM_MODE_ABT, 0x0c, pc + 4);
		break;
	case ARM_EXC_DABT_LOAD:
	case ARM_EXC_DABT_STORE:
	case ARM_EXC_ALIGN_LOAD:
	case ARM_EXC_ALIGN_STORE:
		s->dfsr = (cause >= ARM_EXC_ALIGN_LOAD ? 0x1 : 0x8) |
		          ((cause == ARM_EXC_DABT_STORE || cause == ARM_EXC_ALIGN_STORE) ? 1u << 11
		                                                                         : 0);
		s->dfar = (uint32_t)tval;
		enter(cpu, ARM_MODE_ABT, 0x10, pc + 8);
		break;
	default: enter(cpu, ARM_MODE_UND, 0x04, pc + 4); break;
	}
}

/* No interrupt controller: nothing is ever pending. */
int arm_interrupt(rt_cpu *cpu)
{
	(void)cpu;
	return 0;
}

/* MRS APSR/CPSR. */
uint64_t arm_cpsr_read(rt_cpu *cpu)
{
	return arm_cpsr_value(cpu);
}

/* MSR CPSR_<fields>. */
void arm_cpsr_write(rt_cpu *cpu, uint64_t val, uint64_t mask, uint64_t bits)
{
	(void)bits;
	cpsr_set(cpu, (uint32_t)val, (unsigned)mask);
}

/* MRS SPSR: undefined in User and System mode. */
uint64_t arm_spsr_read(rt_cpu *cpu, uint64_t bits)
{
	int b = bank_of(arm_st(cpu)->mode);
	if (b <= 0) {
		rt_raise(cpu, ARM_EXC_UNDEF, bits);
		return 0;
	}
	return arm_st(cpu)->spsr[b];
}

/* MSR SPSR_<fields>: undefined in User and System mode. */
void arm_spsr_write(rt_cpu *cpu, uint64_t val, uint64_t mask, uint64_t bits)
{
	arm_state *s = arm_st(cpu);
	int b = bank_of(s->mode);
	if (b <= 0) {
		rt_raise(cpu, ARM_EXC_UNDEF, bits);
		return;
	}
	uint32_t m = 0;
	for (int i = 0; i < 4; i++)
		if (mask >> i & 1)
			m |= 0xffu << (8 * i);
	s->spsr[b] = (s->spsr[b] & ~m) | ((uint32_t)val & m);
}

/* User-mode register n (LDM/STM ^) from any mode. */
uint64_t arm_usr_read(rt_cpu *cpu, uint64_t n)
{
	arm_state *s = arm_st(cpu);
	int b = bank_of(s->mode);
	if (n == 13 || n == 14)
		return b == 0 ? REG(n) : (n == 13 ? s->r13[0] : s->r14[0]);
	if (n >= 8 && n <= 12 && b == 1)
		return s->usr_r8[n - 8];
	return REG(n);
}

/* Write user-mode register n from any mode. */
void arm_usr_write(rt_cpu *cpu, uint64_t n, uint64_t val)
{
	arm_state *s = arm_st(cpu);
	int b = bank_of(s->mode);
	uint32_t v = (uint32_t)val;
	if ((n == 13 || n == 14) && b != 0) {
		if (n == 13)
			s->r13[0] = v;
		else
			s->r14[0] = v;
	} else if (n >= 8 && n <= 12 && b == 1) {
		s->usr_r8[n - 8] = v;
	} else if (n != 15) {
		REG(n) = v;
	}
}

/* CPS: imod 2 = enable, 3 = disable A/I/F; m = change mode. A NOP in User mode. */
void arm_cps(rt_cpu *cpu, uint64_t imod, uint64_t m, uint64_t aif, uint64_t mode, uint64_t bits)
{
	arm_state *s = arm_st(cpu);
	(void)bits;
	if (s->mode == ARM_MODE_USR)
		return;
	uint32_t sel = (uint32_t)((aif & 4 ? ARM_CPSR_A : 0) | (aif & 2 ? ARM_CPSR_I : 0) |
	                          (aif & 1 ? ARM_CPSR_F : 0));
	if (imod == 2)
		s->ctl &= ~sel;
	else if (imod == 3)
		s->ctl |= sel;
	if (m && bank_of((uint32_t)mode) >= 0)
		set_mode(cpu, (uint32_t)mode);
}

/* SVC: semihosting for SVC #0x123456 when it is on, else the exception. */
void arm_svc(rt_cpu *cpu, uint64_t imm)
{
	if (imm == 0x123456 && rt_semihost_enabled(cpu)) {
		REG(0) = rt_semihost_call(cpu, REG(0), REG(1)) & 0xffffffffu;
		return;
	}
	rt_raise(cpu, ARM_EXC_SVC, 0);
}

/* HLT: semihosting for HLT #0xF000 when it is on, else undefined. */
void arm_hlt(rt_cpu *cpu, uint64_t imm, uint64_t bits)
{
	if (imm == 0xf000 && rt_semihost_enabled(cpu)) {
		REG(0) = rt_semihost_call(cpu, REG(0), REG(1)) & 0xffffffffu;
		return;
	}
	rt_raise(cpu, ARM_EXC_UNDEF, bits);
}

/* The CP15 register selected by (opc1, crn, crm, opc2), or NULL. */
static uint32_t *cp15_reg(arm_state *s, unsigned o1, unsigned crn, unsigned crm, unsigned o2)
{
	unsigned k = o1 << 12 | crn << 8 | crm << 4 | o2;
	switch (k) {
	case 0x0100: return &s->sctlr;
	case 0x0102: return &s->cpacr;
	case 0x0200: return &s->ttbr0;
	case 0x0201: return &s->ttbr1;
	case 0x0202: return &s->ttbcr;
	case 0x0300: return &s->dacr;
	case 0x0500: return &s->dfsr;
	case 0x0501: return &s->ifsr;
	case 0x0600: return &s->dfar;
	case 0x0602: return &s->ifar;
	case 0x0c00: return &s->vbar;
	case 0x0d01: return &s->contextidr;
	case 0x0d02: return &s->tpidr[0];
	case 0x0d03: return &s->tpidr[1];
	case 0x0d04: return &s->tpidr[2];
	default: return NULL;
	}
}

/* MRC: CP15 identification and system registers; cache/TLB operations and
 * unknown CP15 registers read 0; other coprocessors are undefined, and so
 * is any access from User mode except the thread ID registers. */
uint64_t arm_cp_read(rt_cpu *cpu, uint64_t cp, uint64_t opc1, uint64_t crn, uint64_t crm,
                     uint64_t opc2, uint64_t bits)
{
	arm_state *s = arm_st(cpu);
	unsigned k = (unsigned)(opc1 << 12 | crn << 8 | crm << 4 | opc2);
	if (cp != 15 || (s->mode == ARM_MODE_USR && k != 0x0d02 && k != 0x0d03)) {
		rt_raise(cpu, ARM_EXC_UNDEF, bits);
		return 0;
	}
	switch (k) {
	case 0x0000: return 0x414fc0f0; /* MIDR: Cortex-A15 r4p0, as QEMU 7.2 */
	case 0x0001: return 0x8444c004; /* CTR */
	case 0x0005: return 0x80000000; /* MPIDR: uniprocessor format, cpu 0 */
	case 0x1000: return 0;          /* CCSIDR */
	case 0x1001: return 0x0a200023; /* CLIDR */
	default: break;
	}
	uint32_t *r = cp15_reg(s, (unsigned)opc1, (unsigned)crn, (unsigned)crm, (unsigned)opc2);
	return r ? *r : 0;
}

/* MCR: CP15 registers are stored; maintenance operations are no-ops. */
void arm_cp_write(rt_cpu *cpu, uint64_t cp, uint64_t opc1, uint64_t crn, uint64_t crm,
                  uint64_t opc2, uint64_t val, uint64_t bits)
{
	arm_state *s = arm_st(cpu);
	unsigned k = (unsigned)(opc1 << 12 | crn << 8 | crm << 4 | opc2);
	if (cp != 15 || (s->mode == ARM_MODE_USR && k != 0x0d02)) {
		rt_raise(cpu, ARM_EXC_UNDEF, bits);
		return;
	}
	uint32_t *r = cp15_reg(s, (unsigned)opc1, (unsigned)crn, (unsigned)crm, (unsigned)opc2);
	if (r)
		*r = (uint32_t)val;
	if (crn == 7 && (crm == 5 || opc1 == 0))
		rt_flush_code(cpu); /* I-cache invalidation: drop decoded code */
}
