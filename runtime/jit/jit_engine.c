/* jit_engine.c: the module's entry point (morph_jit_ops): one ORC LLJIT
 * per vCPU, regions built by jit_region.c, optimized with the new pass
 * manager and compiled for the host. */
#include <llvm-c/Analysis.h>
#include <llvm-c/Error.h>
#include <llvm-c/LLJIT.h>
#include <llvm-c/Orc.h>
#include <llvm-c/Support.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jit.h"
#include "jit_priv.h"
#include "mk.h"

/* The generated emitters of every guest (<guest>_emit.c), NULL-terminated
 * (jit_registry.c, generated from the build's guest list). */
extern const jit_guest *const jit_all_guests[];

/* The pass pipelines: registers to SSA and the cleanups that pay for
 * region code. Measured on the benchmarks (jit engine, O2 code generation):
 * adding gvn, dse and a second instcombine made compiling 10-20% slower and
 * the code no faster, so both pipelines are this one for now; they stay
 * two names so that the fast one (--engine jit, O0 code generation) and the
 * optimizing one (auto) can part again. */
const char jit_passes_fast[] = "function(sroa,early-cse,instcombine<no-verify-fixpoint>,"
                               "simplifycfg)";
const char jit_passes_full[] = "function(sroa,early-cse,instcombine<no-verify-fixpoint>,"
                               "simplifycfg)";

struct jit_compiler {
	rt_cpu *cpu;
	const jit_guest *jg;
	LLVMOrcLLJITRef lljit;
	uint64_t n;
	int optimize;
	const jit_jc_entry *jc;
	const jit_taken *taken;
};

/* Number of IR instructions in mod (MORPH_JIT_TIME). */
static unsigned ir_size(LLVMModuleRef mod)
{
	unsigned n = 0;
	for (LLVMValueRef f = LLVMGetFirstFunction(mod); f; f = LLVMGetNextFunction(f))
		for (LLVMBasicBlockRef b = LLVMGetFirstBasicBlock(f); b;
		     b = LLVMGetNextBasicBlock(b))
			for (LLVMValueRef i = LLVMGetFirstInstruction(b); i;
			     i = LLVMGetNextInstruction(i))
				n++;
	return n;
}

/* Copy an LLVM error's message into err and free it. */
static void error_text(LLVMErrorRef e, char *err, size_t n)
{
	char *m = LLVMGetErrorMessage(e);
	snprintf(err, n, "LLVM: %s", m);
	LLVMDisposeErrorMessage(m);
}

/* Pass MORPH_JIT_LLVM_ARGS (space-separated LLVM options, e.g.
 * "-fast-isel -regalloc=basic"; for measurements) to LLVM, once. */
static void llvm_args(void)
{
	static int done;
	const char *e = mk_env("MORPH_JIT_LLVM_ARGS");
	if (done || !e)
		return;
	done = 1;
	static char buf[512];
	const char *argv[32] = {"morph"};
	int argc = 1;
	snprintf(buf, sizeof buf, "%s", e);
	for (char *t = strtok(buf, " "); t && argc < 32; t = strtok(NULL, " "))
		argv[argc++] = t;
	LLVMParseCommandLineOptions(argc, argv, NULL);
}

