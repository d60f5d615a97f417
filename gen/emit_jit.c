/* emit_jit.c: <guest>_emit.c, the LLVM tier's half of a guest. For every
 * instruction (and func) of the checked description it writes one C
 * function that builds the instruction's semantics as LLVM IR through the
 * jit_* builder interface of runtime/jit/jit_emit.h, which wraps the LLVM-C
 * API. The walk mirrors emit_cg.c's (left-to-right evaluation, a trap ends
 * the instruction before any later effect); every value is an LLVM value of
 * its exact width, and the builder folds what the instruction word fixes
 * (fields, register numbers, conditions on them) while the region is built,
 * so the IR carries only what depends on guest state. */
#include "emit_cg.h"

#include <stdlib.h>
#include <string.h>

/* A compiled value: C text of an LLVMValueRef expression and its width. */
typedef struct lj_val {
	char *s;
	int w;
} lj_val;

/* Where compiled code goes. */
typedef struct lj {
	gen_em_arena *a;
	const gen_isa *isa;
	FILE *out;
	int ind;
	int ntmp;
	int in_func;
	int ret_width;
	int depth; /* nesting of func frames (names the frame variable) */
} lj;

static lj_val lj_mk(char *s, int w)
{
	lj_val v = {s, w};
	return v;
}

/* Width 0 (an unsized number) is 64 bits. */
static int ww(int w)
{
	return w > 0 ? w : 64;
}

/* A new temporary holding the C text s. */
static lj_val tmp(lj *g, const char *s, int w)
{
	char *t = gen_em_fmt(g->a, "v%d", g->ntmp++);
	gen_em_line(g->out, g->ind, "LLVMValueRef %s = %s;", t, s);
	return lj_mk(t, w);
}

/* Constant v of width w. */
static lj_val kval(lj *g, gen_u128 v, int w)
{
	w = ww(w);
	v &= gen_em_mask128(w);
	return lj_mk(gen_em_fmt(g->a, "jit_k(j, %d, 0x%llxull, 0x%llxull)", w,
	                        (unsigned long long)v, (unsigned long long)(v >> 64)),
	             w);
}

/* v converted (zero-extended or truncated) to width w. */
static char *as(lj *g, lj_val v, int w)
{
	w = ww(w);
	if (ww(v.w) == w)
		return v.s;
	return gen_em_fmt(g->a, "jit_as(j, %s, %d)", v.s, w);
}

static lj_val lj_expr(lj *g, const gen_expr *e, int ctxw);
static void lj_stmts(lj *g, const gen_stmt *s);

/* Name of the variable of a local / arg / loop variable. */
static char *varname(lj *g, const gen_sym *s)
{
	gen_em_cg c = {0};
	c.a = g->a;
	return gen_em_cg_varname(&c, s);
}

/* Register file read regfile[idx]. */
static lj_val lj_regread(lj *g, const gen_expr *e)
{
	const gen_isa *isa = g->isa;
	int ri = gen_em_regfile_index(isa, e->sym);
	int rw = e->sym->width;
	if (ri < 0)
		return kval(g, 0, rw);
	const gen_decl *rf = isa->regfiles[ri];
	int count = gen_em_regfile_count(rf);
	int hw = isa->hardwired ? isa->hardwired[ri] : -1;
	uint64_t hwv = isa->hardwired_value ? isa->hardwired_value[ri] : 0;
	int al = isa->alias_index ? isa->alias_index[ri] : -1;
	const gen_expr *alr = isa->alias_read ? isa->alias_read[ri] : NULL;
	lj_val ix = lj_expr(g, e->a, 0);
	char *alv = "NULL";
	if (al >= 0 && alr)
		alv = as(g, lj_expr(g, alr, rw), rw);
	return tmp(g,
	           gen_em_fmt(g->a, "jit_reg_get(j, %d, %d, %d, 0x%llxull, %d, %s, %s, %d)",
	                      e->sym->slot, count, hw, (unsigned long long)hwv, al, alv,
	                      as(g, ix, 64), rw),
	           rw);
}

/* Memory load memN[a]. */
static lj_val lj_load(lj *g, const gen_expr *e)
{
	lj_val ad = lj_expr(g, e->a, g->isa->word_bits);
	return tmp(g, gen_em_fmt(g->a, "jit_load(j, %s, %d)", as(g, ad, 64), e->memwidth / 8),
	           e->memwidth);
}

