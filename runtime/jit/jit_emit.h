/* jit_emit.h: the contract between generated LLVM-IR emitters
 * (<guest>_emit.c, written by morphgen's emit_jit.c) and the LLVM tier.
 *
 * A generated emitter builds one instruction's semantics into the region
 * being compiled, through the jit_* calls below and nothing else. Every
 * value is an LLVMValueRef of its exact bit width (1..128). Constants are
 * folded while building, so what the instruction word fixes (fields,
 * register numbers, conditions on them) costs nothing in the IR: a jit_if
 * on a constant emits only the branch taken, a register index that is a
 * constant names the register's SSA home directly.
 *
 * Guest registers live in allocas (promoted to SSA by the pass pipeline)
 * loaded at region entry and stored back at exits and around helper calls;
 * traps are precise (the runtime stores the state before any call that may
 * trap and leaves the region without storing again after one did).
 */
#ifndef JIT_EMIT_H
#define JIT_EMIT_H

#include <llvm-c/Core.h>
#include <stdint.h>

typedef struct jit_em jit_em; /* the region being built (jit_region.c) */

/* Emitter of one instruction (instruction word `insn`); returns NULL. */
typedef LLVMValueRef (*jit_emit_fn)(jit_em *j, uint32_t insn);

/* A guest's emitters, indexed by the decoder's instruction ids. */
typedef struct jit_guest {
	const char *name;        /* "rv64", as rt_guest.name */
	const jit_emit_fn *emit; /* n emitters */
	unsigned n;
} jit_guest;

/* Operators of jit_op1/jit_op2/jit_shift/jit_cmp. */
typedef enum jit_op {
	JIT_ADD,
	JIT_SUB,
	JIT_MUL,
	JIT_AND,
	JIT_OR,
	JIT_XOR,
	JIT_UDIV, /* x/0 = all ones, x%0 = x, MIN/-1 = MIN, MIN%-1 = 0 */
	JIT_SDIV,
	JIT_UREM,
	JIT_SREM,
	JIT_SHL, /* shifts by the width or more give 0 (SAR: the sign) */
	JIT_SHR,
	JIT_SAR,
	JIT_EQ,
	JIT_NE,
	JIT_LTU,
	JIT_LEU,
	JIT_GTU,
	JIT_GEU,
	JIT_LTS,
	JIT_LES,
	JIT_GTS,
	JIT_GES,
	JIT_NEG,
	JIT_NOT,  /* ~ */
	JIT_LNOT, /* ! of a 1-bit value */
	JIT_OP_COUNT
} jit_op;

/* A local of a description (`let`): an alloca, plus the constant it holds
 * while that is known at build time. */
typedef struct jit_var {
	LLVMValueRef slot;  /* alloca of width w */
	LLVMValueRef known; /* constant value, or NULL */
	int w;
	int level; /* dynamic-conditional depth where it was declared */
} jit_var;

/* A conditional being built (jit_if / jit_else / jit_endif). */
typedef struct jit_cond {
	int mode; /* 0: constant false, 1: constant true, 2: in IR */
	int in_else;
	LLVMBasicBlockRef else_bb, join_bb;
} jit_cond;

/* The body of a func or instruction being built (jit_enter .. jit_leave). */
typedef struct jit_frame {
	int retw;              /* result width, 0 = none */
	int level;             /* dynamic-conditional depth at entry */
	LLVMValueRef val;      /* result of a `return` at build time */
	LLVMValueRef ret;      /* alloca of the result (returns under conditions) */
	LLVMBasicBlockRef end; /* where such returns meet, or NULL */
	int closed;            /* the builder already left through `end` */
} jit_frame;

/* ---- values ----------------------------------------------------------- */

