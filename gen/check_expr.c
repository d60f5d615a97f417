/* check_expr.c: names, widths and constants of expressions, and statements
 * (docs/language.md, "Statements" and "Expressions"). */
#include <stdio.h>
#include <string.h>

#include "../runtime/rt_guest.h"
#include "check.h"

#define INT128_MAX_ ((__int128)(~(gen_u128)0 >> 1))
#define INT128_MIN_ (-INT128_MAX_ - 1)

/* All-ones mask of w bits. */
gen_u128 chk_mask(int w)
{
	return w >= 128 ? ~(gen_u128)0 : w <= 0 ? 0 : (((gen_u128)1 << w) - 1);
}

/* Signed value of an unsized constant (cval holds it in two's complement). */
__int128 chk_sval(const gen_expr *e)
{
	return (__int128)e->cval;
}

/* v sign-extended from w bits. */
static __int128 sx(gen_u128 v, int w)
{
	if (w >= 128)
		return (__int128)v;
	v &= chk_mask(w);
	if ((v >> (w - 1)) & 1)
		v |= ~chk_mask(w);
	return (__int128)v;
}

/* A decimal rendering of v (static buffers, a few at a time). */
const char *chk_dec(__int128 v)
{
	static char bufs[4][48];
	static int k;
	char *b = bufs[k++ & 3], tmp[48];
	int n = 0, neg = v < 0;
	gen_u128 u = neg ? -(gen_u128)v : (gen_u128)v;
	do {
		tmp[n++] = (char)('0' + (int)(u % 10));
		u /= 10;
	} while (u);
	int o = 0;
	if (neg)
		b[o++] = '-';
	while (n)
		b[o++] = tmp[--n];
	b[o] = 0;
	return b;
}

static const char *opname(gen_op op)
{
	static const char *const n[GEN_OP_COUNT] = {
	        [GEN_OP_NEG] = "-",   [GEN_OP_NOT] = "~",   [GEN_OP_LNOT] = "!",
	        [GEN_OP_ADD] = "+",   [GEN_OP_SUB] = "-",   [GEN_OP_MUL] = "*",
	        [GEN_OP_AND] = "&",   [GEN_OP_OR] = "|",    [GEN_OP_XOR] = "^",
	        [GEN_OP_SHL] = "<<",  [GEN_OP_SHR] = ">>",  [GEN_OP_SAR] = ">>>",
	        [GEN_OP_EQ] = "==",   [GEN_OP_NE] = "!=",   [GEN_OP_LTU] = "<",
	        [GEN_OP_LEU] = "<=",  [GEN_OP_GTU] = ">",   [GEN_OP_GEU] = ">=",
	        [GEN_OP_LTS] = "<s",  [GEN_OP_LES] = "<=s", [GEN_OP_GTS] = ">s",
	        [GEN_OP_GES] = ">=s", [GEN_OP_LAND] = "&&", [GEN_OP_LOR] = "||",
	};
	return op > 0 && op < GEN_OP_COUNT && n[op] ? n[op] : "?";
}

static int is_cmp(gen_op op)
{
	return op >= GEN_OP_EQ && op <= GEN_OP_GES;
}

static int is_shift(gen_op op)
{
	return op == GEN_OP_SHL || op == GEN_OP_SHR || op == GEN_OP_SAR;
}

static const char *ctxname(chk_ctx cx)
{
	switch (cx) {
	case CX_CONST: return "a constant expression";
	case CX_LENGTH: return "the length expression";
	case CX_FIELD: return "a field expression";
	case CX_ALIAS: return "an alias read expression";
	default: return "semantics";
	}
}

/* ---- evaluation ------------------------------------------------------------ */

/* Sized division builtins, defined for every input (docs/language.md). */
static gen_u128 divide(gen_builtin b, gen_u128 x, gen_u128 y, int w)
{
	gen_u128 m = chk_mask(w);
	__int128 sxv = sx(x, w), syv = sx(y, w), min = sx((gen_u128)1 << (w - 1), w);
	x &= m;
	y &= m;
	switch (b) {
	case GEN_B_UDIV: return y ? x / y : m;
	case GEN_B_UREM: return y ? x % y : x;
	case GEN_B_SDIV:
		if (!y)
			return m;
		if (sxv == min && syv == -1)
			return x;
		return (gen_u128)(sxv / syv) & m;
	default:
		if (!y)
			return x;
		if (sxv == min && syv == -1)
			return 0;
		return (gen_u128)(sxv % syv) & m;
	}
}

/* Value of a checked binary operation for instruction word insn. */
static gen_u128 eval_binary(const gen_expr *e, gen_u128 insn)
{
	int w = e->width, ow = e->a->width;
	gen_u128 m = chk_mask(w), a = chk_eval(e->a, insn), b = chk_eval(e->b, insn);
	switch (e->op) {
	case GEN_OP_ADD: return (a + b) & m;
	case GEN_OP_SUB: return (a - b) & m;
	case GEN_OP_MUL: return (a * b) & m;
	case GEN_OP_AND: return a & b;
	case GEN_OP_OR: return a | b;
	case GEN_OP_XOR: return a ^ b;
	case GEN_OP_SHL: return b >= (gen_u128)w ? 0 : (a << (int)b) & m;
	case GEN_OP_SHR: return b >= (gen_u128)w ? 0 : a >> (int)b;
	case GEN_OP_SAR: return (gen_u128)(sx(a, w) >> (b >= (gen_u128)w ? w - 1 : (int)b)) & m;
	case GEN_OP_EQ: return a == b;
	case GEN_OP_NE: return a != b;
	case GEN_OP_LTU: return a < b;
	case GEN_OP_LEU: return a <= b;
	case GEN_OP_GTU: return a > b;
	case GEN_OP_GEU: return a >= b;
	case GEN_OP_LTS: return sx(a, ow) < sx(b, ow);
	case GEN_OP_LES: return sx(a, ow) <= sx(b, ow);
	case GEN_OP_GTS: return sx(a, ow) > sx(b, ow);
	case GEN_OP_GES: return sx(a, ow) >= sx(b, ow);
	case GEN_OP_LAND: return (a & b) & 1;
	case GEN_OP_LOR: return (a | b) & 1;
	default: return 0;
	}
}

