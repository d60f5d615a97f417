/* emit_cg.c: morphgen's semantics compiler: checked expressions and
 * statements to C (emit_cg.h), used by the interpreter emitter for
 * instruction bodies and funcs, and by the others for fields and `length`. */
#include "emit_cg.h"

#include <stdlib.h>
#include <string.h>

/* ---- the expression compiler ---------------------------------------- */

static gen_em_val mkval(char *s, int w, int stable)
{
	gen_em_val v = {s, w, stable};
	return v;
}

/* Is C text s one operand: parenthesized as a whole, or free of spaces
 * outside brackets (names, literals, calls, cpu->r[...])? */
static int atomic(const char *s)
{
	int depth = 0;
	if (s[0] == '(') {
		for (const char *p = s; *p; p++) {
			depth += (*p == '(') - (*p == ')');
			if (depth == 0)
				return p[1] == 0;
		}
		return 0;
	}
	for (const char *p = s; *p; p++) {
		depth += (*p == '(' || *p == '[') - (*p == ')' || *p == ']');
		if (depth == 0 && *p == ' ')
			return 0;
	}
	return 1;
}

/* s as one operand (parenthesized unless atomic). */
static char *wrap(gen_em_cg *g, const char *s)
{
	return atomic(s) ? (char *)s : gen_em_fmt(g->a, "(%s)", s);
}

/* Mask text for width w applied to C text s of a value that may carry. */
static char *masked(gen_em_cg *g, const char *s, int w)
{
	if (w <= 0 || w == 64 || w == 128)
		return wrap(g, s);
	return gen_em_fmt(g->a, "(%s & %s)", wrap(g, s), gen_em_lit(g->a, gen_em_mask128(w), w));
}

/* Convert v to a C value of width w's type. */
char *gen_em_cg_as(gen_em_cg *g, gen_em_val v, int w)
{
	if (w > 64 && v.w <= 64)
		return gen_em_fmt(g->a, "((mg_u128)%s)", v.s);
	if (w <= 64 && v.w > 64)
		return gen_em_fmt(g->a, "((uint64_t)%s)", v.s);
	return v.s;
}

/* New temporary name. */
static char *newtmp(gen_em_cg *g)
{
	return gen_em_fmt(g->a, "t%d", g->ntmp++);
}

/* Make v stable by copying it into a temporary if needed. */
gen_em_val gen_em_cg_stable(gen_em_cg *g, gen_em_val v)
{
	if (v.stable)
		return v;
	char *t = newtmp(g);
	gen_em_line(g->out, g->ind, "%s %s = %s;", gen_em_ctype(v.w), t, v.s);
	return mkval(t, v.w, 1);
}

/* C name of a local / argument / loop variable. */
char *gen_em_cg_varname(gen_em_cg *g, const gen_sym *sym)
{
	if (sym->kind == GEN_SYM_ARG)
		return gen_em_fmt(g->a, "a%d_%s", sym->index, gen_em_cname(g->a, sym->name));
	return gen_em_fmt(g->a, "l%d_%s", sym->index, gen_em_cname(g->a, sym->name));
}

/* Width of e as compiled: its own or the context's for unsized values. */
static int ewidth(const gen_expr *e, int ctxw)
{
	return e && e->width ? e->width : ctxw;
}

/* Emit the statements that end the function with an illegal-insn trap. */
static void fail_illegal(gen_em_cg *g)
{
	if (g->in_func)
		gen_em_line(g->out, g->ind, "rt_fault(cpu, RT_EXC_ILLEGAL_INSN, 0);");
	else
		gen_em_line(g->out, g->ind, "rt_fault(cpu, RT_EXC_ILLEGAL_INSN, insn);");
	gen_em_line(g->out, g->ind, "%s", g->fail);
}

/* Literal of a constant expression. */
static gen_em_val constval(gen_em_cg *g, const gen_expr *e, int w)
{
	gen_u128 v = e->is_const ? e->cval : e->num;
	return mkval(gen_em_lit(g->a, v, w), w, 1);
}

static gen_em_val cg_expr(gen_em_cg *g, const gen_expr *e, int ctxw);

/* Compile operands left to right: each one is made stable when a later one
 * has effects, so it is evaluated before those effects. */
static void cg_operands(gen_em_cg *g, gen_expr *const *es, const int *ctx, int n, gen_em_val *out)
{
	for (int i = 0; i < n; i++) {
		out[i] = cg_expr(g, es[i], ctx[i]);
		for (int j = i + 1; j < n; j++)
			if (gen_em_expr_effects(es[j])) {
				out[i] = gen_em_cg_stable(g, out[i]);
				break;
			}
	}
}

