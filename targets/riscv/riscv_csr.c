/* riscv_csr.c: the CSR file of the M/U hart: which CSRs exist, who may
 * access them, and what reading and writing them does (Zicsr's csr_rw
 * helper). S-mode CSRs other than satp, F/V CSRs, debug CSRs and other
 * optional CSRs do not exist: accessing them is an illegal instruction. */
#include "riscv.h"

#include "rt_board.h"

/* CSR numbers. */
enum {
	CSR_SATP = 0x180,
	CSR_MSTATUS = 0x300,
	CSR_MISA = 0x301,
	CSR_MEDELEG = 0x302,
	CSR_MIDELEG = 0x303,
	CSR_MIE = 0x304,
	CSR_MTVEC = 0x305,
	CSR_MCOUNTEREN = 0x306,
	CSR_MENVCFG = 0x30a,
	CSR_MSTATUSH = 0x310,
	CSR_MENVCFGH = 0x31a,
	CSR_MCOUNTINHIBIT = 0x320,
	CSR_MHPMEVENT3 = 0x323,
	CSR_MHPMEVENT31 = 0x33f,
	CSR_MSCRATCH = 0x340,
	CSR_MEPC = 0x341,
	CSR_MCAUSE = 0x342,
	CSR_MTVAL = 0x343,
	CSR_MIP = 0x344,
	CSR_PMPCFG0 = 0x3a0,
	CSR_PMPCFG15 = 0x3af,
	CSR_PMPADDR0 = 0x3b0,
	CSR_PMPADDR63 = 0x3ef,
	CSR_MCYCLE = 0xb00,
	CSR_MINSTRET = 0xb02,
	CSR_MHPMCOUNTER3 = 0xb03,
	CSR_MHPMCOUNTER31 = 0xb1f,
	CSR_MCYCLEH = 0xb80,
	CSR_MINSTRETH = 0xb82,
	CSR_MHPMCOUNTER3H = 0xb83,
	CSR_MHPMCOUNTER31H = 0xb9f,
	CSR_CYCLE = 0xc00,
	CSR_TIME = 0xc01,
	CSR_INSTRET = 0xc02,
	CSR_HPMCOUNTER3 = 0xc03,
	CSR_HPMCOUNTER31 = 0xc1f,
	CSR_CYCLEH = 0xc80,
	CSR_TIMEH = 0xc81,
	CSR_INSTRETH = 0xc82,
	CSR_HPMCOUNTER3H = 0xc83,
	CSR_HPMCOUNTER31H = 0xc9f,
	CSR_MVENDORID = 0xf11,
	CSR_MARCHID = 0xf12,
	CSR_MIMPID = 0xf13,
	CSR_MHARTID = 0xf14,
	CSR_MCONFIGPTR = 0xf15,
};

/* mcountinhibit bits that exist (TM, bit 1, is read-only zero). */
#define INHIBIT_MASK 0xfffffffdull
/* pmpcfg: L and A/X/W/R (bits 6:5 are reserved, read as zero). */
#define PMP_CFG_MASK 0x9fu
#define PMP_L        0x80u
#define PMP_A_TOR    0x08u
#define PMP_A_MASK   0x18u

/* Is n in [lo, hi]? */
static int in(unsigned n, unsigned lo, unsigned hi)
{
	return n >= lo && n <= hi;
}

/* ---- counters ------------------------------------------------------------ */

/* The counter behind mcountinhibit bit `bit` (0 = cycle, 2 = instret). */
static riscv_counter *counter(riscv_state *s, unsigned bit)
{
	return bit == 2 ? &s->instret : &s->cycle;
}

/* Current 64-bit value of a counter. Both count retired instructions. */
static uint64_t counter_get(const rt_cpu *cpu, riscv_state *s, unsigned bit)
{
	riscv_counter *c = counter(s, bit);
	return (s->mcountinhibit >> bit) & 1 ? c->frozen : cpu->insns + c->offset;
}

/* Set the low (half 1), high (half 2) or all (half 0) bits of a counter so
 * that the next instruction reads them: a CSR write takes effect after the
 * writing instruction, whose own retirement it replaces. */