/* Arguments of a call, compiled left to right into an array variable;
 * returns its name. */
static char *lj_args(lj *g, const gen_expr *e, const gen_decl *d, int helper)
{
	int n = e->nargs;
	char *arr = gen_em_fmt(g->a, "args%d", g->ntmp++);
	char **vs = calloc((size_t)n + 1, sizeof *vs);
	if (!vs)
		abort();
	for (int i = 0; i < n; i++) {
		int aw = d && d->arg_widths && i < d->nargs ? d->arg_widths[i] : 0;
		lj_val v = lj_expr(g, e->args[i], aw);
		vs[i] = as(g, v, helper ? 64 : (aw ? aw : v.w));
	}
	char *list = "";
	for (int i = 0; i < n; i++)
		list = gen_em_fmt(g->a, "%s%s%s", list, i ? ", " : "", vs[i]);
	gen_em_line(g->out, g->ind, "LLVMValueRef %s[%d] = {%s};", arr, n ? n : 1,
	            n ? list : "NULL");
	free(vs);
	return arr;
}

/* Helper or func call. */
static lj_val lj_call(lj *g, const gen_expr *e, int w)
{
	const gen_sym *s = e->sym;
	const gen_decl *d = s ? s->decl : NULL;
	int helper = s && s->kind == GEN_SYM_HELPER;
	int rw = d ? d->ret_width : 0;
	char *args = lj_args(g, e, d, helper);
	if (helper) {
		char *fn = gen_em_fmt(g->a, "%s_%s", gen_em_cname(g->a, g->isa->family),
		                      gen_em_cname(g->a, s->name));
		lj_val v = tmp(g,
		               gen_em_fmt(g->a, "jit_helper(j, (void *)%s, \"%s\", %d, %d, %s)", fn,
		                          fn, rw, e->nargs, args),
		               rw ? rw : ww(w));
		return v;
	}
	char *fn = gen_em_fmt(g->a, "emfn_%s", gen_em_cname(g->a, s ? s->name : "?"));
	return tmp(g, gen_em_fmt(g->a, "%s(j, %s)", fn, args), rw ? rw : ww(w));
}

/* sext/zext/trunc/udiv/sdiv/urem/srem. */
static lj_val lj_builtin(lj *g, const gen_expr *e, int w)
{
	if (e->builtin == GEN_B_SEXT || e->builtin == GEN_B_ZEXT || e->builtin == GEN_B_TRUNC) {
		lj_val x = lj_expr(g, e->args[0], 0);
		if (e->builtin == GEN_B_SEXT && ww(w) > ww(x.w))
			return tmp(g, gen_em_fmt(g->a, "jit_sx(j, %s, %d)", x.s, ww(w)), w);
		return lj_mk(as(g, x, w), w);
	}
	lj_val x = lj_expr(g, e->args[0], w);
	lj_val y = lj_expr(g, e->args[1], w);
	const char *op = e->builtin == GEN_B_UDIV   ? "JIT_UDIV"
	                 : e->builtin == GEN_B_SDIV ? "JIT_SDIV"
	                 : e->builtin == GEN_B_UREM ? "JIT_UREM"
	                                            : "JIT_SREM";
	int rw = w ? w : (x.w > y.w ? x.w : y.w);
	return tmp(g,
	           gen_em_fmt(g->a, "jit_op2(j, %s, %s, %s, %d)", op, as(g, x, rw), as(g, y, rw),
	                      ww(rw)),
	           rw);
}

/* JIT_* name of a binary operator. */
static const char *opname(gen_op op)
{
	switch (op) {
	case GEN_OP_ADD: return "JIT_ADD";
	case GEN_OP_SUB: return "JIT_SUB";
	case GEN_OP_MUL: return "JIT_MUL";
	case GEN_OP_AND: return "JIT_AND";
	case GEN_OP_OR: return "JIT_OR";
	case GEN_OP_XOR: return "JIT_XOR";
	case GEN_OP_SHL: return "JIT_SHL";
	case GEN_OP_SHR: return "JIT_SHR";
	case GEN_OP_SAR: return "JIT_SAR";
	case GEN_OP_EQ: return "JIT_EQ";
	case GEN_OP_NE: return "JIT_NE";
	case GEN_OP_LTU: return "JIT_LTU";
	case GEN_OP_LEU: return "JIT_LEU";
	case GEN_OP_GTU: return "JIT_GTU";
	case GEN_OP_GEU: return "JIT_GEU";
	case GEN_OP_LTS: return "JIT_LTS";
	case GEN_OP_LES: return "JIT_LES";
	case GEN_OP_GTS: return "JIT_GTS";
	case GEN_OP_GES: return "JIT_GES";
	default: return NULL;
	}
}

