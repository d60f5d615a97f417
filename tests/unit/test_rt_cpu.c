/* test_rt_cpu.c: the interpreter loop on the toy guest (tests/unit/
 * toy_guest.h): retirement counting, exits, --max-insns, traps and trap
 * storms, self-modifying code, fence.i, interrupts, wfi, delay slots,
 * trace. With TOY_BENCH=N in the environment it also reports the loop's
 * speed on N million instructions. */
#include <inttypes.h>
#include <unistd.h>

#include "mk.h"
#include "rt_tap.h"
#include "toy_guest.h"

#define A(i) (TOY_RAM + 4 * (i)) /* address of instruction i */

/* Run a program to its stop. */
static rt_cpu *run(const uint32_t *prog, size_t n, uint64_t max)
{
	rt_cpu *cpu = toy_new(&toy_guest, prog, n);
	cpu->max_insns = max;
	rt_cpu_run(cpu);
	return cpu;
}

static void test_loop(void)
{
	const uint32_t p[] = {
	        T(1, 1, 0, 1000), /* li r1, 1000 */
	        T(2, 1, 1, -1),   /* addi r1, r1, -1 */
	        T(3, 1, 0, -1),   /* bnez r1, -1 */
	        T(1, 2, 0, 7),    /* li r2, 7 */
	        T(6, 2, 0, 0),    /* halt r2 */
	};
	rt_cpu *cpu = run(p, 5, 0);
	TAP_OK(cpu->stop == RT_STOP_EXIT && cpu->exit_code == 7, "loop ends with halt code 7");
	TAP_OK(cpu->insns == 1 + 2000 + 2, "retired %" PRIu64 " instructions (2003)", cpu->insns);
	TAP_OK(cpu->r[5] == 55 && cpu->r[1] == 0, "boot register R5 = 55 set by slot name");
	toy_free(cpu);
}

static void test_max_insns(void)
{
	const uint32_t p[] = {T(1, 1, 0, 1), T(3, 1, 0, 0)}; /* li r1,1; self loop */
	rt_cpu *cpu = run(p, 2, 12345);
	TAP_OK(cpu->stop == RT_STOP_MAX_INSNS && cpu->insns == 12345,
	       "--max-insns stops after exactly 12345 (%" PRIu64 ")", cpu->insns);
	TAP_OK(strstr(cpu->msg, "12345 instructions") != NULL, "message: %s", cpu->msg);
	toy_free(cpu);
}

/* The trap handler sits at instruction 8 (it halts; tests read the slots). */
#define HANDLER_AT 8

static rt_cpu *run_trap(uint32_t *p, size_t n)
{
	rt_cpu *cpu = toy_new(&toy_guest, p, n);
	cpu->r[T_TVEC] = A(HANDLER_AT);
	rt_cpu_run(cpu);
	return cpu;
}