/* Value of a checked builtin call for instruction word insn. */
static gen_u128 eval_builtin(const gen_expr *e, gen_u128 insn)
{
	gen_u128 m = chk_mask(e->width), a = chk_eval(e->args[0], insn);
	switch (e->builtin) {
	case GEN_B_SEXT: return (gen_u128)sx(a, e->args[0]->width) & m;
	case GEN_B_ZEXT:
	case GEN_B_TRUNC: return a & m;
	case GEN_B_NONE: return 0;
	default: return divide(e->builtin, a, chk_eval(e->args[1], insn), e->width);
	}
}

/* Value of a checked, sized expression for instruction word insn (constants
 * give their value; registers, memory and calls of funcs give 0). */
gen_u128 chk_eval(const gen_expr *e, gen_u128 insn)
{
	if (e->is_const)
		return e->cval;
	gen_u128 m = chk_mask(e->width), a, v = 0;
	switch (e->kind) {
	case GEN_E_INSN: return insn & m;
	case GEN_E_UNARY:
		a = chk_eval(e->a, insn);
		return e->op == GEN_OP_NEG ? -a & m : e->op == GEN_OP_NOT ? ~a & m : !(a & 1);
	case GEN_E_BINARY: return eval_binary(e, insn);
	case GEN_E_COND:
		return (chk_eval(e->a, insn) & 1) ? chk_eval(e->b, insn) : chk_eval(e->c, insn);
	case GEN_E_CONCAT:
		for (int i = 0; i < e->nargs; i++) {
			int aw = e->args[i]->width;
			v = (aw >= 128 ? 0 : v << aw) | chk_eval(e->args[i], insn);
		}
		return v & m;
	case GEN_E_SLICE: return e->lo < 0 ? 0 : (chk_eval(e->a, insn) >> e->lo) & m;
	case GEN_E_CALL: return e->builtin == GEN_B_NONE ? 0 : eval_builtin(e, insn);
	default: return 0;
	}
}

/* Record a folded constant. */
static void set_const(gen_expr *e, gen_u128 v)
{
	e->is_const = 1;
	e->cval = v;
	if (e->width == 0)
		e->num_neg = (__int128)v < 0;
}

/* Fold an unsized constant operation with overflow checks. */
static int fold_unsized(chk *c, gen_expr *e)
{
	(void)c;
	__int128 a = e->a ? chk_sval(e->a) : 0, b = e->b ? chk_sval(e->b) : 0, r = 0;
	int ovf = 0;
	if (e->kind == GEN_E_UNARY) {
		if (e->op == GEN_OP_NEG)
			ovf = __builtin_sub_overflow((__int128)0, a, &r);
		else
			r = ~a;
		goto done;
	}
	switch (e->op) {
	case GEN_OP_ADD: ovf = __builtin_add_overflow(a, b, &r); break;
	case GEN_OP_SUB: ovf = __builtin_sub_overflow(a, b, &r); break;
	case GEN_OP_MUL: ovf = __builtin_mul_overflow(a, b, &r); break;
	case GEN_OP_AND: r = a & b; break;
	case GEN_OP_OR: r = a | b; break;
	case GEN_OP_XOR: r = a ^ b; break;
	case GEN_OP_SHL:
		if (b < 0 || b > 126) {
			ovf = a != 0;
		} else {
			r = (__int128)((gen_u128)a << (int)b);
			ovf = (r >> (int)b) != a;
		}
		break;
	case GEN_OP_SHR:
	case GEN_OP_SAR: r = b < 0 ? a : b > 126 ? (a < 0 ? -1 : 0) : a >> (int)b; break;
	default: break;
	}
done:
	if (ovf) {
		gen_error(e->loc, "constant expression overflows 128 bits");
		return -1;
	}
	set_const(e, (gen_u128)r);
	return 0;
}

/* ---- widths ------------------------------------------------------------------ */

/* Does the signed value v fit in w bits (unsigned if >= 0, signed if < 0)? */
static int fits(__int128 v, int w)
{
	if (w >= 128)
		return 1;
	if (v >= 0)
		return (gen_u128)v <= chk_mask(w);
	if (w >= 127)
		return 1;
	return v >= -((__int128)1 << (w - 1));
}

