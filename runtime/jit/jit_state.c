/* jit_state.c: guest state, memory, jumps, helpers and traps for generated
 * emitters (jit_emit.h). Registers live in allocas; the ones the region
 * writes are stored back to the vCPU before any call that may look at them
 * (jit_call with sync), at the region's exits, and never after a trap (the
 * trap hook has already seen the exact state and redirected the vCPU). A
 * memory access that is not plain RAM, met before its instruction changed
 * any state, leaves the region at that instruction, for the interpreter. */
#include <stdlib.h>
#include <string.h>

#include "jit_priv.h"
#include "rt_mem.h"

/* A pointer constant to host address p. */
LLVMValueRef jit_addr(jit_em *j, const void *p)
{
	return LLVMConstIntToPtr(LLVMConstInt(j->i64, (uint64_t)(uintptr_t)p, 0), j->ptr);
}

/* The alloca of home k, loaded from the vCPU at region entry. */
LLVMValueRef jit_home(jit_em *j, unsigned k)
{
	if (!j->home[k]) {
		LLVMTypeRef t = j->home_ty[k];
		j->home[k] = LLVMBuildAlloca(j->eb, t, "");
		LLVMValueRef v = LLVMBuildLoad2(j->eb, t, jit_addr(j, j->home_addr[k]), "");
		LLVMBuildStore(j->eb, v, j->home[k]);
	}
	return j->home[k];
}

/* Read home k as a value of its type. */
static LLVMValueRef home_get(jit_em *j, unsigned k)
{
	return LLVMBuildLoad2(j->b, j->home_ty[k], jit_home(j, k), "");
}

/* Write home k (stored to the vCPU at exits and sync points: a value
 * nobody reads costs nothing). */
static void home_set(jit_em *j, unsigned k, LLVMValueRef v)
{
	LLVMBuildStore(j->b, v, jit_home(j, k));
	if (j->wrote)
		j->wrote[k] = 1;
	j->effects = 1;
}

/* Record a point where the state is stored, before `at`. */
void jit_site(jit_em *j, LLVMValueRef at, int reload)
{
	if (j->nsync == j->capsync) {
		int cap = j->capsync ? 2 * j->capsync : 16;
		jit_sync *s = realloc(j->sync, (size_t)cap * sizeof *s);
		if (!s) {
			j->oom = 1;
			return;
		}
		j->sync = s;
		j->capsync = cap;
	}
	uint8_t *w = malloc(j->nhome);
	if (!w) {
		j->oom = 1;
		return;
	}
	if (j->wrote)
		memcpy(w, j->wrote, j->nhome);
	else
		memset(w, 0, j->nhome);
	j->sync[j->nsync++] = (jit_sync){at, reload, j->blk, w};
}

/* Record a constant target of this instruction (or note an indirect one). */
static void add_target(uint64_t *t, int *n, int *indirect, LLVMValueRef v)
{
	if (!LLVMIsAConstantInt(v) || *n >= JIT_MAX_TARGETS) {
		*indirect = 1;
		return;
	}
	uint64_t pc = LLVMConstIntGetZExtValue(v);
	for (int i = 0; i < *n; i++)
		if (t[i] == pc)
			return;
	t[(*n)++] = pc;
}

/* The pc value masked to the guest's address width. */
static LLVMValueRef pc_value(jit_em *j, LLVMValueRef v)
{
	v = jit_as(j, v, 64);
	if (j->g->word_bits < 64)
		v = LLVMBuildAnd(j->b, v, LLVMConstInt(j->i64, (1ull << j->g->word_bits) - 1, 0),
		                 "");
	return v;
}

LLVMValueRef jit_pc(jit_em *j)
{
	return jit_k(j, j->g->word_bits, j->pc, 0);
}

LLVMValueRef jit_next_pc(jit_em *j)
{
	uint64_t m = j->g->word_bits < 64 ? (1ull << j->g->word_bits) - 1 : ~0ull;
	return jit_k(j, j->g->word_bits, (j->pc + j->len) & m, 0);
}

/* pc = target. */
void jit_jump(jit_em *j, LLVMValueRef target)
{
	LLVMValueRef v = pc_value(j, target);
	LLVMBuildStore(j->b, v, j->npc);
	add_target(j->targets, &j->ntargets, &j->indirect, v);
	if (j->level == 0 && LLVMIsAConstantInt(v))
		j->uncond = 1;
}