/* Declare a local LLVM variable (an alloca the pass pipeline promotes). */
static char *newvar(lj *g, int w)
{
	char *t = gen_em_fmt(g->a, "x%d", g->ntmp++);
	gen_em_line(g->out, g->ind, "jit_var %s;", t);
	gen_em_line(g->out, g->ind, "jit_var_init(j, &%s, %d);", t, ww(w));
	return t;
}

/* if (c) { then } else { else }: opens the `then` part. */
static char *open_if(lj *g, lj_val c)
{
	char *s = gen_em_fmt(g->a, "c%d", g->ntmp++);
	gen_em_line(g->out, g->ind, "jit_cond %s;", s);
	gen_em_line(g->out, g->ind, "if (jit_if(j, &%s, %s)) {", s, as(g, c, 1));
	g->ind++;
	return s;
}

/* Close the then part, open the else part. */
static void else_if(lj *g, const char *s)
{
	g->ind--;
	gen_em_line(g->out, g->ind, "}");
	gen_em_line(g->out, g->ind, "if (jit_else(j, &%s)) {", s);
	g->ind++;
}

/* Close the conditional. */
static void close_if(lj *g, const char *s)
{
	g->ind--;
	gen_em_line(g->out, g->ind, "}");
	gen_em_line(g->out, g->ind, "jit_endif(j, &%s);", s);
}

/* a && b / a || b with effects in b: short-circuit. */
static lj_val lj_logic_effects(lj *g, const gen_expr *e)
{
	lj_val x = lj_expr(g, e->a, 1);
	char *t = newvar(g, 1);
	gen_em_line(g->out, g->ind, "jit_var_set(j, &%s, %s);", t, as(g, x, 1));
	lj_val c = x;
	if (e->op == GEN_OP_LOR)
		c = tmp(g, gen_em_fmt(g->a, "jit_op1(j, JIT_LNOT, %s, 1)", as(g, x, 1)), 1);
	char *s = open_if(g, c);
	lj_val y = lj_expr(g, e->b, 1);
	gen_em_line(g->out, g->ind, "jit_var_set(j, &%s, %s);", t, as(g, y, 1));
	close_if(g, s);
	return tmp(g, gen_em_fmt(g->a, "jit_var_get(j, &%s)", t), 1);
}

/* c ? a : b with effects in a or b. */
static lj_val lj_cond_effects(lj *g, const gen_expr *e, int w)
{
	lj_val c = lj_expr(g, e->a, 1);
	char *t = newvar(g, w);
	char *s = open_if(g, c);
	lj_val x = lj_expr(g, e->b, w);
	gen_em_line(g->out, g->ind, "jit_var_set(j, &%s, %s);", t, as(g, x, w));
	else_if(g, s);
	lj_val y = lj_expr(g, e->c, w);
	gen_em_line(g->out, g->ind, "jit_var_set(j, &%s, %s);", t, as(g, y, w));
	close_if(g, s);
	return tmp(g, gen_em_fmt(g->a, "jit_var_get(j, &%s)", t), w);
}