static void test_traps(void)
{
	uint32_t p[16] = {0};
	p[HANDLER_AT] = T(6, 0, 0, 0); /* halt r0: the test reads cause from the slot */
	p[0] = 0x000000ff;             /* illegal */
	rt_cpu *cpu = run_trap(p, 16);
	TAP_OK(cpu->stop == RT_STOP_EXIT && cpu->r[T_CAUSE] == 2 && cpu->r[T_EPC] == A(0) &&
	               cpu->r[T_TVAL] == 0xff,
	       "illegal instruction traps with cause 2, epc, tval = insn");
	TAP_OK(cpu->insns == 1, "the trapping instruction did not retire (%" PRIu64 ")",
	       cpu->insns);
	toy_free(cpu);

	p[0] = T(1, 1, 0, 0x1002); /* li r1, misaligned pc */
	p[1] = T(8, 1, 0, 0);      /* jr r1 */
	cpu = run_trap(p, 16);
	TAP_OK(cpu->r[T_CAUSE] == 0 && cpu->r[T_TVAL] == 0x1002 && cpu->r[T_EPC] == 0x1002,
	       "jump to a misaligned pc: fetch-misaligned trap");
	toy_free(cpu);

	p[0] = T(1, 1, 0, 0x4000); /* outside RAM and devices */
	cpu = run_trap(p, 16);
	TAP_OK(cpu->r[T_CAUSE] == 1 && cpu->r[T_TVAL] == 0x4000,
	       "fetch from unmapped memory: fetch fault");
	toy_free(cpu);

	p[0] = T(1, 1, 0, 0x2000); /* a device window: not executable */
	cpu = run_trap(p, 16);
	TAP_OK(cpu->r[T_CAUSE] == 1, "fetch from MMIO: fetch fault");
	toy_free(cpu);

	p[0] = T(1, 1, 0, 0x4000);
	p[1] = T(4, 2, 1, 8); /* lw r2, 8(r1) */
	cpu = run_trap(p, 16);
	TAP_OK(cpu->r[T_CAUSE] == 5 && cpu->r[T_TVAL] == 0x4008 && cpu->r[T_EPC] == A(1),
	       "load from unmapped memory: load fault with the address");
	toy_free(cpu);

	p[1] = T(5, 2, 1, 8); /* sw r2, 8(r1) */
	cpu = run_trap(p, 16);
	TAP_OK(cpu->r[T_CAUSE] == 7 && cpu->r[T_TVAL] == 0x4008,
	       "store to unmapped memory: store fault");
	toy_free(cpu);

	p[0] = T(1, 1, 0, 0x2000);
	p[1] = T(4, 2, 1, 0x10); /* lw r2, 0x10(r1): device */
	p[2] = T(1, 3, 0, 0x77);
	p[3] = T(5, 3, 1, 0x44); /* sw r3, 0x44(r1) */
	p[4] = T(6, 0, 0, 0);
	cpu = run_trap(p, 16);
	TAP_OK(cpu->stop == RT_STOP_EXIT && cpu->r[2] == 0x1244 && tdev_last_off == 0x44 &&
	               tdev_last_val == 0x77,
	       "MMIO load and store reach the device at the right offset");
	toy_free(cpu);
}

static void test_storm(void)
{
	uint32_t p[] = {0xff}; /* illegal; tvec unmapped */
	rt_cpu *cpu = toy_new(&toy_guest, p, 1);
	cpu->r[T_TVEC] = 0x40000;
	uint64_t t0 = mk_time_ns();
	rt_cpu_run(cpu);
	TAP_OK(cpu->stop == RT_STOP_ERROR && strstr(cpu->msg, "trap loop"),
	       "trap handler in unmapped memory: runtime error (%s)", cpu->msg);
	TAP_OK(mk_time_ns() - t0 < 20000000000ull, "detected in bounded time");
	toy_free(cpu);
}

/* No pc a guest can reach stands for an empty decode-cache slot: jumps to
 * the all-ones address, to the top aligned address and to what used to be
 * the empty marker trap cleanly instead of calling an unset function. */
static void test_wild_pc(void)
{
	static const uint64_t pcs[] = {UINT64_MAX, UINT64_MAX - 3, 0x8, (uint64_t)1 << 17,
	                               UINT32_MAX};
	for (unsigned i = 0; i < sizeof pcs / sizeof pcs[0]; i++) {
		uint32_t p[16] = {0};
		p[HANDLER_AT] = T(6, 0, 0, 0);
		rt_cpu *cpu = toy_new(&toy_guest, p, 16);
		cpu->r[T_TVEC] = A(HANDLER_AT);
		cpu->pc = pcs[i];
		rt_cpu_run(cpu);
		TAP_OK(cpu->stop == RT_STOP_EXIT && cpu->r[T_EPC] == pcs[i] &&
		               cpu->r[T_CAUSE] == (pcs[i] & 3 ? 0u : 1u),
		       "start at pc 0x%" PRIx64 ": fetch trap (cause %" PRIu64 ")", pcs[i],
		       cpu->r[T_CAUSE]);
		toy_free(cpu);
	}
}

