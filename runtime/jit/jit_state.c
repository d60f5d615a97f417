/* jit_state.c: guest state, memory, jumps, helpers and traps for generated
 * emitters (jit_emit.h). Registers live in allocas; the ones the region
 * writes are stored back to the vCPU before any call that may look at them
 * (jit_call with sync), at the region's exits, and never after a trap (the
 * trap hook has already seen the exact state and redirected the vCPU). A
 * memory access that is not plain RAM, met before its instruction changed
 * any state, leaves the region at that instruction, for the interpreter. */
#include <limits.h>
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

static void windows_drop(jit_em *j, int level, LLVMValueRef key);

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
	windows_drop(j, INT_MAX, j->home[k]); /* a base read from it changed */
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

/* Before its instruction changed any state, leave the region at the
 * instruction, for the interpreter to run it (a trap, MMIO, a fault): an
 * exit costs less than a call with the whole state stored before it. 1 if
 * it did. */
static int side_exit(jit_em *j)
{
	if (j->effects)
		return 0;
	jit_exit(j, LLVMConstInt(j->i64, j->pc, 0));
	jit_dead(j);
	return 1;
}

/* An illegal-instruction trap (register index out of range). */
static void illegal(jit_em *j)
{
	if (side_exit(j))
		return;
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
	/* RAM and the code map do not change under a region (code is marked
	 * at run-loop boundaries); registers reloaded after a call do */
	if (sync == 2)
		jit_windows_close(j, 0);
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
	if (side_exit(j))
		return;
	LLVMValueRef a[3] = {jit_addr(j, j->cpu), jit_as(j, cause, 64), jit_as(j, tval, 64)};
	LLVMTypeRef p[3] = {j->ptr, j->i64, j->i64};
	jit_store_pc(j);
	jit_call(j, LLVMFunctionType(j->i32, p, 3, 0), (const void *)rt_raise, a, 3, 1);
	LLVMBuildBr(j->b, j->trap_bb);
	jit_dead(j);
}

/* ---- memory ------------------------------------------------------------ */

/* Widest span of a window without the code-map test; with it, the two
 * code lines one 16-bit load of the map covers hold any 64 bytes from
 * the window's start. */
#define WINDOW_SPAN      1024
#define WINDOW_SPAN_CODE 64

/* Close the windows opened at conditional depth level or deeper, and
 * those whose base is key (non-NULL). */
static void windows_drop(jit_em *j, int level, LLVMValueRef key)
{
	int n = 0;
	for (int i = 0; i < j->nwin; i++)
		if (j->win[i].level < level && (!key || j->win[i].key != key))
			j->win[n++] = j->win[i];
	j->nwin = n;
}

void jit_windows_close(jit_em *j, int level)
{
	windows_drop(j, level, NULL);
}

/* Split a 64-bit address into base + *c (the sum in the base's width,
 * 32 or 64 bits); NULL when the base is a constant or of another width. */
static LLVMValueRef addr_split(LLVMValueRef a, int64_t *c)
{
	*c = 0;
	if (LLVMIsAZExtInst(a))
		a = LLVMGetOperand(a, 0);
	while (LLVMIsAInstruction(a) && LLVMGetInstructionOpcode(a) == LLVMAdd &&
	       LLVMIsAConstantInt(LLVMGetOperand(a, 1)) && *c > -(1ll << 30) && *c < 1ll << 30) {
		*c += LLVMConstIntGetSExtValue(LLVMGetOperand(a, 1));
		a = LLVMGetOperand(a, 0);
	}
	int w = jit_width(a);
	if (LLVMIsAConstant(a) || (w != 32 && w != 64) || *c <= -(1ll << 30) || *c >= 1ll << 30)
		return NULL;
	return a;
}

/* What identifies base b while the run is built: the home it was loaded
 * from (each read of a register is a load of its own), else itself. */