static void counter_set(const rt_cpu *cpu, riscv_state *s, unsigned bit, uint64_t v, int half)
{
	riscv_counter *c = counter(s, bit);
	int counting = !((s->mcountinhibit >> bit) & 1);
	uint64_t cur = counter_get(cpu, s, bit) + (counting ? 1 : 0);
	if (half == 1)
		v = (cur & ~0xffffffffull) | (v & 0xffffffffull);
	else if (half == 2)
		v = (cur & 0xffffffffull) | (v << 32);
	if (counting)
		c->offset = v - cpu->insns - 1;
	else
		c->frozen = v;
}

/* Write mcountinhibit: freeze or restart cycle and instret. */
static void set_inhibit(const rt_cpu *cpu, riscv_state *s, uint64_t v)
{
	for (unsigned bit = 0; bit <= 2; bit += 2) {
		riscv_counter *c = counter(s, bit);
		int was = (s->mcountinhibit >> bit) & 1, now = (v >> bit) & 1;
		if (!was && now)
			c->frozen = cpu->insns + c->offset;
		else if (was && !now)
			c->offset = c->frozen - cpu->insns;
	}
	s->mcountinhibit = v & INHIBIT_MASK;
}

/* The time CSR: the machine's clock at 10 MHz. */
static uint64_t time_now(rt_cpu *cpu)
{
	return rt_machine_time_ns(cpu->m) / 100;
}

/* ---- PMP (stored, not enforced) --------------------------------------- */

/* Number of pmpcfg entries per pmpcfg CSR. */
static unsigned pmp_per_csr(const riscv_state *s)
{
	return s->xlen / 8;
}

/* Read pmpcfg<i>; -1 if it does not exist (odd ones on RV64). */
static int pmpcfg_read(const riscv_state *s, unsigned i, uint64_t *v)
{
	unsigned k = pmp_per_csr(s);
	if (s->xlen == 64 && (i & 1))
		return -1;
	*v = 0;
	for (unsigned j = 0; j < k; j++)
		*v |= (uint64_t)s->pmpcfg[i * 4 + j] << (8 * j);
	return 0;
}

/* Write pmpcfg<i>: locked entries keep their value until reset. */
static void pmpcfg_write(riscv_state *s, unsigned i, uint64_t v)
{
	unsigned k = pmp_per_csr(s);
	for (unsigned j = 0; j < k; j++) {
		uint8_t *e = &s->pmpcfg[i * 4 + j];
		if (!(*e & PMP_L))
			*e = (uint8_t)((v >> (8 * j)) & PMP_CFG_MASK);
	}
}

/* Write pmpaddr<i>, unless entry i is locked or is the base of a locked
 * TOR entry i + 1. */
static void pmpaddr_write(riscv_state *s, unsigned i, uint64_t v)
{
	if (s->pmpcfg[i] & PMP_L)
		return;
	if (i + 1 < 64 && (s->pmpcfg[i + 1] & PMP_L) &&
	    (s->pmpcfg[i + 1] & PMP_A_MASK) == PMP_A_TOR)
		return;
	s->pmpaddr[i] = s->xlen == 32 ? v & 0xffffffffull : v & ((1ull << 54) - 1);
}

/* ---- access -------------------------------------------------------------- */

/* May the current mode access CSR n for reading (and writing if `write`)?
 * Existence is checked by csr_read. */
static int csr_allowed(const riscv_state *s, unsigned n, int write)
{
	if (((n >> 8) & 3) > s->mode)
		return 0;
	if (write && (n >> 10) == 3)
		return 0;
	if (s->mode < RISCV_MODE_M &&
	    (in(n, CSR_CYCLE, CSR_HPMCOUNTER31) || in(n, CSR_CYCLEH, CSR_HPMCOUNTER31H)))
		return (s->mcounteren >> (n & 31)) & 1;
	return 1;
}