/* A compiler for cpu. */
static jit_compiler *jit_create(rt_cpu *cpu, int optimize, jit_jc_entry *jc, const jit_taken *taken,
                                char *err, size_t n)
{
	const jit_guest *jg = NULL;
	for (size_t i = 0; jit_all_guests[i]; i++)
		if (strcmp(jit_all_guests[i]->name, cpu->g->name) == 0)
			jg = jit_all_guests[i];
	if (!jg || jg->n != cpu->g->ninsns) {
		snprintf(err, n, "no LLVM emitters for guest %s", cpu->g->name);
		return NULL;
	}
	LLVMInitializeNativeTarget();
	LLVMInitializeNativeAsmPrinter();
	llvm_args();
	jit_compiler *c = calloc(1, sizeof *c);
	if (!c) {
		snprintf(err, n, "out of memory");
		return NULL;
	}
	/* the host's target machine, at the code generation level chosen by
	 * measurement (MORPH_JIT_CODEGEN=0..3 overrides it) */
	char *triple = LLVMGetDefaultTargetTriple(), *cpu_name = LLVMGetHostCPUName(),
	     *features = LLVMGetHostCPUFeatures(), *msg = NULL;
	LLVMTargetRef target;
	LLVMCodeGenOptLevel level = optimize ? LLVMCodeGenLevelDefault : LLVMCodeGenLevelNone;
	const char *lv = mk_env("MORPH_JIT_CODEGEN");
	if (lv && *lv >= '0' && *lv <= '3')
		level = (LLVMCodeGenOptLevel)(*lv - '0');
	if (LLVMGetTargetFromTriple(triple, &target, &msg)) {
		snprintf(err, n, "LLVM: %s", msg ? msg : "no target for the host");
		LLVMDisposeMessage(msg);
		LLVMDisposeMessage(triple);
		LLVMDisposeMessage(cpu_name);
		LLVMDisposeMessage(features);
		free(c);
		return NULL;
	}
	LLVMTargetMachineRef tm =
	        LLVMCreateTargetMachine(target, triple, cpu_name, features, level, LLVMRelocDefault,
	                                LLVMCodeModelJITDefault);
	LLVMDisposeMessage(triple);
	LLVMDisposeMessage(cpu_name);
	LLVMDisposeMessage(features);
	LLVMOrcLLJITBuilderRef jb = LLVMOrcCreateLLJITBuilder();
	LLVMOrcLLJITBuilderSetJITTargetMachineBuilder(
	        jb, LLVMOrcJITTargetMachineBuilderCreateFromTargetMachine(tm));
	LLVMErrorRef e = LLVMOrcCreateLLJIT(&c->lljit, jb);
	if (e) {
		error_text(e, err, n);
		free(c);
		return NULL;
	}
	c->cpu = cpu;
	c->jg = jg;
	c->optimize = optimize;
	c->jc = jc;
	c->taken = taken;
	return c;
}

/* Free what a failed compilation built; returns -1. */
static int drop(jit_result *res)
{
	free(res->code);
	res->code = NULL;
	free(res->entry);
	res->entry = NULL;
	return -1;
}

/* Name the code at addr in perf's map of JIT code, /tmp/perf-PID.map
 * (MORPH_JIT_PERFMAP=1; for profiling). The size is a bound: a region's
 * code lies in its own pages. */
static void perf_map(const char *name, uint64_t addr)
{
	static mk_file *f;
	if (!mk_env("MORPH_JIT_PERFMAP"))
		return;
	if (!f) {
		char path[64];
		snprintf(path, sizeof path, "/tmp/perf-%llu.map",
		         (unsigned long long)mk_task_self_id());
		if (mk_file_create(path, &f) != MK_OK)
			return;
	}
	char line[128];
	int n = snprintf(line, sizeof line, "%llx 1000 %s\n", (unsigned long long)addr, name);
	mk_file_write(f, line, n < (int)sizeof line ? (size_t)n : sizeof line - 1);
}

/* MORPH_JIT_TIME: one line on the log with a compilation's sizes and the
 * time of each step (t0 build, t1 passes, t2 code generation until now). */
static void time_line(const char *name, unsigned ninsns, unsigned before, unsigned after,
                      uint64_t t0, uint64_t t1, uint64_t t2)
{
	char line[256];
	int n = snprintf(line, sizeof line,
	                 "jit: %s: %u insns, IR %u -> %u: build %.2f ms, passes %.2f ms, "
	                 "codegen %.2f ms\n",
	                 name, ninsns, before, after, (double)(t1 - t0) / 1e6,
	                 (double)(t2 - t1) / 1e6, (double)(mk_time_ns() - t2) / 1e6);
	mk_log_write(line, n < (int)sizeof line ? (size_t)n : sizeof line - 1);
}

