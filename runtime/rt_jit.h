/* rt_jit.h: the run loop's side of the LLVM tier. It loads the JIT module
 * (libmorph-jit.so, next to the morph executable or named by
 * MORPH_JIT_MODULE) the first time a vCPU needs it, keeps the compiled
 * regions of a vCPU in a table keyed by guest pc, and drops those built
 * from RAM that the guest writes. */
#ifndef RT_JIT_H
#define RT_JIT_H

#include <stddef.h>
#include <stdint.h>

#include "rt_err.h"
#include "rt_guest.h"

/* Which tiers run guest code. */
typedef enum rt_engine {
	RT_ENGINE_INTERP, /* the generated interpreter only */
	RT_ENGINE_JIT,    /* compile every region before running it */
	RT_ENGINE_AUTO,   /* interpret; compile what gets hot */
	RT_ENGINE_COUNT
} rt_engine;

/* Region entries before `auto` compiles a region. */
#define RT_JIT_HOT 2000u

/* A compiled region (jit.h's jit_region_fn), entered at pc. */
typedef int (*rt_region_fn)(uint64_t soft, uint64_t hard, uint64_t pc);

/* Statistics of the tier. */
typedef struct rt_jit_stats {
	uint64_t regions;      /* compiled */
	uint64_t region_insns; /* guest instructions in them */
	uint64_t compile_ns;   /* time spent compiling */
	uint64_t invalidated;  /* regions dropped after writes to their code */
	uint64_t jit_insns;    /* instructions retired in compiled code */
	uint64_t entries;      /* calls into compiled regions */
	uint64_t jit_ns;       /* wall time spent in compiled code */
} rt_jit_stats;

/* Turn the tier on for cpu with engine e (RT_ENGINE_INTERP: no-op).
 * Errors: RT_ERR_NOMEM. The module is loaded later, on first use. */
rt_err rt_jit_attach(rt_cpu *cpu, rt_engine e, char *err, size_t n);
/* Free the tier's state of cpu; waits for a compilation in progress. */
void rt_jit_detach(rt_cpu *cpu);
/* Is the compile thread of cpu compiling (or has work queued)? A process
 * about to exit need not wait for it (see morph's `run`). */
int rt_jit_busy(const rt_cpu *cpu);
/* The region for pc: compiled now (engine jit, or hot under auto), cached,
 * or NULL (the interpreter runs the code). hit: pc is a jump target, which
 * counts towards making it hot under auto (a boundary's pc, anywhere in a
 * block, does not). A failure to load the module or to compile stops the
 * run with RT_STOP_ERROR and its message. */
rt_region_fn rt_jit_region(rt_cpu *cpu, uint64_t pc, int hit);
/* The guest wrote RAM offsets [off, off + bytes) holding translated code. */
void rt_jit_code_written(rt_cpu *cpu, uint64_t off, unsigned bytes);
/* Forget every region (fence.i). */
void rt_jit_flush(rt_cpu *cpu);
/* Install the regions the compile thread has finished; called by the run
 * loop at every boundary. A compile thread that could not start LLVM stops
 * the run with its message. */
void rt_jit_poll(rt_cpu *cpu);
/* Count n instructions retired in compiled code, in ns (the run loop). */
void rt_jit_count(rt_cpu *cpu, uint64_t n, uint64_t ns);
/* The tier's statistics for cpu (zeros when it is off). */
rt_jit_stats rt_jit_get_stats(const rt_cpu *cpu);

#endif /* RT_JIT_H */