/* Give an unsized expression width w (checking that constants fit). */
int chk_adopt(chk *c, gen_expr *e, int w)
{
	if (e->width)
		return 0;
	if (e->is_const) {
		__int128 v = chk_sval(e);
		if (!fits(v, w)) {
			if (e->kind == GEN_E_NUM)
				gen_error(e->loc, "literal %s does not fit in %d bits", chk_dec(v),
				          w);
			else
				gen_error(e->loc, "constant %s does not fit in %d bits", chk_dec(v),
				          w);
			return -1;
		}
		e->num_neg = v < 0;
		e->width = w;
		e->cval = (gen_u128)v & chk_mask(w);
		if (e->kind == GEN_E_NUM)
			e->num = e->cval;
		return 0;
	}
	int rc = 0;
	switch (e->kind) {
	case GEN_E_NAME:
		if (e->sym && e->sym->kind == GEN_SYM_LOOPVAR) {
			gen_sym *s = e->sym;
			if (!fits(s->hi - 1, w) || !fits(s->lo, w)) {
				gen_error(e->loc,
				          "loop variable '%s' (up to %d) does not fit in %d bits",
				          s->name, s->hi - 1, w);
				return -1;
			}
		}
		break;
	case GEN_E_UNARY: rc = chk_adopt(c, e->a, w); break;
	case GEN_E_BINARY:
		rc = chk_adopt(c, e->a, w);
		if (!is_shift(e->op))
			rc |= chk_adopt(c, e->b, w);
		break;
	case GEN_E_COND: rc = chk_adopt(c, e->b, w) | chk_adopt(c, e->c, w); break;
	case GEN_E_CALL:
		for (int i = 0; i < e->nargs; i++)
			rc |= chk_adopt(c, e->args[i], w);
		break;
	default: break;
	}
	e->width = w;
	return rc ? -1 : 0;
}

/* Give an unsized expression its default width: 64 bits, or 128 when a
 * constant needs it. */
int chk_settle(chk *c, gen_expr *e)
{
	if (e->width)
		return 0;
	int w = 64;
	if (e->is_const && !fits(chk_sval(e), 64))
		w = 128;
	return chk_adopt(c, e, w);
}

/* Make a and b the same width (the operator at loc joins them). */
static int unify(chk *c, gen_expr *e, gen_expr *a, gen_expr *b)
{
	if (a->width && b->width && a->width != b->width) {
		gen_error(e->loc, "operands of '%s' have different widths (%d and %d bits)",
		          e->kind == GEN_E_COND ? "?:" : opname(e->op), a->width, b->width);
		return -1;
	}
	if (a->width && !b->width)
		return chk_adopt(c, b, a->width);
	if (b->width && !a->width)
		return chk_adopt(c, a, b->width);
	return 0;
}

/* Check e and make it w bits wide. */
int chk_expr_width(chk *c, gen_expr *e, int w, const char *what)
{
	if (chk_expr(c, e))
		return -1;
	if (!e->width)
		return chk_adopt(c, e, w);
	if (e->width != w) {
		gen_error(e->loc, "%s needs a %d-bit value, this is %d bits", what, w, e->width);
		return -1;
	}
	return 0;
}

/* Check a condition: width 1. */
int chk_cond(chk *c, gen_expr *e, const char *what)
{
	if (chk_expr(c, e))
		return -1;
	if (!e->width)
		return chk_adopt(c, e, 1);
	if (e->width != 1) {
		gen_error(e->loc, "%s must have width 1, this is %d bits (compare it, e.g. != 0)",
		          what, e->width);
		return -1;
	}
	return 0;
}

/* Check a constant integer in [lo, hi]. */
int chk_const_int(chk *c, gen_expr *e, long long lo, long long hi, const char *what, long long *out)
{
	chk_ctx save = c->cx;
	c->cx = CX_CONST;
	int rc = chk_expr(c, e);
	c->cx = save;
	if (rc)
		return -1;
	if (!e->is_const) {
		gen_error(e->loc, "%s must be a constant", what);
		return -1;
	}
	__int128 v = e->width ? (__int128)e->cval : chk_sval(e);
	if (v < lo || v > hi) {
		gen_error(e->loc, "%s is %s, expected %lld..%lld", what, chk_dec(v), lo, hi);
		return -1;
	}
	*out = (long long)v;
	return 0;
}

/* ---- names -------------------------------------------------------------------- */

/* Look a name up: innermost local first, then globals. */
gen_sym *chk_lookup(chk *c, const char *name)
{
	for (int i = c->nbinds - 1; i >= 0; i--)
		if (c->binds[i].name == name || !strcmp(c->binds[i].name, name))
			return c->binds[i].sym;
	return gen_map_get(&c->names, name);
}

static const char *symkind(const gen_sym *s)
{
	static const char *const n[GEN_SYM_COUNT] = {
	        "parameter", "register file", "register", "field",    "enum",          "func",
	        "helper",    "instruction",   "local",    "argument", "loop variable",
	};
	return n[s->kind];
}

/* A use of field f in the current instruction: may it read past its end? */
static int field_use(chk *c, gen_loc loc, gen_sym *f)
{
	int hi = c->field_hi ? c->field_hi[f->index] : -1;
	if (c->in_pred) {
		if (hi > c->pred_hibit) {
			c->pred_hibit = hi;
			c->pred_field = f;
		}
		return 0;
	}
	if (c->insn_len && hi >= c->insn_len) {
		gen_error(loc,
		          "field '%s' reads bit %d of insn, but instruction '%s' is only %d bits "
		          "long",
		          f->name, hi, c->cur ? c->cur->name : "?", c->insn_len);
		return -1;
	}
	return 0;
}

