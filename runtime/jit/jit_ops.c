/* jit_ops.c: values, locals and conditionals for generated emitters
 * (jit_emit.h). LLVM's builder folds operations on constants, so a value
 * the instruction word fixes stays a constant and conditionals on it are
 * decided here, while the region is built. */
#include <stdlib.h>

#include "jit_priv.h"

/* Integer type of width w (0 = 64). */
LLVMTypeRef jit_ty(jit_em *j, int w)
{
	return LLVMIntTypeInContext(j->cx, (unsigned)(w > 0 ? w : 64));
}

/* Width of v's integer type. */
int jit_width(LLVMValueRef v)
{
	return (int)LLVMGetIntTypeWidth(LLVMTypeOf(v));
}

/* Constant of width w from its low and high 64 bits. */
LLVMValueRef jit_k(jit_em *j, int w, uint64_t lo, uint64_t hi)
{
	if (w <= 64)
		return LLVMConstInt(jit_ty(j, w), lo, 0);
	uint64_t words[2] = {lo, hi};
	return LLVMConstIntOfArbitraryPrecision(jit_ty(j, w), 2, words);
}

/* v zero-extended or truncated to width w. */
LLVMValueRef jit_as(jit_em *j, LLVMValueRef v, int w)
{
	int vw = jit_width(v);
	if (vw == w)
		return v;
	if (vw < w)
		return LLVMBuildZExt(j->b, v, jit_ty(j, w), "");
	return LLVMBuildTrunc(j->b, v, jit_ty(j, w), "");
}

/* v sign-extended to width w. */
LLVMValueRef jit_sx(jit_em *j, LLVMValueRef v, int w)
{
	if (jit_width(v) >= w)
		return jit_as(j, v, w);
	return LLVMBuildSExt(j->b, v, jit_ty(j, w), "");
}

/* Unary operators. */
LLVMValueRef jit_op1(jit_em *j, jit_op op, LLVMValueRef a, int w)
{
	a = jit_as(j, a, w);
	switch (op) {
	case JIT_NEG: return LLVMBuildNeg(j->b, a, "");
	case JIT_NOT: return LLVMBuildNot(j->b, a, "");
	default: return LLVMBuildICmp(j->b, LLVMIntEQ, a, LLVMConstNull(LLVMTypeOf(a)), "");
	}
}

/* Division with the description language's total semantics. */
static LLVMValueRef divide(jit_em *j, jit_op op, LLVMValueRef a, LLVMValueRef b, int w)
{
	LLVMBuilderRef B = j->b;
	LLVMTypeRef t = jit_ty(j, w);
	LLVMValueRef zero = LLVMConstNull(t), ones = LLVMConstAllOnes(t);
	LLVMValueRef bz = LLVMBuildICmp(B, LLVMIntEQ, b, zero, "");
	int sgn = op == JIT_SDIV || op == JIT_SREM;
	/* a divisor that cannot fault: 1 for 0, and for MIN / -1 */
	LLVMValueRef bad = bz;
	if (sgn) {
		LLVMValueRef min =
		        jit_k(j, w, w > 64 ? 0 : 1ull << (w - 1), w > 64 ? 1ull << (w - 65) : 0);
		LLVMValueRef ovf = LLVMBuildAnd(B, LLVMBuildICmp(B, LLVMIntEQ, a, min, ""),
		                                LLVMBuildICmp(B, LLVMIntEQ, b, ones, ""), "");
		bad = LLVMBuildOr(B, bz, ovf, "");
	}
	LLVMValueRef safe = LLVMBuildSelect(B, bad, LLVMConstInt(t, 1, 0), b, "");
	LLVMValueRef r;
	switch (op) {
	case JIT_UDIV:
		r = LLVMBuildUDiv(B, a, safe, "");
		return LLVMBuildSelect(B, bz, ones, r, "");
	case JIT_UREM: r = LLVMBuildURem(B, a, safe, ""); return LLVMBuildSelect(B, bz, a, r, "");
	case JIT_SDIV:
		/* b == 0: all ones; MIN / -1: MIN (= a / 1) */
		r = LLVMBuildSDiv(B, a, safe, "");
		return LLVMBuildSelect(B, bz, ones, r, "");
	default:
		/* b == 0: a; MIN % -1: 0 */
		r = LLVMBuildSRem(B, a, safe, "");
		r = LLVMBuildSelect(B, bad, zero, r, "");
		return LLVMBuildSelect(B, bz, a, r, "");
	}
}

