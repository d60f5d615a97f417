/* jit_priv.h: the region builder's state, shared by the files of the LLVM
 * tier (jit_ops.c: values and control; jit_state.c: guest state, memory,
 * helpers, traps; jit_region.c: regions, the pass pipeline and ORC). */
#ifndef JIT_PRIV_H
#define JIT_PRIV_H

#include <stddef.h>
#include <stdint.h>

#include "jit.h"
#include "jit_emit.h"
#include "rt_guest.h"

/* A point where the guest state the region changed is stored to the
 * vCPU: before a call that may look at it, or a branch out of the region.
 * What is stored is known only when the region is built: the homes that
 * may have been written on a path from an entry to here. */
typedef struct jit_sync {
	LLVMValueRef at; /* the call or branch to store before */
	int reload;      /* a call that may change registers: reload them after */
	int blk;         /* the region block (jit_region.c) it lies in */
	uint8_t *wrote;  /* homes written in that block before it */
} jit_sync;

/* Most constant jump targets one instruction records. */
#define JIT_MAX_TARGETS 8

/* Windows kept open at once (jit_state.c). */
#define JIT_WINDOWS 4

/* A window: accesses at base + [lo, hi) in one run whose RAM test (and
 * code-map test, for stores) one check covers, the first one's. Its sum
 * `add` (base + lo - ram_base) and limit in `cmp` are widened as accesses
 * join. Valid where that check dominates: it closes at run starts, at
 * helpers that may change registers, on writes of the base, and when the
 * conditional it was opened in ends. */
typedef struct jit_window {
	LLVMValueRef key;      /* the base's value, or the home it was read from */
	LLVMTypeRef ty;        /* the base's type: the width of the sums */
	LLVMValueRef add, cmp; /* the check's sum and comparison */
	int64_t lo, hi;
	int code;  /* the check tests the code map too (a store opened it) */
	int level; /* the conditional depth it was opened at */
} jit_window;

struct jit_em {
	LLVMContextRef cx;
	LLVMModuleRef mod;
	LLVMBuilderRef b;  /* where code goes */
	LLVMBuilderRef eb; /* end of the entry block: allocas, state loads */
	LLVMValueRef fn;   /* the region function */
	LLVMBasicBlockRef entry;
	LLVMTypeRef i1, i8, i32, i64, ptr;
	rt_cpu *cpu;
	const rt_guest *g;

	/* The instruction being built. */
	uint64_t pc;
	unsigned len;
	unsigned flags;                    /* RT_INSN_* */
	int level;                         /* depth of conditionals built in IR */
	int helper;                        /* it called a helper */
	int effects;                       /* it changed guest state already */
	int uncond;                        /* it jumps to a constant, always */
	int duncond;                       /* its delayed jump (or its slot's) is constant */
	uint64_t targets[JIT_MAX_TARGETS]; /* constant pc / delay targets */
	int ntargets, indirect;
	uint64_t dtargets[JIT_MAX_TARGETS]; /* constant `delay pc` targets */
	int ndtargets, dindirect;

	/* Homes of the guest state: cpu->r[0..nslots), then delay_pc and
	 * delay_pending. An alloca per home, made on first use. */
	unsigned nhome;
	LLVMValueRef *home;
	LLVMTypeRef *home_ty;
	void **home_addr;
	int blk;                    /* the region block being built, -1: none */
	uint8_t *wrote;             /* homes that block has written so far */
	LLVMValueRef npc;           /* alloca: next pc of this instruction */
	LLVMValueRef icount;        /* alloca: instructions retired in the region */
	LLVMValueRef stop_after;    /* alloca i1: leave after this instruction */
	LLVMValueRef exit_pc;       /* alloca: where a normal exit continues */
	LLVMValueRef chain_pc;      /* alloca: where a chained exit continues */
	LLVMBasicBlockRef chain_bb; /* the chained exit, or NULL */
	LLVMValueRef base_insns;    /* cpu->insns at entry */
	LLVMBasicBlockRef exit_bb, trap_bb;

	jit_window win[JIT_WINDOWS]; /* open windows, win[0..nwin) */
	int nwin;

	jit_sync *sync;
	int nsync, capsync;
	int oom; /* allocation failed: the region is abandoned */

	const void *jc;         /* the vCPU's jump cache (jit.h), or NULL: no chaining */
	const jit_taken *taken; /* the taken map (jit.h), or NULL */
	int delay_guest;        /* the guest has delay slots */
};

/* Home index of delay_pc and delay_pending. */
#define JIT_HOME_DPC(j)  ((j)->nhome - 2)
#define JIT_HOME_DPEN(j) ((j)->nhome - 1)

/* Build the region at pc into mod as function `name` (jit_region.c): 0 with
 * the RAM range [*lo, *hi) it was built from, its instructions (*code, n of
 * them) and its entry pcs (*entry, *nentry; both malloc'd), or -1 when the
 * first instruction cannot be built (the interpreter takes it). jc: the
 * vCPU's jump cache for chained exits, or NULL. */
int jit_build_region(rt_cpu *cpu, const jit_guest *jg, const jit_jc_entry *jc,
                     const jit_taken *taken, LLVMContextRef cx, LLVMModuleRef mod, const char *name,
                     uint64_t pc, uint64_t *lo, uint64_t *hi, unsigned *ninsns, jit_code **code,
                     uint64_t **entry, unsigned *nentry);

/* The pass pipelines (jit_engine.c): fast for --engine jit and auto's
 * first compilation, full for hot code. */
extern const char jit_passes_fast[], jit_passes_full[];

/* Integer type of width w (0 = 64). */
LLVMTypeRef jit_ty(jit_em *j, int w);
/* Width of v's integer type. */
int jit_width(LLVMValueRef v);
/* A pointer constant to host address p. */
LLVMValueRef jit_addr(jit_em *j, const void *p);
/* Start a new block after a terminator (code after it is dead). */
void jit_dead(jit_em *j);
/* The alloca of home k (made, and loaded from the guest state, on first use). */
LLVMValueRef jit_home(jit_em *j, unsigned k);
/* Call host function fn (type ty) with args; sync = 1: store the state
 * first, 2: and reload it after. */
LLVMValueRef jit_call(jit_em *j, LLVMTypeRef ty, const void *fn, LLVMValueRef *args, int n,
                      int sync);
/* Leave the region through the trap exit when cond (1 bit) holds. */
void jit_trap_if(jit_em *j, LLVMValueRef cond);
/* Store pc, npc and the retired count into the vCPU before a call. */
void jit_store_pc(jit_em *j);
/* Record a point where the state is stored (jit_sync), before `at`. */
void jit_site(jit_em *j, LLVMValueRef at, int reload);
/* Close the windows opened at conditional depth level or deeper (0: all). */
void jit_windows_close(jit_em *j, int level);
/* Leave the region normally, continuing at pc (64 bits). */
void jit_exit(jit_em *j, LLVMValueRef pc);
/* Continue at pc: straight into the region compiled there when the jump
 * cache has one (and the budget allows), else leave as jit_exit. */
void jit_chain(jit_em *j, LLVMValueRef pc);

#endif /* JIT_PRIV_H */