static LLVMValueRef base_key(jit_em *j, LLVMValueRef b)
{
	LLVMValueRef x = LLVMIsATruncInst(b) ? LLVMGetOperand(b, 0) : b;
	if (LLVMIsALoadInst(x)) {
		LLVMValueRef p = LLVMGetOperand(x, 0);
		for (unsigned k = 0; k < j->nhome; k++)
			if (j->home[k] == p)
				return p;
	}
	return b;
}

/* Constant v in t's width. */
static LLVMValueRef konst(LLVMTypeRef t, uint64_t v)
{
	unsigned w = LLVMGetIntTypeWidth(t);
	return LLVMConstInt(t, w < 64 ? v & ((1ull << w) - 1) : v, 0);
}

/* Widen an open window to cover [c, c + bytes) from base key (type ty):
 * 1 when one could, 0 when the access needs a test of its own. */
static int window_cover(jit_em *j, LLVMValueRef key, LLVMTypeRef ty, int64_t c, int bytes,
                        int store)
{
	const rt_cpu *cpu = j->cpu;
	for (int i = 0; i < j->nwin; i++) {
		jit_window *w = &j->win[i];
		if (w->key != key || w->ty != ty || (store && !w->code))
			continue;
		int64_t lo = c < w->lo ? c : w->lo, hi = c + bytes > w->hi ? c + bytes : w->hi;
		if (hi - lo > (w->code ? WINDOW_SPAN_CODE : WINDOW_SPAN))
			continue;
		LLVMSetOperand(w->add, 1, konst(ty, (uint64_t)lo - cpu->ram_base));
		LLVMSetOperand(w->cmp, 1, konst(ty, cpu->ram_size - (uint64_t)(hi - lo)));
		w->lo = lo;
		w->hi = hi;
		return 1;
	}
	return 0;
}

/* The test that [addr, addr + bytes) (64-bit addr) is plain RAM (for a
 * store: without translated code), and in *off addr's RAM offset: NULL
 * when an open window covers the access; else the test, and *w the window
 * it may open (key NULL: none). */
static LLVMValueRef ram_test(jit_em *j, LLVMValueRef addr, LLVMValueRef *off, int bytes, int store,
                             jit_window *w)
{
	const rt_cpu *cpu = j->cpu;
	LLVMBuilderRef B = j->b;
	*off = LLVMBuildSub(B, addr, LLVMConstInt(j->i64, cpu->ram_base, 0), "");
	int64_t c;
	LLVMValueRef base = addr_split(addr, &c), in, line = *off;
	w->key = NULL;
	if (cpu->ram_size < WINDOW_SPAN ||
	    (base && jit_width(base) == 32 && cpu->ram_base + cpu->ram_size > 1ull << 32))
		base = NULL;
	if (base) {
		LLVMValueRef key = base_key(j, base);
		LLVMTypeRef ty = LLVMTypeOf(base);
		if (window_cover(j, key, ty, c, bytes, store))
			return NULL;
		LLVMValueRef sum =
		        LLVMBuildAdd(B, base, konst(ty, (uint64_t)c - cpu->ram_base), "");
		in = LLVMBuildICmp(B, LLVMIntULE, sum, konst(ty, cpu->ram_size - (uint64_t)bytes),
		                   "");
		*w = (jit_window){key, ty, sum, in, c, c + bytes, store, j->level};
		line = jit_as(j, sum, 64);
	} else {
		uint64_t lim =
		        cpu->ram_size >= (uint64_t)bytes ? cpu->ram_size - (uint64_t)bytes : 0;
		in = LLVMBuildICmp(B, LLVMIntULE, *off, LLVMConstInt(j->i64, lim, 0), "");
		if (cpu->ram_size < (uint64_t)bytes)
			in = LLVMConstInt(j->i1, 0, 0);
	}
	if (!store)
		return in;
	/* code lines: one 16-bit load covers cpu->code_map[line >> 6] and the
	 * next line (where a store may end); a store next to code only takes
	 * the slow path (the code map has a spare byte at its end) */
	LLVMValueRef cm = jit_addr(j, cpu->code_map);
	LLVMValueRef safe = LLVMBuildSelect(B, in, line, LLVMConstInt(j->i64, 0, 0), "");
	LLVMValueRef l0 = LLVMBuildLShr(B, safe, LLVMConstInt(j->i64, RT_CODE_LINE_SHIFT, 0), "");
	LLVMValueRef c2 = LLVMBuildLoad2(B, LLVMInt16TypeInContext(j->cx),
	                                 LLVMBuildGEP2(B, j->i8, cm, &l0, 1, ""), "");
	LLVMSetAlignment(c2, 1);
	return LLVMBuildAnd(B, in, LLVMBuildNot(B, nonzero(j, c2), ""), "");
}

