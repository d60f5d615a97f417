/* jit.h: the LLVM tier as the runtime sees it. It is built as a module of
 * its own (libmorph-jit.so, linked with LLVM) that the runtime loads the
 * first time it has code to compile (rt_jit.c), so a run that never
 * compiles never pays for loading LLVM. The module exports one symbol,
 * `morph_jit_ops`, of type jit_ops. */
#ifndef JIT_H
#define JIT_H

#include <stddef.h>
#include <stdint.h>

#include "rt_guest.h"

typedef struct jit_compiler jit_compiler;

/* A compiled region: see jit_region.c. */
typedef int (*jit_region_fn)(uint64_t soft, uint64_t hard);

/* One guest instruction a region was built from. */
typedef struct jit_code {
	uint64_t off; /* RAM offset */
	uint32_t word;
	uint8_t len;
} jit_code;

/* What a region covers and what compiling it cost. Before running it the
 * caller checks that RAM still holds every instruction of `code` (the
 * compiler may run on another thread while the guest writes) and marks
 * their code lines (rt_cpu.code_map), so later writes invalidate it. */
typedef struct jit_result {
	jit_region_fn fn;
	uint64_t lo, hi; /* RAM offsets of the guest code it was built from */
	unsigned ninsns; /* guest instructions in it */
	uint64_t ns;     /* build + optimize + code generation time */
	jit_code *code;  /* ninsns entries; the caller frees it (free) */
} jit_result;

typedef struct jit_ops {
	/* A compiler for vCPU cpu; NULL with a message in err. optimize: 0
	 * compiles fast (light passes, no code generation optimization), 1
	 * makes fast code. */
	jit_compiler *(*create)(rt_cpu *cpu, int optimize, char *err, size_t n);
	/* Compile the region at pc: 0 with *res, -1 when there is none (the
	 * first instruction is not in RAM or does not decode). It reads the
	 * guest's RAM and writes nothing of the vCPU: it may run on a thread
	 * of its own (one at a time per compiler). */
	int (*compile)(jit_compiler *c, uint64_t pc, jit_result *res);
	void (*destroy)(jit_compiler *c);
} jit_ops;

#endif /* JIT_H */