/* The slot reference cpu->r[slot + ix]. */
static char *rref(gen_em_cg *g, int slot, const char *ix)
{
	if (slot == 0)
		return gen_em_fmt(g->a, "cpu->r[%s]", ix);
	return gen_em_fmt(g->a, "cpu->r[%d + %s]", slot, ix);
}

/* Reference to register *ixs (C text of a width-iw index) of a file of
 * count registers at slot: masked when count is a power of two the index
 * can exceed, else bounds-checked (out of range: illegal instruction). The
 * checker rejects indices that can exceed, so usually neither is needed. */
static char *slot_ref(gen_em_cg *g, int slot, int count, char **ixs, int iw, int stable)
{
	if (iw < 31 && (1 << iw) <= count)
		return rref(g, slot, *ixs);
	if ((count & (count - 1)) == 0)
		return rref(g, slot, gen_em_fmt(g->a, "(%s & %d)", *ixs, count - 1));
	*ixs = gen_em_cg_stable(g, mkval(*ixs, 64, stable)).s;
	gen_em_line(g->out, g->ind, "if (rt_unlikely(%s >= %d)) {", *ixs, count);
	g->ind++;
	fail_illegal(g);
	g->ind--;
	gen_em_line(g->out, g->ind, "}");
	return rref(g, slot, *ixs);
}

/* Register file read regfile[idx]. */
static gen_em_val cg_regread(gen_em_cg *g, const gen_expr *e, int w)
{
	const gen_isa *isa = g->isa;
	int ri = gen_em_regfile_index(isa, e->sym);
	if (ri < 0)
		return mkval("0", w, 1);
	const gen_decl *rf = isa->regfiles[ri];
	int count = gen_em_regfile_count(rf), slot = e->sym->slot;
	int hw = isa->hardwired ? isa->hardwired[ri] : -1;
	uint64_t hwv = isa->hardwired_value ? isa->hardwired_value[ri] : 0;
	int al = isa->alias_index ? isa->alias_index[ri] : -1;
	const gen_expr *alr = isa->alias_read ? isa->alias_read[ri] : NULL;
	int rw = e->sym->width;
	gen_u128 k;

	if (gen_em_constant(e->a, &k)) {
		if (al >= 0 && k == (gen_u128)al && alr)
			return cg_expr(g, alr, rw);
		if (hw >= 0 && k == (gen_u128)hw && hwv)
			return mkval(gen_em_lit(g->a, hwv, rw), rw, 1);
		if (k >= (gen_u128)count) {
			fail_illegal(g);
			return mkval("0", rw, 1);
		}
		return mkval(gen_em_fmt(g->a, "cpu->r[%d]", slot + (int)k), rw, 0);
	}
	gen_em_val ix = cg_expr(g, e->a, 0);
	char *ixs = gen_em_cg_as(g, ix, 64);
	char *ref = slot_ref(g, slot, count, &ixs, ix.w ? ix.w : 64, ix.stable);
	if (al >= 0 && alr) {
		gen_em_val av = cg_expr(g, alr, rw);
		ref = gen_em_fmt(g->a, "(%s == %d ? %s : %s)", ixs, al, gen_em_cg_as(g, av, rw),
		                 ref);
	}
	if (hw >= 0 && hwv)
		ref = gen_em_fmt(g->a, "(%s == %d ? %s : %s)", ixs, hw, gen_em_lit(g->a, hwv, rw),
		                 ref);
	return mkval(ref, rw, 0);
}

/* Memory load memN[a] into a temporary. */
static gen_em_val cg_load(gen_em_cg *g, const gen_expr *e)
{
	gen_em_val ad = cg_expr(g, e->a, g->isa->word_bits);
	char *t = newtmp(g);
	gen_em_line(g->out, g->ind, "uint64_t %s = 0;", t);
	gen_em_line(g->out, g->ind, "if (rt_unlikely(rt_ld(cpu, %s, %d, &%s)))",
	            gen_em_cg_as(g, ad, 64), e->memwidth / 8, t);
	gen_em_line(g->out, g->ind + 1, "%s", g->fail);
	return mkval(t, e->memwidth, 1);
}

/* Argument list ", a, b" of a helper/func call (compiled left to right). */
static char *cg_callargs(gen_em_cg *g, const gen_expr *e, const gen_decl *d, int helper)
{
	int n = e->nargs;
	gen_em_val *v = calloc((size_t)n + 1, sizeof *v);
	int *ctx = calloc((size_t)n + 1, sizeof *ctx);
	if (!v || !ctx)
		abort();
	for (int i = 0; i < n; i++)
		ctx[i] = d && d->arg_widths && i < d->nargs ? d->arg_widths[i] : 0;
	cg_operands(g, e->args, ctx, n, v);
	char *s = "";
	for (int i = 0; i < n; i++) {
		int aw = ctx[i] ? ctx[i] : v[i].w;
		s = gen_em_fmt(g->a, "%s, %s", s, gen_em_cg_as(g, v[i], helper ? 64 : aw));
	}
	free(v);
	free(ctx);
	return s;
}

