/* test_jit_hosts.c: the LLVM tier's IR does not depend on the host.
 *
 * For every guest of the registry and every instruction id of it, make a
 * word from the encoding (rt_insn_info mask/match, don't-care bits random
 * with a fixed seed; words the decoder gives another id are skipped), put
 * it in a vCPU's RAM (the rest of RAM holds a word that does not decode, so
 * each region is that one instruction and its exits), and build a region
 * for it with jit_build_region: one function per instruction, all of a
 * guest in one module. Each function and the module must pass the LLVM
 * verifier; then the module, optimized as the tier does, is compiled to an
 * object in memory for x86_64, aarch64 and riscv64 Linux. One TAP line per
 * guest and host triple; an instruction that fails to build or verify is
 * named in a `not ok` line.
 */
#include <inttypes.h>
#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>
#include <llvm-c/Transforms/PassBuilder.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jit_priv.h"
#include "rt_cpu.h"
#include "rt_machine.h"
#include "rt_mem.h"
#include "rt_tap.h"
#include "test_rng.h"

#define HOST_RAM (64u * 1024)
#define TRIES    256  /* random fillings of an encoding before it is skipped */
#define BAD_MAX  1000 /* characters of failing instruction names per line */

extern const jit_guest *const jit_all_guests[];

/* The host triples every region must compile for, with CPU and features. */
static const struct host {
	const char *triple, *cpu, *features, *label;
} hosts[] = {
        {"x86_64-unknown-linux-gnu", "x86-64", "", "x86_64"},
        {"aarch64-unknown-linux-gnu", "generic", "+neon", "aarch64"},
        {"riscv64-unknown-linux-gnu", "generic-rv64", "+m,+a,+f,+d,+c", "riscv64"},
};
#define NHOSTS (sizeof hosts / sizeof hosts[0])

/* The next random number (test_rng.h), from a fixed seed. */
static uint64_t rng = 0x243f6a8885a308d3ull;
static uint64_t rnd(void)
{
	return test_rng(&rng);
}

/* Put instruction word w of len bytes at RAM offset off in guest order. */
static void put_insn(rt_cpu *cpu, uint64_t off, uint32_t w, unsigned len)
{
	const rt_guest *g = cpu->g;
	unsigned pb = g->parcel_bytes;
	if (off + len > cpu->ram_size)
		return;
	for (unsigned i = 0; i < len; i += pb) {
		unsigned sh = g->big_endian ? 8 * (len - pb - i) : 8 * i;
		uint64_t p = (w >> sh) & ((1ull << (8 * pb)) - 1);
		rt_host_put(cpu->ram + off + i, pb, cpu->swap ? rt_bswap(p, pb) : p);
	}
}

/* A parcel that, repeated, never decodes (from any parcel boundary);
 * 0 with it in *out, -1 if none was found. */
static int illegal_parcel(const rt_guest *g, uint32_t *out)
{
	unsigned pb = g->parcel_bytes;
	uint32_t pm = pb >= 4 ? UINT32_MAX : (1u << (8 * pb)) - 1;
	for (int i = 0; i < 4096; i++) {
		uint32_t p = i == 0 ? 0 : i == 1 ? UINT32_MAX : (uint32_t)rnd();
		p &= pm;
		unsigned len = g->insn_length(p);
		uint32_t w = 0;
		for (unsigned k = 0; k < len && len <= 4; k += pb)
			w = pb >= 4 ? p : (w << (8 * pb)) | p;
		if (len < pb || len > 4 || g->decode(w, len) < 0) {
			*out = p;
			return 0;
		}
	}
	return -1;
}

/* The first parcel (the one fetched first) of the len-byte word w. */
static uint32_t first_parcel(const rt_guest *g, uint32_t w, unsigned len)
{
	unsigned pb = g->parcel_bytes;
	if (pb >= 4)
		return w;
	return (g->big_endian ? w >> (8 * (len - pb)) : w) & ((1u << (8 * pb)) - 1);
}

/* A word of instruction id (random don't-care bits) that decodes to id;
 * 0, or -1 when none was found. */
