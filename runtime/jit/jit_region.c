/* jit_region.c: the LLVM tier's compiler. A region is the guest code
 * reachable from one pc through fall-through and constant jump targets (up
 * to JIT_REGION_INSNS instructions), built as one LLVM function
 *     int region(uint64_t soft, uint64_t hard)
 * from the generated emitters, optimized, and compiled by ORC LLJIT.
 * Every straight-line run it holds is an entry (the third argument, a
 * guest pc, selects it), so a loop entered at any of its blocks runs the
 * same code. It returns 0 with cpu->pc = cpu->npc = where to go on, or 1 after a trap
 * (cpu->npc = the handler); cpu->insns counts what it retired. Before each
 * straight-line run it leaves if the run would pass `hard` instructions
 * (so --max-insns lands exactly) or `soft` have been retired (so the run
 * loop takes interrupts and timers in time). */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "jit.h"
#include "jit_priv.h"
#include "mk.h"
#include "rt_mem.h"

/* Most guest instructions in one region. */
#define JIT_REGION_INSNS region_insns()

/* The region size limit (MORPH_JIT_INSNS overrides 64, for measurements). */
static int region_insns(void)
{
	static int n;
	if (!n) {
		const char *e = mk_env("MORPH_JIT_INSNS");
		n = e && atoi(e) > 0 ? atoi(e) : 64;
	}
	return n;
}

/* A guest pc's block in the region being built. A block that may run as
 * a delay slot (reached by falling into the slot of a delayed branch, or
 * the region's entry) is kept apart from one that cannot: its instruction
 * ends with the delayed jump's dispatch. */
typedef struct pcblock {
	uint64_t pc;
	LLVMBasicBlockRef bb;
	int slot;
	uint64_t dt[JIT_MAX_TARGETS]; /* slot: constant targets of the delayed
	                                 jumps that lead into it */
	int ndt;
	int loop;           /* a loop head: every cycle in the region passes
	                       one (finish_checks) */
	LLVMValueRef check; /* where its budget check goes if it is a loop head
	                       (a branch to its code), NULL: not built */
	uint8_t *wrote_end; /* homes it writes (NULL: none, or not built) */
	int ret;            /* it follows an unconditional jump (a call's
	                       return point): indirect jumps look for it */
	int duncond;        /* slot: of an unconditional delayed jump */
	int dind;           /* slot: of an indirect delayed jump */
} pcblock;

/* An indirect jump's dispatch: the switch on its target, to which the
 * region's return points are added when all are known. */
typedef struct ijump {
	LLVMValueRef sw;
	int blk;
	uint64_t t[2 * JIT_MAX_TARGETS + 1]; /* its cases so far */
	int n;
} ijump;

/* The block the exits of a run towards `to` share (build_stores). */
typedef struct shared_exit_bb {
	int run;
	LLVMBasicBlockRef to, bb;
} shared_exit_bb;

/* ---- building ---------------------------------------------------------- */

typedef struct region {
	jit_em j;
	const jit_guest *jg;
	pcblock *blocks;
	int nblocks, capblocks;
	shared_exit_bb *shared; /* blocks shared by a run's exits */
	LLVMValueRef limit;     /* where loop heads stop (budget_check), or NULL */
	int nshared, capshared;
	int *queue;    /* indices into blocks, in building order */
	uint8_t *back; /* queue[i] is a backward target moved up */
	int nqueue;
	int qi;     /* the queue entry being built */
	int cur;    /* the block being built */
	int *edges; /* pairs (from, to) of block indices */
	int nedges, capedges;
	ijump *ij; /* indirect jumps */
	int nij, capij;
	const uint64_t *lead; /* pcs where blocks start (found by a first pass) */
	int nlead;
	int ninsns;
	uint64_t lo, hi; /* RAM offsets covered */
	jit_code *code;  /* the instructions built */
	int capcode;
} region;

/* Note a branch from the block being built to block `to`. */
static void add_edge(region *r, int to)
{
	if (r->cur < 0)
		return;
	if (r->nedges == r->capedges) {
		int cap = r->capedges ? 2 * r->capedges : 64;
		int *e = realloc(r->edges, (size_t)cap * 2 * sizeof *e);
		if (!e) {
			r->j.oom = 1;
			return;
		}
		r->edges = e;
		r->capedges = cap;
	}
	r->edges[2 * r->nedges] = r->cur;
	r->edges[2 * r->nedges + 1] = to;
	r->nedges++;
}

/* The block of pc (slot: it may run as a delay slot), made on first use:
 * queued for building, or (queue 0) an exit to pc. */
static LLVMBasicBlockRef block_for(region *r, uint64_t pc, int queue, int slot)
{
	for (int i = 0; i < r->nblocks; i++)
		if (r->blocks[i].pc == pc && r->blocks[i].slot == slot) {
			add_edge(r, i);
			return r->blocks[i].bb;
		}
	if (r->nblocks == r->capblocks) {
		int cap = r->capblocks ? 2 * r->capblocks : 32;
		pcblock *b = realloc(r->blocks, (size_t)cap * sizeof *b);
		if (b)
			r->blocks = b;
		int *q = realloc(r->queue, (size_t)cap * sizeof *q);
		if (q)
			r->queue = q;
		uint8_t *bk = realloc(r->back, (size_t)cap);
		if (bk)
			r->back = bk;
		if (!b || !q || !bk) {
			r->j.oom = 1;
			return NULL;
		}
		r->capblocks = cap;
	}
	LLVMBasicBlockRef bb = LLVMAppendBasicBlockInContext(r->j.cx, r->j.fn, "");
	r->blocks[r->nblocks] = (pcblock){.pc = pc, .bb = bb, .slot = slot};
	if (queue) {
		add_edge(r, r->nblocks);
		/* a jump backwards (a loop) is built next, before the code
		 * after the loop takes the room */
		int at = r->nqueue;
		if (r->cur >= 0 && pc <= r->blocks[r->cur].pc && r->nqueue > 0)
			for (at = r->qi + 1; at < r->nqueue && r->back[at]; at++)
				;
		memmove(&r->queue[at + 1], &r->queue[at],
		        (size_t)(r->nqueue - at) * sizeof *r->queue);
		memmove(&r->back[at + 1], &r->back[at], (size_t)(r->nqueue - at) * sizeof *r->back);
		r->queue[at] = r->nblocks++;
		r->back[at] = at != r->nqueue;
		r->nqueue++;
		return bb;
	}
	add_edge(r, r->nblocks);
	/* an exit to pc: a block of its own that writes nothing */
	int blk = r->j.blk;
	uint8_t *wrote = r->j.wrote;
	r->j.blk = r->nblocks++;
	r->j.wrote = NULL;
	LLVMBasicBlockRef here = LLVMGetInsertBlock(r->j.b);
	LLVMPositionBuilderAtEnd(r->j.b, bb);
	jit_chain(&r->j, LLVMConstInt(r->j.i64, pc, 0));
	LLVMPositionBuilderAtEnd(r->j.b, here);
	r->j.blk = blk;
	r->j.wrote = wrote;
	return bb;
}