/* Helper or func call; void calls give "0". Trap checks follow the call. */
static gen_em_val cg_call(gen_em_cg *g, const gen_expr *e, int w)
{
	const gen_sym *s = e->sym;
	const gen_decl *d = s ? s->decl : NULL;
	int helper = s && s->kind == GEN_SYM_HELPER;
	int rw = d ? d->ret_width : 0;
	char *args = cg_callargs(g, e, d, helper);
	char *callee, *t = NULL;
	int traps = helper || !d || gen_em_func_traps(d);

	if (helper)
		callee = gen_em_fmt(g->a, "%s_%s(cpu%s)", gen_em_cname(g->a, g->isa->family),
		                    gen_em_cname(g->a, s->name), args);
	else
		callee = gen_em_fmt(g->a, "fn_%s(cpu, %s%s)", gen_em_cname(g->a, s ? s->name : "?"),
		                    g->len_bytes ? gen_em_fmt(g->a, "%d", g->len_bytes) : "ilen",
		                    args);
	if (rw) {
		t = newtmp(g);
		if (helper && rw < 64)
			gen_em_line(g->out, g->ind, "uint64_t %s = %s & %s;", t, callee,
			            gen_em_lit(g->a, gen_em_mask128(rw), rw));
		else
			gen_em_line(g->out, g->ind, "%s %s = %s;", gen_em_ctype(rw), t, callee);
	} else {
		gen_em_line(g->out, g->ind, "%s;", callee);
	}
	if (helper) /* it may have changed what the run loop must look at */
		gen_em_line(g->out, g->ind, "cpu->check = 1;");
	if (traps) {
		gen_em_line(g->out, g->ind, "if (rt_unlikely(cpu->trapped))");
		gen_em_line(g->out, g->ind + 1, "%s", g->fail);
	}
	if (!rw)
		return mkval("0", w, 1);
	return mkval(t, rw, 1);
}

/* sext/zext/trunc/udiv/sdiv/urem/srem. */
static gen_em_val cg_builtin(gen_em_cg *g, const gen_expr *e, int w)
{
	gen_em_arena *a = g->a;
	if (e->nargs < 1)
		return mkval("0", w, 1);
	if (e->builtin == GEN_B_SEXT || e->builtin == GEN_B_ZEXT || e->builtin == GEN_B_TRUNC) {
		gen_em_val x = cg_expr(g, e->args[0], 0);
		int xw = x.w ? x.w : 64;
		if (e->builtin == GEN_B_TRUNC) {
			if (w >= xw)
				return mkval(gen_em_cg_as(g, x, w), w, x.stable);
			return mkval(masked(g, gen_em_cg_as(g, x, w), w), w, x.stable);
		}
		if (e->builtin == GEN_B_ZEXT || w <= xw)
			return mkval(gen_em_cg_as(g, x, w), w, x.stable);
		char *sb = gen_em_lit(a, (gen_u128)1 << (xw - 1), w);
		char *xs = gen_em_cg_as(g, x, w);
		return mkval(masked(g, gen_em_fmt(a, "(%s ^ %s) - %s", xs, sb, sb), w), w,
		             x.stable);
	}
	if (e->nargs < 2)
		return mkval("0", w, 1);
	gen_em_val v[2];
	int ctx[2] = {w, w};
	cg_operands(g, e->args, ctx, 2, v);
	const char *fn = e->builtin == GEN_B_UDIV   ? "udiv"
	                 : e->builtin == GEN_B_SDIV ? "sdiv"
	                 : e->builtin == GEN_B_UREM ? "urem"
	                                            : "srem";
	return mkval(gen_em_fmt(a, "mg_%s%s(%s, %s, %d)", fn, w > 64 ? "128" : "",
	                        gen_em_cg_as(g, v[0], w), gen_em_cg_as(g, v[1], w), w ? w : 64),
	             w, v[0].stable && v[1].stable);
}