static int word_of(const rt_guest *g, unsigned id, uint32_t *w)
{
	const rt_insn_info *in = &g->insns[id];
	for (int t = 0; t < TRIES; t++) {
		uint32_t x = ((uint32_t)rnd() & ~in->mask) | in->match;
		if (in->length < 4)
			x &= (1u << (8 * in->length)) - 1;
		if (g->insn_length(first_parcel(g, x, in->length)) != in->length)
			continue;
		if (g->decode(x, in->length) == (int)id) {
			*w = x;
			return 0;
		}
	}
	return -1;
}

/* Append name to the list of failures in bad. */
static void note(char *bad, const char *name)
{
	size_t l = strlen(bad);
	if (l + strlen(name) + 8 < BAD_MAX)
		snprintf(bad + l, BAD_MAX - l, "%s%s", l ? ", " : "", name);
	else if (l + 5 < BAD_MAX && !strstr(bad, "..."))
		strcat(bad, ", ...");
}

/* Counts of one guest's module. */
typedef struct guest_mod {
	unsigned built, skipped;
	int verified;
	char bad[BAD_MAX];
} guest_mod;

/* Build every instruction of guest g on cpu into mod; the counts in *gm. */
static void build_all(rt_cpu *cpu, const jit_guest *jg, LLVMContextRef cx, LLVMModuleRef mod,
                      guest_mod *gm)
{
	const rt_guest *g = cpu->g;
	uint32_t fill;
	if (illegal_parcel(g, &fill)) {
		note(gm->bad, "(no illegal filler word)");
		return;
	}
	uint64_t at = cpu->ram_size / 2;
	for (unsigned id = 0; id < g->ninsns; id++) {
		uint32_t w;
		if (!g->insns[id].exec || word_of(g, id, &w)) {
			gm->skipped++;
			continue;
		}
		for (uint64_t off = 0; off < cpu->ram_size; off += g->parcel_bytes)
			put_insn(cpu, off, fill, g->parcel_bytes);
		put_insn(cpu, at, w, g->insns[id].length);
		char name[96];
		snprintf(name, sizeof name, "i%u_%s", id, g->insns[id].name);
		uint64_t lo, hi;
		unsigned n;
		jit_code *code = NULL;
		uint64_t *entry = NULL;
		unsigned nentry = 0;
		int bad = jit_build_region(cpu, jg, NULL, NULL, cx, mod, name, cpu->ram_base + at,
		                           &lo, &hi, &n, &code, &entry, &nentry);
		free(code);
		free(entry);
		if (bad) {
			note(gm->bad, g->insns[id].name);
			continue;
		}
		LLVMValueRef fn = LLVMGetNamedFunction(mod, name);
		if (!fn || LLVMVerifyFunction(fn, LLVMReturnStatusAction)) {
			note(gm->bad, g->insns[id].name);
			continue;
		}
		gm->built++;
	}
	char *msg = NULL;
	gm->verified = !LLVMVerifyModule(mod, LLVMReturnStatusAction, &msg);
	if (!gm->verified)
		fprintf(stdout, "# %s: %.300s\n", g->name, msg ? msg : "");
	LLVMDisposeMessage(msg);
}

/* Optimize a copy of mod for host h and compile it to an object: its size
 * in bytes, or 0 with a message in err. */