/* Binary operators. */
static lj_val lj_binary(lj *g, const gen_expr *e, int w)
{
	if ((e->op == GEN_OP_LAND || e->op == GEN_OP_LOR) && gen_em_expr_effects(e->b))
		return lj_logic_effects(g, e);
	if (e->op == GEN_OP_LAND || e->op == GEN_OP_LOR) {
		lj_val x = lj_expr(g, e->a, 1), y = lj_expr(g, e->b, 1);
		return tmp(g,
		           gen_em_fmt(g->a, "jit_op2(j, %s, %s, %s, 1)",
		                      e->op == GEN_OP_LAND ? "JIT_AND" : "JIT_OR", as(g, x, 1),
		                      as(g, y, 1)),
		           1);
	}
	if (e->op == GEN_OP_SHL || e->op == GEN_OP_SHR || e->op == GEN_OP_SAR) {
		lj_val x = lj_expr(g, e->a, w), n = lj_expr(g, e->b, 0);
		int nw = ww(n.w) > 64 ? 128 : 64;
		return tmp(g,
		           gen_em_fmt(g->a, "jit_shift(j, %s, %s, %s, %d)", opname(e->op),
		                      as(g, x, w), as(g, n, nw), ww(w)),
		           w);
	}
	int ow = w, cmp = e->op >= GEN_OP_EQ && e->op <= GEN_OP_GES;
	if (cmp) {
		int aw = e->a ? e->a->width : 0, bw = e->b ? e->b->width : 0;
		ow = aw > bw ? aw : bw;
	}
	lj_val x = lj_expr(g, e->a, ow), y = lj_expr(g, e->b, ow);
	int cw = ow ? ow : (x.w > y.w ? x.w : y.w);
	const char *op = opname(e->op);
	if (!op)
		abort(); /* the checker admits no other binary operator */
	if (cmp)
		return tmp(
		        g,
		        gen_em_fmt(g->a, "jit_cmp(j, %s, %s, %s)", op, as(g, x, cw), as(g, y, cw)),
		        1);
	int rw = w ? w : cw;
	return tmp(g,
	           gen_em_fmt(g->a, "jit_op2(j, %s, %s, %s, %d)", op, as(g, x, rw), as(g, y, rw),
	                      ww(rw)),
	           rw);
}

/* {a, b, ...}: a most significant. */
static lj_val lj_concat(lj *g, const gen_expr *e, int w)
{
	int n = e->nargs, tw = 0;
	lj_val *v = calloc((size_t)n + 1, sizeof *v);
	if (!v)
		abort();
	for (int i = 0; i < n; i++) {
		v[i] = lj_expr(g, e->args[i], 0);
		tw += ww(v[i].w);
	}
	if (!w)
		w = tw;
	lj_val acc = lj_mk(NULL, 0);
	for (int i = 0; i < n; i++) {
		if (!acc.s) {
			acc = lj_mk(as(g, v[i], w), w);
			continue;
		}
		acc = tmp(g,
		          gen_em_fmt(g->a, "jit_cat(j, %s, %s, %d, %d)", acc.s, as(g, v[i], w),
		                     ww(v[i].w), ww(w)),
		          w);
	}
	free(v);
	return acc.s ? acc : kval(g, 0, w);
}

/* e[hi:lo] and e[i]. */
static lj_val lj_slice(lj *g, const gen_expr *e)
{
	lj_val x = lj_expr(g, e->a, 0);
	if (e->lo < 0 && e->hi_e) {
		lj_val i = lj_expr(g, e->hi_e, 0);
		return tmp(g, gen_em_fmt(g->a, "jit_bit(j, %s, %s)", x.s, as(g, i, ww(x.w))), 1);
	}
	int w = e->hi - e->lo + 1;
	if (w <= 0)
		return kval(g, 0, 1);
	return tmp(g, gen_em_fmt(g->a, "jit_slice(j, %s, %d, %d)", x.s, e->hi, e->lo), w);
}

/* Names: params, fields, locals, args, loop variables, special registers. */
static lj_val lj_name(lj *g, const gen_expr *e, int w)
{
	const gen_sym *s = e->sym;
	if (!s)
		return kval(g, 0, w);
	switch (s->kind) {
	case GEN_SYM_PARAM: return kval(g, (gen_u128)(int64_t)s->value, w);
	case GEN_SYM_FIELD:
		return lj_mk(gen_em_fmt(g->a, "jit_k(j, %d, %s(insn), 0)", ww(s->width),
		                        gen_em_field_fn(g->a, g->isa, s)),
		             ww(s->width));
	case GEN_SYM_LOCAL:
		return tmp(g, gen_em_fmt(g->a, "jit_var_get(j, &%s)", varname(g, s)),
		           s->width ? s->width : w);
	case GEN_SYM_ARG:
	case GEN_SYM_LOOPVAR: return lj_mk(varname(g, s), s->width ? s->width : 64);
	case GEN_SYM_REG:
		return tmp(g,
		           gen_em_fmt(g->a, "jit_reg_get(j, %d, 1, -1, 0, -1, NULL, NULL, %d)",
		                      s->slot, s->width),
		           s->width);
	default: return kval(g, 0, w);
	}
}