/* Shift a << n, a >> n, a >>> n in width w. */
static gen_em_val cg_shift(gen_em_cg *g, const gen_expr *e, int w)
{
	gen_em_arena *a = g->a;
	gen_em_val v[2];
	int ctx[2] = {w, 0};
	gen_expr *ops[2] = {e->a, e->b};
	gen_u128 k;
	int ww = w ? w : 64;
	int constn = gen_em_constant(e->b, &k);
	cg_operands(g, ops, ctx, 2, v);
	char *x = gen_em_cg_as(g, v[0], ww);
	int st = v[0].stable && v[1].stable;
	if (constn && k < (gen_u128)ww) {
		int n = (int)k;
		if (n == 0)
			return mkval(x, w, v[0].stable);
		if (e->op == GEN_OP_SHL)
			return mkval(masked(g, gen_em_fmt(a, "%s << %d", x, n), ww), w, st);
		if (e->op == GEN_OP_SHR)
			return mkval(gen_em_fmt(a, "(%s >> %d)", x, n), w, st);
	} else if (constn && e->op != GEN_OP_SAR) {
		return mkval(gen_em_lit(a, 0, ww), w, 1);
	}
	char *n = v[1].w > 64 ? gen_em_fmt(a, "mg_clamp(%s)", v[1].s) : v[1].s;
	const char *fn = e->op == GEN_OP_SHL ? "shl" : e->op == GEN_OP_SHR ? "shr" : "sar";
	return mkval(gen_em_fmt(a, "mg_%s%s(%s, %s, %d)", fn, ww > 64 ? "128" : "", x, n, ww), w,
	             st);
}

/* a && b / a || b with effects in b: short-circuit through a temporary. */
static gen_em_val cg_logic_effects(gen_em_cg *g, const gen_expr *e)
{
	gen_em_val x = cg_expr(g, e->a, 1);
	char *t = newtmp(g);
	gen_em_line(g->out, g->ind, "uint64_t %s = %s;", t, gen_em_cg_as(g, x, 64));
	gen_em_line(g->out, g->ind, "if (%s%s) {", e->op == GEN_OP_LAND ? "" : "!", t);
	g->ind++;
	gen_em_val y = cg_expr(g, e->b, 1);
	gen_em_line(g->out, g->ind, "%s = %s;", t, gen_em_cg_as(g, y, 64));
	g->ind--;
	gen_em_line(g->out, g->ind, "}");
	return mkval(t, 1, 1);
}

/* c ? a : b with effects in a or b: an if statement into a temporary. */
static gen_em_val cg_cond_effects(gen_em_cg *g, const gen_expr *e, int w)
{
	gen_em_val c = cg_expr(g, e->a, 1);
	char *t = newtmp(g);
	gen_em_line(g->out, g->ind, "%s %s = 0;", gen_em_ctype(w), t);
	gen_em_line(g->out, g->ind, "if (%s) {", c.s);
	g->ind++;
	gen_em_val x = cg_expr(g, e->b, w);
	gen_em_line(g->out, g->ind, "%s = %s;", t, gen_em_cg_as(g, x, w));
	g->ind--;
	gen_em_line(g->out, g->ind, "} else {");
	g->ind++;
	gen_em_val y = cg_expr(g, e->c, w);
	gen_em_line(g->out, g->ind, "%s = %s;", t, gen_em_cg_as(g, y, w));
	g->ind--;
	gen_em_line(g->out, g->ind, "}");
	return mkval(t, w, 1);
}

/* Is op a comparison (result width 1, operands of a common width)? */
static int is_compare(gen_op op)
{
	return op >= GEN_OP_EQ && op <= GEN_OP_GES;
}