/* Leave the region normally, continuing at pc (storing the state it
 * changed, when in a block of the region). */
void jit_exit(jit_em *j, LLVMValueRef pc)
{
	LLVMBuildStore(j->b, pc, j->exit_pc);
	LLVMValueRef br = LLVMBuildBr(j->b, j->exit_bb);
	if (j->blk >= 0)
		jit_site(j, br, 0);
}

/* Continue at pc through the jump cache (the region's one chained exit,
 * built last by build_chain), or leave. */
void jit_chain(jit_em *j, LLVMValueRef pc)
{
	if (!j->jc) {
		jit_exit(j, pc);
		return;
	}
	if (!j->chain_bb)
		j->chain_bb = LLVMAppendBasicBlockInContext(j->cx, j->fn, "chain");
	LLVMBuildStore(j->b, pc, j->chain_pc);
	LLVMValueRef br = LLVMBuildBr(j->b, j->chain_bb);
	if (j->blk >= 0)
		jit_site(j, br, 0);
}

/* The chained exit: a tail call of the region the jump cache holds for
 * chain_pc, with the budgets less what this one retired, when the cache
 * has one and `soft` allows; else the normal exit. */
static void build_chain(jit_em *j)
{
	if (!j->chain_bb)
		return;
	LLVMBuilderRef B = j->b;
	LLVMPositionBuilderAtEnd(B, j->chain_bb);
	LLVMValueRef pc = LLVMBuildLoad2(B, j->i64, j->chain_pc, "");
	unsigned sh = (unsigned)__builtin_ctz(j->g->parcel_bytes);
	LLVMValueRef ix = LLVMBuildXor(
	        B, LLVMBuildLShr(B, pc, LLVMConstInt(j->i64, sh, 0), ""),
	        LLVMBuildLShr(B, pc, LLVMConstInt(j->i64, sh + JIT_JC_BITS, 0), ""), "");
	ix = LLVMBuildAnd(B, ix, LLVMConstInt(j->i64, JIT_JC_SIZE - 1, 0), "");
	LLVMValueRef off = LLVMBuildMul(B, ix, LLVMConstInt(j->i64, sizeof(jit_jc_entry), 0), "");
	LLVMValueRef e = LLVMBuildGEP2(B, j->i8, jit_addr(j, j->jc), &off, 1, "");
	LLVMValueRef tag = LLVMBuildLoad2(B, j->i64, e, "");
	LLVMValueRef eight = LLVMConstInt(j->i64, offsetof(jit_jc_entry, fn), 0);
	LLVMValueRef fn = LLVMBuildLoad2(B, j->ptr, LLVMBuildGEP2(B, j->i8, e, &eight, 1, ""), "");
	LLVMValueRef done = LLVMBuildLoad2(B, j->i64, j->icount, "");
	LLVMValueRef soft = LLVMGetParam(j->fn, 0), hard = LLVMGetParam(j->fn, 1);
	LLVMValueRef go = LLVMBuildAnd(B, LLVMBuildICmp(B, LLVMIntEQ, tag, pc, ""),
	                               LLVMBuildICmp(B, LLVMIntULT, done, soft, ""), "");
	if (j->delay_guest) { /* regions start outside delay slots */
		LLVMValueRef p = LLVMBuildLoad2(B, j->i32, jit_home(j, JIT_HOME_DPEN(j)), "");
		go = LLVMBuildAnd(
		        B, go, LLVMBuildICmp(B, LLVMIntEQ, p, LLVMConstInt(j->i32, 0, 0), ""), "");
	}
	LLVMBasicBlockRef yes = LLVMAppendBasicBlockInContext(j->cx, j->fn, "");
	LLVMBasicBlockRef no = LLVMAppendBasicBlockInContext(j->cx, j->fn, "");
	LLVMBuildCondBr(B, go, yes, no);
	LLVMPositionBuilderAtEnd(B, yes);
	LLVMBuildStore(B, LLVMBuildAdd(B, j->base_insns, done, ""), jit_addr(j, &j->cpu->insns));
	LLVMValueRef a[3] = {LLVMBuildSub(B, soft, done, ""), LLVMBuildSub(B, hard, done, ""), pc};
	LLVMTypeRef p[3] = {j->i64, j->i64, j->i64};
	LLVMValueRef call = LLVMBuildCall2(B, LLVMFunctionType(j->i32, p, 3, 0), fn, a, 3, "");
	LLVMSetTailCallKind(call, LLVMTailCallKindMustTail);
	LLVMBuildRet(B, call);
	LLVMPositionBuilderAtEnd(B, no);
	jit_exit(j, pc);
}

/* Fetch the instruction at pc: 0 with its word, length and decode id, or
 * -1 when it is not in RAM or does not decode (the interpreter traps). */