/* Compile e in context width ctxw. */
static lj_val lj_expr(lj *g, const gen_expr *e, int ctxw)
{
	if (!e)
		return kval(g, 0, ctxw);
	int w = e->width ? e->width : ctxw;
	gen_u128 k;
	if ((e->is_const || e->kind == GEN_E_NUM) && !gen_em_expr_effects(e) &&
	    gen_em_constant(e, &k))
		return kval(g, k, w);
	switch (e->kind) {
	case GEN_E_NAME: return lj_name(g, e, w);
	case GEN_E_PC: return lj_mk("jit_pc(j)", g->isa->word_bits);
	case GEN_E_NPC: return lj_mk("jit_next_pc(j)", g->isa->word_bits);
	case GEN_E_INSN: return lj_mk("jit_k(j, 32, insn, 0)", 32);
	case GEN_E_UNARY: {
		lj_val x = lj_expr(g, e->a, w);
		if (e->op == GEN_OP_LNOT)
			return tmp(g, gen_em_fmt(g->a, "jit_op1(j, JIT_LNOT, %s, 1)", as(g, x, 1)),
			           1);
		return tmp(g,
		           gen_em_fmt(g->a, "jit_op1(j, %s, %s, %d)",
		                      e->op == GEN_OP_NEG ? "JIT_NEG" : "JIT_NOT", as(g, x, w),
		                      ww(w)),
		           w);
	}
	case GEN_E_BINARY: return lj_binary(g, e, w);
	case GEN_E_COND: {
		if (gen_em_expr_effects(e->b) || gen_em_expr_effects(e->c))
			return lj_cond_effects(g, e, w);
		lj_val c = lj_expr(g, e->a, 1);
		lj_val x = lj_expr(g, e->b, w), y = lj_expr(g, e->c, w);
		return tmp(g,
		           gen_em_fmt(g->a, "jit_select(j, %s, %s, %s)", as(g, c, 1), as(g, x, w),
		                      as(g, y, w)),
		           w);
	}
	case GEN_E_CONCAT: return lj_concat(g, e, w);
	case GEN_E_SLICE: return lj_slice(g, e);
	case GEN_E_REG: return lj_regread(g, e);
	case GEN_E_MEM: return lj_load(g, e);
	case GEN_E_CALL:
		if (e->builtin != GEN_B_NONE)
			return lj_builtin(g, e, w);
		return lj_call(g, e, w);
	default: abort(); /* the checker admits no other expression */
	}
}

/* ---- statements ----------------------------------------------------- */

/* regfile[idx] = v. */
static void lj_regwrite(lj *g, const gen_expr *lhs, const gen_expr *rhs)
{
	const gen_isa *isa = g->isa;
	int ri = gen_em_regfile_index(isa, lhs->sym);
	if (ri < 0)
		return;
	const gen_decl *rf = isa->regfiles[ri];
	int count = gen_em_regfile_count(rf), rw = lhs->sym->width;
	int hw = isa->hardwired ? isa->hardwired[ri] : -1;
	int al = isa->alias_index ? isa->alias_index[ri] : -1;
	lj_val ix = lj_expr(g, lhs->a, 0);
	lj_val v = lj_expr(g, rhs, rw);
	gen_em_line(g->out, g->ind, "jit_reg_set(j, %d, %d, %d, %d, %s, %s);", lhs->sym->slot,
	            count, hw, al, as(g, ix, 64), as(g, v, rw));
}

/* lhs = rhs. */
static void lj_assign(lj *g, const gen_stmt *s)
{
	const gen_expr *l = s->lhs;
	switch (l->kind) {
	case GEN_E_NAME: {
		const gen_sym *sym = l->sym;
		lj_val v = lj_expr(g, s->a, sym->width);
		if (sym->kind == GEN_SYM_REG)
			gen_em_line(g->out, g->ind, "jit_reg_set(j, %d, 1, -1, -1, NULL, %s);",
			            sym->slot, as(g, v, sym->width));
		else
			gen_em_line(g->out, g->ind, "jit_var_set(j, &%s, %s);", varname(g, sym),
			            as(g, v, sym->width));
		return;
	}
	case GEN_E_PC: {
		lj_val v = lj_expr(g, s->a, g->isa->word_bits);
		gen_em_line(g->out, g->ind, "jit_jump(j, %s);", as(g, v, 64));
		return;
	}
	case GEN_E_REG: lj_regwrite(g, l, s->a); return;
	case GEN_E_MEM: {
		lj_val ad = lj_expr(g, l->a, g->isa->word_bits);
		lj_val v = lj_expr(g, s->a, l->memwidth);
		gen_em_line(g->out, g->ind, "jit_store(j, %s, %d, %s);", as(g, ad, 64),
		            l->memwidth / 8, as(g, v, l->memwidth));
		return;
	}
	default: abort(); /* the checker admits no other target */
	}
}