/* Binary operators. */
static gen_em_val cg_binary(gen_em_cg *g, const gen_expr *e, int w)
{
	gen_em_arena *a = g->a;
	if (e->op == GEN_OP_SHL || e->op == GEN_OP_SHR || e->op == GEN_OP_SAR)
		return cg_shift(g, e, w);
	if ((e->op == GEN_OP_LAND || e->op == GEN_OP_LOR) && gen_em_expr_effects(e->b))
		return cg_logic_effects(g, e);
	int ow = w;
	if (is_compare(e->op) || e->op == GEN_OP_LAND || e->op == GEN_OP_LOR) {
		int aw = e->a ? e->a->width : 0, bw = e->b ? e->b->width : 0;
		ow = aw > bw ? aw : bw;
		if (e->op == GEN_OP_LAND || e->op == GEN_OP_LOR)
			ow = 1;
	}
	gen_em_val v[2];
	int ctx[2] = {ow, ow};
	gen_expr *ops[2] = {e->a, e->b};
	cg_operands(g, ops, ctx, 2, v);
	int cw = ow ? ow : (v[0].w > v[1].w ? v[0].w : v[1].w);
	char *x = gen_em_cg_as(g, v[0], cw), *y = gen_em_cg_as(g, v[1], cw);
	int st = v[0].stable && v[1].stable;
	const char *cop = NULL;
	switch (e->op) {
	case GEN_OP_ADD: return mkval(masked(g, gen_em_fmt(a, "%s + %s", x, y), w), w, st);
	case GEN_OP_SUB: return mkval(masked(g, gen_em_fmt(a, "%s - %s", x, y), w), w, st);
	case GEN_OP_MUL: return mkval(masked(g, gen_em_fmt(a, "%s * %s", x, y), w), w, st);
	case GEN_OP_AND: return mkval(gen_em_fmt(a, "(%s & %s)", x, y), w, st);
	case GEN_OP_OR: return mkval(gen_em_fmt(a, "(%s | %s)", x, y), w, st);
	case GEN_OP_XOR: return mkval(gen_em_fmt(a, "(%s ^ %s)", x, y), w, st);
	case GEN_OP_EQ: cop = "=="; break;
	case GEN_OP_NE: cop = "!="; break;
	case GEN_OP_LTU: cop = "<"; break;
	case GEN_OP_LEU: cop = "<="; break;
	case GEN_OP_GTU: cop = ">"; break;
	case GEN_OP_GEU: cop = ">="; break;
	case GEN_OP_LAND: cop = "&&"; break;
	case GEN_OP_LOR: cop = "||"; break;
	case GEN_OP_LTS:
	case GEN_OP_LES:
	case GEN_OP_GTS:
	case GEN_OP_GES: {
		/* signed compare: flip the sign bits, compare unsigned */
		int sw = cw ? cw : 64;
		char *sb = gen_em_lit(a, (gen_u128)1 << (sw - 1), sw);
		const char *o = e->op == GEN_OP_LTS   ? "<"
		                : e->op == GEN_OP_LES ? "<="
		                : e->op == GEN_OP_GTS ? ">"
		                                      : ">=";
		return mkval(gen_em_fmt(a, "((uint64_t)((%s ^ %s) %s (%s ^ %s)))", x, sb, o, y, sb),
		             1, st);
	}
	default: return mkval("0", w, 1);
	}
	/* unsigned compares against 0 that C would call tautological */
	gen_u128 k;
	if ((e->op == GEN_OP_GEU || e->op == GEN_OP_LTU) && gen_em_constant(e->b, &k) && k == 0)
		return mkval(e->op == GEN_OP_GEU ? "1ull" : "0ull", 1, 1);
	if ((e->op == GEN_OP_LEU || e->op == GEN_OP_GTU) && gen_em_constant(e->a, &k) && k == 0)
		return mkval(e->op == GEN_OP_LEU ? "1ull" : "0ull", 1, 1);
	return mkval(gen_em_fmt(a, "((uint64_t)(%s %s %s))", x, cop, y), 1, st);
}

/* {a, b, ...}: a most significant. */
static gen_em_val cg_concat(gen_em_cg *g, const gen_expr *e, int w)
{
	int n = e->nargs;
	gen_em_val *v = calloc((size_t)n + 1, sizeof *v);
	int *ctx = calloc((size_t)n + 1, sizeof *ctx);
	if (!v || !ctx)
		abort();
	cg_operands(g, e->args, ctx, n, v);
	int tw = 0, st = 1;
	for (int i = 0; i < n; i++)
		tw += v[i].w ? v[i].w : 64;
	if (!w)
		w = tw;
	char *s = NULL;
	for (int i = 0; i < n; i++) {
		int aw = v[i].w ? v[i].w : 64;
		char *x = gen_em_cg_as(g, v[i], w);
		st = st && v[i].stable;
		s = s ? gen_em_fmt(g->a, "((%s << %d) | %s)", s, aw, x) : x;
	}
	free(v);
	free(ctx);
	return mkval(s ? s : "0", w, st);
}

/* e[hi:lo]. */
static gen_em_val cg_slice(gen_em_cg *g, const gen_expr *e)
{
	gen_em_val x = cg_expr(g, e->a, 0);
	int xw = x.w ? x.w : 64;
	if (e->lo < 0 && e->hi_e) {
		/* a[i], i a loop variable (the checker bounds it by a's width) */
		gen_em_val i = cg_expr(g, e->hi_e, 0);
		char *v = gen_em_fmt(g->a, "((uint64_t)(%s >> %s) & 1ull)", x.s, i.s);
		return mkval(v, 1, x.stable && i.stable);
	}
	int w = e->hi - e->lo + 1;
	char *s = x.s;
	if (w <= 0)
		return mkval("0", 1, 1);
	if (e->lo > 0)
		s = gen_em_fmt(g->a, "(%s >> %d)", s, e->lo);
	if (w <= 64 && xw > 64)
		s = gen_em_fmt(g->a, "((uint64_t)%s)", s);
	if (!(e->lo == 0 && w >= xw))
		s = masked(g, s, w);
	return mkval(s, w, x.stable);
}