static int fetch(rt_cpu *cpu, uint64_t pc, uint32_t *insn, unsigned *len, int *id, uint64_t *off)
{
	const rt_guest *g = cpu->g;
	unsigned pb = g->parcel_bytes;
	if (pc & (pb - 1))
		return -1;
	uint64_t o = rt_ram_off(cpu, pc, g->max_insn_bytes);
	if (o == UINT64_MAX)
		return -1;
	unsigned n = g->insn_length(rt_parcel(cpu, o, pb));
	if (n < pb || n > 4 || n % pb)
		return -1;
	uint32_t w = rt_insn_word(cpu, o, n);
	int d = g->decode(w, n);
	if (d < 0 || (unsigned)d >= g->ninsns || !g->insns[d].exec)
		return -1;
	*insn = w;
	*len = n;
	*id = d;
	*off = o;
	return 0;
}

/* The block whose code starts at bb. */
static pcblock *block_of(region *r, LLVMBasicBlockRef bb)
{
	for (int b = 0;; b++)
		if (r->blocks[b].bb == bb)
			return &r->blocks[b];
}

/* Remember an indirect jump's dispatch sw (cases t[0..n)). */
static void note_ijump(region *r, LLVMValueRef sw, const uint64_t *t, int n)
{
	if (r->nij == r->capij) {
		int cap = r->capij ? 2 * r->capij : 8;
		ijump *p = realloc(r->ij, (size_t)cap * sizeof *p);
		if (!p) {
			r->j.oom = 1;
			return;
		}
		r->ij = p;
		r->capij = cap;
	}
	ijump *ij = &r->ij[r->nij++];
	ij->sw = sw;
	ij->blk = r->cur;
	ij->n = n;
	memcpy(ij->t, t, (size_t)n * sizeof *t);
}

/* Let every indirect jump go straight to the region's return points (a
 * return to a call made in the region stays in it), as branches of the
 * region, before the loop heads are found. */
static void link_returns(region *r)
{
	for (int i = 0; i < r->nij; i++) {
		ijump *ij = &r->ij[i];
		for (int b = 0; b < r->nblocks; b++) {
			const pcblock *pb = &r->blocks[b];
			int dup = 0;
			for (int k = 0; k < ij->n; k++)
				dup |= ij->t[k] == pb->pc;
			if (!pb->ret || !pb->check || pb->slot || dup)
				continue;
			LLVMAddCase(ij->sw, LLVMConstInt(r->j.i64, pb->pc, 0), pb->bb);
			int cur = r->cur;
			r->cur = ij->blk;
			add_edge(r, b);
			r->cur = cur;
		}
	}
}

/* Has the run loop jumped to pc (or come there from compiled code)? 1
 * without a taken map (--engine jit). */
static int was_taken(const jit_em *j, uint64_t pc)
{
	if (!j->taken)
		return 1;
	unsigned sh = (unsigned)__builtin_ctz(j->g->parcel_bytes);
	return atomic_load_explicit(&j->taken[JIT_TAKEN_HASH(pc, sh)], memory_order_relaxed) != 0;
}

/* Is there room in the region for the successor pc of this instruction,
 * and is it worth it? A jump target (or a call's return point) no branch
 * has taken yet, by the taken map, is left out. */
static int want(region *r, uint64_t pc, int slot, int delayed)
{
	jit_em *j = &r->j;
	if (r->ninsns >= JIT_REGION_INSNS)
		return 0;
	uint64_t next = j->pc + j->len;
	if (j->g->word_bits < 64)
		next &= (1ull << j->g->word_bits) - 1;
	int fall = pc == next && !delayed && !j->uncond && !(slot && j->duncond);
	return fall || was_taken(j, pc);
}

/* End an instruction: go to its successors (constant targets become blocks
 * of the region, the rest leave it). slot: it may have been a delay slot;
 * delayed: it is a delayed branch (its next instruction is a slot). */
static void successors(region *r, int slot, int delayed)
{
	jit_em *j = &r->j;
	LLVMValueRef npc = LLVMBuildLoad2(j->b, j->i64, j->npc, "");
	uint64_t next = j->pc + j->len;
	if (j->g->word_bits < 64)
		next &= (1ull << j->g->word_bits) - 1;
	if (j->helper) {
		jit_exit(j, npc);
		return;
	}
	uint64_t t[2 * JIT_MAX_TARGETS + 1];
	int n = 0;
	t[n++] = next;
	for (int i = 0; i < j->ntargets; i++)
		t[n++] = j->targets[i];
	if (slot)
		for (int i = 0; i < j->ndtargets; i++)
			t[n++] = j->dtargets[i];
	LLVMBasicBlockRef dflt = LLVMAppendBasicBlockInContext(j->cx, j->fn, "");
	LLVMValueRef sw = LLVMBuildSwitch(j->b, npc, dflt, (unsigned)n);
	for (int i = 0; i < n; i++) {
		int dup = 0;
		for (int k = 0; k < i; k++)
			dup |= t[k] == t[i];
		if (dup)
			continue;
		LLVMBasicBlockRef bb = block_for(
		        r, t[i], want(r, t[i], slot, delayed) || (delayed && t[i] == next),
		        delayed && t[i] == next);
		if (!bb)
			return;
		pcblock *pb = block_of(r, bb);
		if (t[i] == next && !delayed && (j->uncond || (slot && j->duncond)))
			pb->ret = 1;
		if (delayed && t[i] == next) { /* the slot learns where it may jump */
			for (int k = 0; k < j->ndtargets && pb->ndt < JIT_MAX_TARGETS; k++)
				pb->dt[pb->ndt++] = j->dtargets[k];
			pb->duncond |= j->duncond;
			pb->dind |= j->dindirect;
		}
		LLVMAddCase(sw, LLVMConstInt(j->i64, t[i], 0), bb);
	}
	if (j->indirect || (slot && j->dindirect))
		note_ijump(r, sw, t, n);
	LLVMPositionBuilderAtEnd(j->b, dflt);
	if (!j->indirect && !slot) {
		/* npc is one of the cases: a conditional branch becomes a branch
		 * on its condition, not a select and a switch */
		LLVMBuildUnreachable(j->b);
		return;
	}
	jit_chain(j, npc); /* an indirect jump: the jump cache is its inline cache */
}