/* name -> its symbol, checked against where it is used. */
static int name_expr(chk *c, gen_expr *e)
{
	gen_sym *s = chk_lookup(c, e->name);
	if (!s) {
		gen_error(e->loc, "unknown name '%s'", e->name);
		return -1;
	}
	e->sym = s;
	switch (s->kind) {
	case GEN_SYM_PARAM: set_const(e, (gen_u128)(__int128)s->value); return 0;
	case GEN_SYM_LOCAL:
	case GEN_SYM_ARG: e->width = s->width; return 0;
	case GEN_SYM_LOOPVAR: e->width = 0; return 0;
	case GEN_SYM_REG:
		if (c->cx != CX_SEM)
			break;
		e->width = s->width;
		return 0;
	case GEN_SYM_FIELD:
		if (c->cx != CX_SEM)
			break;
		if (c->curf) {
			gen_error(e->loc,
			          "field '%s' cannot be used in func '%s' (pass it as an argument)",
			          s->name, c->curf->d->name);
			return -1;
		}
		e->width = s->width;
		return field_use(c, e->loc, s);
	case GEN_SYM_REGFILE:
		gen_error(e->loc, "register file '%s' needs an index: %s[...]", s->name, s->name);
		return -1;
	case GEN_SYM_FUNC:
	case GEN_SYM_HELPER:
		gen_error(e->loc, "%s '%s' must be called: %s(...)", symkind(s), s->name, s->name);
		return -1;
	default:
		gen_error(e->loc, "%s '%s' cannot be used as a value", symkind(s), s->name);
		return -1;
	}
	gen_error(e->loc, "%s '%s' cannot be used in %s", symkind(s), s->name, ctxname(c->cx));
	return -1;
}

/* ---- expressions ---------------------------------------------------------------- */

/* Range [lo, hi] of an unsized non-constant expression over loop variables. */
static int urange(const gen_expr *e, __int128 *lo, __int128 *hi)
{
	__int128 al, ah, bl, bh;
	if (e->is_const) {
		*lo = *hi = chk_sval(e);
		return 0;
	}
	if (e->kind == GEN_E_NAME && e->sym && e->sym->kind == GEN_SYM_LOOPVAR) {
		*lo = e->sym->lo;
		*hi = e->sym->hi - 1;
		return 0;
	}
	if (e->kind != GEN_E_BINARY || e->width || urange(e->a, &al, &ah) || urange(e->b, &bl, &bh))
		return -1;
	if (e->op == GEN_OP_ADD) {
		*lo = al + bl;
		*hi = ah + bh;
	} else if (e->op == GEN_OP_SUB) {
		*lo = al - bh;
		*hi = ah - bl;
	} else if (e->op == GEN_OP_MUL && al >= 0 && bl >= 0) {
		*lo = al * bl;
		*hi = ah * bh;
	} else {
		return -1;
	}
	return 0;
}

/* Bits needed to index n things. */
static int index_bits(int n)
{
	int b = 1;
	while (b < 62 && ((long long)1 << b) < n)
		b++;
	return b;
}

/* X[i] -> register read: the index must stay inside the register file. */
static int reg_index(chk *c, gen_expr *e, gen_sym *rf, gen_expr *idx)
{
	int n = rf->decl ? rf->decl->count : 0;
	__int128 lo, hi;
	e->kind = GEN_E_REG;
	e->sym = rf;
	e->a = idx;
	e->b = NULL;
	e->width = rf->width;
	if (c->cx != CX_SEM) {
		gen_error(e->loc, "register file '%s' cannot be used in %s", rf->name,
		          ctxname(c->cx));
		return -1;
	}
	if (chk_expr(c, idx))
		return -1;
	if (!idx->width) {
		if (urange(idx, &lo, &hi)) {
			gen_error(idx->loc, "cannot tell that this index of '%s' stays below %d",
			          rf->name, n);
			return -1;
		}
		if (lo < 0 || hi >= n) {
			gen_error(idx->loc,
			          "index %s of '%s' is out of range (it has %d registers)",
			          chk_dec(lo < 0 ? lo : hi), rf->name, n);
			return -1;
		}
		return chk_adopt(c, idx, index_bits(n));
	}
	if (idx->is_const) {
		if (idx->cval >= (gen_u128)n) {
			gen_error(idx->loc,
			          "index %s of '%s' is out of range (it has %d registers)",
			          chk_dec((__int128)idx->cval), rf->name, n);
			return -1;
		}
		return 0;
	}
	if (idx->width < 63 && ((long long)1 << idx->width) > n) {
		gen_error(idx->loc, "a %d-bit index can exceed register file '%s' (%d registers)",
		          idx->width, rf->name, n);
		return -1;
	}
	return 0;
}

/* Check one slice bound; returns its value or -1 (variable, in *var). */
static int bound(chk *c, gen_expr *b, int *val, int *var)
{
	*var = 0;
	if (chk_expr(c, b))
		return -1;
	if (!b->is_const) {
		*var = 1;
		return 0;
	}
	__int128 v = b->width ? (__int128)b->cval : chk_sval(b);
	*val = v < -1 ? -2 : v > 100000 ? 100000 : (int)v;
	return 0;
}