/* The frame variable of the current func or instruction body. */
static char *frame(lj *g)
{
	return gen_em_fmt(g->a, "fr%d", g->depth);
}

/* One statement. */
static void lj_stmt(lj *g, const gen_stmt *s)
{
	switch (s->kind) {
	case GEN_S_LET: {
		int w = s->width ? s->width : (s->sym ? s->sym->width : 0);
		lj_val v = lj_expr(g, s->a, w);
		if (!w)
			w = v.w;
		char *n = s->sym ? varname(g, s->sym) : gen_em_fmt(g->a, "x%d", g->ntmp++);
		gen_em_line(g->out, g->ind, "jit_var %s;", n);
		gen_em_line(g->out, g->ind, "jit_var_init(j, &%s, %d);", n, ww(w));
		gen_em_line(g->out, g->ind, "jit_var_set(j, &%s, %s);", n, as(g, v, w));
		break;
	}
	case GEN_S_ASSIGN: lj_assign(g, s); break;
	case GEN_S_DELAY: {
		lj_val v = lj_expr(g, s->a, g->isa->word_bits);
		gen_em_line(g->out, g->ind, "jit_delay(j, %s);", as(g, v, 64));
		break;
	}
	case GEN_S_IF: {
		lj_val c = lj_expr(g, s->a, 1);
		char *cs = open_if(g, c);
		lj_stmts(g, s->body);
		if (s->els) {
			else_if(g, cs);
			lj_stmts(g, s->els);
		}
		close_if(g, cs);
		break;
	}
	case GEN_S_FOR: {
		char *n = s->sym ? varname(g, s->sym) : gen_em_fmt(g->a, "i%d", g->ntmp++);
		char *i = gen_em_fmt(g->a, "n%d", g->ntmp++);
		int w = s->sym && s->sym->width ? s->sym->width : 64;
		gen_em_line(g->out, g->ind, "for (uint64_t %s = %d; %s < %d; %s++) {", i, s->lo, i,
		            s->hi, i);
		g->ind++;
		gen_em_line(g->out, g->ind, "LLVMValueRef %s = jit_k(j, %d, %s, 0);", n, w, i);
		gen_em_line(g->out, g->ind, "(void)%s;", n);
		lj_stmts(g, s->body);
		g->ind--;
		gen_em_line(g->out, g->ind, "}");
		break;
	}
	case GEN_S_RAISE: {
		lj_val c = lj_expr(g, s->a, 64), t = lj_expr(g, s->b, 64);
		gen_em_line(g->out, g->ind, "jit_raise(j, %s, %s);", as(g, c, 64), as(g, t, 64));
		break;
	}
	case GEN_S_CALL: {
		lj_val v = lj_expr(g, s->a, 0);
		gen_em_line(g->out, g->ind, "(void)%s;", v.s);
		break;
	}
	case GEN_S_RETURN: {
		char *v = "NULL";
		if (s->a && g->ret_width)
			v = as(g, lj_expr(g, s->a, g->ret_width), g->ret_width);
		gen_em_line(g->out, g->ind, "if (jit_return(j, &%s, %s))", frame(g), v);
		gen_em_line(g->out, g->ind + 1, "return jit_leave(j, &%s);", frame(g));
		break;
	}
	case GEN_S_BLOCK:
		gen_em_line(g->out, g->ind, "{");
		g->ind++;
		lj_stmts(g, s->body);
		g->ind--;
		gen_em_line(g->out, g->ind, "}");
		break;
	default: abort(); /* the checker admits no other statement */
	}
}

/* A statement list. */
static void lj_stmts(lj *g, const gen_stmt *s)
{
	for (; s; s = s->next)
		lj_stmt(g, s);
}

/* ---- functions -------------------------------------------------------- */