/* Build one straight-line run from pc (the block bb; slot: its first
 * instruction may run as a delay slot). Its budget check is built only if
 * it turns out to be a loop head (see finish_checks). */
static void build_run(region *r, const pcblock *blk, int delay_guest)
{
	uint64_t pc = blk->pc;
	LLVMBasicBlockRef bb = blk->bb;
	int slot = blk->slot;
	jit_em *j = &r->j;
	rt_cpu *cpu = j->cpu;
	const jit_guest *jg = r->jg;
	LLVMPositionBuilderAtEnd(j->b, bb);
	j->blk = r->cur;
	memset(j->wrote, 0, j->nhome);
	jit_windows_close(j, 0); /* a run start may be reached from elsewhere */
	LLVMBasicBlockRef go = LLVMAppendBasicBlockInContext(j->cx, j->fn, "");
	r->blocks[r->cur].check = LLVMBuildBr(j->b, go);
	LLVMPositionBuilderAtEnd(j->b, go);
	int count = 0;
	slot = delay_guest && slot;
	r->j.ndtargets = blk->ndt;
	for (int k = 0; k < blk->ndt; k++)
		r->j.dtargets[k] = blk->dt[k];
	r->j.dindirect = slot && blk->dind;
	r->j.duncond = slot && blk->duncond;
	for (;;) {
		uint32_t insn;
		unsigned len;
		int id;
		uint64_t off;
		/* the size limit ends the region at block starts (its successors
		 * past the limit leave it); within a run only a far larger one,
		 * so that a loop is not cut in the middle, where the next region
		 * would start and be cut again */
		if (count && r->ninsns >= 2 * JIT_REGION_INSNS) {
			jit_chain(j, LLVMConstInt(j->i64, pc, 0));
			break;
		}
		if (count && fetch(cpu, pc, &insn, &len, &id, &off)) {
			jit_exit(j, LLVMConstInt(j->i64, pc, 0));
			break;
		}
		if (!count && fetch(cpu, pc, &insn, &len, &id, &off)) {
			jit_exit(j, LLVMConstInt(j->i64, pc, 0));
			break;
		}
		const rt_insn_info *ii = &cpu->g->insns[id];
		j->pc = pc;
		j->len = len;
		j->flags = ii->flags;
		j->helper = 0;
		j->effects = j->uncond = 0;
		j->ntargets = j->indirect = 0;
		if (!slot)
			j->ndtargets = j->dindirect = j->duncond = 0;
		LLVMValueRef seq = LLVMConstInt(j->i64, pc + len, 0);
		if (cpu->g->word_bits < 64)
			seq = LLVMConstInt(j->i64, (pc + len) & ((1ull << cpu->g->word_bits) - 1),
			                   0);
		LLVMBuildStore(j->b, seq, j->npc);
		/* only the first instruction of a run that may be a delay slot can
		 * run with a delayed jump pending (a run ends at a delayed branch,
		 * and a run that is no slot starts with none) */
		int pending = slot && !count;
		LLVMValueRef pend = NULL;
		if (pending)
			pend = LLVMBuildLoad2(j->b, j->i32, jit_home(j, JIT_HOME_DPEN(j)), "");
		jg->emit[id](j, insn);
		LLVMValueRef ic = LLVMBuildLoad2(j->b, j->i64, j->icount, "");
		LLVMBuildStore(j->b, LLVMBuildAdd(j->b, ic, LLVMConstInt(j->i64, 1, 0), ""),
		               j->icount);
		if (pending) { /* the jump of a delayed branch happens now */
			LLVMValueRef p =
			        LLVMBuildLoad2(j->b, j->i32, jit_home(j, JIT_HOME_DPEN(j)), "");
			LLVMValueRef z = LLVMConstInt(j->i32, 0, 0);
			LLVMValueRef take =
			        LLVMBuildAnd(j->b, LLVMBuildICmp(j->b, LLVMIntNE, pend, z, ""),
			                     LLVMBuildICmp(j->b, LLVMIntNE, p, z, ""), "");
			LLVMValueRef np = LLVMBuildSelect(j->b, take, z, p, "");
			LLVMBuildStore(j->b, np, jit_home(j, JIT_HOME_DPEN(j)));
			j->wrote[JIT_HOME_DPEN(j)] = 1;
			LLVMValueRef dpc =
			        LLVMBuildLoad2(j->b, j->i64, jit_home(j, JIT_HOME_DPC(j)), "");
			LLVMValueRef npc = LLVMBuildLoad2(j->b, j->i64, j->npc, "");
			LLVMBuildStore(j->b, LLVMBuildSelect(j->b, take, dpc, npc, ""), j->npc);
		}
		if (r->ninsns == r->capcode) {
			jit_code *c = realloc(r->code, 2 * (size_t)r->capcode * sizeof *c);
			if (!c) {
				j->oom = 1;
				jit_exit(j, LLVMConstInt(j->i64, pc, 0));
				break;
			}
			r->code = c;
			r->capcode *= 2;
		}
		r->code[r->ninsns] = (jit_code){off, insn, (uint8_t)len};
		if (off < r->lo)
			r->lo = off;
		if (off + len > r->hi)
			r->hi = off + len;
		count++;
		r->ninsns++;
		if (ii->flags & RT_INSN_MEM) { /* it wrote translated code: leave */
			LLVMValueRef s = LLVMBuildLoad2(j->b, j->i1, j->stop_after, "");
			LLVMBasicBlockRef leave = LLVMAppendBasicBlockInContext(j->cx, j->fn, "");
			LLVMBasicBlockRef stay = LLVMAppendBasicBlockInContext(j->cx, j->fn, "");
			LLVMBuildCondBr(j->b, s, leave, stay);
			LLVMPositionBuilderAtEnd(j->b, leave);
			jit_exit(j, LLVMBuildLoad2(j->b, j->i64, j->npc, ""));
			LLVMPositionBuilderAtEnd(j->b, stay);
		}
		int was_slot = slot;
		slot = delay_guest && (ii->flags & RT_INSN_DELAY);
		/* an instruction that may jump ends the run only if this encoding
		 * does (ARM: most instructions may write pc; a constant rd != pc
		 * does not) */
		int jumps = (ii->flags & RT_INSN_JUMP) && (j->ntargets || j->indirect);
		if (j->helper || jumps || (ii->flags & RT_INSN_DELAY) || was_slot || j->indirect) {
			successors(r, was_slot, slot);
			break;
		}
		pc = LLVMConstIntGetZExtValue(seq);
		/* fall through into an existing block of the region */
		int known = 0;
		for (int i = 0; i < r->nblocks; i++)
			known |= r->blocks[i].pc == pc && !r->blocks[i].slot;
		for (int i = 0; i < r->nlead; i++)
			known |= r->lead[i] == pc;
		if (known) {
			LLVMBuildBr(j->b, block_for(r, pc, 1, 0));
			break;
		}
	}
	if ((r->blocks[r->cur].wrote_end = malloc(j->nhome)) != NULL)
		memcpy(r->blocks[r->cur].wrote_end, j->wrote, j->nhome);
	else
		j->oom = 1;
	j->blk = -1;
}