/* Names: params, fields, locals, args, loop variables, special registers. */
static gen_em_val cg_name(gen_em_cg *g, const gen_expr *e, int w)
{
	const gen_sym *s = e->sym;
	if (!s)
		return mkval("0", w, 1);
	switch (s->kind) {
	case GEN_SYM_PARAM: return mkval(gen_em_lit(g->a, (gen_u128)(int64_t)s->value, w), w, 1);
	case GEN_SYM_FIELD:
		if (g->fields_inline && s->decl && s->decl->e)
			return cg_expr(g, s->decl->e, s->width);
		return mkval(gen_em_fmt(g->a, "%s(%s)", gen_em_field_fn(g->a, g->isa, s), g->insn),
		             s->width, 1);
	case GEN_SYM_LOCAL:
	case GEN_SYM_ARG:
	case GEN_SYM_LOOPVAR: return mkval(gen_em_cg_varname(g, s), s->width ? s->width : w, 1);
	case GEN_SYM_REG: return mkval(gen_em_fmt(g->a, "cpu->r[%d]", s->slot), s->width, 0);
	default: return mkval("0", w, 1);
	}
}

/* Compile e in context width ctxw. */
static gen_em_val cg_expr(gen_em_cg *g, const gen_expr *e, int ctxw)
{
	if (!e)
		return mkval("0", ctxw, 1);
	int w = ewidth(e, ctxw);
	if ((e->is_const || e->kind == GEN_E_NUM) && !gen_em_expr_effects(e))
		return constval(g, e, w);
	switch (e->kind) {
	case GEN_E_NAME: return cg_name(g, e, w);
	case GEN_E_PC: return mkval("cpu->pc", g->isa->word_bits, 1);
	case GEN_E_NPC: {
		char *len = g->len_bytes ? gen_em_fmt(g->a, "%d", g->len_bytes) : "ilen";
		return mkval(masked(g, gen_em_fmt(g->a, "cpu->pc + %s", len), g->isa->word_bits),
		             g->isa->word_bits, 1);
	}
	case GEN_E_INSN:
		return mkval(gen_em_fmt(g->a, "((uint64_t)%s)", g->insn), e->width ? e->width : 32,
		             1);
	case GEN_E_UNARY: {
		gen_em_val x = cg_expr(g, e->a, w);
		char *xs = gen_em_cg_as(g, x, w);
		if (e->op == GEN_OP_NEG)
			return mkval(masked(g, gen_em_fmt(g->a, "0 - %s", xs), w ? w : 64), w,
			             x.stable);
		if (e->op == GEN_OP_NOT)
			return mkval(masked(g, gen_em_fmt(g->a, "~%s", xs), w ? w : 64), w,
			             x.stable);
		return mkval(gen_em_fmt(g->a, "((uint64_t)!%s)", xs), 1, x.stable);
	}
	case GEN_E_BINARY: return cg_binary(g, e, w);
	case GEN_E_COND: {
		if (gen_em_expr_effects(e->b) || gen_em_expr_effects(e->c))
			return cg_cond_effects(g, e, w);
		gen_em_val c = cg_expr(g, e->a, 1);
		gen_em_val x = cg_expr(g, e->b, w), y = cg_expr(g, e->c, w);
		return mkval(gen_em_fmt(g->a, "(%s ? %s : %s)", c.s, gen_em_cg_as(g, x, w),
		                        gen_em_cg_as(g, y, w)),
		             w, c.stable && x.stable && y.stable);
	}
	case GEN_E_CONCAT: return cg_concat(g, e, w);
	case GEN_E_SLICE: return cg_slice(g, e);
	case GEN_E_REG: return cg_regread(g, e, w);
	case GEN_E_MEM: return cg_load(g, e);
	case GEN_E_CALL:
		if (e->builtin != GEN_B_NONE)
			return cg_builtin(g, e, w);
		return cg_call(g, e, w);
	default: return mkval("0", w, 1);
	}
}

/* Compile e; ctxw is the width an unsized literal takes. */
gen_em_val gen_em_cg_expr(gen_em_cg *g, const gen_expr *e, int ctxw)
{
	return cg_expr(g, e, ctxw);
}

/* ---- statements ----------------------------------------------------- */

static void cg_stmt(gen_em_cg *g, const gen_stmt *s);