/* delay pc = target. */
void jit_delay(jit_em *j, LLVMValueRef target)
{
	LLVMValueRef v = pc_value(j, target);
	home_set(j, JIT_HOME_DPC(j), v);
	home_set(j, JIT_HOME_DPEN(j), LLVMConstInt(j->i32, 1, 0));
	add_target(j->dtargets, &j->ndtargets, &j->dindirect, v);
	if (j->level == 0 && LLVMIsAConstantInt(v))
		j->duncond = 1;
}

/* An illegal-instruction trap (register index out of range). */
static void illegal(jit_em *j)
{
	LLVMValueRef a[3] = {jit_addr(j, j->cpu), LLVMConstInt(j->i32, RT_EXC_ILLEGAL_INSN, 0),
	                     LLVMConstInt(j->i64, 0, 0)};
	LLVMTypeRef p[3] = {j->ptr, j->i32, j->i64};
	LLVMTypeRef t = LLVMFunctionType(j->i32, p, 3, 0);
	jit_store_pc(j);
	jit_call(j, t, (const void *)rt_fault, a, 3, 1);
	LLVMBuildBr(j->b, j->trap_bb);
	jit_dead(j);
}

/* Value of register k of a file (hard-wired and alias rules applied). */
static LLVMValueRef reg_const(jit_em *j, int slot, int hw, uint64_t hwv, int al, LLVMValueRef alv,
                              unsigned k, int w)
{
	if (al >= 0 && k == (unsigned)al && alv)
		return jit_as(j, alv, w);
	if (hw >= 0 && k == (unsigned)hw)
		return jit_k(j, w, hwv, 0);
	return jit_as(j, home_get(j, (unsigned)slot + k), w);
}

/* Bring a register index into range: masked for a power-of-two file, an
 * illegal instruction when past a file of another size. */
static LLVMValueRef reg_index(jit_em *j, int count, LLVMValueRef ix)
{
	ix = jit_as(j, ix, 64);
	if ((count & (count - 1)) == 0)
		return LLVMBuildAnd(j->b, ix, LLVMConstInt(j->i64, (uint64_t)count - 1, 0), "");
	jit_cond c;
	if (jit_if(j, &c,
	           LLVMBuildICmp(j->b, LLVMIntUGE, ix, LLVMConstInt(j->i64, (uint64_t)count, 0),
	                         "")))
		illegal(j);
	jit_endif(j, &c);
	return ix;
}

/* Read a register. */
LLVMValueRef jit_reg_get(jit_em *j, int slot, int count, int hw, uint64_t hwv, int al,
                         LLVMValueRef alv, LLVMValueRef ix, int w)
{
	if (!ix)
		return jit_as(j, home_get(j, (unsigned)slot), w);
	ix = jit_as(j, ix, 64);
	if (LLVMIsAConstantInt(ix)) {
		uint64_t k = LLVMConstIntGetZExtValue(ix);
		if (k < (uint64_t)count)
			return reg_const(j, slot, hw, hwv, al, alv, (unsigned)k, w);
		if ((count & (count - 1)) == 0)
			return reg_const(j, slot, hw, hwv, al, alv,
			                 (unsigned)(k & (unsigned)(count - 1)), w);
		illegal(j);
		return jit_k(j, w, 0, 0);
	}
	ix = reg_index(j, count, ix);
	LLVMValueRef v = jit_k(j, w, 0, 0);
	for (int k = count - 1; k >= 0; k--) {
		LLVMValueRef is = LLVMBuildICmp(j->b, LLVMIntEQ, ix,
		                                LLVMConstInt(j->i64, (uint64_t)k, 0), "");
		v = LLVMBuildSelect(j->b, is, reg_const(j, slot, hw, hwv, al, alv, (unsigned)k, w),
		                    v, "");
	}
	return v;
}