/* Compile the region at pc. */
static int jit_compile(jit_compiler *c, uint64_t pc, jit_result *res)
{
	uint64_t t0 = mk_time_ns();
	char name[64];
	snprintf(name, sizeof name, "r%llu_%llx", (unsigned long long)c->n++,
	         (unsigned long long)pc);
	LLVMOrcThreadSafeContextRef tsc = LLVMOrcCreateNewThreadSafeContext();
	LLVMContextRef cx = LLVMOrcThreadSafeContextGetContext(tsc);
	LLVMModuleRef mod = LLVMModuleCreateWithNameInContext(name, cx);
	LLVMSetDataLayout(mod, LLVMOrcLLJITGetDataLayoutStr(c->lljit));
	LLVMSetTarget(mod, LLVMOrcLLJITGetTripleString(c->lljit));
	res->code = NULL;
	res->entry = NULL;
	if (jit_build_region(c->cpu, c->jg, c->jc, c->taken, cx, mod, name, pc, &res->lo, &res->hi,
	                     &res->ninsns, &res->code, &res->entry, &res->nentry)) {
		LLVMDisposeModule(mod);
		LLVMOrcDisposeThreadSafeContext(tsc);
		return -1;
	}
	if (mk_env("MORPH_JIT_VERIFY") && LLVMVerifyModule(mod, LLVMPrintMessageAction, NULL))
		abort();
	uint64_t t1 = mk_time_ns();
	unsigned before = mk_env("MORPH_JIT_TIME") ? ir_size(mod) : 0;
	LLVMPassBuilderOptionsRef po = LLVMCreatePassBuilderOptions();
	const char *pl = mk_env("MORPH_JIT_PASSES");
	LLVMErrorRef e = LLVMRunPasses(mod,
	                               pl            ? pl
	                               : c->optimize ? jit_passes_full
	                                             : jit_passes_fast,
	                               NULL, po);
	LLVMDisposePassBuilderOptions(po);
	if (mk_env("MORPH_JIT_DUMP"))
		LLVMDumpModule(mod);
	if (e) {
		LLVMConsumeError(e);
		LLVMDisposeModule(mod);
		LLVMOrcDisposeThreadSafeContext(tsc);
		return drop(res);
	}
	uint64_t t2 = mk_time_ns();
	unsigned after = mk_env("MORPH_JIT_TIME") ? ir_size(mod) : 0;
	LLVMOrcThreadSafeModuleRef tsm = LLVMOrcCreateNewThreadSafeModule(mod, tsc);
	LLVMOrcDisposeThreadSafeContext(tsc);
	LLVMOrcJITDylibRef jd = LLVMOrcLLJITGetMainJITDylib(c->lljit);
	e = LLVMOrcLLJITAddLLVMIRModule(c->lljit, jd, tsm);
	if (e) {
		LLVMConsumeError(e);
		return drop(res);
	}
	LLVMOrcExecutorAddress addr = 0;
	e = LLVMOrcLLJITLookup(c->lljit, &addr, name);
	if (e || !addr) {
		if (e)
			LLVMConsumeError(e);
		return drop(res);
	}
	res->fn = (jit_region_fn)(uintptr_t)addr;
	res->ns = mk_time_ns() - t0;
	perf_map(name, addr);
	if (mk_env("MORPH_JIT_TIME"))
		time_line(name, res->ninsns, before, after, t0, t1, t2);
	return 0;
}

/* Free a compiler and its code. */
static void jit_destroy(jit_compiler *c)
{
	if (!c)
		return;
	if (c->lljit)
		LLVMOrcDisposeLLJIT(c->lljit);
	free(c);
}

const jit_ops morph_jit_ops = {jit_create, jit_compile, jit_destroy};