/* Read a CSR of ranges and RV32 high halves; -1 if n is not one. */
static int csr_read_more(rt_cpu *cpu, riscv_state *s, unsigned n, uint64_t *v)
{
	int rv32 = s->xlen == 32;
	if (in(n, CSR_PMPCFG0, CSR_PMPCFG15))
		return pmpcfg_read(s, n - CSR_PMPCFG0, v);
	if (in(n, CSR_PMPADDR0, CSR_PMPADDR63)) {
		*v = s->pmpaddr[n - CSR_PMPADDR0];
		return 0;
	}
	if (in(n, CSR_MHPMEVENT3, CSR_MHPMEVENT31) || in(n, CSR_MHPMCOUNTER3, CSR_MHPMCOUNTER31) ||
	    in(n, CSR_HPMCOUNTER3, CSR_HPMCOUNTER31) ||
	    (rv32 && (in(n, CSR_MHPMCOUNTER3H, CSR_MHPMCOUNTER31H) ||
	              in(n, CSR_HPMCOUNTER3H, CSR_HPMCOUNTER31H)))) {
		*v = 0;
		return 0;
	}
	if (!rv32)
		return -1;
	switch (n) {
	case CSR_MSTATUSH: *v = s->mstatus >> 32; return 0;
	case CSR_MENVCFGH: *v = s->menvcfg >> 32; return 0;
	case CSR_MCYCLEH:
	case CSR_CYCLEH: *v = counter_get(cpu, s, 0) >> 32; return 0;
	case CSR_MINSTRETH:
	case CSR_INSTRETH: *v = counter_get(cpu, s, 2) >> 32; return 0;
	case CSR_TIMEH: *v = time_now(cpu) >> 32; return 0;
	}
	return -1;
}

/* Value of CSR n, or -1 if the hart has no such CSR. No side effects. */
static int csr_read(rt_cpu *cpu, riscv_state *s, unsigned n, uint64_t *out)
{
	uint64_t v;
	switch (n) {
	case CSR_MSTATUS: v = s->mstatus; break;
	case CSR_MISA: v = s->misa; break;
	case CSR_MEDELEG:
	case CSR_MIDELEG: v = 0; break; /* nothing to delegate to */
	case CSR_MIE: v = s->mie; break;
	case CSR_MIP: v = riscv_mip(cpu); break;
	case CSR_MTVEC: v = s->mtvec; break;
	case CSR_MEPC: v = s->mepc; break;
	case CSR_MCAUSE: v = s->mcause; break;
	case CSR_MTVAL: v = s->mtval; break;
	case CSR_MSCRATCH: v = s->mscratch; break;
	case CSR_SATP: v = s->satp; break;
	case CSR_MCOUNTEREN: v = s->mcounteren; break;
	case CSR_MCOUNTINHIBIT: v = s->mcountinhibit; break;
	case CSR_MENVCFG: v = s->menvcfg; break;
	case CSR_MCYCLE:
	case CSR_CYCLE: v = counter_get(cpu, s, 0); break;
	case CSR_MINSTRET:
	case CSR_INSTRET: v = counter_get(cpu, s, 2); break;
	case CSR_TIME: v = time_now(cpu); break;
	case CSR_MVENDORID:
	case CSR_MARCHID:
	case CSR_MIMPID:
	case CSR_MHARTID:
	case CSR_MCONFIGPTR: v = 0; break;
	default:
		if (csr_read_more(cpu, s, n, &v) != 0)
			return -1;
	}
	*out = v & s->xmask;
	return 0;
}

/* Write mstatus (the low half on RV32): MIE, MPIE, MPP (M or U only; other
 * values keep the old MPP), MPRV and TW are writable. */
static void write_mstatus(riscv_state *s, uint64_t v)
{
	const uint64_t mask = RISCV_MSTATUS_MIE | RISCV_MSTATUS_MPIE | RISCV_MSTATUS_MPP |
	                      RISCV_MSTATUS_MPRV | RISCV_MSTATUS_TW;
	unsigned mpp = (unsigned)(v >> RISCV_MPP_SHIFT) & 3;
	if (mpp != RISCV_MODE_U && mpp != RISCV_MODE_M)
		v = (v & ~RISCV_MSTATUS_MPP) | (s->mstatus & RISCV_MSTATUS_MPP);
	s->mstatus = (s->mstatus & ~mask) | (v & mask);
}

