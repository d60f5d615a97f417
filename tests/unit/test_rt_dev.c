/* test_rt_dev.c: the device servers (runtime/dev/) on the generated
 * virt_riscv board: UART output and registers, the finisher's codes, the
 * CLINT's timer and software interrupt lines. Accesses go through the
 * runtime's MMIO path (rt_ld/rt_st on a vCPU of the board). */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mk.h"
#include "rt_cpu.h"
#include "rt_machine.h"
#include "rt_mem.h"
#include "rt_tap.h"

#define UART     0x10000000u
#define FINISHER 0x100000u
#define CLINT    0x2000000u

/* A vCPU of rv64 on a fresh virt_riscv machine. */
static rt_cpu *new_cpu(void)
{
	rt_machine *m;
	rt_cpu *cpu;
	char err[256];
	const rt_board_desc *b = rt_board_find("virt_riscv", NULL);
	const rt_guest *g = rt_guest_find("rv64");
	if (!b || !g || rt_machine_create(b, &m, err, sizeof err) ||
	    rt_cpu_create(g, m, &cpu, err, sizeof err)) {
		printf("Bail out! cannot create virt_riscv/rv64\n");
		exit(1);
	}
	return cpu;
}

static void free_cpu(rt_cpu *cpu)
{
	rt_machine *m = cpu->m;
	rt_cpu_destroy(cpu);
	rt_machine_destroy(m);
}

static uint64_t rd(rt_cpu *c, uint64_t a, unsigned n)
{
	uint64_t v = 0xdead;
	if (rt_ld(c, a, n, &v))
		return 0xbad;
	return v;
}

static void test_uart(void)
{
	rt_cpu *c = new_cpu();
	char path[] = "/tmp/test_rt_dev_XXXXXX";
	int fd = mkstemp(path);
	fflush(stdout);
	int saved = dup(1);
	dup2(fd, 1);
	for (const char *s = "uart ok\n"; *s; s++)
		rt_st(c, UART, 1, (uint8_t)*s);
	rt_console_flush(c->m);
	dup2(saved, 1);
	close(saved);
	char buf[64] = "";
	ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
	close(fd);
	unlink(path);
	TAP_OK(n == 8 && strcmp(buf, "uart ok\n") == 0, "THR writes reach the console");
	TAP_OK((rd(c, UART + 5, 1) & 0x60) == 0x60, "LSR shows THRE|TEMT");
	rt_st(c, UART + 7, 1, 0x5a);
	TAP_OK(rd(c, UART + 7, 1) == 0x5a, "SCR is read/write");
	rt_st(c, UART + 3, 1, 0x83); /* DLAB */
	rt_st(c, UART + 0, 1, 0x12);
	rt_st(c, UART + 1, 1, 0x34);
	TAP_OK(rd(c, UART + 0, 1) == 0x12 && rd(c, UART + 1, 1) == 0x34 &&
	               rd(c, UART + 3, 1) == 0x83,
	       "DLL/DLM behind LCR.DLAB");
	rt_st(c, UART + 3, 1, 0x03);
	TAP_OK(rd(c, UART + 1, 1) == 0, "IER back after DLAB cleared");
	TAP_OK((rd(c, UART + 2, 1) & 0x0f) == 0x01, "IIR: no interrupt pending");
	rt_st(c, UART + 2, 1, 0x07);
	rt_st(c, UART + 1, 1, 0x02); /* ETBEI */
	TAP_OK(rd(c, UART + 2, 1) == 0xc2 && (rd(c, UART + 2, 1) & 0x0f) == 0x01,
	       "IIR reports THRE (FIFO on) once enabled; reading clears it");
	TAP_OK(rd(c, UART + 0x80, 4) == 0, "unused offsets read 0");
	free_cpu(c);
}