/* Write value v to regfile[idx] (e is the GEN_E_REG target). */
static void cg_regwrite(gen_em_cg *g, const gen_expr *lhs, const gen_expr *rhs)
{
	const gen_isa *isa = g->isa;
	int ri = gen_em_regfile_index(isa, lhs->sym);
	if (ri < 0)
		return;
	const gen_decl *rf = isa->regfiles[ri];
	int count = gen_em_regfile_count(rf), slot = lhs->sym->slot, rw = lhs->sym->width;
	int hw = isa->hardwired ? isa->hardwired[ri] : -1;
	int al = isa->alias_index ? isa->alias_index[ri] : -1;
	gen_u128 k;

	if (gen_em_constant(lhs->a, &k)) {
		gen_em_val v = cg_expr(g, rhs, rw);
		if (al >= 0 && k == (gen_u128)al)
			gen_em_line(g->out, g->ind, "cpu->npc = %s;", gen_em_cg_as(g, v, 64));
		else if ((hw >= 0 && k == (gen_u128)hw) || k >= (gen_u128)count)
			gen_em_line(g->out, g->ind, "(void)%s;", v.s);
		else
			gen_em_line(g->out, g->ind, "cpu->r[%d] = %s;", slot + (int)k,
			            gen_em_cg_as(g, v, 64));
		return;
	}
	gen_em_val ix = cg_expr(g, lhs->a, 0);
	int iw = ix.w ? ix.w : 64;
	ix = gen_em_cg_stable(g, mkval(gen_em_cg_as(g, ix, 64), 64, ix.stable));
	char *ref = slot_ref(g, slot, count, &ix.s, iw, 1);
	gen_em_val v = cg_expr(g, rhs, rw);
	if (al >= 0)
		v = gen_em_cg_stable(g, v);
	char *vs = gen_em_cg_as(g, v, 64);
	if (al >= 0) {
		gen_em_line(g->out, g->ind, "if (%s == %d)", ix.s, al);
		gen_em_line(g->out, g->ind + 1, "cpu->npc = %s;", vs);
		if (hw >= 0)
			gen_em_line(g->out, g->ind, "else if (%s != %d)", ix.s, hw);
		else
			gen_em_line(g->out, g->ind, "else");
		gen_em_line(g->out, g->ind + 1, "%s = %s;", ref, vs);
	} else if (hw >= 0) {
		gen_em_line(g->out, g->ind, "if (%s != %d)", ix.s, hw);
		gen_em_line(g->out, g->ind + 1, "%s = %s;", ref, vs);
	} else {
		gen_em_line(g->out, g->ind, "%s = %s;", ref, vs);
	}
}

/* lhs = rhs. */
static void cg_assign(gen_em_cg *g, const gen_stmt *s)
{
	const gen_expr *l = s->lhs;
	if (!l)
		return;
	switch (l->kind) {
	case GEN_E_NAME: {
		const gen_sym *sym = l->sym;
		if (!sym)
			return;
		gen_em_val v = cg_expr(g, s->a, sym->width);
		if (sym->kind == GEN_SYM_REG)
			gen_em_line(g->out, g->ind, "cpu->r[%d] = %s;", sym->slot,
			            gen_em_cg_as(g, v, 64));
		else
			gen_em_line(g->out, g->ind, "%s = %s;", gen_em_cg_varname(g, sym),
			            gen_em_cg_as(g, v, sym->width));
		return;
	}
	case GEN_E_PC: {
		gen_em_val v = cg_expr(g, s->a, g->isa->word_bits);
		gen_em_line(g->out, g->ind, "cpu->npc = %s;", gen_em_cg_as(g, v, 64));
		return;
	}
	case GEN_E_REG: cg_regwrite(g, l, s->a); return;
	case GEN_E_MEM: {
		gen_em_val v[2];
		int ctx[2] = {g->isa->word_bits, l->memwidth};
		gen_expr *ops[2] = {l->a, s->a};
		cg_operands(g, ops, ctx, 2, v);
		gen_em_line(g->out, g->ind, "if (rt_unlikely(rt_st(cpu, %s, %d, %s)))",
		            gen_em_cg_as(g, v[0], 64), l->memwidth / 8, gen_em_cg_as(g, v[1], 64));
		gen_em_line(g->out, g->ind + 1, "%s", g->fail);
		return;
	}
	default: return;
	}
}

/* Does e read the local sym? */
static int expr_reads(const gen_expr *e, const gen_sym *sym)
{
	if (!e)
		return 0;
	if (e->kind == GEN_E_NAME && e->sym == sym)
		return 1;
	if (expr_reads(e->a, sym) || expr_reads(e->b, sym) || expr_reads(e->c, sym))
		return 1;
	for (int i = 0; i < e->nargs; i++)
		if (expr_reads(e->args[i], sym))
			return 1;
	return 0;
}

/* Does a statement list read the local sym (assignments to it are not reads)? */
static int stmts_read(const gen_stmt *s, const gen_sym *sym)
{
	for (; s; s = s->next) {
		if (expr_reads(s->a, sym) || expr_reads(s->b, sym))
			return 1;
		if (s->lhs && s->lhs->kind != GEN_E_NAME && expr_reads(s->lhs, sym))
			return 1;
		if (stmts_read(s->body, sym) || stmts_read(s->els, sym))
			return 1;
	}
	return 0;
}

/* The statements of a lone block (its braces are the caller's). */
static const gen_stmt *unblock(const gen_stmt *s)
{
	while (s && s->kind == GEN_S_BLOCK && !s->next)
		s = s->body;
	return s;
}