/* Write a register. */
void jit_reg_set(jit_em *j, int slot, int count, int hw, int al, LLVMValueRef ix, LLVMValueRef v)
{
	v = jit_as(j, v, 64);
	if (!ix) {
		home_set(j, (unsigned)slot, v);
		return;
	}
	ix = jit_as(j, ix, 64);
	if (LLVMIsAConstantInt(ix)) {
		uint64_t k = LLVMConstIntGetZExtValue(ix);
		if (k >= (uint64_t)count && (count & (count - 1)) == 0)
			k &= (uint64_t)count - 1;
		if (al >= 0 && k == (uint64_t)al)
			jit_jump(j, v);
		else if (k < (uint64_t)count && !(hw >= 0 && k == (uint64_t)hw))
			home_set(j, (unsigned)slot + (unsigned)k, v);
		return;
	}
	ix = reg_index(j, count, ix);
	for (int k = 0; k < count; k++) {
		if (hw >= 0 && k == hw)
			continue;
		LLVMValueRef is = LLVMBuildICmp(j->b, LLVMIntEQ, ix,
		                                LLVMConstInt(j->i64, (uint64_t)k, 0), "");
		if (al >= 0 && k == al) {
			jit_cond c;
			if (jit_if(j, &c, is))
				jit_jump(j, v);
			jit_endif(j, &c);
			continue;
		}
		unsigned h = (unsigned)slot + (unsigned)k;
		home_set(j, h, LLVMBuildSelect(j->b, is, v, home_get(j, h), ""));
	}
}

/* ---- calls ------------------------------------------------------------- */

/* Store pc, npc and the retired count into the vCPU before a call. */
void jit_store_pc(jit_em *j)
{
	LLVMBuildStore(j->b, LLVMConstInt(j->i64, j->pc, 0), jit_addr(j, &j->cpu->pc));
	LLVMBuildStore(j->b, LLVMBuildLoad2(j->b, j->i64, j->npc, ""), jit_addr(j, &j->cpu->npc));
	LLVMValueRef n =
	        LLVMBuildAdd(j->b, j->base_insns, LLVMBuildLoad2(j->b, j->i64, j->icount, ""), "");
	LLVMBuildStore(j->b, n, jit_addr(j, &j->cpu->insns));
}

/* Call a host function; record it as a point where state is synced. */
LLVMValueRef jit_call(jit_em *j, LLVMTypeRef ty, const void *fn, LLVMValueRef *args, int n,
                      int sync)
{
	LLVMValueRef f =
	        LLVMConstIntToPtr(LLVMConstInt(j->i64, (uint64_t)(uintptr_t)fn, 0), j->ptr);
	LLVMValueRef call = LLVMBuildCall2(j->b, ty, f, args, (unsigned)n, "");
	if (sync)
		jit_site(j, call, sync == 2);
	return call;
}

/* Leave through the trap exit when cond holds. */
void jit_trap_if(jit_em *j, LLVMValueRef cond)
{
	LLVMBasicBlockRef ok = LLVMAppendBasicBlockInContext(j->cx, j->fn, "");
	LLVMBuildCondBr(j->b, cond, j->trap_bb, ok);
	LLVMPositionBuilderAtEnd(j->b, ok);
}

/* Did the call (returning i32) report a trap? */
static LLVMValueRef nonzero(jit_em *j, LLVMValueRef v)
{
	return LLVMBuildICmp(j->b, LLVMIntNE, v, LLVMConstNull(LLVMTypeOf(v)), "");
}

/* Call a helper of the description. */
LLVMValueRef jit_helper(jit_em *j, void *fn, const char *name, int retw, int n, LLVMValueRef *args)
{
	(void)name;
	LLVMTypeRef *p = calloc((size_t)n + 1, sizeof *p);
	LLVMValueRef *a = calloc((size_t)n + 1, sizeof *a);
	if (!p || !a) {
		free(p);
		free(a);
		j->oom = 1;
		return retw ? jit_k(j, retw, 0, 0) : NULL;
	}
	p[0] = j->ptr;
	a[0] = jit_addr(j, j->cpu);
	for (int i = 0; i < n; i++) {
		p[i + 1] = j->i64;
		a[i + 1] = jit_as(j, args[i], 64);
	}
	LLVMTypeRef t = LLVMFunctionType(retw ? j->i64 : LLVMVoidTypeInContext(j->cx), p,
	                                 (unsigned)n + 1, 0);
	LLVMBuildStore(j->b, LLVMConstInt(j->i32, 0, 0), jit_addr(j, &j->cpu->trapped));
	jit_store_pc(j);
	j->effects = 1;
	LLVMValueRef r = jit_call(j, t, fn, a, n + 1, 2);
	free(p);
	free(a);
	/* the run loop looks at stop, interrupts and timers after a helper */
	LLVMBuildStore(j->b, LLVMConstInt(j->i32, 1, 0), jit_addr(j, (const void *)&j->cpu->check));
	/* a helper may redirect the next pc (exception return) */
	LLVMBuildStore(j->b, LLVMBuildLoad2(j->b, j->i64, jit_addr(j, &j->cpu->npc), ""), j->npc);
	j->indirect = 1;
	j->helper = 1;
	jit_trap_if(j, nonzero(j, LLVMBuildLoad2(j->b, j->i32, jit_addr(j, &j->cpu->trapped), "")));
	return retw ? jit_as(j, r, retw) : NULL;
}