/* Mark the loop heads: the targets of the back edges of a depth-first
 * search from each block (every cycle has one). */
static void mark_loops(region *r)
{
	int n = r->nblocks;
	size_t sz = (unsigned)n;
	int *state = calloc(sz, sizeof *state);      /* 0 new, 1 on stack, 2 done */
	int *stack = malloc(sz * 2 * sizeof *stack); /* (block, next edge) */
	if (!state || !stack) {
		for (int i = 0; i < n; i++) /* every block checks: still exact */
			r->blocks[i].loop = 1;
		free(state);
		free(stack);
		return;
	}
	for (int root = 0; root < n; root++) {
		if (state[root])
			continue;
		int sp = 0;
		stack[0] = root;
		stack[1] = 0;
		state[root] = 1;
		while (sp >= 0) {
			int b = stack[2 * sp], *e = &stack[2 * sp + 1];
			while (*e < r->nedges && r->edges[2 * *e] != b)
				(*e)++;
			if (*e == r->nedges) {
				state[b] = 2;
				sp--;
				continue;
			}
			int to = r->edges[2 * *e + 1];
			(*e)++;
			if (state[to] == 1)
				r->blocks[to].loop = 1;
			else if (!state[to]) {
				state[to] = 1;
				sp++;
				stack[2 * sp] = to;
				stack[2 * sp + 1] = 0;
			}
		}
	}
	free(state);
	free(stack);
}

/* With builder j->b at the end of a block: leave, continuing at pc, when
 * the region could pass `hard` before its next check (done + ninsns >
 * hard: a path between two checks passes no block twice, so it retires at
 * most ninsns instructions, and --max-insns lands exactly as the
 * interpreter runs what is left) or `soft` is used up; else go on to go.
 * Past the entry, whose check makes hard >= ninsns, that is one test:
 * done >= min(soft, hard - ninsns + 1), the limit made once in the entry
 * block. */
static void budget_check(region *r, LLVMValueRef done, LLVMValueRef pc, LLVMBasicBlockRef go)
{
	jit_em *j = &r->j;
	LLVMBuilderRef B = j->b;
	LLVMValueRef n = LLVMConstInt(j->i64, (uint64_t)(r->ninsns ? r->ninsns : 1), 0);
	LLVMValueRef soft = LLVMGetParam(j->fn, 0), hard = LLVMGetParam(j->fn, 1), over;
	if (LLVMIsAConstantInt(done)) {
		over = LLVMBuildOr(
		        B, LLVMBuildICmp(B, LLVMIntUGT, LLVMBuildAdd(B, done, n, ""), hard, ""),
		        LLVMBuildICmp(B, LLVMIntUGE, done, soft, ""), "");
	} else {
		if (!r->limit) {
			LLVMValueRef h = LLVMBuildAdd(j->eb, LLVMBuildSub(j->eb, hard, n, ""),
			                              LLVMConstInt(j->i64, 1, 0), "");
			r->limit = LLVMBuildSelect(j->eb,
			                           LLVMBuildICmp(j->eb, LLVMIntULT, h, soft, ""), h,
			                           soft, "limit");
		}
		over = LLVMBuildICmp(B, LLVMIntUGE, done, r->limit, "");
	}
	LLVMBasicBlockRef out = LLVMAppendBasicBlockInContext(j->cx, j->fn, "");
	LLVMBuildCondBr(B, over, out, go);
	LLVMPositionBuilderAtEnd(B, out);
	jit_exit(j, pc);
}

/* Build the budget checks of the loop heads (every cycle in the region
 * passes one; entry is checked in the function's entry block). An exit
 * there stores what the paths into the block wrote. */
static void finish_checks(region *r)
{
	jit_em *j = &r->j;
	mark_loops(r);
	uint8_t *wrote = j->wrote;
	j->wrote = NULL;
	for (int i = 0; i < r->nblocks; i++) {
		LLVMValueRef br = r->blocks[i].check;
		if (!br || !r->blocks[i].loop)
			continue;
		LLVMBasicBlockRef bb = LLVMGetInstructionParent(br), go = LLVMGetSuccessor(br, 0);
		LLVMInstructionEraseFromParent(br);
		LLVMPositionBuilderAtEnd(j->b, bb);
		j->blk = i;
		budget_check(r, LLVMBuildLoad2(j->b, j->i64, j->icount, ""),
		             LLVMConstInt(j->i64, r->blocks[i].pc, 0), go);
	}
	j->blk = -1;
	j->wrote = wrote;
}