/* if (c) {...} else ... */
static void cg_if(gen_em_cg *g, const gen_stmt *s)
{
	gen_em_val c = cg_expr(g, s->a, 1);
	gen_em_line(g->out, g->ind, "if (%s) {", c.s);
	g->ind++;
	gen_em_cg_stmts(g, unblock(s->body));
	g->ind--;
	const gen_stmt *e = s->els;
	while (e && e->kind == GEN_S_IF && !e->next && !gen_em_expr_effects(e->a)) {
		gen_em_val c2 = cg_expr(g, e->a, 1);
		gen_em_line(g->out, g->ind, "} else if (%s) {", c2.s);
		g->ind++;
		gen_em_cg_stmts(g, unblock(e->body));
		g->ind--;
		e = e->els;
	}
	if (e) {
		gen_em_line(g->out, g->ind, "} else {");
		g->ind++;
		gen_em_cg_stmts(g, unblock(e));
		g->ind--;
	}
	gen_em_line(g->out, g->ind, "}");
}

/* One statement. */
static void cg_stmt(gen_em_cg *g, const gen_stmt *s)
{
	switch (s->kind) {
	case GEN_S_LET: {
		int w = s->width ? s->width : (s->sym ? s->sym->width : 0);
		gen_em_val v = cg_expr(g, s->a, w);
		if (!w)
			w = v.w;
		char *n = s->sym ? gen_em_cg_varname(g, s->sym) : newtmp(g);
		gen_em_line(g->out, g->ind, "%s %s = %s;", gen_em_ctype(w), n,
		            gen_em_cg_as(g, v, w));
		if (!g->body || !s->sym || !stmts_read(g->body, s->sym))
			gen_em_line(g->out, g->ind, "(void)%s;", n);
		break;
	}
	case GEN_S_ASSIGN: cg_assign(g, s); break;
	case GEN_S_DELAY: {
		gen_em_val v = cg_expr(g, s->a, g->isa->word_bits);
		gen_em_line(g->out, g->ind, "cpu->delay_pc = %s;", gen_em_cg_as(g, v, 64));
		gen_em_line(g->out, g->ind, "cpu->delay_pending = 1;");
		break;
	}
	case GEN_S_IF: cg_if(g, s); break;
	case GEN_S_FOR: {
		char *n = s->sym ? gen_em_cg_varname(g, s->sym) : newtmp(g);
		gen_em_line(g->out, g->ind, "for (uint64_t %s = %d; %s < %d; %s++) {", n, s->lo, n,
		            s->hi, n);
		g->ind++;
		gen_em_cg_stmts(g, unblock(s->body));
		g->ind--;
		gen_em_line(g->out, g->ind, "}");
		break;
	}
	case GEN_S_RAISE: {
		gen_em_val v[2];
		int ctx[2] = {64, 64};
		gen_expr *ops[2] = {s->a, s->b};
		cg_operands(g, ops, ctx, 2, v);
		if (g->in_func) {
			gen_em_line(g->out, g->ind, "rt_raise(cpu, %s, %s);",
			            gen_em_cg_as(g, v[0], 64), gen_em_cg_as(g, v[1], 64));
			gen_em_line(g->out, g->ind, "%s", g->fail);
		} else {
			gen_em_line(g->out, g->ind, "return rt_raise(cpu, %s, %s);",
			            gen_em_cg_as(g, v[0], 64), gen_em_cg_as(g, v[1], 64));
		}
		break;
	}
	case GEN_S_CALL: {
		gen_em_val v = cg_expr(g, s->a, 0);
		if (!v.stable || strcmp(v.s, "0") != 0)
			gen_em_line(g->out, g->ind, "(void)%s;", v.s);
		break;
	}
	case GEN_S_RETURN:
		if (!g->in_func) {
			gen_em_line(g->out, g->ind, "return 0;");
		} else if (s->a && g->ret_width) {
			gen_em_val v = cg_expr(g, s->a, g->ret_width);
			gen_em_line(g->out, g->ind, "return %s;", gen_em_cg_as(g, v, g->ret_width));
		} else {
			gen_em_line(g->out, g->ind, "return%s;", g->ret_width ? " 0" : "");
		}
		break;
	case GEN_S_BLOCK:
		gen_em_line(g->out, g->ind, "{");
		g->ind++;
		gen_em_cg_stmts(g, s->body);
		g->ind--;
		gen_em_line(g->out, g->ind, "}");
		break;
	default: break;
	}
}

/* Compile a statement list. */
void gen_em_cg_stmts(gen_em_cg *g, const gen_stmt *s)
{
	for (; s; s = s->next)
		cg_stmt(g, s);
}

gen_em_cg gen_em_cg_new(const gen_isa *isa, FILE *out, gen_em_arena *a, const char *insn,
                        const char *fail)
{
	gen_em_cg g = {0};
	g.a = a;
	g.isa = isa;
	g.out = out;
	g.ind = 1;
	g.insn = insn;
	g.fail = fail;
	return g;
}
