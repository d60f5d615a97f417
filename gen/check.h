/* check.h: state shared by the ISA checker's files (check.c: declarations,
 * encodings, templates; check_expr.c: expressions and statements). */
#ifndef GEN_CHECK_H
#define GEN_CHECK_H

#include "front.h"

/* What an expression may use, by where it stands. */
typedef enum chk_ctx {
	CX_CONST,  /* widths, counts, conditions of top-level if: params and literals */
	CX_LENGTH, /* `length`: insn (first parcel), params, literals */
	CX_FIELD,  /* field: insn, params, literals */
	CX_ALIAS,  /* alias read expression: pc, params, literals */
	CX_SEM,    /* insn/func bodies and predicates: everything but insn */
} chk_ctx;

/* A func's facts gathered while checking its body. */
typedef struct chk_func {
	gen_decl *d;
	gen_vec calls;  /* gen_expr * call sites of funcs */
	unsigned flags; /* RT_INSN_* of the body alone, then transitive */
	int state;      /* DFS: 0 new, 1 in progress, 2 done */
} chk_func;

/* A local name binding. */
typedef struct chk_bind {
	const char *name;
	gen_sym *sym;
} chk_bind;

typedef struct chk {
	gen_isa *isa;
	gen_map names;      /* exact name -> gen_sym * (global value names) */
	gen_map mangled;    /* C spelling -> gen_sym * */
	gen_map insn_names; /* C spelling -> gen_decl * (insns) */
	gen_map funcs;      /* func name -> chk_func * */
	gen_loc anchor;     /* where description-wide errors are reported */
	int word_bits, parcel_bits, max_len;
	/* the body being checked */
	chk_ctx cx;
	gen_decl *cur;       /* insn or func (NULL for predicates) */
	chk_func *curf;      /* when cur is a func */
	int in_pred;         /* checking a predicate */
	int insn_bits;       /* width of `insn` in CX_FIELD / CX_LENGTH */
	int insn_len;        /* length of the current insn (field bit checks), 0 = n/a */
	int field_hibit;     /* CX_FIELD: highest insn bit read so far */
	int pred_hibit;      /* predicate: highest insn bit read through fields */
	gen_sym *pred_field; /* the field reading it */
	unsigned flags;
	int nlocals;
	chk_bind *binds;
	int nbinds, capbinds;
	int *field_hi;    /* per field decl: highest insn bit, by sym->index */
	uint16_t *len_of; /* length of every first parcel (parcels <= 16 bits,
	                         variable length), else NULL */
} chk;

/* Expression checks (check_expr.c). Each returns 0, or -1 after reporting. */
int chk_expr(chk *c, gen_expr *e);
/* Give an unsized expression width w (it must fit). */
int chk_adopt(chk *c, gen_expr *e, int w);
/* Give an unsized expression a default width (64, or 128 if needed). */
int chk_settle(chk *c, gen_expr *e);
/* Check e and make it exactly w bits (adopting unsized values); what names
 * the destination in messages. */
int chk_expr_width(chk *c, gen_expr *e, int w, const char *what);
/* Check a width-1 condition. */
int chk_cond(chk *c, gen_expr *e, const char *what);
/* Check a constant integer expression in [lo, hi]; *out gets its value. */
int chk_const_int(chk *c, gen_expr *e, long long lo, long long hi, const char *what,
                  long long *out);
/* Check a statement list in a new scope. */
int chk_stmts(chk *c, gen_stmt *list);
/* Does the statement list always end in return? */
int chk_returns(const gen_stmt *list);
/* Value of a checked expression for a given insn word (constants fold). */
gen_u128 chk_eval(const gen_expr *e, gen_u128 insn);
/* Look a name up: locals first, then globals. */
gen_sym *chk_lookup(chk *c, const char *name);
/* Signed value of an unsized constant. */
__int128 chk_sval(const gen_expr *e);
/* All-ones mask of w bits (w 0..128). */
gen_u128 chk_mask(int w);

/* A printable decimal of a 128-bit signed value. */
const char *chk_dec(__int128 v);

#endif /* GEN_CHECK_H */