/* The exits: store the state, the next pc and the retired count. */
static void build_exits(jit_em *j)
{
	build_chain(j);
	LLVMPositionBuilderAtEnd(j->b, j->exit_bb);
	LLVMValueRef pc = LLVMBuildLoad2(j->b, j->i64, j->exit_pc, "");
	LLVMBuildStore(j->b, pc, jit_addr(j, &j->cpu->pc));
	LLVMBuildStore(j->b, pc, jit_addr(j, &j->cpu->npc));
	LLVMValueRef n =
	        LLVMBuildAdd(j->b, j->base_insns, LLVMBuildLoad2(j->b, j->i64, j->icount, ""), "");
	LLVMBuildStore(j->b, n, jit_addr(j, &j->cpu->insns));
	LLVMBuildRet(j->b, LLVMConstInt(j->i32, 0, 0));

	LLVMPositionBuilderAtEnd(j->b, j->trap_bb);
	n = LLVMBuildAdd(j->b, j->base_insns, LLVMBuildLoad2(j->b, j->i64, j->icount, ""), "");
	LLVMBuildStore(j->b, n, jit_addr(j, &j->cpu->insns));
	LLVMBuildRet(j->b, LLVMConstInt(j->i32, 1, 0));
}

/* The homes each block may have written before it starts, on some path
 * from an entry: in[b] = the union over edges f -> b of in[f] and what f
 * writes. nblocks x nhome bytes, or NULL. */
static uint8_t *written_before(region *r)
{
	unsigned nh = r->j.nhome;
	uint8_t *in = calloc((size_t)r->nblocks, nh);
	if (!in)
		return NULL;
	for (int changed = 1; changed;) {
		changed = 0;
		for (int e = 0; e < r->nedges; e++) {
			int f = r->edges[2 * e], t = r->edges[2 * e + 1];
			const uint8_t *end = r->blocks[f].wrote_end;
			for (unsigned k = 0; k < nh; k++)
				if ((in[(size_t)f * nh + k] || (end && end[k])) &&
				    !in[(size_t)t * nh + k]) {
					in[(size_t)t * nh + k] = 1;
					changed = 1;
				}
		}
	}
	return in;
}

/* The run whose state an exit from block b leaves with: b itself when it
 * is a run that was built, the one run branching to b when b is an exit
 * block; -1: none or several. */
static int anchor_run(const region *r, int b)
{
	if (b < 0 || r->blocks[b].wrote_end)
		return b;
	int a = -1;
	for (int e = 0; e < r->nedges; e++)
		if (r->edges[2 * e + 1] == b) {
			int f = r->edges[2 * e];
			if ((a >= 0 && a != f) || !r->blocks[f].wrote_end)
				return -1;
			a = f;
		}
	return a;
}

/* The block the exits of run a towards `to` share (NULL: out of memory):
 * it stores the homes a path into the run may have written and the run
 * itself does not, whose values are the same at every exit of the run. */
static LLVMBasicBlockRef shared_exit(region *r, int a, LLVMBasicBlockRef to)
{
	jit_em *j = &r->j;
	for (int i = 0; i < r->nshared; i++)
		if (r->shared[i].run == a && r->shared[i].to == to)
			return r->shared[i].bb;
	if (r->nshared == r->capshared) {
		int cap = r->capshared ? 2 * r->capshared : 16;
		shared_exit_bb *p = realloc(r->shared, (size_t)cap * sizeof *p);
		if (!p) {
			j->oom = 1;
			return NULL;
		}
		r->shared = p;
		r->capshared = cap;
	}
	LLVMBasicBlockRef bb = LLVMAppendBasicBlockInContext(j->cx, j->fn, "");
	r->shared[r->nshared++] = (shared_exit_bb){a, to, bb};
	return bb;
}

/* Is `at` an exit: a plain branch to the exit or the chained exit? */
static int is_exit(const jit_em *j, LLVMValueRef at)
{
	if (!LLVMIsABranchInst(at) || LLVMIsConditional(at))
		return 0;
	LLVMBasicBlockRef to = LLVMGetSuccessor(at, 0);
	return to == j->exit_bb || (j->chain_bb && to == j->chain_bb);
}

/* Store home k's current value to the vCPU. */
static void store_home(jit_em *j, unsigned k)
{
	LLVMBuildStore(j->b, LLVMBuildLoad2(j->b, j->home_ty[k], j->home[k], ""),
	               jit_addr(j, j->home_addr[k]));
}

/* Store, at every sync point, the homes that may have been written on a
 * path to it (a home no path wrote is not stored, so its value need not
 * live through the region); reload every home after the calls that may
 * change them (helpers). An exit of a run stores only what the run wrote
 * and goes through a block the run's exits share for the rest (an exit
 * costs what its run wrote, not everything the region may have). Done
 * last, when the region's paths are known. */
static void build_stores(region *r)
{
	jit_em *j = &r->j;
	uint8_t *in = written_before(r);
	if (!in) {
		j->oom = 1;
		return;
	}
	for (int i = 0; i < j->nsync; i++) {
		const jit_sync *s = &j->sync[i];
		const uint8_t *before = s->blk >= 0 ? in + (size_t)s->blk * j->nhome : NULL;
		int a = is_exit(j, s->at) ? anchor_run(r, s->blk) : -1;
		LLVMBasicBlockRef via =
		        a >= 0 ? shared_exit(r, a, LLVMGetSuccessor(s->at, 0)) : NULL;
		const uint8_t *own = via ? r->blocks[a].wrote_end : NULL;
		LLVMPositionBuilderBefore(j->b, s->at);
		for (unsigned k = 0; k < j->nhome; k++)
			if (j->home[k] && ((before && before[k]) || s->wrote[k]) &&
			    (!own || own[k]))
				store_home(j, k);
		if (via)
			LLVMSetSuccessor(s->at, 0, via);
		if (!s->reload)
			continue;
		LLVMPositionBuilderBefore(j->b, LLVMGetNextInstruction(s->at));
		for (unsigned k = 0; k < j->nhome; k++)
			if (j->home[k])
				LLVMBuildStore(j->b,
				               LLVMBuildLoad2(j->b, j->home_ty[k],
				                              jit_addr(j, j->home_addr[k]), ""),
				               j->home[k]);
	}
	for (int i = 0; i < r->nshared; i++) {
		const shared_exit_bb *x = &r->shared[i];
		const uint8_t *run_in = in + (size_t)x->run * j->nhome,
		              *own = r->blocks[x->run].wrote_end;
		LLVMPositionBuilderAtEnd(j->b, x->bb);
		for (unsigned k = 0; k < j->nhome; k++)
			if (j->home[k] && run_in[k] && !own[k])
				store_home(j, k);
		LLVMBuildBr(j->b, x->to);
	}
	free(in);
}