/* Binary arithmetic and logic in width w. */
LLVMValueRef jit_op2(jit_em *j, jit_op op, LLVMValueRef a, LLVMValueRef b, int w)
{
	a = jit_as(j, a, w);
	b = jit_as(j, b, w);
	switch (op) {
	case JIT_ADD: return LLVMBuildAdd(j->b, a, b, "");
	case JIT_SUB: return LLVMBuildSub(j->b, a, b, "");
	case JIT_MUL: return LLVMBuildMul(j->b, a, b, "");
	case JIT_AND: return LLVMBuildAnd(j->b, a, b, "");
	case JIT_OR: return LLVMBuildOr(j->b, a, b, "");
	case JIT_XOR: return LLVMBuildXor(j->b, a, b, "");
	case JIT_UDIV:
	case JIT_SDIV:
	case JIT_UREM:
	case JIT_SREM: return divide(j, op, a, b, w);
	default: abort(); /* generated code passes no other operator */
	}
}

/* Shifts: by the width or more, 0 (SAR: copies of the sign). */
LLVMValueRef jit_shift(jit_em *j, jit_op op, LLVMValueRef a, LLVMValueRef n, int w)
{
	LLVMBuilderRef B = j->b;
	a = jit_as(j, a, w);
	LLVMValueRef big =
	        LLVMBuildICmp(B, LLVMIntUGE, n, LLVMConstInt(LLVMTypeOf(n), (unsigned)w, 0), "");
	LLVMValueRef safe =
	        jit_select(j, big, LLVMConstInt(jit_ty(j, w), (unsigned)w - 1, 0), jit_as(j, n, w));
	if (op == JIT_SAR)
		return LLVMBuildAShr(B, a, safe, "");
	LLVMValueRef r =
	        op == JIT_SHL ? LLVMBuildShl(B, a, safe, "") : LLVMBuildLShr(B, a, safe, "");
	return jit_select(j, big, LLVMConstNull(jit_ty(j, w)), r);
}

/* Comparisons. */
LLVMValueRef jit_cmp(jit_em *j, jit_op op, LLVMValueRef a, LLVMValueRef b)
{
	static const LLVMIntPredicate pred[] = {
	        [JIT_EQ] = LLVMIntEQ,   [JIT_NE] = LLVMIntNE,   [JIT_LTU] = LLVMIntULT,
	        [JIT_LEU] = LLVMIntULE, [JIT_GTU] = LLVMIntUGT, [JIT_GEU] = LLVMIntUGE,
	        [JIT_LTS] = LLVMIntSLT, [JIT_LES] = LLVMIntSLE, [JIT_GTS] = LLVMIntSGT,
	        [JIT_GES] = LLVMIntSGE,
	};
	int w = jit_width(a) > jit_width(b) ? jit_width(a) : jit_width(b);
	return LLVMBuildICmp(j->b, pred[op], jit_as(j, a, w), jit_as(j, b, w), "");
}

/* c ? a : b. */
LLVMValueRef jit_select(jit_em *j, LLVMValueRef c, LLVMValueRef a, LLVMValueRef b)
{
	if (LLVMIsAConstantInt(c)) /* decided while building (fields, constants) */
		return LLVMConstIntGetZExtValue(c) ? a : b;
	return LLVMBuildSelect(j->b, c, a, b, "");
}

/* v[hi:lo]. */
LLVMValueRef jit_slice(jit_em *j, LLVMValueRef v, int hi, int lo)
{
	int vw = jit_width(v);
	if (lo > 0)
		v = LLVMBuildLShr(j->b, v, LLVMConstInt(LLVMTypeOf(v), (unsigned)lo, 0), "");
	int w = hi - lo + 1;
	if (w > vw - lo) { /* bits past the top read 0 */
		v = jit_as(j, v, w);
		return v;
	}
	return jit_as(j, v, w);
}

/* Bit i of v. */
LLVMValueRef jit_bit(jit_em *j, LLVMValueRef v, LLVMValueRef i)
{
	return jit_as(j, LLVMBuildLShr(j->b, v, jit_as(j, i, jit_width(v)), ""), 1);
}

/* (hi << wlo) | lo. */
LLVMValueRef jit_cat(jit_em *j, LLVMValueRef hi, LLVMValueRef lo, int wlo, int w)
{
	if (wlo >= w)
		return lo;
	LLVMValueRef s = LLVMBuildShl(j->b, hi, LLVMConstInt(jit_ty(j, w), (unsigned)wlo, 0), "");
	return LLVMBuildOr(j->b, s, lo, "");
}

/* ---- locals ------------------------------------------------------------ */

/* Width of a local's slot: a power of two of at least 8 bits, which the
 * pass pipeline turns into SSA values (it leaves an i33 slot in memory). */
static int slot_width(int w)
{
	int s = 8;
	while (s < w)
		s *= 2;
	return s;
}

/* Declare a local of width w. */
void jit_var_init(jit_em *j, jit_var *v, int w)
{
	v->w = w;
	v->known = NULL;
	v->level = j->level;
	v->slot = LLVMBuildAlloca(j->eb, jit_ty(j, slot_width(w)), "");
}