/* Write v to CSR n (it exists and is writable). WARL fields keep legal
 * values; CSRs with nothing writable ignore the write. */
static void csr_write(rt_cpu *cpu, riscv_state *s, unsigned n, uint64_t v)
{
	int rv32 = s->xlen == 32;
	v &= s->xmask;
	switch (n) {
	case CSR_MSTATUS: write_mstatus(s, v); return;
	case CSR_MIE: s->mie = v & RISCV_MIP_MASK; return;
	case CSR_MTVEC:
		if ((v & 3) < 2)
			s->mtvec = v;
		return; /* direct or vectored */
	case CSR_MEPC: s->mepc = v & ~1ull; return;
	case CSR_MCAUSE: s->mcause = v; return;
	case CSR_MTVAL: s->mtval = v; return;
	case CSR_MSCRATCH: s->mscratch = v; return;
	case CSR_SATP:
		if ((rv32 ? v >> 31 : v >> 60) == 0)
			s->satp = v;
		return; /* Bare only */
	case CSR_MCOUNTEREN: s->mcounteren = v & 0xffffffffull; return;
	case CSR_MCOUNTINHIBIT: set_inhibit(cpu, s, v); return;
	case CSR_MENVCFG: s->menvcfg = v & 1; return; /* FIOM */
	case CSR_MCYCLE: counter_set(cpu, s, 0, v, rv32); return;
	case CSR_MINSTRET: counter_set(cpu, s, 2, v, rv32); return;
	case CSR_MCYCLEH: counter_set(cpu, s, 0, v, 2); return;
	case CSR_MINSTRETH: counter_set(cpu, s, 2, v, 2); return;
	}
	if (in(n, CSR_PMPCFG0, CSR_PMPCFG15))
		pmpcfg_write(s, n - CSR_PMPCFG0, v);
	else if (in(n, CSR_PMPADDR0, CSR_PMPADDR63))
		pmpaddr_write(s, n - CSR_PMPADDR0, v);
	/* misa, medeleg, mideleg, mip, mstatush, menvcfgh, mhpm*: nothing to write */
}

/* The csr_rw helper (rv_base.isa). */
uint64_t riscv_csr_rw(rt_cpu *cpu, uint64_t csr, uint64_t val, uint64_t op, uint64_t quiet,
                      uint64_t bits)
{
	riscv_state *s = riscv_st(cpu);
	unsigned n = (unsigned)csr & 0xfff;
	int write = op == RISCV_CSR_WRITE || !quiet;
	uint64_t old;
	if (!csr_allowed(s, n, write) || csr_read(cpu, s, n, &old) != 0)
		return riscv_illegal(cpu, bits);
	if (write) {
		uint64_t v = val;
		if (op == RISCV_CSR_SET)
			v = old | val;
		else if (op == RISCV_CSR_CLEAR)
			v = old & ~val;
		csr_write(cpu, s, n, v);
	}
	return old;
}

/* Reset values of the CSR file. */
void riscv_csr_reset(rt_cpu *cpu, riscv_state *s)
{
	const uint64_t ext =
	        (1u << 0) | (1u << 2) | (1u << 8) | (1u << 12) | (1u << 20); /* AC I M U */
	int rv32 = s->xlen == 32;
	s->misa = rv32 ? (1ull << 30) | ext : (2ull << 62) | ext;
	s->mstatus = rv32 ? 0 : 2ull << 32; /* UXL = 64 */
	s->mtvec = s->mepc = s->mcause = s->mtval = s->mscratch = 0;
	s->mie = s->satp = 0;
	s->mcounteren = s->mcountinhibit = s->menvcfg = 0;
	s->cycle.offset = s->instret.offset = 0 - cpu->insns;
	s->cycle.frozen = s->instret.frozen = 0;
	for (unsigned i = 0; i < 64; i++) {
		s->pmpcfg[i] = 0;
		s->pmpaddr[i] = 0;
	}
}