/* raise(cause, tval). */
void jit_raise(jit_em *j, LLVMValueRef cause, LLVMValueRef tval)
{
	LLVMValueRef a[3] = {jit_addr(j, j->cpu), jit_as(j, cause, 64), jit_as(j, tval, 64)};
	LLVMTypeRef p[3] = {j->ptr, j->i64, j->i64};
	jit_store_pc(j);
	jit_call(j, LLVMFunctionType(j->i32, p, 3, 0), (const void *)rt_raise, a, 3, 1);
	LLVMBuildBr(j->b, j->trap_bb);
	jit_dead(j);
}

/* ---- memory ------------------------------------------------------------ */

/* Offset of [addr, addr + bytes) in RAM and whether it lies wholly there. */
static LLVMValueRef ram_off(jit_em *j, LLVMValueRef addr, int bytes, LLVMValueRef *in)
{
	const rt_cpu *c = j->cpu;
	LLVMValueRef off = LLVMBuildSub(j->b, addr, LLVMConstInt(j->i64, c->ram_base, 0), "");
	uint64_t lim = c->ram_size >= (uint64_t)bytes ? c->ram_size - (uint64_t)bytes : 0;
	*in = LLVMBuildICmp(j->b, LLVMIntULE, off, LLVMConstInt(j->i64, lim, 0), "");
	if (c->ram_size < (uint64_t)bytes)
		*in = LLVMConstInt(j->i1, 0, 0);
	return off;
}

/* The host address of RAM offset off. */
static LLVMValueRef ram_ptr(jit_em *j, LLVMValueRef off)
{
	return LLVMBuildGEP2(j->b, j->i8, jit_addr(j, j->cpu->ram), &off, 1, "");
}

/* Swap v's bytes when the guest's byte order is not the host's. */
static LLVMValueRef order(jit_em *j, LLVMValueRef v, int bytes)
{
	if (!j->cpu->swap || bytes == 1)
		return v;
	LLVMTypeRef t = LLVMTypeOf(v);
	unsigned id = LLVMLookupIntrinsicID("llvm.bswap", 10);
	LLVMValueRef f = LLVMGetIntrinsicDeclaration(j->mod, id, &t, 1);
	return LLVMBuildCall2(j->b, LLVMIntrinsicGetType(j->cx, id, &t, 1), f, &v, 1, "");
}

/* The else part of an access's RAM test (c): 1 when the instruction has
 * changed state already and must finish through the slow path there; else
 * (0) the region leaves before the instruction, and the interpreter runs
 * it (MMIO, a fault, a store into code). */
static int slow_path(jit_em *j, jit_cond *c)
{
	if (!jit_else(j, c))
		return 0;
	if (j->effects)
		return 1;
	jit_exit(j, LLVMConstInt(j->i64, j->pc, 0));
	jit_dead(j);
	return 0;
}

/* rt_load for compiled code: 0 done, 1 trapped, 2 done but the access
 * asks the run loop to look (a device raised an interrupt, or stopped the
 * machine): the region ends after this instruction. */
static int load_slow(rt_cpu *cpu, uint64_t addr, unsigned bytes, uint64_t *val)
{
	if (rt_load(cpu, addr, bytes, val))
		return 1;
	return cpu->check ? 2 : 0;
}

/* Note a slow access's answer r: trap on 1, leave after the instruction
 * on 2. */
static void slow_done(jit_em *j, LLVMValueRef r)
{
	jit_trap_if(j, LLVMBuildICmp(j->b, LLVMIntEQ, r, LLVMConstInt(j->i32, 1, 0), ""));
	LLVMValueRef leave = LLVMBuildICmp(j->b, LLVMIntEQ, r, LLVMConstInt(j->i32, 2, 0), "");
	LLVMValueRef prev = LLVMBuildLoad2(j->b, j->i1, j->stop_after, "");
	LLVMBuildStore(j->b, LLVMBuildOr(j->b, prev, leave, ""), j->stop_after);
}