static void test_smc(void)
{
	/* Runs instruction 4 (li r2, 1) once, then patches it to li r2, 9 and
	 * runs it again: the patched word must execute. */
	uint32_t p[] = {
	        T(1, 3, 0, 2),  /* 0 li r3, 2 (passes) */
	        T(2, 0, 0, 0),  /* 1 nop (r4, r5 are preset) */
	        T(2, 0, 0, 0),  /* 2 nop */
	        T(2, 0, 0, 0),  /* 3 nop */
	        T(1, 2, 0, 1),  /* 4 li r2, 1  <- patched */
	        T(2, 3, 3, -1), /* 5 addi r3, r3, -1 */
	        T(3, 3, 0, 3),  /* 6 bnez r3, +3 -> 9 */
	        T(6, 2, 0, 0),  /* 7 halt r2 */
	        0,
	        T(5, 5, 4, 0),  /* 9 sw r5, 0(r4) (r5 = new insn) */
	        T(1, 6, 0, 1),  /* 10 li r6, 1 */
	        T(3, 6, 0, -7), /* 11 bnez r6, -7 -> 4 */
	};
	rt_cpu *cpu = toy_new(&toy_guest, p, sizeof p / 4);
	cpu->r[4] = A(4);
	cpu->r[5] = T(1, 2, 0, 9);
	rt_cpu_run(cpu);
	TAP_OK(cpu->stop == RT_STOP_EXIT && cpu->exit_code == 9,
	       "a store over cached code takes effect (%d)", cpu->exit_code);
	toy_free(cpu);

	/* Same with an explicit fence: data stores near code, then fence.i */
	uint32_t q[] = {
	        T(5, 5, 4, 0), /* 0 sw r5, 0(r4)  patch insn 3 */
	        T(9, 0, 0, 0), /* 1 fencei */
	        T(2, 0, 0, 0), /* 2 */
	        T(1, 2, 0, 1), /* 3 li r2, 1 <- patched to li r2, 5 */
	        T(6, 2, 0, 0), /* 4 halt r2 */
	};
	cpu = toy_new(&toy_guest, q, 5);
	cpu->r[4] = A(3);
	cpu->r[5] = T(1, 2, 0, 5);
	rt_cpu_run(cpu);
	TAP_OK(cpu->exit_code == 5 && cpu->flushes == 1, "fence.i flushes the decode cache");
	toy_free(cpu);
}

static void test_interrupts(void)
{
	uint32_t p[16] = {
	        T(1, 1, 0, 0x2000), /* 0 li r1, dev */
	        T(1, 2, 0, 1 << 3), /* 1 li r2, 8 (line 3) */
	        T(15, 2, 0, 0),     /* 2 setie r2 */
	        T(1, 3, 0, 1),      /* 3 li r3, 1 */
	        T(5, 3, 1, 0x10),   /* 4 sw r3, 0x10(r1): raise line 3 */
	        T(1, 7, 0, 1),      /* 5 li r7, 1 (after the interrupt) */
	        T(6, 0, 0, 0),      /* 6 halt r0 */
	};
	p[HANDLER_AT] = T(6, 0, 0, 0);
	rt_cpu *cpu = toy_new(&toy_guest, p, 16);
	cpu->r[T_TVEC] = A(HANDLER_AT);
	rt_cpu_run(cpu);
	TAP_OK(cpu->r[T_CAUSE] == 0x103 && cpu->r[T_EPC] == A(5) && cpu->r[7] == 0,
	       "device irq line 3 taken right after the store (epc = next insn)");
	TAP_OK(cpu->irq_lines == 8, "irq_lines bit 3 set by the wiring");
	toy_free(cpu);

	/* wfi with nothing armed: runtime error, not a hang */
	uint32_t w[] = {T(7, 0, 0, 0), T(6, 0, 0, 0)};
	cpu = toy_new(&toy_guest, w, 2);
	rt_cpu_run(cpu);
	TAP_OK(cpu->stop == RT_STOP_ERROR && strstr(cpu->msg, "can never come"), "wfi forever: %s",
	       cpu->msg);
	toy_free(cpu);

	/* wfi with a device timer armed 20 ms ahead: sleeps, then the
	 * interrupt. 20 ms, because the store that arms it (a call to the
	 * device's server, whose thread starts then) must return before the
	 * timer fires, under TSan on a loaded host too. */
	p[3] = T(2, 3, 3, 0);    /* addi r3, r3, 0: r3 keeps the delay below */
	p[4] = T(5, 3, 1, 0x20); /* sw r3, 0x20(r1): timer in r3 ns */
	p[5] = T(7, 0, 0, 0);    /* wfi */
	p[6] = T(1, 7, 0, 1);
	p[7] = T(6, 0, 0, 0);
	cpu = toy_new(&toy_guest, p, 16);
	cpu->r[T_TVEC] = A(HANDLER_AT);
	cpu->r[3] = 20000000;
	uint64_t t0 = mk_time_ns();
	rt_cpu_run(cpu);
	uint64_t dt = mk_time_ns() - t0;
	TAP_OK(cpu->r[T_CAUSE] == 0x103 && cpu->r[T_EPC] == A(6) && dt >= 20000000,
	       "wfi sleeps until the device timer fires, then the interrupt is taken "
	       "(cause %#" PRIx64 ", epc %#" PRIx64 ", after %" PRIu64 " us)",
	       cpu->r[T_CAUSE], cpu->r[T_EPC], dt / 1000);
	toy_free(cpu);
}