static void test_finisher(void)
{
	rt_cpu *c = new_cpu();
	rt_st(c, FINISHER, 4, 0x1234);
	TAP_OK(c->stop == RT_STOP_NONE, "other values are ignored");
	rt_st(c, FINISHER, 4, 0x5555);
	TAP_OK(c->stop == RT_STOP_EXIT && c->exit_code == 0, "0x5555: pass, exit 0");
	free_cpu(c);
	c = new_cpu();
	rt_st(c, FINISHER, 4, (42u << 16) | 0x3333);
	TAP_OK(c->stop == RT_STOP_EXIT && c->exit_code == 42, "0x3333: fail with code 42");
	free_cpu(c);
	c = new_cpu();
	rt_st(c, FINISHER, 2, 0x3333); /* a 16-bit store cannot give a code */
	TAP_OK(c->stop == RT_STOP_EXIT && c->exit_code == 1 && strstr(c->msg, "code 0"),
	       "0x3333 with code 0: fail, exit 1 with a message (never a pass; QEMU exits 0)");
	free_cpu(c);
	c = new_cpu();
	rt_st(c, FINISHER, 4, 0x7777);
	TAP_OK(c->stop == RT_STOP_EXIT && c->exit_code == 0 && strstr(c->msg, "reset"),
	       "0x7777: reset as exit 0");
	free_cpu(c);
}

static void test_clint(void)
{
	rt_cpu *c = new_cpu();
	uint64_t t1 = rd(c, CLINT + 0xbff8, 8);
	mk_sleep_ns(1000000);
	uint64_t t2 = rd(c, CLINT + 0xbff8, 8);
	TAP_OK(t2 > t1 && t2 - t1 >= 10000 && t2 - t1 < 10000000,
	       "mtime runs at 10 MHz (%llu ticks in 1 ms)", (unsigned long long)(t2 - t1));
	TAP_OK((rd(c, CLINT + 0xbffc, 4) << 32 | rd(c, CLINT + 0xbff8, 4)) >= t2, "mtime halves");
	TAP_OK(!(c->irq_lines & 0x80), "mtip clear at reset");
	rt_st(c, CLINT + 0x4000, 8, t2 - 1);
	TAP_OK(c->irq_lines & 0x80, "mtimecmp in the past: mtip (line 7) set");
	TAP_OK(rd(c, CLINT + 0x4000, 8) == t2 - 1, "mtimecmp reads back (64-bit)");
	rt_st(c, CLINT + 0x4004, 4, 0xffffffff);
	TAP_OK(!(c->irq_lines & 0x80) && c->m->timers_armed == 0,
	       "32-bit write of the high half: far future, mtip clear, no timer");
	/* 100 ms ahead: the write is a call to the CLINT's server, whose thread
	 * starts then, and it must return before the timer fires (TSan on a busy
	 * host has taken 30 ms) */
	uint64_t t0 = mk_time_ns();
	uint64_t now = rd(c, CLINT + 0xbff8, 8);
	rt_st(c, CLINT + 0x4000, 8, now + 1000000);
	TAP_OK(!(c->irq_lines & 0x80) && c->m->timers_armed == 1, "future mtimecmp arms a timer");
	/* (the timer counts as armed until its handler, which sets mtip, has
	 * returned: wait for both) */
	while (!((c->irq_lines & 0x80) && c->m->timers_armed == 0) &&
	       mk_time_ns() - t0 < 2000000000u)
		mk_sleep_ns(100000);
	uint64_t took = mk_time_ns() - t0;
	TAP_OK((c->irq_lines & 0x80) && c->m->timers_armed == 0,
	       "the CLINT's server sets mtip when mtime reaches mtimecmp (after %.1f ms; due "
	       "at 100 ms)",
	       (double)took / 1e6);
	TAP_OK(took >= 99900000 && took < 300000000,
	       "the timer fired on time (100 ms after mtime was read, +200 ms at most)");
	rt_st(c, CLINT + 0, 4, 1);
	TAP_OK((c->irq_lines & 0x8) && rd(c, CLINT, 4) == 1, "msip = 1 sets line 3");
	rt_st(c, CLINT + 0, 4, 0);
	TAP_OK(!(c->irq_lines & 0x8), "msip = 0 clears it");
	rt_st(c, CLINT + 0xbff8, 8, 5);
	TAP_OK(rd(c, CLINT + 0xbff8, 8) < 10000 && !(c->irq_lines & 0x80),
	       "writing mtime moves the counter back and re-evaluates mtip");
	free_cpu(c);
}

int main(void)
{
	test_uart();
	test_finisher();
	test_clint();
	return tap_done();
}