/* Load `bytes` at addr: RAM inline, everything else through load_slow. */
LLVMValueRef jit_load(jit_em *j, LLVMValueRef addr, int bytes)
{
	LLVMTypeRef t = jit_ty(j, 8 * bytes);
	LLVMValueRef in, off = ram_off(j, jit_as(j, addr, 64), bytes, &in);
	LLVMValueRef res = LLVMBuildAlloca(j->eb, t, "");
	jit_cond c;
	if (jit_if(j, &c, in)) {
		LLVMValueRef v = LLVMBuildLoad2(j->b, t, ram_ptr(j, off), "");
		LLVMSetAlignment(v, 1);
		LLVMBuildStore(j->b, order(j, v, bytes), res);
	}
	if (slow_path(j, &c)) {
		LLVMValueRef tmp = LLVMBuildAlloca(j->eb, j->i64, "");
		LLVMValueRef a[4] = {jit_addr(j, j->cpu), jit_as(j, addr, 64),
		                     LLVMConstInt(j->i32, (unsigned)bytes, 0), tmp};
		LLVMTypeRef p[4] = {j->ptr, j->i64, j->i32, j->ptr};
		jit_store_pc(j);
		LLVMValueRef r = jit_call(j, LLVMFunctionType(j->i32, p, 4, 0),
		                          (const void *)load_slow, a, 4, 1);
		slow_done(j, r);
		LLVMBuildStore(j->b, jit_as(j, LLVMBuildLoad2(j->b, j->i64, tmp, ""), 8 * bytes),
		               res);
	}
	jit_endif(j, &c);
	return LLVMBuildLoad2(j->b, t, res, "");
}

/* rt_store for compiled code: 0 done, 1 trapped, 2 done but it wrote
 * translated code (the region must end after this instruction). */
static int store_slow(rt_cpu *cpu, uint64_t addr, unsigned bytes, uint64_t val)
{
	uint64_t before = cpu->code_writes;
	if (rt_st(cpu, addr, bytes, val))
		return 1;
	return cpu->code_writes != before || cpu->check ? 2 : 0;
}

/* Store the low `bytes` of v at addr: RAM without translated code inline,
 * everything else through store_slow. */
void jit_store(jit_em *j, LLVMValueRef addr, int bytes, LLVMValueRef v)
{
	LLVMBuilderRef B = j->b;
	LLVMTypeRef t = jit_ty(j, 8 * bytes);
	addr = jit_as(j, addr, 64);
	v = jit_as(j, v, 8 * bytes);
	LLVMValueRef in, off = ram_off(j, addr, bytes, &in);
	/* code lines: one 16-bit load covers cpu->code_map[off >> 6] and the
	 * next line (where a store may end); a store next to code only takes
	 * the slow path (the code map has a spare byte at its end) */
	LLVMValueRef cm = jit_addr(j, j->cpu->code_map);
	LLVMValueRef safe = LLVMBuildSelect(B, in, off, LLVMConstInt(j->i64, 0, 0), "");
	LLVMValueRef l0 = LLVMBuildLShr(B, safe, LLVMConstInt(j->i64, RT_CODE_LINE_SHIFT, 0), "");
	LLVMValueRef c2 = LLVMBuildLoad2(B, LLVMInt16TypeInContext(j->cx),
	                                 LLVMBuildGEP2(B, j->i8, cm, &l0, 1, ""), "");
	LLVMSetAlignment(c2, 1);
	LLVMValueRef code = nonzero(j, c2);
	LLVMValueRef fast = LLVMBuildAnd(B, in, LLVMBuildNot(B, code, ""), "");
	jit_cond c;
	if (jit_if(j, &c, fast)) {
		LLVMValueRef s = LLVMBuildStore(j->b, order(j, v, bytes), ram_ptr(j, off));
		LLVMSetAlignment(s, 1);
	}
	if (slow_path(j, &c)) {
		LLVMValueRef a[4] = {jit_addr(j, j->cpu), addr,
		                     LLVMConstInt(j->i32, (unsigned)bytes, 0), jit_as(j, v, 64)};
		LLVMTypeRef p[4] = {j->ptr, j->i64, j->i32, j->i64};
		jit_store_pc(j);
		LLVMValueRef r = jit_call(j, LLVMFunctionType(j->i32, p, 4, 0),
		                          (const void *)store_slow, a, 4, 1);
		slow_done(j, r);
	}
	jit_endif(j, &c);
	j->effects = 1;
	(void)t;
}
