/* rt_jit.c: regions of compiled code per vCPU, and the JIT module loader
 * (rt_jit.h). */
#include "rt_jit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jit/jit.h"
#include "mk.h"
#include "rt_mem.h"

/* One pc's entry in a vCPU's region table. */
typedef struct rt_region {
	uint64_t pc;
	rt_region_fn fn;   /* NULL: not compiled (yet, or cannot be) */
	uint64_t lo, hi;   /* RAM offsets it was built from */
	uint32_t hits;     /* entries counted under auto */
	uint8_t used;      /* slot taken */
	uint8_t no_region; /* the compiler found nothing to build here */
} rt_region;

struct rt_jit {
	rt_engine engine;
	const jit_ops *ops;
	jit_compiler *c;
	rt_region *tab; /* open addressing, power-of-two size */
	size_t cap, n;
	rt_jit_stats st;
};

/* The tier linked into the executable itself (tests do that), if it is. */
extern const jit_ops morph_jit_ops __attribute__((weak));

/* The module's operations, loaded once per process. */
static const jit_ops *module_ops(char *err, size_t n)
{
	static const jit_ops *ops;
	if (ops)
		return ops;
	if (&morph_jit_ops != NULL)
		return ops = &morph_jit_ops;
	char path[4096];
	const char *env = getenv("MORPH_JIT_MODULE");
	if (env && *env) {
		snprintf(path, sizeof path, "%s", env);
	} else {
		if (mk_exe_dir(path, sizeof path - 32) != MK_OK) {
			snprintf(err, n, "cannot find the directory of the morph executable");
			return NULL;
		}
		strcat(path, "libmorph-jit.so");
	}
	void *sym;
	char msg[200];
	if (mk_module_symbol(path, "morph_jit_ops", &sym, msg, sizeof msg) != MK_OK) {
		snprintf(err, n, "cannot load the JIT module: %s", msg);
		return NULL;
	}
	ops = sym;
	return ops;
}

/* Turn the tier on for cpu. */
rt_err rt_jit_attach(rt_cpu *cpu, rt_engine e, char *err, size_t n)
{
	if (e == RT_ENGINE_INTERP)
		return RT_OK;
	struct rt_jit *j = calloc(1, sizeof *j);
	if (j)
		j->tab = calloc(1024, sizeof *j->tab);
	if (!j || !j->tab) {
		free(j);
		return rt_error(err, n, RT_ERR_NOMEM, "out of memory");
	}
	j->cap = 1024;
	j->engine = e;
	cpu->jit = j;
	return RT_OK;
}

/* Free the tier's state. */
void rt_jit_detach(rt_cpu *cpu)
{
	struct rt_jit *j = cpu->jit;
	if (!j)
		return;
	if (j->c)
		j->ops->destroy(j->c);
	free(j->tab);
	free(j);
	cpu->jit = NULL;
}

/* Hash of a pc. */
static size_t hash(uint64_t pc)
{
	return (size_t)((pc * 0x9e3779b97f4a7c15ull) >> 20);
}

static rt_region *slot_of(struct rt_jit *j, uint64_t pc);

/* Double the table. 0, or -1 when out of memory. */
static int grow(struct rt_jit *j)
{
	rt_region *old = j->tab;
	size_t ocap = j->cap;
	rt_region *t = calloc(2 * ocap, sizeof *t);
	if (!t)
		return -1;
	j->tab = t;
	j->cap = 2 * ocap;
	j->n = 0;
	for (size_t i = 0; i < ocap; i++)
		if (old[i].used) {
			rt_region *s = slot_of(j, old[i].pc);
			*s = old[i];
			j->n++;
		}
	free(old);
	return 0;
}

/* The table slot of pc (taken for it if new). */
static rt_region *slot_of(struct rt_jit *j, uint64_t pc)
{
	size_t m = j->cap - 1;
	for (size_t i = hash(pc) & m;; i = (i + 1) & m) {
		rt_region *s = &j->tab[i];
		if (s->used && s->pc == pc)
			return s;
		if (!s->used) {
			if (2 * (j->n + 1) > j->cap && grow(j) == 0)
				return slot_of(j, pc);
			s->used = 1;
			s->pc = pc;
			j->n++;
			return s;
		}
	}
}

/* Stop the run with a message from the tier. */
static void fail(rt_cpu *cpu, const char *msg)
{
	if (cpu->stop == RT_STOP_NONE) {
		snprintf(cpu->msg, sizeof cpu->msg, "%s", msg);
		cpu->stop = RT_STOP_ERROR;
	}
	cpu->check = 1;
}

/* Compile the region at s->pc. */
static void compile(rt_cpu *cpu, struct rt_jit *j, rt_region *s)
{
	char err[256];
	if (!j->ops && !(j->ops = module_ops(err, sizeof err))) {
		fail(cpu, err);
		return;
	}
	if (!j->c && !(j->c = j->ops->create(cpu, err, sizeof err))) {
		fail(cpu, err);
		return;
	}
	jit_result res = {0};
	if (j->ops->compile(j->c, s->pc, &res) != 0) {
		s->no_region = 1;
		return;
	}
	s->fn = res.fn;
	s->lo = res.lo;
	s->hi = res.hi;
	j->st.regions++;
	j->st.region_insns += res.ninsns;
	j->st.compile_ns += res.ns;
}

/* The region for pc, compiled when its time has come. */
rt_region_fn rt_jit_region(rt_cpu *cpu, uint64_t pc)
{
	struct rt_jit *j = cpu->jit;
	rt_region *s = slot_of(j, pc);
	if (rt_likely(s->fn != NULL) || s->no_region)
		return s->fn;
	if (j->engine == RT_ENGINE_AUTO && ++s->hits < RT_JIT_HOT)
		return NULL;
	compile(cpu, j, s);
	return s->fn;
}

/* Drop the regions built from RAM [off, off + bytes). */
void rt_jit_code_written(rt_cpu *cpu, uint64_t off, unsigned bytes)
{
	struct rt_jit *j = cpu->jit;
	if (!j)
		return;
	uint64_t lo = off & ~(((uint64_t)1 << RT_CODE_LINE_SHIFT) - 1);
	uint64_t hi = (off + bytes + ((uint64_t)1 << RT_CODE_LINE_SHIFT) - 1) &
	              ~(((uint64_t)1 << RT_CODE_LINE_SHIFT) - 1);
	for (size_t i = 0; i < j->cap; i++) {
		rt_region *s = &j->tab[i];
		if (s->used && s->fn && s->lo < hi && lo < s->hi) {
			s->fn = NULL;
			s->hits = 0;
			j->st.invalidated++;
		}
	}
}

/* Forget every region. */
void rt_jit_flush(rt_cpu *cpu)
{
	struct rt_jit *j = cpu->jit;
	if (!j)
		return;
	for (size_t i = 0; i < j->cap; i++)
		if (j->tab[i].used && j->tab[i].fn) {
			j->tab[i].fn = NULL;
			j->tab[i].hits = 0;
			j->st.invalidated++;
		}
}

/* Statistics. */
rt_jit_stats rt_jit_get_stats(const rt_cpu *cpu)
{
	rt_jit_stats z = {0};
	return cpu->jit ? cpu->jit->st : z;
}

/* Count instructions retired in compiled code. */
void rt_jit_count(rt_cpu *cpu, uint64_t n)
{
	cpu->jit->st.jit_insns += n;
}