/* e[hi:lo] or e[i] on a value. */
static int slice(chk *c, gen_expr *e)
{
	gen_expr *a = e->a;
	int hi = 0, lo = 0, vh, vl = 0;
	if (a->kind == GEN_E_INSN && (c->cx == CX_FIELD || c->cx == CX_LENGTH)) {
		a->width = c->insn_bits;
	} else if (chk_expr(c, a)) {
		return -1;
	}
	if (!a->width) {
		gen_error(a->loc, "cannot take bits of an unsized value; give it a width first");
		return -1;
	}
	if (bound(c, e->hi_e, &hi, &vh) || (e->lo_e && bound(c, e->lo_e, &lo, &vl)))
		return -1;
	if (!e->lo_e)
		lo = hi, vl = vh;
	if (vh || vl) {
		__int128 rl, rh;
		if (e->lo_e || e->hi_e->width || urange(e->hi_e, &rl, &rh)) {
			gen_error(e->loc, "slice bounds must be constants");
			return -1;
		}
		if (rl < 0 || rh >= a->width) {
			gen_error(e->hi_e->loc,
			          "bit index up to %s is out of range for a %d-bit value",
			          chk_dec(rh), a->width);
			return -1;
		}
		e->hi = e->lo = -1;
		e->width = 1;
		return chk_adopt(c, e->hi_e, 32);
	}
	if (lo < 0 || hi >= a->width || hi < lo) {
		if (e->lo_e)
			gen_error(e->loc, "slice [%d:%d] is out of range for a %d-bit value", hi,
			          lo, a->width);
		else
			gen_error(e->loc, "bit %d is out of range for a %d-bit value", hi,
			          a->width);
		return -1;
	}
	e->kind = GEN_E_SLICE;
	e->hi = hi;
	e->lo = lo;
	e->width = hi - lo + 1;
	if (a->kind == GEN_E_INSN && c->cx == CX_FIELD && hi > c->field_hibit)
		c->field_hibit = hi;
	if (a->is_const)
		set_const(e, chk_eval(e, 0));
	return 0;
}

/* a[b]: a register read (a names a register file) or a bit. */
static int index_expr(chk *c, gen_expr *e)
{
	if (e->a->kind == GEN_E_NAME) {
		gen_sym *s = chk_lookup(c, e->a->name);
		if (s && s->kind == GEN_SYM_REGFILE)
			return reg_index(c, e, s, e->b);
	}
	e->kind = GEN_E_SLICE;
	e->hi_e = e->b;
	e->lo_e = NULL;
	e->b = NULL;
	return slice(c, e);
}

static int unary(chk *c, gen_expr *e)
{
	if (e->op == GEN_OP_LNOT) {
		if (chk_cond(c, e->a, "operand of '!'"))
			return -1;
		e->width = 1;
	} else {
		if (chk_expr(c, e->a))
			return -1;
		e->width = e->a->width;
		if (!e->width && e->a->is_const)
			return fold_unsized(c, e);
	}
	if (e->a->is_const)
		set_const(e, chk_eval(e, 0));
	return 0;
}

/* Fold a binary operation whose operands are constant. */
static int fold2(chk *c, gen_expr *e)
{
	if (!e->a->is_const || !e->b->is_const)
		return 0;
	if (!e->width)
		return fold_unsized(c, e);
	set_const(e, chk_eval(e, 0));
	return 0;
}

/* a && b, a || b: width-1 operands and result. */
static int logic(chk *c, gen_expr *e)
{
	if (chk_cond(c, e->a, "operand of '&&'/'||'") | chk_cond(c, e->b, "operand of '&&'/'||'"))
		return -1;
	e->width = 1;
	return fold2(c, e);
}

/* a << b, a >> b, a >>> b: the width of a; the amount may have any width. */
static int shift(chk *c, gen_expr *e)
{
	gen_expr *a = e->a, *b = e->b;
	__int128 lo, hi;
	if (chk_expr(c, a) | chk_expr(c, b))
		return -1;
	if (!b->width) {
		if ((b->is_const && chk_sval(b) < 0) ||
		    (!b->is_const && (urange(b, &lo, &hi) || lo < 0))) {
			gen_error(b->loc, "the shift amount can be negative");
			return -1;
		}
		if (chk_adopt(c, b, 32))
			return -1;
	}
	e->width = a->width;
	return fold2(c, e);
}

/* Compare two unsized values (mathematically). */
static int compare_unsized(chk *c, gen_expr *e)
{
	gen_expr *a = e->a, *b = e->b;
	e->width = 1;
	if (!a->is_const || !b->is_const)
		return chk_settle(c, a) || chk_settle(c, b) ? -1 : 0;
	__int128 x = chk_sval(a), y = chk_sval(b);
	int r;
	switch (e->op) {
	case GEN_OP_EQ: r = x == y; break;
	case GEN_OP_NE: r = x != y; break;
	case GEN_OP_LTU:
	case GEN_OP_LTS: r = x < y; break;
	case GEN_OP_LEU:
	case GEN_OP_LES: r = x <= y; break;
	case GEN_OP_GTU:
	case GEN_OP_GTS: r = x > y; break;
	default: r = x >= y; break;
	}
	set_const(e, (gen_u128)r);
	return 0;
}

/* Arithmetic, bitwise and comparison operators: operands of one width. */
static int binary(chk *c, gen_expr *e)
{
	gen_expr *a = e->a, *b = e->b;
	if (e->op == GEN_OP_LAND || e->op == GEN_OP_LOR)
		return logic(c, e);
	if (is_shift(e->op))
		return shift(c, e);
	if (chk_expr(c, a) | chk_expr(c, b))
		return -1;
	if (unify(c, e, a, b))
		return -1;
	if (!a->width && is_cmp(e->op))
		return compare_unsized(c, e);
	e->width = is_cmp(e->op) ? 1 : a->width;
	return fold2(c, e);
}