/* Constant of width w (1..128) from its low and high 64 bits. */
LLVMValueRef jit_k(jit_em *j, int w, uint64_t lo, uint64_t hi);
/* v zero-extended or truncated to width w. */
LLVMValueRef jit_as(jit_em *j, LLVMValueRef v, int w);
/* v sign-extended to width w (w >= v's width). */
LLVMValueRef jit_sx(jit_em *j, LLVMValueRef v, int w);
/* op a (JIT_NEG, JIT_NOT, JIT_LNOT) in width w. */
LLVMValueRef jit_op1(jit_em *j, jit_op op, LLVMValueRef a, int w);
/* a op b, both of width w (arithmetic, logic, division). */
LLVMValueRef jit_op2(jit_em *j, jit_op op, LLVMValueRef a, LLVMValueRef b, int w);
/* a shifted by n (any width) in width w. */
LLVMValueRef jit_shift(jit_em *j, jit_op op, LLVMValueRef a, LLVMValueRef n, int w);
/* Comparison of a and b (same width): a 1-bit value. */
LLVMValueRef jit_cmp(jit_em *j, jit_op op, LLVMValueRef a, LLVMValueRef b);
/* c ? a : b (c 1 bit; a, b of one width). */
LLVMValueRef jit_select(jit_em *j, LLVMValueRef c, LLVMValueRef a, LLVMValueRef b);
/* v[hi:lo]. */
LLVMValueRef jit_slice(jit_em *j, LLVMValueRef v, int hi, int lo);
/* Bit i of v (i of v's width). */
LLVMValueRef jit_bit(jit_em *j, LLVMValueRef v, LLVMValueRef i);
/* (hi << wlo) | lo, both already of width w. */
LLVMValueRef jit_cat(jit_em *j, LLVMValueRef hi, LLVMValueRef lo, int wlo, int w);

/* ---- guest state ------------------------------------------------------- */

/* Address of the instruction being built / of the next one in sequence. */
LLVMValueRef jit_pc(jit_em *j);
LLVMValueRef jit_next_pc(jit_em *j);
/* Read register ix (64 bits) of a file of count registers at slot, as width
 * w. hw >= 0: that register reads hwv; al >= 0: that register reads alv
 * (the pc alias). An index past count is an illegal instruction. */
LLVMValueRef jit_reg_get(jit_em *j, int slot, int count, int hw, uint64_t hwv, int al,
                         LLVMValueRef alv, LLVMValueRef ix, int w);
/* Write register ix of a file (ix NULL: the single register at slot).
 * Writes to the hard-wired register hw are dropped; to the alias al jump. */
void jit_reg_set(jit_em *j, int slot, int count, int hw, int al, LLVMValueRef ix, LLVMValueRef v);
/* Declare / read / write a local. */
void jit_var_init(jit_em *j, jit_var *v, int w);
LLVMValueRef jit_var_get(jit_em *j, jit_var *v);
void jit_var_set(jit_em *j, jit_var *v, LLVMValueRef x);

/* ---- memory, control, traps -------------------------------------------- */

/* Load `bytes` at guest address addr (64 bits); a fault traps. */
LLVMValueRef jit_load(jit_em *j, LLVMValueRef addr, int bytes);
/* Store the value v (of width 8 * bytes) at addr; a fault traps. */
void jit_store(jit_em *j, LLVMValueRef addr, int bytes, LLVMValueRef v);
/* pc = target (64 bits): the next instruction is there. */
void jit_jump(jit_em *j, LLVMValueRef target);
/* delay pc = target: jump there after the next instruction. */
void jit_delay(jit_em *j, LLVMValueRef target);
/* Call the C helper fn(cpu, args...) (n 64-bit args); its result as width
 * retw (NULL for none). State is stored before and reloaded after; a trap
 * in the helper leaves the region; the region ends after the instruction. */
LLVMValueRef jit_helper(jit_em *j, void *fn, const char *name, int retw, int n, LLVMValueRef *args);
/* raise(cause, tval): take the guest exception; nothing after it runs. */
void jit_raise(jit_em *j, LLVMValueRef cause, LLVMValueRef tval);

/* if (c): returns whether to build the then part (c constant false: no). */
int jit_if(jit_em *j, jit_cond *c, LLVMValueRef cond);
/* else: returns whether to build the else part. */
int jit_else(jit_em *j, jit_cond *c);
/* End of the conditional. */
void jit_endif(jit_em *j, jit_cond *c);

/* Start a func or instruction body with result width retw (0: none). */
void jit_enter(jit_em *j, jit_frame *f, int retw);
/* return [v]: returns 1 when the body is finished at build time (the
 * emitter then returns jit_leave), 0 when building goes on (dead code, or
 * the rest of a conditional). */
int jit_return(jit_em *j, jit_frame *f, LLVMValueRef v);
/* End of the body: its result (NULL for none). */
LLVMValueRef jit_leave(jit_em *j, jit_frame *f);

#endif /* JIT_EMIT_H */
