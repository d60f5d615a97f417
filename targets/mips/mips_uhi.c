/* mips_uhi.c: SDBBP and MIPS UHI semihosting ("Unified Hosting Interface",
 * MD01069), as QEMU serves it with -semihosting: `sdbbp 1` with the
 * operation in $25 (t9), arguments in $4..$7 (a0..a3), the result in $2
 * (v0) and errno in $3 (v1). Served: exit (1), read (4, stdin), write (5,
 * stdout/stderr), plog (13), assert (14); others return -1 / ENOSYS. With
 * semihosting off (morph run --no-semihosting), and for any other SDBBP
 * code, SDBBP is a breakpoint exception (there is no EJTAG debug mode). */
#include "mips.h"

#include <inttypes.h>
#include <stdio.h>

#include "rt_machine.h"
#include "rt_semihost.h"

enum {
	UHI_EXIT = 1,
	UHI_READ = 4,
	UHI_WRITE = 5,
	UHI_PLOG = 13,
	UHI_ASSERT = 14,
};

#define UHI_EBADF  9
#define UHI_EFAULT 14
#define UHI_ENOSYS 88

#define R(n) cpu->r[MIPS_GPR_SLOT + (n)]

/* A guest pointer as the runtime's primitives see RAM (the kseg0 window):
 * kseg1 pointers become their kseg0 alias. */
static uint64_t ptr(uint64_t a)
{
	uint32_t v = (uint32_t)a;
	return v >= MIPS_KSEG1 && v < MIPS_KSEG2 ? v - (MIPS_KSEG1 - MIPS_KSEG0) : v;
}

/* Set the result registers v0 and v1. */
static void ret(rt_cpu *cpu, uint32_t v0, uint32_t v1)
{
	R(2) = v0;
	R(3) = v1;
}

/* plog / assert: print the guest string at addr (at most 4 KiB). */
static void print_str(rt_cpu *cpu, uint64_t addr)
{
	int64_t len = rt_guest_strlen(cpu, ptr(addr), 4096);
	if (len > 0)
		rt_semihost_write(cpu, 1, ptr(addr), (uint64_t)len);
}

/* read(fd 0, buf, n): what console input is waiting (never blocks). */
static void uhi_read(rt_cpu *cpu)
{
	uint32_t buf = (uint32_t)ptr(R(5)), n = (uint32_t)R(6), got = 0;
	if (R(4) != 0) {
		ret(cpu, 0xffffffffu, UHI_EBADF);
		return;
	}
	while (got < n) {
		int c = rt_semihost_getc(cpu);
		uint8_t b = (uint8_t)c;
		if (c < 0)
			break;
		if (rt_guest_write(cpu, buf + got, &b, 1) != 0) {
			ret(cpu, 0xffffffffu, UHI_EFAULT);
			return;
		}
		got++;
	}
	ret(cpu, got, 0);
}

/* Serve the UHI operation in $25. */
static void uhi(rt_cpu *cpu)
{
	switch ((uint32_t)R(25)) {
	case UHI_EXIT: rt_semihost_exit(cpu, (int)(int32_t)R(4)); break;
	case UHI_READ: uhi_read(cpu); break;
	case UHI_WRITE: {
		int64_t r = rt_semihost_write(cpu, (int)R(4), ptr(R(5)), R(6));
		ret(cpu, (uint32_t)r,
		    r < 0 ? (R(4) == 1 || R(4) == 2 ? UHI_EFAULT : UHI_EBADF) : 0);
		break;
	}
	case UHI_PLOG:
		print_str(cpu, R(4));
		ret(cpu, 0, 0);
		break;
	case UHI_ASSERT: {
		char msg[128];
		print_str(cpu, R(4));
		snprintf(msg, sizeof msg, "\nassertion failed at line %" PRIu32 "\n",
		         (uint32_t)R(6));
		rt_console_write(cpu->m, msg, __builtin_strlen(msg));
		rt_semihost_exit(cpu, 1);
		break;
	}
	default: ret(cpu, 0xffffffffu, UHI_ENOSYS); break;
	}
}

/* SDBBP code: UHI for code 1 with semihosting on, else a breakpoint. */
void mips_sdbbp(rt_cpu *cpu, uint64_t code)
{
	if (code == 1 && rt_semihost_enabled(cpu)) {
		uhi(cpu);
		cpu->check = 1;
		return;
	}
	rt_raise(cpu, MIPS_EXC_BP, 0);
}