static int cond(chk *c, gen_expr *e)
{
	if (chk_cond(c, e->a, "condition of '?:'") | chk_expr(c, e->b) | chk_expr(c, e->c))
		return -1;
	if (unify(c, e, e->b, e->c))
		return -1;
	e->width = e->b->width;
	if (e->a->is_const) {
		gen_expr *pick = (e->a->cval & 1) ? e->b : e->c;
		if (pick->is_const) {
			e->is_const = 1;
			e->cval = pick->cval;
			e->num_neg = pick->num_neg;
		}
	}
	return 0;
}

static int concat(chk *c, gen_expr *e)
{
	int w = 0, all = 1;
	for (int i = 0; i < e->nargs; i++) {
		gen_expr *a = e->args[i];
		if (chk_expr(c, a))
			return -1;
		if (!a->width) {
			gen_error(a->loc, "concatenation needs sized values; write a sized literal "
			                  "such as 4'd0");
			return -1;
		}
		w += a->width;
		all &= a->is_const;
	}
	if (w > 128) {
		gen_error(e->loc, "concatenation is %d bits wide (at most 128)", w);
		return -1;
	}
	e->width = w;
	if (all)
		set_const(e, chk_eval(e, 0));
	return 0;
}

static int mem(chk *c, gen_expr *e)
{
	if (c->cx != CX_SEM) {
		gen_error(e->loc, "memory cannot be accessed in %s", ctxname(c->cx));
		return -1;
	}
	if (chk_expr_width(c, e->a, c->word_bits, "a memory address"))
		return -1;
	e->width = e->memwidth;
	c->flags |= RT_INSN_MEM;
	return 0;
}

static const struct {
	const char *name;
	gen_builtin b;
} builtins[] = {
        {"sext", GEN_B_SEXT}, {"zext", GEN_B_ZEXT}, {"trunc", GEN_B_TRUNC}, {"udiv", GEN_B_UDIV},
        {"sdiv", GEN_B_SDIV}, {"urem", GEN_B_UREM}, {"srem", GEN_B_SREM},
};

/* The builtin called name, or GEN_B_NONE. */
static gen_builtin builtin(const char *name)
{
	for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
		if (!strcmp(builtins[i].name, name))
			return builtins[i].b;
	return GEN_B_NONE;
}

/* sext/zext/trunc(e, W) and udiv/sdiv/urem/srem(a, b). */
static int call_builtin(chk *c, gen_expr *e)
{
	if (e->nargs != 2) {
		gen_error(e->loc, "'%s' takes 2 arguments, got %d", e->name, e->nargs);
		return -1;
	}
	gen_expr *a = e->args[0], *b = e->args[1];
	if (e->builtin >= GEN_B_UDIV) {
		if (chk_expr(c, a) | chk_expr(c, b))
			return -1;
		if (unify(c, e, a, b))
			return -1;
		if (!a->width && (chk_settle(c, a) || chk_settle(c, b)))
			return -1;
		e->width = a->width;
	} else {
		long long w;
		if (chk_expr(c, a) || chk_const_int(c, b, 1, 128, "the width", &w))
			return -1;
		if (!a->width) {
			gen_error(a->loc, "'%s' needs a sized value; give it a width first",
			          e->name);
			return -1;
		}
		if (e->builtin == GEN_B_TRUNC ? w > a->width : w < a->width) {
			gen_error(e->loc,
			          "%s of a %d-bit value to %lld bits: the width must be %s %d",
			          e->name, a->width, w,
			          e->builtin == GEN_B_TRUNC ? "<=" : ">=", a->width);
			return -1;
		}
		e->width = (int)w;
	}
	if (a->is_const && (b->is_const || e->builtin < GEN_B_UDIV))
		set_const(e, chk_eval(e, 0));
	return 0;
}

/* f(args): a func or helper call; void_ok when used as a statement. */
static int call(chk *c, gen_expr *e, int void_ok)
{
	e->builtin = builtin(e->name);
	if (e->builtin != GEN_B_NONE) {
		if (void_ok) {
			gen_error(e->loc, "the result of '%s' is unused", e->name);
			return -1;
		}
		return call_builtin(c, e);
	}
	gen_sym *s = chk_lookup(c, e->name);
	if (!s) {
		gen_error(e->loc, "unknown function '%s'", e->name);
		return -1;
	}
	if (s->kind != GEN_SYM_FUNC && s->kind != GEN_SYM_HELPER) {
		gen_error(e->loc, "'%s' is a %s, not a function", e->name, symkind(s));
		return -1;
	}
	e->sym = s;
	gen_decl *d = s->decl;
	if (c->cx != CX_SEM) {
		gen_error(e->loc, "%s '%s' cannot be called in %s", symkind(s), s->name,
		          ctxname(c->cx));
		return -1;
	}
	if (e->nargs != d->nargs) {
		gen_error(e->loc, "%s '%s' takes %d argument%s, got %d", symkind(s), s->name,
		          d->nargs, d->nargs == 1 ? "" : "s", e->nargs);
		return -1;
	}
	int rc = 0;
	for (int i = 0; i < e->nargs; i++) {
		char what[96];
		snprintf(what, sizeof what, "argument %d of '%.60s'", i + 1, s->name);
		if (d->arg_widths)
			rc |= chk_expr_width(c, e->args[i], d->arg_widths[i], what);
	}
	if (rc)
		return -1;
	if (!d->ret_width && !void_ok) {
		gen_error(e->loc, "%s '%s' returns no value", symkind(s), s->name);
		return -1;
	}
	e->width = d->ret_width;
	if (s->kind == GEN_SYM_HELPER) {
		c->flags |= RT_INSN_HELPER;
	} else {
		chk_func *f = gen_map_get(&c->funcs, s->name);
		if (c->curf && f)
			gen_vec_push(&c->curf->calls, e);
		if (f && f->state == 2)
			c->flags |= f->flags;
	}
	return 0;
}

