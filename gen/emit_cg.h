/* emit_cg.h: morphgen's semantics compiler (emit_cg.c). It turns a checked
 * gen_expr into C text, hoisting memory loads and helper/func calls into
 * temporaries written to the output, so evaluation order and trap points
 * follow the description exactly (left to right; a fault ends the
 * instruction before any later effect), and compiles statement lists.
 */
#ifndef GEN_EMIT_CG_H
#define GEN_EMIT_CG_H

#include "emit_util.h"

/* ---- the expression compiler ---------------------------------------- */

/* A compiled value: C text, its width (0 = unsized, 64-bit C), and whether
 * the text is stable (does not change if later code has effects). */
typedef struct gen_em_val {
	char *s;
	int w;
	int stable;
} gen_em_val;

/* Where compiled code lives. */
typedef struct gen_em_cg {
	gen_em_arena *a;
	const gen_isa *isa;
	FILE *out;            /* hoisted statements go here */
	int ind;              /* current indentation */
	int ntmp;             /* temporaries allocated so far */
	const char *insn;     /* C text of the instruction word (fields, length) */
	int fields_inline;    /* field names compile to their expression */
	int len_bytes;        /* this insn's length (npc); 0: use variable "ilen" */
	const char *fail;     /* statement that ends the function after a trap */
	int in_func;          /* compiling a func body */
	int ret_width;        /* func result width */
	const gen_stmt *body; /* the body being compiled: a `let` whose local it
	                         never reads gets a (void) use (NULL: always) */
} gen_em_cg;

/* A code generator writing to out at indentation 1, with the instruction
 * word available as the C text `insn` and `fail` ending the function after a
 * trap; other fields start zero. */
gen_em_cg gen_em_cg_new(const gen_isa *isa, FILE *out, gen_em_arena *a, const char *insn,
                        const char *fail);
/* Compile e; ctxw is the width an unsized literal takes (0: none). */
gen_em_val gen_em_cg_expr(gen_em_cg *g, const gen_expr *e, int ctxw);
/* Make v stable by copying it into a temporary if needed. */
gen_em_val gen_em_cg_stable(gen_em_cg *g, gen_em_val v);
/* Convert v to a C value of width w's type (uint64_t / mg_u128). */
char *gen_em_cg_as(gen_em_cg *g, gen_em_val v, int w);
/* Compile a statement list (linked by next). */
void gen_em_cg_stmts(gen_em_cg *g, const gen_stmt *s);
/* C name of a local / argument / loop variable. */
char *gen_em_cg_varname(gen_em_cg *g, const gen_sym *sym);

#endif /* GEN_EMIT_CG_H */
