/* rt_cpu.h: virtual CPUs and the tier-0 interpreter loop.
 *
 * rt_cpu_run fetches, decodes (through a direct-mapped decode cache keyed by
 * pc) and executes generated interpreter functions until something stops
 * the run (rt_cpu.stop). Between instructions it takes interrupts, fires
 * device timers and polls the HTIF mailbox. */
#ifndef RT_CPU_H
#define RT_CPU_H

#include <stddef.h>
#include <stdint.h>

#include "rt_err.h"
#include "rt_guest.h"

/* Consecutive traps with no instruction retired before the run stops
 * (a guest whose trap handler itself faults). */
#define RT_TRAP_STORM 1000000u

/* Instructions between two looks at timers, HTIF and interrupts. */
#define RT_SLICE 1024u
/* Compiled code runs this many times as many (it is about that much
 * faster, so a look comes about as often in time). */
#define RT_JIT_SLICE_MUL 16u

/* Create a vCPU of guest g on machine m (m->cpu is set to it): registers,
 * decode cache, code map, then the target's init and reset hooks.
 * Errors: RT_ERR_NOMEM, RT_ERR_GUEST (message in err). */
rt_err rt_cpu_create(const rt_guest *g, rt_machine *m, rt_cpu **out, char *err, size_t n);

/* Free a vCPU (target fini first). NULL is a no-op. */
void rt_cpu_destroy(rt_cpu *cpu);

/* Run from cpu->pc until cpu->stop is set; returns the stop reason. A run
 * already stopped is resumed only after the caller clears cpu->stop. */
rt_stop rt_cpu_run(rt_cpu *cpu);

/* Disassemble one instruction word of length len at pc into buf as
 * "mnemonic\toperands" (or "<unknown>"); returns the decode id or -1. */
int rt_cpu_disasm(const rt_guest *g, uint32_t insn, unsigned len, uint64_t pc, char *buf, size_t n);

#endif /* RT_CPU_H */
