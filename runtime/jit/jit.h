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

/* The jump cache: a direct-mapped table, at a fixed address for the life of
 * a vCPU, from guest pc to the compiled region entered there. Compiled code
 * looks a target up in it and jumps straight there (a chained exit, or an
 * indirect jump's inline cache) instead of returning to the run loop; the
 * run loop fills it and empties it when regions are dropped. */
#define JIT_JC_BITS 12
#define JIT_JC_SIZE (1u << JIT_JC_BITS)
/* A table slot of pc, for a table of 2^bits entries (shift: log2 of the
 * guest's parcel size). */
#define JIT_PC_HASH(pc, shift, bits) \
	((((pc) >> (shift)) ^ ((pc) >> ((shift) + (bits)))) & ((1u << (bits)) - 1))
/* Slot of pc in the jump cache. */
#define JIT_JC_HASH(pc, shift) JIT_PC_HASH(pc, shift, JIT_JC_BITS)

/* The taken map: a byte per hash slot of guest pc, set by the run loop
 * when the interpreter jumps to pc (relaxed atomics: the compile thread
 * reads it while the vCPU runs). `auto`'s regions leave out the jump
 * targets whose byte is clear: code no branch took is not compiled (a
 * collision only keeps code in). */
#define JIT_TAKEN_BITS 16
#define JIT_TAKEN_SIZE (1u << JIT_TAKEN_BITS)
/* Slot of pc in the taken map. */
#define JIT_TAKEN_HASH(pc, shift) JIT_PC_HASH(pc, shift, JIT_TAKEN_BITS)
typedef _Atomic unsigned char jit_taken;

/* A compiled region, entered at one of its entry pcs: see jit_region.c. */
typedef int (*jit_region_fn)(uint64_t soft, uint64_t hard, uint64_t pc);

typedef struct jit_jc_entry {
	uint64_t pc; /* UINT64_MAX... any pc not a region's: empty (fn NULL) */
	jit_region_fn fn;
} jit_jc_entry;

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
	uint64_t *entry; /* the pcs it may be entered at (the first is the pc
	                    asked for); the caller frees it (free) */
	unsigned nentry;
} jit_result;

typedef struct jit_ops {
	/* A compiler for vCPU cpu; NULL with a message in err. optimize: 0
	 * compiles fast (light passes, no code generation optimization), 1
	 * makes fast code. jc: the vCPU's jump cache (JIT_JC_SIZE entries).
	 * taken: the taken map (JIT_TAKEN_SIZE), or NULL: compile every
	 * jump target a region reaches. */
	jit_compiler *(*create)(rt_cpu *cpu, int optimize, jit_jc_entry *jc, const jit_taken *taken,
	                        char *err, size_t n);
	/* Compile the region at pc: 0 with *res, -1 when there is none (the
	 * first instruction is not in RAM or does not decode). It reads the
	 * guest's RAM and writes nothing of the vCPU: it may run on a thread
	 * of its own (one at a time per compiler). */
	int (*compile)(jit_compiler *c, uint64_t pc, jit_result *res);
	void (*destroy)(jit_compiler *c);
} jit_ops;

#endif /* JIT_H */