/* Keep window w open once its access's test (c) has been built, if the
 * test's else leaves the region: later accesses it covers need none. */
static void window_open(jit_em *j, const jit_window *w, const jit_cond *c, int side)
{
	if (!w->key || c->mode != 2 || !side)
		return;
	if (j->nwin == JIT_WINDOWS) { /* the oldest goes */
		memmove(&j->win[0], &j->win[1], (JIT_WINDOWS - 1) * sizeof j->win[0]);
		j->nwin--;
	}
	j->win[j->nwin++] = *w;
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
	return jit_else(j, c) && !side_exit(j);
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

/* Load `bytes` at RAM offset off. */
static LLVMValueRef ram_load(jit_em *j, LLVMValueRef off, int bytes)
{
	LLVMValueRef v = LLVMBuildLoad2(j->b, jit_ty(j, 8 * bytes), ram_ptr(j, off), "");
	LLVMSetAlignment(v, 1);
	return order(j, v, bytes);
}

/* Load `bytes` at addr: RAM inline, everything else through load_slow. */
LLVMValueRef jit_load(jit_em *j, LLVMValueRef addr, int bytes)
{
	LLVMTypeRef t = jit_ty(j, 8 * bytes);
	addr = jit_as(j, addr, 64);
	LLVMValueRef off;
	jit_window w;
	LLVMValueRef in = ram_test(j, addr, &off, bytes, 0, &w);
	if (!in)
		return ram_load(j, off, bytes);
	LLVMValueRef res = LLVMBuildAlloca(j->eb, t, "");
	int side = !j->effects;
	jit_cond c;
	if (jit_if(j, &c, in))
		LLVMBuildStore(j->b, ram_load(j, off, bytes), res);
	if (slow_path(j, &c)) {
		LLVMValueRef tmp = LLVMBuildAlloca(j->eb, j->i64, "");
		LLVMValueRef a[4] = {jit_addr(j, j->cpu), addr,
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
	window_open(j, &w, &c, side);
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

/* Store the low `bytes` of v at RAM offset off. */
static void ram_store(jit_em *j, LLVMValueRef off, int bytes, LLVMValueRef v)
{
	LLVMValueRef s = LLVMBuildStore(j->b, order(j, v, bytes), ram_ptr(j, off));
	LLVMSetAlignment(s, 1);
}

/* Store the low `bytes` of v at addr: RAM without translated code inline,
 * everything else through store_slow. */
void jit_store(jit_em *j, LLVMValueRef addr, int bytes, LLVMValueRef v)
{
	addr = jit_as(j, addr, 64);
	v = jit_as(j, v, 8 * bytes);
	LLVMValueRef off;
	jit_window w;
	LLVMValueRef fast = ram_test(j, addr, &off, bytes, 1, &w);
	if (!fast) {
		ram_store(j, off, bytes, v);
		j->effects = 1;
		return;
	}
	int side = !j->effects;
	jit_cond c;
	if (jit_if(j, &c, fast))
		ram_store(j, off, bytes, v);
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
	window_open(j, &w, &c, side);
	j->effects = 1;
}