/* Read a local. */
LLVMValueRef jit_var_get(jit_em *j, jit_var *v)
{
	if (v->known)
		return v->known;
	return jit_as(j, LLVMBuildLoad2(j->b, jit_ty(j, slot_width(v->w)), v->slot, ""), v->w);
}

/* Write a local: a value written where the local was declared stays
 * known (it dominates every later read, descriptions having no loops in
 * IR); under a conditional built in IR the value is a merge. */
void jit_var_set(jit_em *j, jit_var *v, LLVMValueRef x)
{
	x = jit_as(j, x, v->w);
	LLVMBuildStore(j->b, jit_as(j, x, slot_width(v->w)), v->slot);
	v->known = j->level == v->level ? x : NULL;
}

/* ---- conditionals -------------------------------------------------------- */

/* A fresh block in the region function. */
static LLVMBasicBlockRef block(jit_em *j)
{
	return LLVMAppendBasicBlockInContext(j->cx, j->fn, "");
}

/* Start a new block after a terminator. */
void jit_dead(jit_em *j)
{
	LLVMPositionBuilderAtEnd(j->b, block(j));
}

/* if (cond). */
int jit_if(jit_em *j, jit_cond *c, LLVMValueRef cond)
{
	c->in_else = 0;
	if (LLVMIsAConstantInt(cond)) {
		c->mode = LLVMConstIntGetZExtValue(cond) != 0;
		return c->mode;
	}
	c->mode = 2;
	LLVMBasicBlockRef then_bb = block(j);
	c->else_bb = block(j);
	c->join_bb = block(j);
	LLVMBuildCondBr(j->b, cond, then_bb, c->else_bb);
	LLVMPositionBuilderAtEnd(j->b, then_bb);
	j->level++;
	return 1;
}

/* else. */
int jit_else(jit_em *j, jit_cond *c)
{
	if (c->mode != 2)
		return c->mode == 0;
	jit_windows_close(j, j->level);
	LLVMBuildBr(j->b, c->join_bb);
	LLVMPositionBuilderAtEnd(j->b, c->else_bb);
	c->in_else = 1;
	return 1;
}

/* End of the conditional. */
void jit_endif(jit_em *j, jit_cond *c)
{
	if (c->mode != 2)
		return;
	jit_windows_close(j, j->level);
	LLVMBuildBr(j->b, c->join_bb);
	if (!c->in_else) { /* no else part */
		LLVMPositionBuilderAtEnd(j->b, c->else_bb);
		LLVMBuildBr(j->b, c->join_bb);
	}
	LLVMPositionBuilderAtEnd(j->b, c->join_bb);
	j->level--;
}

/* ---- bodies ------------------------------------------------------------ */

/* Start a func or instruction body. */
void jit_enter(jit_em *j, jit_frame *f, int retw)
{
	f->retw = retw;
	f->level = j->level;
	f->val = NULL;
	f->ret = NULL;
	f->end = NULL;
	f->closed = 0;
}

/* Send a result to the frame's meeting block. */
static void to_end(jit_em *j, jit_frame *f, LLVMValueRef v)
{
	if (!f->end) {
		f->end = block(j);
		if (f->retw)
			f->ret = LLVMBuildAlloca(j->eb, jit_ty(j, slot_width(f->retw)), "");
	}
	if (f->retw)
		LLVMBuildStore(j->b,
		               jit_as(j, v ? jit_as(j, v, f->retw) : jit_k(j, f->retw, 0, 0),
		                      slot_width(f->retw)),
		               f->ret);
	LLVMBuildBr(j->b, f->end);
	jit_dead(j);
}

/* return [v]. */
int jit_return(jit_em *j, jit_frame *f, LLVMValueRef v)
{
	if (j->level == f->level && !f->end) {
		f->val = v && f->retw ? jit_as(j, v, f->retw) : NULL;
		return 1;
	}
	to_end(j, f, v);
	if (j->level == f->level) {
		f->closed = 1;
		return 1;
	}
	return 0;
}

/* End of the body. */
LLVMValueRef jit_leave(jit_em *j, jit_frame *f)
{
	if (!f->end) {
		if (f->retw && !f->val)
			return jit_k(j, f->retw, 0, 0);
		return f->val;
	}
	if (!f->closed)
		to_end(j, f, f->val);
	jit_windows_close(j, 0); /* returns meet here from paths around them */
	LLVMPositionBuilderAtEnd(j->b, f->end);
	return f->retw ? jit_as(j, LLVMBuildLoad2(j->b, jit_ty(j, slot_width(f->retw)), f->ret, ""),
	                        f->retw)
	               : NULL;
}
