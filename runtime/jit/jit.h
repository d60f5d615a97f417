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

/* What a region covers and what compiling it cost. */
typedef struct jit_result {
	jit_region_fn fn;
	uint64_t lo, hi; /* RAM offsets of the guest code it was built from */
	unsigned ninsns; /* guest instructions in it */
	uint64_t ns;     /* build + optimize + code generation time */
} jit_result;

typedef struct jit_ops {
	/* A compiler for vCPU cpu; NULL with a message in err. */
	jit_compiler *(*create)(rt_cpu *cpu, char *err, size_t n);
	/* Compile the region at pc: 0 with *res, -1 when there is none (the
	 * first instruction is not in RAM or does not decode). */
	int (*compile)(jit_compiler *c, uint64_t pc, jit_result *res);
	void (*destroy)(jit_compiler *c);
} jit_ops;

#endif /* JIT_H */
