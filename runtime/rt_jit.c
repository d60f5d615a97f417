/* rt_jit.c: regions of compiled code per vCPU, the JIT module loader and
 * the background compiler of `auto` (rt_jit.h).
 *
 * Under `jit` the vCPU compiles a region the first time it enters it, on
 * its own thread, with the fast pipeline. Under `auto` it interprets, counts
 * entries, and queues a hot pc to a compile thread, which compiles it fast
 * first and then again with the optimizing pipeline; the vCPU takes
 * finished regions at its next boundary and keeps running meanwhile, so a
 * short program never waits for LLVM. The two
 * threads share two single-producer rings and a notification; the compile
 * thread reads guest RAM but writes nothing of the vCPU, and a result is
 * installed only if RAM still holds every instruction it was built from. */
#include "rt_jit.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jit/jit.h"
#include "mk.h"
#include "rt_mem.h"

/* A compiled region's code lines (RAM offset >> RT_CODE_LINE_SHIFT, sorted):
 * a write to one of them drops it, a write next to its code does not. */
typedef struct rt_compiled {
	uint64_t *line;
	unsigned n;
	int dead;
	struct rt_compiled *next;
} rt_compiled;

/* One pc's entry in a vCPU's region table. */
typedef struct rt_region {
	uint64_t pc;
	rt_region_fn fn;   /* NULL: not compiled (yet, or cannot be) */
	rt_compiled *cr;   /* the region fn belongs to */
	uint32_t hits;     /* entries counted under auto */
	uint8_t used;      /* slot taken */
	uint8_t no_region; /* the compiler found nothing to build here */
	uint8_t queued;    /* sent to the compile thread */
	uint8_t level;     /* of its code: 0 none, 1 fast, 2 optimized */
} rt_region;

/* Ring size (requests and results) of the compile thread. */
#define RING 256u

/* A finished compilation. */
typedef struct done {
	uint64_t pc;
	int level; /* 1 fast, 2 optimized */
	int ok;
	jit_result res;
} done;