/* Check an expression: bind names, compute widths, fold constants. */
int chk_expr(chk *c, gen_expr *e)
{
	switch (e->kind) {
	case GEN_E_NUM:
		if (!e->width && e->num > (gen_u128)INT128_MAX_) {
			gen_error(e->loc,
			          "unsized literal too large; write a sized literal (128'h...)");
			return -1;
		}
		e->is_const = 1;
		e->cval = e->num;
		e->num_neg = 0;
		return 0;
	case GEN_E_NAME: return name_expr(c, e);
	case GEN_E_PC:
	case GEN_E_NPC:
		if (c->cx != CX_SEM && !(c->cx == CX_ALIAS && e->kind == GEN_E_PC)) {
			gen_error(e->loc, "%s cannot be used in %s",
			          e->kind == GEN_E_PC ? "pc" : "npc", ctxname(c->cx));
			return -1;
		}
		e->width = c->word_bits;
		return 0;
	case GEN_E_INSN:
		if (c->cx != CX_FIELD && c->cx != CX_LENGTH) {
			gen_error(e->loc, "insn can only be used in field and length expressions");
			return -1;
		}
		e->width = c->insn_bits;
		if (c->cx == CX_FIELD && c->insn_bits - 1 > c->field_hibit)
			c->field_hibit = c->insn_bits - 1;
		return 0;
	case GEN_E_UNARY: return unary(c, e);
	case GEN_E_BINARY: return binary(c, e);
	case GEN_E_COND: return cond(c, e);
	case GEN_E_CONCAT: return concat(c, e);
	case GEN_E_INDEX: return index_expr(c, e);
	case GEN_E_SLICE: return slice(c, e);
	case GEN_E_MEM: return mem(c, e);
	case GEN_E_CALL: return call(c, e, 0);
	default: gen_error(e->loc, "unexpected expression"); return -1;
	}
}

/* ---- statements ------------------------------------------------------------------ */

/* Bind a new local name in the current scope; duplicates are errors. */
static gen_sym *bind(chk *c, gen_loc loc, const char *name, gen_sym_kind kind, int width)
{
	for (int i = 0; i < c->nbinds; i++) {
		if (!strcmp(c->binds[i].name, name)) {
			gen_error(loc, "'%s' is already declared at line %d", name,
			          c->binds[i].sym->loc.line);
			return NULL;
		}
	}
	if (c->nbinds == c->capbinds) {
		c->capbinds = c->capbinds ? c->capbinds * 2 : 32;
		chk_bind *nb = gen_alloc(sizeof *nb * (size_t)c->capbinds);
		if (c->nbinds)
			memcpy(nb, c->binds, sizeof *nb * (size_t)c->nbinds);
		c->binds = nb;
	}
	gen_sym *s = gen_alloc(sizeof *s);
	s->kind = kind;
	s->name = name;
	s->loc = loc;
	s->width = width;
	if (kind == GEN_SYM_LOCAL || kind == GEN_SYM_LOOPVAR)
		s->index = c->nlocals++;
	c->binds[c->nbinds++] = (chk_bind){name, s};
	return s;
}

static int stmt(chk *c, gen_stmt *s);

/* A statement that is a block, in its own scope. */
static int sub(chk *c, gen_stmt *s)
{
	return s->kind == GEN_S_BLOCK ? chk_stmts(c, s->body) : stmt(c, s);
}

static int let(chk *c, gen_stmt *s)
{
	long long w = 0;
	if (s->width_e) {
		if (chk_const_int(c, s->width_e, 1, 128, "the width", &w))
			return -1;
		char what[96];
		snprintf(what, sizeof what, "'%.60s'", s->name);
		if (chk_expr_width(c, s->a, (int)w, what))
			return -1;
	} else {
		if (chk_expr(c, s->a))
			return -1;
		w = s->a->width;
		if (!w) {
			gen_error(s->loc,
			          "cannot infer the width of '%s' from an unsized value; write "
			          "'let %s : W = ...'",
			          s->name, s->name);
			return -1;
		}
	}
	s->width = (int)w;
	s->sym = bind(c, s->loc, s->name, GEN_SYM_LOCAL, (int)w);
	return s->sym ? 0 : -1;
}

/* Does a write to regfile rf at index idx possibly hit its pc alias? */
static int writes_alias(chk *c, gen_sym *rf, gen_expr *idx)
{
	for (int i = 0; i < c->isa->nregfiles; i++) {
		if (c->isa->regfiles[i]->sym != rf || !c->isa->alias_index ||
		    c->isa->alias_index[i] < 0)
			continue;
		return !idx->is_const || idx->cval == (gen_u128)c->isa->alias_index[i];
	}
	return 0;
}