static size_t compile_for(LLVMModuleRef mod, const struct host *h, char *err, size_t n)
{
	LLVMTargetRef t;
	char *msg = NULL;
	if (LLVMGetTargetFromTriple(h->triple, &t, &msg)) {
		snprintf(err, n, "%s", msg ? msg : "no target");
		LLVMDisposeMessage(msg);
		return 0;
	}
	LLVMTargetMachineRef tm =
	        LLVMCreateTargetMachine(t, h->triple, h->cpu, h->features, LLVMCodeGenLevelDefault,
	                                LLVMRelocPIC, LLVMCodeModelDefault);
	LLVMModuleRef m = LLVMCloneModule(mod);
	LLVMSetTarget(m, h->triple);
	LLVMTargetDataRef dl = LLVMCreateTargetDataLayout(tm);
	LLVMSetModuleDataLayout(m, dl);
	LLVMDisposeTargetData(dl);
	size_t size = 0;
	LLVMPassBuilderOptionsRef po = LLVMCreatePassBuilderOptions();
	LLVMErrorRef e = LLVMRunPasses(m, jit_passes_full, tm, po);
	LLVMDisposePassBuilderOptions(po);
	LLVMMemoryBufferRef buf = NULL;
	if (e) {
		char *em = LLVMGetErrorMessage(e);
		snprintf(err, n, "passes: %s", em);
		LLVMDisposeErrorMessage(em);
	} else if (LLVMVerifyModule(m, LLVMReturnStatusAction, &msg)) {
		snprintf(err, n, "optimized IR does not verify: %.200s", msg ? msg : "");
	} else if (LLVMTargetMachineEmitToMemoryBuffer(tm, m, LLVMObjectFile, &msg, &buf)) {
		snprintf(err, n, "code generation: %s", msg ? msg : "");
	} else {
		size = LLVMGetBufferSize(buf);
		LLVMDisposeMemoryBuffer(buf);
	}
	LLVMDisposeMessage(msg);
	LLVMDisposeModule(m);
	LLVMDisposeTargetMachine(tm);
	return size;
}

/* The emitters of guest g, or NULL. */
static const jit_guest *emitters_of(const rt_guest *g)
{
	for (int i = 0; jit_all_guests[i]; i++)
		if (strcmp(jit_all_guests[i]->name, g->name) == 0)
			return jit_all_guests[i];
	return NULL;
}

/* One guest: NHOSTS TAP lines. */
static void test_guest(const rt_guest *g)
{
	char err[256] = "";
	const jit_guest *jg = emitters_of(g);
	const rt_board_desc *b = rt_board_find(NULL, g->family);
	rt_machine *m = NULL;
	rt_cpu *cpu = NULL;
	if (b) {
		rt_board_desc hb = *b; /* small RAM, no devices */
		hb.ram_size = HOST_RAM;
		hb.ndevs = 0;
		hb.devs = NULL;
		hb.console = -1;
		if (rt_machine_create(&hb, &m, err, sizeof err) == RT_OK &&
		    rt_cpu_create(g, m, &cpu, err, sizeof err) != RT_OK)
			cpu = NULL;
	}
	if (!jg || jg->n != g->ninsns || !cpu) {
		for (size_t h = 0; h < NHOSTS; h++)
			ok(0, "%s: %s", g->name,
			   !jg                  ? "no emitters"
			   : jg->n != g->ninsns ? "emitters do not match"
			                        : err);
		rt_cpu_destroy(cpu);
		rt_machine_destroy(m);
		return;
	}
	guest_mod gm;
	memset(&gm, 0, sizeof gm);
	LLVMContextRef cx = LLVMContextCreate();
	LLVMModuleRef mod = LLVMModuleCreateWithNameInContext(g->name, cx);
	build_all(cpu, jg, cx, mod, &gm);
	for (size_t h = 0; h < NHOSTS; h++) {
		char cerr[512] = "";
		size_t size = gm.verified ? compile_for(mod, &hosts[h], cerr, sizeof cerr) : 0;
		ok(gm.verified && !gm.bad[0] && size > 0,
		   "%s: %u instructions (%u skipped), IR %s, %s object %zu bytes%s%s%s%s", g->name,
		   gm.built, gm.skipped, gm.verified ? "verified" : "does not verify",
		   hosts[h].label, size, gm.bad[0] ? "; failed: " : "", gm.bad, cerr[0] ? "; " : "",
		   cerr);
	}
	LLVMDisposeModule(mod);
	LLVMContextDispose(cx);
	rt_cpu_destroy(cpu);
	rt_machine_destroy(m);
}

/* Every guest of the registry on every host triple. */
int main(void)
{
	LLVMInitializeAllTargetInfos();
	LLVMInitializeAllTargets();
	LLVMInitializeAllTargetMCs();
	LLVMInitializeAllAsmPrinters();
	int n = 0;
	while (rt_all_guests[n])
		n++;
	ok(n > 0, "the registry has %d guests", n);
	for (int i = 0; i < n; i++)
		test_guest(rt_all_guests[i]);
	return tap_done();
}