/* Terminate the blocks left open after traps and returns (unreachable). */
static void seal(jit_em *j)
{
	for (LLVMBasicBlockRef bb = LLVMGetFirstBasicBlock(j->fn); bb;
	     bb = LLVMGetNextBasicBlock(bb))
		if (!LLVMGetBasicBlockTerminator(bb)) {
			LLVMPositionBuilderAtEnd(j->b, bb);
			LLVMBuildUnreachable(j->b);
		}
}

/* Set up the builder state of a region function in module mod. */
static int region_begin(region *r, rt_cpu *cpu, LLVMContextRef cx, LLVMModuleRef mod,
                        const char *name)
{
	jit_em *j = &r->j;
	memset(r, 0, sizeof *r);
	r->lo = UINT64_MAX;
	j->cx = cx;
	j->mod = mod;
	j->cpu = cpu;
	j->g = cpu->g;
	j->i1 = LLVMInt1TypeInContext(cx);
	j->i8 = LLVMInt8TypeInContext(cx);
	j->i32 = LLVMInt32TypeInContext(cx);
	j->i64 = LLVMInt64TypeInContext(cx);
	j->ptr = LLVMPointerTypeInContext(cx, 0);
	LLVMTypeRef p[3] = {j->i64, j->i64, j->i64};
	j->fn = LLVMAddFunction(mod, name, LLVMFunctionType(j->i32, p, 3, 0));
	j->b = LLVMCreateBuilderInContext(cx);
	j->eb = LLVMCreateBuilderInContext(cx);
	j->entry = LLVMAppendBasicBlockInContext(cx, j->fn, "entry");
	LLVMPositionBuilderAtEnd(j->eb, j->entry);
	j->nhome = cpu->g->nslots + 2;
	j->home = calloc(j->nhome, sizeof *j->home);
	j->home_ty = calloc(j->nhome, sizeof *j->home_ty);
	j->home_addr = calloc(j->nhome, sizeof *j->home_addr);
	j->wrote = calloc(j->nhome, 1);
	j->blk = -1;
	if (!j->home || !j->home_ty || !j->home_addr || !j->wrote)
		return -1;
	for (unsigned k = 0; k < cpu->g->nslots; k++) {
		j->home_ty[k] = j->i64;
		j->home_addr[k] = &cpu->r[k];
	}
	j->home_ty[JIT_HOME_DPC(j)] = j->i64;
	j->home_addr[JIT_HOME_DPC(j)] = &cpu->delay_pc;
	j->home_ty[JIT_HOME_DPEN(j)] = j->i32;
	j->home_addr[JIT_HOME_DPEN(j)] = &cpu->delay_pending;
	j->npc = LLVMBuildAlloca(j->eb, j->i64, "npc");
	j->icount = LLVMBuildAlloca(j->eb, j->i64, "icount");
	LLVMBuildStore(j->eb, LLVMConstInt(j->i64, 0, 0), j->icount);
	j->stop_after = LLVMBuildAlloca(j->eb, j->i1, "stop");
	LLVMBuildStore(j->eb, LLVMConstInt(j->i1, 0, 0), j->stop_after);
	j->exit_pc = LLVMBuildAlloca(j->eb, j->i64, "exit_pc");
	j->chain_pc = LLVMBuildAlloca(j->eb, j->i64, "chain_pc");
	j->base_insns = LLVMBuildLoad2(j->eb, j->i64, jit_addr(j, &cpu->insns), "insns");
	j->exit_bb = LLVMAppendBasicBlockInContext(cx, j->fn, "exit");
	j->trap_bb = LLVMAppendBasicBlockInContext(cx, j->fn, "trap");
	return 0;
}

/* Free the builder state. */
static void region_end(region *r)
{
	jit_em *j = &r->j;
	if (j->b)
		LLVMDisposeBuilder(j->b);
	if (j->eb)
		LLVMDisposeBuilder(j->eb);
	free(j->home);
	free(j->home_ty);
	free(j->home_addr);
	free(j->wrote);
	for (int i = 0; i < j->nsync; i++)
		free(j->sync[i].wrote);
	free(j->sync);
	for (int i = 0; i < r->nblocks; i++)
		free(r->blocks[i].wrote_end);
	free(r->blocks);
	free(r->shared);
	free(r->queue);
	free(r->back);
	free(r->edges);
	free(r->ij);
	free(r->code);
}

/* Does guest g have delay slots? */
static int delay_guest(const rt_guest *g)
{
	for (unsigned i = 0; i < g->ninsns; i++)
		if (g->insns[i].flags & RT_INSN_DELAY)
			return 1;
	return 0;
}

/* End the entry block with the budget check (nothing retired yet);
 * returns the block that goes on to the entries. */
static LLVMBasicBlockRef entry_check(region *r)
{
	jit_em *j = &r->j;
	LLVMBasicBlockRef go = LLVMAppendBasicBlockInContext(j->cx, j->fn, "dispatch");
	LLVMPositionBuilderAtEnd(j->b, j->entry);
	budget_check(r, LLVMConstInt(j->i64, 0, 0), LLVMGetParam(j->fn, 2), go);
	return go;
}