/* lhs "=" value: the assignable things and the width of the target. */
static int assign(chk *c, gen_stmt *s)
{
	gen_expr *l = s->lhs;
	const char *what = "the target";
	switch (l->kind) {
	case GEN_E_NAME: {
		gen_sym *v = chk_lookup(c, l->name);
		if (!v) {
			gen_error(l->loc, "unknown name '%s'", l->name);
			return -1;
		}
		l->sym = v;
		if (v->kind == GEN_SYM_REGFILE) {
			gen_error(l->loc, "register file '%s' needs an index: %s[...]", v->name,
			          v->name);
			return -1;
		}
		if (v->kind != GEN_SYM_LOCAL && v->kind != GEN_SYM_ARG && v->kind != GEN_SYM_REG) {
			gen_error(l->loc, "cannot assign to %s '%s' (it is read-only)", symkind(v),
			          v->name);
			return -1;
		}
		l->width = v->width;
		what = gen_fmt("'%s'", v->name);
		break;
	}
	case GEN_E_INDEX: {
		gen_sym *v = l->a->kind == GEN_E_NAME ? chk_lookup(c, l->a->name) : NULL;
		if (!v || v->kind != GEN_SYM_REGFILE) {
			gen_error(l->loc,
			          "only registers can be assigned with an index; '%s' is not a "
			          "register file",
			          l->a->name);
			return -1;
		}
		if (reg_index(c, l, v, l->b))
			return -1;
		if (writes_alias(c, v, l->a))
			c->flags |= RT_INSN_JUMP;
		what = gen_fmt("'%s[...]'", v->name);
		break;
	}
	case GEN_E_PC:
		l->width = c->word_bits;
		c->flags |= RT_INSN_JUMP;
		what = "pc";
		break;
	case GEN_E_NPC: gen_error(l->loc, "npc is read-only (assign pc to jump)"); return -1;
	case GEN_E_MEM:
		if (mem(c, l))
			return -1;
		what = gen_fmt("mem%d", l->memwidth);
		break;
	default: gen_error(l->loc, "cannot assign to this expression"); return -1;
	}
	return chk_expr_width(c, s->a, l->width, what);
}

static int for_stmt(chk *c, gen_stmt *s)
{
	long long lo, hi;
	if (chk_const_int(c, s->lo_e, 0, 1 << 20, "the loop start", &lo) ||
	    chk_const_int(c, s->hi_e, 0, 1 << 20, "the loop end", &hi))
		return -1;
	if (hi < lo || hi - lo > 4096) {
		gen_error(s->loc, "loop %lld .. %lld must run 0 to 4096 times", lo, hi);
		return -1;
	}
	s->lo = (int)lo;
	s->hi = (int)hi;
	int mark = c->nbinds, rc;
	s->sym = bind(c, s->loc, s->name, GEN_SYM_LOOPVAR, 0);
	if (!s->sym)
		return -1;
	s->sym->lo = (int)lo;
	s->sym->hi = (int)hi;
	rc = sub(c, s->body);
	c->nbinds = mark;
	return rc;
}

static int ret(chk *c, gen_stmt *s)
{
	if (!c->curf) {
		gen_error(s->loc, "return outside a func");
		return -1;
	}
	gen_decl *d = c->curf->d;
	if (!d->ret_width) {
		if (s->a) {
			gen_error(s->loc, "func '%s' returns no value", d->name);
			return -1;
		}
		return 0;
	}
	if (!s->a) {
		gen_error(s->loc, "func '%s' must return a %d-bit value", d->name, d->ret_width);
		return -1;
	}
	return chk_expr_width(c, s->a, d->ret_width, gen_fmt("the result of '%s'", d->name));
}

static int stmt(chk *c, gen_stmt *s)
{
	switch (s->kind) {
	case GEN_S_LET: return let(c, s);
	case GEN_S_ASSIGN: return assign(c, s);
	case GEN_S_DELAY:
		c->flags |= RT_INSN_DELAY;
		return chk_expr_width(c, s->a, c->word_bits, "delay pc");
	case GEN_S_IF: {
		int rc = chk_cond(c, s->a, "the condition of 'if'");
		rc |= sub(c, s->body);
		if (s->els)
			rc |= sub(c, s->els);
		return rc ? -1 : 0;
	}
	case GEN_S_FOR: return for_stmt(c, s);
	case GEN_S_RAISE: {
		c->flags |= RT_INSN_TRAPS;
		int rc = 0;
		for (int i = 0; i < 2; i++) {
			gen_expr *a = i ? s->b : s->a;
			if (chk_expr(c, a) || chk_settle(c, a)) {
				rc = -1;
			} else if (a->width > 64) {
				gen_error(a->loc,
				          "raise takes values of at most 64 bits, this is %d",
				          a->width);
				rc = -1;
			}
		}
		return rc;
	}
	case GEN_S_CALL: return call(c, s->a, 1);
	case GEN_S_RETURN: return ret(c, s);
	case GEN_S_BLOCK: return chk_stmts(c, s->body);
	default: gen_error(s->loc, "unexpected statement"); return -1;
	}
}

/* Check a statement list in a new scope. */
int chk_stmts(chk *c, gen_stmt *list)
{
	int mark = c->nbinds, rc = 0;
	for (gen_stmt *s = list; s; s = s->next)
		rc |= stmt(c, s);
	c->nbinds = mark;
	return rc ? -1 : 0;
}

/* Does every path through list end in a return? */
int chk_returns(const gen_stmt *list)
{
	for (const gen_stmt *s = list; s; s = s->next) {
		if (s->kind == GEN_S_RETURN)
			return 1;
		if (s->kind == GEN_S_BLOCK && chk_returns(s->body))
			return 1;
		if (s->kind == GEN_S_IF && s->els &&
		    chk_returns(s->body->kind == GEN_S_BLOCK ? s->body->body : s->body) &&
		    (s->els->kind == GEN_S_BLOCK ? chk_returns(s->els->body) : chk_returns(s->els)))
			return 1;
	}
	return 0;
}