struct rt_jit {
	rt_engine engine;
	const jit_ops *ops;
	jit_compiler *c;      /* jit: the fast compiler; auto: the optimizing one */
	jit_compiler *c_fast; /* auto: the fast one */
	rt_region *tab;       /* open addressing, power-of-two size */
	size_t cap, n;
	rt_jit_stats st;
	jit_jc_entry *jc; /* the jump cache (jit.h) */
	unsigned jc_shift;
	jit_taken *taken; /* the taken map (jit.h) */
	/* auto: the compile thread */
	mk_thread *thread;
	mk_notify *wake;
	uint64_t req[RING];
	uint8_t req_level[RING];
	rt_compiled *compiled; /* every region's lines (freed at detach) */
	uint64_t *upgrade;     /* auto: pcs compiled fast, to compile optimized */
	size_t nupgrade, capupgrade;
	done res[RING];
	_Atomic unsigned req_head, req_tail, res_head, res_tail;
	atomic_int quit;
	char err[256]; /* the thread's failure to start LLVM */
	atomic_int failed;
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
	const char *env = mk_env("MORPH_JIT_MODULE");
	if (env && *env) {
		snprintf(path, sizeof path, "%s", env);
	} else { /* next to morph (the build tree), else where it is installed */
		if (mk_exe_dir(path, sizeof path - 32) != MK_OK) {
			snprintf(err, n, "cannot find the directory of the morph executable");
			return NULL;
		}
		strcat(path, "libmorph-jit.so");
#ifdef MORPH_JIT_LIBDIR
		if (!mk_file_exists(path))
			snprintf(path, sizeof path, "%s/libmorph-jit.so", MORPH_JIT_LIBDIR);
#endif
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

/* Empty the jump cache. The empty tag is pc 1: regions are entered at
 * parcel-aligned pcs (parcels are 2 bytes or more), so no lookup matches it. */
static void jc_clear(struct rt_jit *j)
{
	for (unsigned i = 0; i < JIT_JC_SIZE; i++) {
		j->jc[i].pc = 1;
		j->jc[i].fn = NULL;
	}
}

/* Remember pc -> fn in the jump cache. */
static void jc_set(struct rt_jit *j, uint64_t pc, rt_region_fn fn)
{
	jit_jc_entry *e = &j->jc[JIT_JC_HASH(pc, j->jc_shift)];
	e->pc = pc;
	e->fn = (jit_region_fn)fn;
}

/* Turn the tier on for cpu. */
rt_err rt_jit_attach(rt_cpu *cpu, rt_engine e, char *err, size_t n)
{
	if (e == RT_ENGINE_INTERP)
		return RT_OK;
	struct rt_jit *j = calloc(1, sizeof *j);
	if (j) {
		j->tab = calloc(1024, sizeof *j->tab);
		j->jc = calloc(JIT_JC_SIZE, sizeof *j->jc);
		j->taken = calloc(JIT_TAKEN_SIZE, sizeof *j->taken);
	}
	if (!j || !j->tab || !j->jc || !j->taken) {
		if (j) {
			free(j->tab);
			free(j->jc);
			free(j->taken);
		}
		free(j);
		return rt_error(err, n, RT_ERR_NOMEM, "out of memory");
	}
	jc_clear(j);
	j->jc_shift = (unsigned)__builtin_ctz(cpu->g->parcel_bytes);
	j->cap = 1024;
	j->engine = e;
	cpu->jit = j;
	return RT_OK;
}

/* Free the tier's state (the compile thread is stopped first). */
void rt_jit_detach(rt_cpu *cpu)
{
	struct rt_jit *j = cpu->jit;
	if (!j)
		return;
	if (j->thread) {
		atomic_store(&j->quit, 1);
		mk_notify_signal(j->wake, 1);
		mk_thread_join(j->thread, NULL);
	}
	if (j->wake)
		mk_notify_destroy(j->wake);
	for (unsigned i = atomic_load(&j->res_tail); i != atomic_load(&j->res_head); i++)
		free(j->res[i % RING].res.code), free(j->res[i % RING].res.entry);
	if (j->c)
		j->ops->destroy(j->c);
	if (j->c_fast)
		j->ops->destroy(j->c_fast);
	free(j->upgrade);
	for (rt_compiled *c = j->compiled, *nx; c; c = nx) {
		nx = c->next;
		free(c->line);
		free(c);
	}
	free(j->tab);
	free(j->jc);
	free(j->taken);
	free(j);
	cpu->jit = NULL;
}

/* Is a compilation in progress or queued? */
int rt_jit_busy(const rt_cpu *cpu)
{
	struct rt_jit *j = cpu->jit;
	return j && j->thread && atomic_load(&j->req_head) != atomic_load(&j->req_tail);
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

/* Does RAM still hold the instructions res was built from? */
static int still_there(const rt_cpu *cpu, const jit_result *res)
{
	for (unsigned i = 0; i < res->ninsns; i++)
		if (rt_insn_word(cpu, res->code[i].off, res->code[i].len) != res->code[i].word)
			return 0;
	return 1;
}

/* qsort order of code lines. */
static int by_line(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

/* The code lines of res, sorted and unique (NULL when out of memory). */
static rt_compiled *lines_of(struct rt_jit *j, const jit_result *res)
{
	rt_compiled *c = calloc(1, sizeof *c);
	uint64_t *l = malloc(((size_t)res->ninsns * 2 + 1) * sizeof *l);
	if (!c || !l) {
		free(c);
		free(l);
		return NULL;
	}
	unsigned n = 0;
	for (unsigned i = 0; i < res->ninsns; i++) {
		l[n++] = res->code[i].off >> RT_CODE_LINE_SHIFT;
		l[n++] = (res->code[i].off + res->code[i].len - 1) >> RT_CODE_LINE_SHIFT;
	}
	qsort(l, n, sizeof *l, by_line);
	unsigned u = 0;
	for (unsigned i = 0; i < n; i++)
		if (!u || l[u - 1] != l[i])
			l[u++] = l[i];
	c->line = l;
	c->n = u;
	c->next = j->compiled;
	j->compiled = c;
	return c;
}

/* Does c hold code in lines [first, last]? */
static int holds(const rt_compiled *c, uint64_t first, uint64_t last)
{
	unsigned lo = 0, hi = c->n; /* first line >= first */
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		if (c->line[mid] < first)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->n && c->line[lo] <= last;
}

/* Install a compiled region of level 1 (fast) or 2 (optimized) at s and
 * its other entries (replacing code of a lower level): check its code,
 * mark its code lines. 1 if installed. The table may move (s is stale). */
static int install(rt_cpu *cpu, struct rt_jit *j, rt_region *s, jit_result *res, int level)
{
	int ok = 0;
	rt_compiled *cr = still_there(cpu, res) ? lines_of(j, res) : NULL;
	if (cr) {
		for (unsigned i = 0; i < res->ninsns; i++) {
			const jit_code *c = &res->code[i];
			cpu->code_map[c->off >> RT_CODE_LINE_SHIFT] = 1;
			cpu->code_map[(c->off + c->len - 1) >> RT_CODE_LINE_SHIFT] = 1;
		}
		/* every entry of the region (s is the first), unless compiled */
		for (unsigned i = 0; i < res->nentry; i++) {
			rt_region *e = i ? slot_of(j, res->entry[i]) : s;
			if (i && e->fn && e->level >= level)
				continue;
			e->fn = res->fn;
			e->cr = cr;
			e->level = (uint8_t)level;
			jc_set(j, res->entry[i], res->fn);
		}
		j->st.regions++;
		j->st.region_insns += res->ninsns;
		ok = 1;
	} else {
		s->hits = 0; /* the guest rewrote it meanwhile: count again */
	}
	j->st.compile_ns += res->ns;
	free(res->code);
	res->code = NULL;
	free(res->entry);
	res->entry = NULL;
	return ok;
}

/* The level auto compiles a hot region at first: 2, optimized (measured:
 * code generated at O0 runs slower than the interpreter on some guests, so
 * a fast first step does not pay); MORPH_JIT_FIRST=1 compiles fast first,
 * then optimized. */
static int first_level(void)
{
	static int n;
	if (!n) {
		const char *e = mk_env("MORPH_JIT_FIRST");
		n = e && *e == '1' ? 1 : 2;
	}
	return n;
}

/* Load the module and make a compiler; 0, or -1 with a message in err. */
static int start(rt_cpu *cpu, struct rt_jit *j, char *err, size_t n)
{
	if (!j->ops && !(j->ops = module_ops(err, n)))
		return -1;
	const jit_taken *tk = j->engine == RT_ENGINE_AUTO ? j->taken : NULL;
	if (!j->c && !(j->c = j->ops->create(cpu, j->engine == RT_ENGINE_AUTO, j->jc, tk, err, n)))
		return -1;
	if (j->engine == RT_ENGINE_AUTO && first_level() == 1 && !j->c_fast &&
	    !(j->c_fast = j->ops->create(cpu, 0, j->jc, tk, err, n)))
		return -1;
	return 0;
}

/* The compile thread of `auto`: compile queued pcs, post the results. */
static void *compile_thread(void *arg)
{
	rt_cpu *cpu = arg;
	struct rt_jit *j = cpu->jit;
	if (start(cpu, j, j->err, sizeof j->err)) {
		atomic_store(&j->failed, 1);
		return NULL;
	}
	while (!atomic_load(&j->quit)) {
		unsigned t = atomic_load(&j->req_tail);
		if (t == atomic_load_explicit(&j->req_head, memory_order_acquire)) {
			uint32_t bits;
			mk_notify_wait(j->wake, MK_FOREVER, &bits);
			continue;
		}
		while (atomic_load(&j->res_head) - atomic_load(&j->res_tail) >= RING &&
		       !atomic_load(&j->quit))
			mk_notify_wait(j->wake, 1000000, &(uint32_t){0});
		done *d = &j->res[atomic_load(&j->res_head) % RING];
		d->pc = j->req[t % RING];
		d->level = j->req_level[t % RING];
		d->ok = j->ops->compile(d->level == 2 ? j->c : j->c_fast, d->pc, &d->res) == 0;
		atomic_store(&j->req_tail, t + 1);
		/* the vCPU takes it at its next boundary (rt_jit_poll) */
		atomic_store_explicit(&j->res_head, atomic_load(&j->res_head) + 1,
		                      memory_order_release);
	}
	return NULL;
}

/* Entries that make a region hot (MORPH_JIT_HOT overrides RT_JIT_HOT, for
 * measurements). */
static uint32_t hot(void)
{
	static uint32_t n;
	if (!n) {
		const char *e = mk_env("MORPH_JIT_HOT");
		n = e && atoi(e) > 0 ? (uint32_t)atoi(e) : RT_JIT_HOT;
	}
	return n;
}

/* Queue pc to the compile thread (started on first use) at level 1 (fast)
 * or 2 (optimized). */
static void enqueue(rt_cpu *cpu, struct rt_jit *j, rt_region *s, int level)
{
	if (!j->thread) {
		if (mk_notify_create(&j->wake) != MK_OK ||
		    mk_thread_create(&j->thread, compile_thread, cpu) != MK_OK) {
			fail(cpu, "cannot start the JIT's compile thread");
			return;
		}
	}
	/* one compilation at a time: a region covers every block of a loop, so
	 * the other hot pcs of the loop are likely entries of the one being
	 * compiled; they are queued later if they are not */
	unsigned h = atomic_load(&j->req_head);
	if (h != atomic_load(&j->req_tail) ||
	    atomic_load(&j->res_head) != atomic_load(&j->res_tail))
		return;
	j->req[h % RING] = s->pc;
	j->req_level[h % RING] = (uint8_t)level;
	atomic_store_explicit(&j->req_head, h + 1, memory_order_release);
	s->queued = 1;
	mk_notify_signal(j->wake, 1);
}

/* Remember pc for an optimizing compilation (a full list forgets it). */
static void want_upgrade(struct rt_jit *j, uint64_t pc)
{
	if (j->nupgrade == j->capupgrade) {
		size_t cap = j->capupgrade ? 2 * j->capupgrade : 64;
		uint64_t *u = realloc(j->upgrade, cap * sizeof *u);
		if (!u)
			return;
		j->upgrade = u;
		j->capupgrade = cap;
	}
	j->upgrade[j->nupgrade++] = pc;
}

/* Take the regions the compile thread has finished (run loop boundary). */
void rt_jit_poll(rt_cpu *cpu)
{
	struct rt_jit *j = cpu->jit;
	if (!j || !j->thread)
		return;
	if (atomic_load(&j->failed)) {
		fail(cpu, j->err);
		return;
	}
	unsigned head = atomic_load_explicit(&j->res_head, memory_order_acquire);
	unsigned t = atomic_load(&j->res_tail), t0 = t;
	for (; t != head; t++) {
		done *d = &j->res[t % RING];
		rt_region *s = slot_of(j, d->pc);
		s->queued = 0;
		if (d->ok && install(cpu, j, s, &d->res, d->level) && d->level == 1)
			want_upgrade(j, d->pc);
		else if (!d->ok && d->level == first_level())
			s->no_region = 1;
	}
	if (t != t0) {
		atomic_store(&j->res_tail, t);
		mk_notify_signal(j->wake, 2); /* room in the results ring */
	}
	/* when nothing new is hot, optimize what was compiled fast */
	while (j->nupgrade && atomic_load(&j->req_head) == atomic_load(&j->req_tail)) {
		rt_region *s = slot_of(j, j->upgrade[--j->nupgrade]);
		if (s->fn && s->level == 1 && !s->queued)
			enqueue(cpu, j, s, 2);
	}
}

/* The region for pc, compiled when its time has come. */
rt_region_fn rt_jit_region(rt_cpu *cpu, uint64_t pc, int hit)
{
	struct rt_jit *j = cpu->jit;
	rt_region *s = slot_of(j, pc);
	if (rt_likely(s->fn != NULL)) {
		jc_set(j, pc, s->fn);
		return s->fn;
	}
	if (s->no_region)
		return NULL;
	if (j->engine == RT_ENGINE_AUTO) {
		if (hit)
			atomic_store_explicit(&j->taken[JIT_TAKEN_HASH(pc, j->jc_shift)], 1,
			                      memory_order_relaxed);
		if (hit && ++s->hits >= hot() && !s->queued)
			enqueue(cpu, j, s, first_level());
		return NULL;
	}
	char err[256];
	if (start(cpu, j, err, sizeof err)) {
		fail(cpu, err);
		return NULL;
	}
	jit_result res = {0};
	if (j->ops->compile(j->c, pc, &res) != 0) {
		s->no_region = 1;
		return NULL;
	}
	install(cpu, j, s, &res, 1);
	return slot_of(j, pc)->fn; /* install may have moved the table */
}

/* Free the compiled regions no table entry refers to any more. */
static void free_dead(struct rt_jit *j)
{
	for (rt_compiled **p = &j->compiled; *p;) {
		rt_compiled *c = *p;
		if (c->dead) {
			*p = c->next;
			free(c->line);
			free(c);
		} else {
			p = &c->next;
		}
	}
}

/* Drop the regions built from RAM [off, off + bytes). */
void rt_jit_code_written(rt_cpu *cpu, uint64_t off, unsigned bytes)
{
	struct rt_jit *j = cpu->jit;
	if (!j)
		return;
	uint64_t first = off >> RT_CODE_LINE_SHIFT, last = (off + bytes - 1) >> RT_CODE_LINE_SHIFT;
	int dropped = 0;
	for (rt_compiled *c = j->compiled; c; c = c->next)
		if (!c->dead && holds(c, first, last))
			c->dead = dropped = 1;
	if (!dropped)
		return;
	for (size_t i = 0; i < j->cap; i++) {
		rt_region *s = &j->tab[i];
		if (s->used && s->fn && s->cr && s->cr->dead) {
			s->fn = NULL;
			s->cr = NULL;
			s->level = 0;
			s->hits = 0;
			j->st.invalidated++;
		}
	}
	free_dead(j);
	jc_clear(j);
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
			j->tab[i].cr = NULL;
			j->tab[i].level = 0;
			j->tab[i].hits = 0;
			j->st.invalidated++;
		}
	for (rt_compiled *c = j->compiled; c; c = c->next)
		c->dead = 1;
	free_dead(j);
	jc_clear(j);
}

/* Statistics. */
rt_jit_stats rt_jit_get_stats(const rt_cpu *cpu)
{
	rt_jit_stats z = {0};
	return cpu->jit ? cpu->jit->st : z;
}

/* Count instructions retired in compiled code. */
void rt_jit_count(rt_cpu *cpu, uint64_t n, uint64_t ns)
{
	cpu->jit->st.jit_insns += n;
	cpu->jit->st.jit_ns += ns;
	cpu->jit->st.entries++;
}