/* The pcs where the built runs of r start (non-slot), malloc'd. */
static uint64_t *leaders(const region *r, int *n)
{
	uint64_t *l = malloc(((size_t)r->nqueue + 1) * sizeof *l);
	*n = 0;
	for (int qi = 0; l && qi < r->nqueue; qi++)
		if (!r->blocks[r->queue[qi]].slot)
			l[(*n)++] = r->blocks[r->queue[qi]].pc;
	return l;
}

/* Build the region at pc into mod as function `name`, its runs starting
 * at the pcs lead[0..nlead) too; *found (when not NULL): where its runs
 * start. 0, or -1 when the first instruction cannot be built. */
static int build_pass(rt_cpu *cpu, const jit_guest *jg, const jit_jc_entry *jc,
                      const jit_taken *taken, LLVMContextRef cx, LLVMModuleRef mod,
                      const char *name, uint64_t pc, const uint64_t *lead, int nlead,
                      uint64_t **found, int *nfound, uint64_t *lo, uint64_t *hi, unsigned *ninsns,
                      jit_code **code, uint64_t **entry, unsigned *nentry)
{
	region r;
	uint32_t insn;
	unsigned len;
	int id;
	uint64_t off;
	if (fetch(cpu, pc, &insn, &len, &id, &off))
		return -1;
	if (region_begin(&r, cpu, cx, mod, name)) {
		region_end(&r);
		return -1;
	}
	r.jg = jg;
	r.j.taken = taken;
	r.cur = -1;
	r.lead = lead;
	r.nlead = nlead;
	r.capcode = JIT_REGION_INSNS;
	r.code = malloc((size_t)r.capcode * sizeof *r.code);
	if (!r.code) {
		region_end(&r);
		return -1;
	}
	int dg = delay_guest(cpu->g);
	r.j.jc = jc;
	r.j.delay_guest = dg;
	block_for(&r, pc, 1, dg); /* entered with any delay state */
	for (int qi = 0; qi < r.nqueue && !r.j.oom; qi++) {
		pcblock b = r.blocks[r.queue[qi]]; /* a copy: blocks may move */
		r.cur = r.queue[qi];
		r.qi = qi;
		build_run(&r, &b, dg);
	}
	link_returns(&r);
	finish_checks(&r);
	build_exits(&r.j);
	build_stores(&r);
	/* the entries: every run built, by its pc (a run that may be a delay
	 * slot only where no other run starts at that pc), where the run loop
	 * has come (an entry costs merges of the whole state at its block) */
	LLVMBasicBlockRef dispatch = entry_check(&r);
	LLVMPositionBuilderAtEnd(r.j.eb, dispatch);
	LLVMValueRef sw = LLVMBuildSwitch(r.j.eb, LLVMGetParam(r.j.fn, 2), r.blocks[0].bb,
	                                  (unsigned)r.nqueue);
	uint64_t *ent = malloc(((size_t)r.nqueue + 1) * sizeof *ent);
	unsigned ne = 0;
	if (!ent)
		r.j.oom = 1;
	for (int qi = 0; qi < r.nqueue && ent; qi++) {
		const pcblock *b = &r.blocks[r.queue[qi]];
		int dup = 0;
		for (unsigned k = 0; k < ne; k++)
			dup |= ent[k] == b->pc;
		int plain = 0; /* a run at the same pc that is not a slot */
		for (int qk = 0; qk < r.nqueue && b->slot; qk++)
			plain |= r.blocks[r.queue[qk]].pc == b->pc && !r.blocks[r.queue[qk]].slot;
		if (dup || plain || qi == 0 || !was_taken(&r.j, b->pc))
			continue;
		LLVMAddCase(sw, LLVMConstInt(r.j.i64, b->pc, 0), b->bb);
		ent[ne++] = b->pc;
	}
	if (ent) { /* the pc asked for first */
		memmove(ent + 1, ent, ne * sizeof *ent);
		ent[0] = pc;
		ne++;
	}
	*entry = ent;
	*nentry = ne;
	seal(&r.j);
	int oom = r.j.oom;
	*lo = r.lo;
	*hi = r.hi;
	*ninsns = (unsigned)r.ninsns;
	*code = r.code;
	r.code = NULL;
	if (found && !(*found = leaders(&r, nfound)))
		oom = 1;
	region_end(&r);
	if (oom) {
		free(*code);
		*code = NULL;
		free(*entry);
		*entry = NULL;
	}
	return oom ? -1 : 0;
}

/* Build the region at pc into mod as function `name`. A first pass, into a
 * scratch module, finds where its runs start; the second stops every run
 * there, so that a jump into the middle of a run built earlier (a loop
 * entered before its head) does not build the loop's body twice. 0, or -1
 * when the first instruction cannot be built (the interpreter takes it). */
int jit_build_region(rt_cpu *cpu, const jit_guest *jg, const jit_jc_entry *jc,
                     const jit_taken *taken, LLVMContextRef cx, LLVMModuleRef mod, const char *name,
                     uint64_t pc, uint64_t *lo, uint64_t *hi, unsigned *ninsns, jit_code **code,
                     uint64_t **entry, unsigned *nentry)
{
	LLVMModuleRef scan = LLVMModuleCreateWithNameInContext("scan", cx);
	uint64_t *lead = NULL;
	int nlead = 0;
	int rc = build_pass(cpu, jg, jc, taken, cx, scan, name, pc, NULL, 0, &lead, &nlead, lo, hi,
	                    ninsns, code, entry, nentry);
	LLVMDisposeModule(scan);
	if (rc)
		return rc;
	free(*code);
	free(*entry);
	rc = build_pass(cpu, jg, jc, taken, cx, mod, name, pc, lead, nlead, NULL, NULL, lo, hi,
	                ninsns, code, entry, nentry);
	free(lead);
	return rc;
}