static void test_delay(void)
{
	uint32_t p[] = {
	        T(10, 0, 0, 3), /* 0 dly +3 -> 3 */
	        T(1, 1, 0, 4),  /* 1 li r1, 4 (delay slot: runs) */
	        T(1, 2, 0, 5),  /* 2 li r2, 5 (skipped) */
	        T(6, 1, 0, 0),  /* 3 halt r1 */
	};
	rt_cpu *cpu = run(p, 4, 0);
	TAP_OK(cpu->exit_code == 4 && cpu->r[2] == 0 && cpu->insns == 3,
	       "delay slot runs, then the jump");
	toy_free(cpu);
}

static void test_trace(void)
{
	uint32_t p[] = {T(1, 1, 0, 3), T(6, 1, 0, 0)};
	rt_cpu *cpu = toy_new(&toy_guest, p, 2);
	cpu->trace = 1;
	fflush(stderr);
	int saved = dup(2);
	FILE *f = tmpfile();
	dup2(fileno(f), 2);
	rt_cpu_run(cpu);
	fflush(stderr);
	dup2(saved, 2);
	close(saved);
	char buf[256] = "";
	rewind(f);
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = 0;
	fclose(f);
	TAP_OK(strstr(buf, "00010000: li\tr1, r0, 3\n00010004: halt") != NULL,
	       "--trace prints pc: disasm");
	TAP_OK(cpu->exit_code == 3, "trace run completes");
	toy_free(cpu);
}

static void bench(void)
{
	const char *s = getenv("TOY_BENCH");
	if (!s)
		return;
	long millions = atol(s);
	const uint32_t p[] = {T(2, 1, 1, 1), T(2, 2, 2, -1), T(3, 2, 0, -2), T(6, 0, 0, 0)};
	rt_cpu *cpu = toy_new(&toy_guest, p, 4);
	cpu->r[2] = (uint64_t)millions * 1000000 / 3;
	uint64_t t0 = mk_time_ns();
	rt_cpu_run(cpu);
	double dt = (double)(mk_time_ns() - t0) / 1e9;
	printf("# toy loop: %" PRIu64 " insns in %.3f s = %.1f MIPS\n", cpu->insns, dt,
	       cpu->insns / dt / 1e6);
	toy_free(cpu);
}

int main(void)
{
	test_loop();
	test_max_insns();
	test_traps();
	test_storm();
	test_wild_pc();
	test_smc();
	test_interrupts();
	test_delay();
	test_trace();
	TAP_OK(tdev_inits > 0 && tdev_inits == tdev_finis, "every device started was stopped (%d)",
	       tdev_inits);
	bench();
	return tap_done();
}