/* Signature of a func's emitter. */
static char *func_sig(lj *g, const gen_decl *d)
{
	return gen_em_fmt(g->a, "static LLVMValueRef emfn_%s(jit_em *j, LLVMValueRef *args)",
	                  gen_em_cname(g->a, d->name));
}

/* A func's emitter: prototype or definition. Arguments arrive as values of
 * their declared widths; the result is a value of the result width (or a
 * NULL for none). */
static void emit_func(lj *g, const gen_decl *d, int proto)
{
	if (proto) {
		fprintf(g->out, "%s;\n", func_sig(g, d));
		return;
	}
	g->in_func = 1;
	g->ret_width = d->ret_width;
	g->ntmp = 0;
	g->ind = 1;
	fprintf(g->out, "/* %s */\n%s\n{\n", gen_em_where(g->a, d->loc), func_sig(g, d));
	fprintf(g->out, "\t(void)args;\n");
	for (int i = 0; i < d->nargs; i++) {
		gen_sym tmp = {0};
		tmp.kind = GEN_SYM_ARG;
		tmp.index = i;
		tmp.name = d->args[i].name;
		fprintf(g->out, "\tLLVMValueRef %s = args[%d];\n\t(void)%s;\n", varname(g, &tmp), i,
		        varname(g, &tmp));
	}
	fprintf(g->out, "\tjit_frame %s;\n\tjit_enter(j, &%s, %d);\n", frame(g), frame(g),
	        d->ret_width);
	lj_stmts(g, d->stmts);
	fprintf(g->out, "\treturn jit_leave(j, &%s);\n}\n\n", frame(g));
}

/* The emitter of one instruction. */
static void emit_insn(lj *g, const gen_decl *d)
{
	g->in_func = 0;
	g->ret_width = 0;
	g->ntmp = 0;
	g->ind = 1;
	fprintf(g->out, "/* %s %s */\n", gen_em_where(g->a, d->loc), gen_em_cstr(g->a, d->name));
	fprintf(g->out, "static LLVMValueRef em_%s(jit_em *j, uint32_t insn)\n{\n",
	        gen_em_cname(g->a, d->name));
	fprintf(g->out, "\t(void)insn;\n\tjit_frame %s;\n\tjit_enter(j, &%s, 0);\n", frame(g),
	        frame(g));
	if (d->pred) {
		lj_val p = lj_expr(g, d->pred, 1);
		char *cs = open_if(g, p);
		lj_stmts(g, d->stmts);
		close_if(g, cs);
	} else {
		lj_stmts(g, d->stmts);
	}
	fprintf(g->out, "\treturn jit_leave(j, &%s);\n}\n\n", frame(g));
}

/* Emit <guest>_emit.c. */
int gen_emit_jit(const gen_isa *isa, FILE *out)
{
	gen_em_arena a = {0};
	lj g = {0};
	int n;
	gen_decl **v = gen_em_insns_by_id(isa, &n);
	const char *gn = gen_em_cname(&a, isa->guest);
	g.a = &a;
	g.isa = isa;
	g.out = out;

	gen_em_banner(out, isa->files, isa->nfiles);
	fprintf(out, "#include \"%s_guest.h\"\n#include \"jit_emit.h\"\n\n", gn);
	if (isa->nfuncs) {
		fprintf(out, "/* Functions of the description. */\n");
		for (int i = 0; i < isa->nfuncs; i++)
			emit_func(&g, isa->funcs[i], 1);
		fprintf(out, "\n");
		for (int i = 0; i < isa->nfuncs; i++)
			emit_func(&g, isa->funcs[i], 0);
	}
	for (int i = 0; i < n; i++)
		emit_insn(&g, v[i]);
	fprintf(out, "/* The emitters by instruction id (rt_guest.insns order). */\n");
	fprintf(out, "static const jit_emit_fn emitters[%d] = {\n", n ? n : 1);
	for (int i = 0; i < n; i++)
		fprintf(out, "\tem_%s,\n", gen_em_cname(&a, v[i]->name));
	if (!n)
		fprintf(out, "\tNULL,\n");
	fprintf(out, "};\n\n");
	fprintf(out, "const jit_guest %s_jit = {\"%s\", emitters, %d};\n", gn, gn, n);
	free(v);
	gen_em_arena_free(&a);
	return gen_em_finish(out);
}
