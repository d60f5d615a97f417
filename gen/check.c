/* check.c: gen_check_isa, the elaboration and checking of an ISA
 * description for one set of parameter values (docs/language.md). The
 * expression and statement rules live in check_expr.c. */
#include <stdlib.h>
#include <string.h>

#include "../runtime/rt_guest.h"
#include "check.h"

const char *const gen_exc_names[8] = {
        "illegal_insn", "fetch_fault",     "fetch_misaligned", "load_fault",
        "store_fault",  "load_misaligned", "store_misaligned", "breakpoint",
};

/* The first ISA file parsed (where errors about an empty description go). */
static const char *first_file;

/* A predicated group: its condition is checked once for all its insns. */
typedef struct chk_pred {
	gen_expr *e;
	int ok, hibit;
	gen_sym *field;
	unsigned flags; /* RT_INSN_* of evaluating the predicate */
} chk_pred;

/* Elaboration state: the declarations selected by the parameter values. */
typedef struct elab {
	gen_vec flat;   /* gen_decl *, description order */
	gen_vec params; /* top-level params */
	gen_vec guests;
	int ngroups;
	gen_vec preds; /* chk_pred * */
} elab;

static int declare(chk *c, gen_sym *s);

/* ---- parameters ------------------------------------------------------------- */

/* The value v of param p is allowed? */
static int param_allows(const gen_decl *p, long long v)
{
	for (int i = 0; i < p->npairs; i++)
		if (p->pairs[i].value->is_const && (long long)p->pairs[i].value->cval == v)
			return 1;
	return 0;
}

/* "{32, 64}": the allowed values of p. */
static const char *param_set(const gen_decl *p)
{
	char *s = "{";
	for (int i = 0; i < p->npairs; i++)
		s = gen_fmt("%s%s%lld", s, i ? ", " : "", (long long)p->pairs[i].value->cval);
	return gen_fmt("%s}", s);
}

/* Declare the parameters and check their allowed values. */
static int declare_params(chk *c, elab *el)
{
	int rc = 0;
	for (int i = 0; i < el->params.n; i++) {
		gen_decl *d = el->params.v[i];
		for (int j = 0; j < d->npairs; j++) {
			long long v;
			if (chk_const_int(c, d->pairs[j].value, 0, 1 << 30, "a parameter value",
			                  &v))
				rc = -1;
		}
		if (!d->npairs) {
			gen_error(d->loc, "parameter '%s' has no allowed values", d->name);
			rc = -1;
		}
		gen_sym *s = gen_alloc(sizeof *s);
		s->kind = GEN_SYM_PARAM;
		s->name = d->name;
		s->loc = d->loc;
		s->decl = d;
		s->value = -1;
		d->sym = s;
		rc |= declare(c, s);
	}
	return rc;
}

static gen_decl *find_param(elab *el, const char *name)
{
	for (int i = 0; i < el->params.n; i++) {
		gen_decl *d = el->params.v[i];
		if (!strcmp(d->name, name))
			return d;
	}
	return NULL;
}

/* Check every guest's settings; apply those of guest `g`. */
static int apply_guests(chk *c, elab *el, const char *g, int *found)
{
	int rc = 0;
	for (int i = 0; i < el->guests.n; i++) {
		gen_decl *d = el->guests.v[i];
		for (int k = 0; k < i; k++) {
			gen_decl *o = el->guests.v[k];
			if (!strcmp(o->name, d->name)) {
				gen_error(d->loc,
				          "duplicate guest '%s' (first declared at line %d)",
				          d->name, o->loc.line);
				rc = -1;
			}
		}
		for (int j = 0; j < d->npairs; j++) {
			gen_pair *p = &d->pairs[j];
			gen_decl *pd = find_param(el, p->name);
			long long v;
			if (!pd) {
				gen_error(p->loc, "guest '%s' sets unknown parameter '%s'", d->name,
				          p->name);
				rc = -1;
				continue;
			}
			if (chk_const_int(c, p->value, 0, 1 << 30, "a parameter value", &v)) {
				rc = -1;
				continue;
			}
			if (!param_allows(pd, (long long)v)) {
				gen_error(p->value->loc,
				          "%s = %lld is not one of the values of '%s' %s", p->name,
				          v, p->name, param_set(pd));
				rc = -1;
				continue;
			}
			if (g && !strcmp(g, d->name)) {
				pd->sym->value = (int)v;
				*found = 1;
			}
		}
		if (g && !strcmp(g, d->name))
			*found = 1;
	}
	return rc;
}

/* Apply -D name=value definitions. */
static int apply_defs(chk *c, elab *el, const char **defs, int ndefs, const char *g, int from_guest)
{
	int rc = 0;
	for (int i = 0; i < ndefs; i++) {
		const char *eq = strchr(defs[i], '=');
		uint64_t v = 0;
		if (!eq || eq == defs[i] || gen_parse_uint(eq + 1, GEN_MAX_PARAM, &v)) {
			gen_error(c->anchor, "bad definition '-D %s' (expected -D name=value)",
			          defs[i]);
			rc = -1;
			continue;
		}
		const char *name = gen_strndup(defs[i], (size_t)(eq - defs[i]));
		gen_decl *pd = find_param(el, name);
		if (!pd) {
			gen_error(c->anchor, "-D %s: the description has no parameter '%s'",
			          defs[i], name);
			rc = -1;
			continue;
		}
		if (!param_allows(pd, (long long)v)) {
			gen_error(pd->loc, "-D %s: '%s' must be one of %s", defs[i], name,
			          param_set(pd));
			rc = -1;
			continue;
		}
		if (from_guest && pd->sym->value >= 0 && (uint64_t)pd->sym->value != v) {
			gen_error(pd->loc, "-D %s conflicts with guest '%s' (%s = %d)", defs[i], g,
			          name, pd->sym->value);
			rc = -1;
			continue;
		}
		pd->sym->value = (int)v;
	}
	return rc;
}

/* Every parameter must have a value now (single-valued ones default). */
static int params_set(chk *c, elab *el)
{
	int rc = 0;
	(void)c;
	for (int i = 0; i < el->params.n; i++) {
		gen_decl *d = el->params.v[i];
		if (d->sym->value >= 0)
			continue;
		if (d->npairs == 1) {
			d->sym->value = (int)d->pairs[0].value->cval;
			continue;
		}
		gen_error(d->loc,
		          "parameter '%s' has no value: use -D %s=... or -g with a declared guest",
		          d->name, d->name);
		rc = -1;
	}
	return rc;
}

/* ---- elaboration ------------------------------------------------------------- */

/* Gather top-level params and guests. */
static void gather(elab *el, gen_decl *list)
{
	for (gen_decl *d = list; d; d = d->next) {
		if (d->kind == GEN_D_PARAM)
			gen_vec_push(&el->params, d);
		else if (d->kind == GEN_D_GUEST)
			gen_vec_push(&el->guests, d);
	}
}

/* Flatten list into el->flat: resolve top-level ifs, record overlap groups
 * and predicates. in_if: nested in an if; group/pred: enclosing ones. */
static int flatten(chk *c, elab *el, gen_decl *list, int in_if, int group, chk_pred *pred)
{
	int rc = 0;
	for (gen_decl *d = list; d; d = d->next) {
		long long v;
		switch (d->kind) {
		case GEN_D_PARAM:
		case GEN_D_GUEST:
			if (in_if || group || pred) {
				gen_error(d->loc, "%s declarations must be at the top level",
				          d->kind == GEN_D_PARAM ? "param" : "guest");
				rc = -1;
			}
			continue;
		case GEN_D_IF:
			if (chk_const_int(c, d->e, 0, 1, "the condition of a top-level if", &v)) {
				rc = -1;
				continue;
			}
			rc |= flatten(c, el, v ? d->body : d->els, 1, group, pred);
			continue;
		case GEN_D_OVERLAP:
			if (group) {
				gen_error(d->loc, "overlap groups cannot be nested");
				rc = -1;
				continue;
			}
			rc |= flatten(c, el, d->body, in_if, ++el->ngroups, pred);
			continue;
		case GEN_D_PREDICATED: {
			if (pred) {
				gen_error(d->loc, "predicated blocks cannot be nested");
				rc = -1;
				continue;
			}
			chk_pred *p = gen_alloc(sizeof *p);
			p->e = d->e;
			gen_vec_push(&el->preds, p);
			rc |= flatten(c, el, d->body, in_if, group, p);
			continue;
		}
		case GEN_D_INSN:
		case GEN_D_ILLEGAL:
			d->overlap_group = group;
			d->pred = pred ? pred->e : NULL;
			break;
		default:
			if (group || pred) {
				gen_error(d->loc,
				          "only insn and illegal declarations may stand inside %s",
				          group ? "overlap" : "predicated");
				rc = -1;
				continue;
			}
			break;
		}
		gen_vec_push(&el->flat, d);
	}
	return rc;
}

/* ---- declarations -------------------------------------------------------------- */

static int is_builtin(const char *n)
{
	static const char *const b[] = {"sext", "zext", "trunc", "udiv", "sdiv", "urem", "srem"};
	for (size_t i = 0; i < sizeof b / sizeof b[0]; i++)
		if (!strcmp(n, b[i]))
			return 1;
	return 0;
}

/* Enter a global value name; duplicates (also after '.' -> '_') are errors. */
static int declare(chk *c, gen_sym *s)
{
	const char *m = gen_mangle(s->name);
	gen_sym *o = gen_map_get(&c->mangled, m);
	if (is_builtin(s->name)) {
		gen_error(s->loc, "'%s' is a builtin function and cannot be declared", s->name);
		return -1;
	}
	if (o) {
		if (!strcmp(o->name, s->name))
			gen_error(s->loc, "duplicate name '%s' (first declared at %s:%d:%d)",
			          s->name, o->loc.file, o->loc.line, o->loc.col);
		else
			gen_error(s->loc,
			          "'%s' collides with '%s' (declared at %s:%d:%d) once '.' becomes "
			          "'_'",
			          s->name, o->name, o->loc.file, o->loc.line, o->loc.col);
		return -1;
	}
	gen_map_put(&c->mangled, m, s);
	gen_map_put(&c->names, s->name, s);
	return 0;
}

/* A new symbol for declaration d. */
static gen_sym *newsym(gen_decl *d, gen_sym_kind kind)
{
	gen_sym *s = gen_alloc(sizeof *s);
	s->kind = kind;
	s->name = d->name;
	s->loc = d->loc;
	s->decl = d;
	d->sym = s;
	return s;
}

/* Push d onto an isa array (arena vector stored as pointer+count). */
static void add(gen_decl ***arr, int *n, gen_decl *d)
{
	gen_decl **a = gen_alloc(sizeof *a * (size_t)(*n + 1));
	if (*n)
		memcpy(a, *arr, sizeof *a * (size_t)*n);
	a[(*n)++] = d;
	*arr = a;
}

/* Singleton declarations: isa, endian, elf, word, parcel, length. */
static int singletons(chk *c, elab *el, gen_decl **one)
{
	int rc = 0;
	static const char *const kw[GEN_D_COUNT] = {
	        [GEN_D_ISA] = "isa",
	        [GEN_D_ENDIAN] = "endian",
	        [GEN_D_ELF] = "elf",
	        [GEN_D_WORD] = "word",
	        [GEN_D_PARCEL] = "parcel",
	        [GEN_D_LENGTH] = "length",
	        [GEN_D_TRANSLATE] = "translate",
	};
	for (int i = 0; i < el->flat.n; i++) {
		gen_decl *d = el->flat.v[i];
		if (!kw[d->kind])
			continue;
		if (one[d->kind]) {
			gen_error(d->loc, "duplicate '%s' declaration (first at %s:%d:%d)",
			          kw[d->kind], one[d->kind]->loc.file, one[d->kind]->loc.line,
			          one[d->kind]->loc.col);
			rc = -1;
			continue;
		}
		one[d->kind] = d;
	}
	return rc;
}

/* The header: isa, endian, elf, word, parcel. */
static int header(chk *c, gen_decl **one)
{
	gen_isa *isa = c->isa;
	int rc = 0;
	long long v;
	if (!one[GEN_D_ISA]) {
		gen_error(c->anchor, "missing 'isa NAME;' declaration");
		rc = -1;
		isa->family = "unknown";
	} else {
		isa->family = one[GEN_D_ISA]->name;
	}
	if (one[GEN_D_ENDIAN])
		isa->big_endian = one[GEN_D_ENDIAN]->big_endian;
	if (one[GEN_D_TRANSLATE])
		isa->translate = one[GEN_D_TRANSLATE]->name;
	if (one[GEN_D_ELF] && !chk_const_int(c, one[GEN_D_ELF]->e, 0, 65535, "the ELF machine", &v))
		isa->elf_machine = (int)v;
	else if (one[GEN_D_ELF])
		rc = -1;
	c->word_bits = 64;
	if (!one[GEN_D_WORD]) {
		gen_error(c->anchor, "missing 'word' declaration (the width of pc)");
		rc = -1;
	} else if (chk_const_int(c, one[GEN_D_WORD]->e, 8, 64, "the word width", &v)) {
		rc = -1;
	} else if (v != 32 && v != 64) {
		gen_error(one[GEN_D_WORD]->e->loc, "word must be 32 or 64 bits, not %lld", v);
		rc = -1;
	} else {
		c->word_bits = (int)v;
	}
	isa->word_bits = c->word_bits;
	if (!one[GEN_D_LENGTH]) {
		gen_error(c->anchor, "missing 'length' declaration (e.g. length = 32;)");
		rc = -1;
	}
	if (one[GEN_D_PARCEL]) {
		if (chk_const_int(c, one[GEN_D_PARCEL]->e, 8, 32, "the parcel size", &v)) {
			rc = -1;
		} else if (v != 8 && v != 16 && v != 32) {
			gen_error(one[GEN_D_PARCEL]->e->loc,
			          "parcel must be 8, 16 or 32 bits, not %lld", v);
			rc = -1;
		} else {
			c->parcel_bits = (int)v;
		}
	}
	return rc;
}

/* Add value v to a small sorted set of lengths. */
static void addlen(int *set, int *n, int v)
{
	int i = 0;
	while (i < *n && set[i] < v)
		i++;
	if ((i < *n && set[i] == v) || *n >= 64)
		return;
	memmove(set + i + 1, set + i, sizeof *set * (size_t)(*n - i));
	set[i] = v;
	(*n)++;
}

/* Number of nodes of an expression (stops counting past limit). */
static int nodes(const gen_expr *e, int limit)
{
	if (!e || limit <= 0)
		return 0;
	int n = 1 + nodes(e->a, limit - 1);
	n += nodes(e->b, limit - n);
	n += nodes(e->c, limit - n);
	for (int i = 0; i < e->nargs && n < limit; i++)
		n += nodes(e->args[i], limit - n);
	return n;
}

/* Possible values of the length expression: from the table of every first
 * parcel when parcels have at most 16 bits (and the expression is small
 * enough to try them all quickly), else constants joined by ?:. */
static int lengths_of(chk *c, gen_expr *e, int *set, int *n)
{
	if (e->is_const) {
		addlen(set, n, (__int128)e->cval > 1000 ? 1000 : (int)e->cval);
		return 0;
	}
	if (!c->len_of && c->parcel_bits <= 16 && nodes(e, 1001) <= 1000) {
		c->len_of = gen_alloc(sizeof *c->len_of << c->parcel_bits);
		for (unsigned long v = 0; v < (1ul << c->parcel_bits); v++) {
			gen_u128 r = chk_eval(e, v);
			c->len_of[v] = r > 1000 ? 1000 : (uint16_t)r;
		}
	}
	if (c->len_of && e == c->isa->length) {
		for (unsigned long v = 0; v < (1ul << c->parcel_bits); v++)
			addlen(set, n, c->len_of[v]);
		return 0;
	}
	if (e->kind == GEN_E_COND)
		return lengths_of(c, e->b, set, n) | lengths_of(c, e->c, set, n);
	return -1;
}

/* length = expr: check it and find the possible instruction lengths. */
static int length(chk *c, gen_decl *d, int *set, int *n)
{
	*n = 0;
	if (!d)
		return -1;
	if (!c->parcel_bits) {
		chk_ctx save = c->cx;
		c->cx = CX_CONST;
		int rc = chk_expr(c, d->e);
		c->cx = save;
		if (rc)
			return -1;
		if (!d->e->is_const) {
			gen_error(d->loc,
			          "missing 'parcel' declaration (needed when length reads insn)");
			return -1;
		}
		__int128 v = d->e->width ? (__int128)d->e->cval : chk_sval(d->e);
		c->parcel_bits = v == 8 || v == 16 ? (int)v : 32;
	} else {
		c->cx = CX_LENGTH;
		c->insn_bits = c->parcel_bits;
		int rc = chk_expr(c, d->e);
		c->cx = CX_CONST;
		if (rc)
			return -1;
	}
	if (chk_settle(c, d->e))
		return -1;
	c->isa->length = d->e;
	if (lengths_of(c, d->e, set, n)) {
		gen_error(d->e->loc,
		          "cannot tell which lengths this gives; use constants joined by ?:");
		return -1;
	}
	for (int i = 0; i < *n; i++) {
		if (set[i] < c->parcel_bits || set[i] > 32 || set[i] % c->parcel_bits) {
			gen_error(d->e->loc,
			          "length can be %d, but instructions are 1 or more %d-bit parcels "
			          "of at most 32 bits",
			          set[i], c->parcel_bits);
			return -1;
		}
		if (set[i] > c->max_len)
			c->max_len = set[i];
	}
	c->isa->length = d->e;
	c->isa->parcel_bits = c->parcel_bits;
	c->isa->max_len_bits = c->max_len;
	return 0;
}

/* Declare value names (params, registers, fields, enums, funcs, helpers). */
static int declare_all(chk *c, elab *el)
{
	int rc = 0;
	for (int i = 0; i < el->flat.n; i++) {
		gen_decl *d = el->flat.v[i];
		static const gen_sym_kind kinds[GEN_D_COUNT] = {
		        [GEN_D_REGFILE] = GEN_SYM_REGFILE, [GEN_D_REG] = GEN_SYM_REG,
		        [GEN_D_FIELD] = GEN_SYM_FIELD,     [GEN_D_ENUM] = GEN_SYM_ENUM,
		        [GEN_D_FUNC] = GEN_SYM_FUNC,       [GEN_D_HELPER] = GEN_SYM_HELPER,
		};
		if (d->kind == GEN_D_INSN) {
			const char *m = gen_mangle(d->name);
			gen_decl *o = gen_map_get(&c->insn_names, m);
			d->sym = NULL;
			if (o) {
				if (!strcmp(o->name, d->name))
					gen_error(d->loc,
					          "duplicate instruction '%s' (first declared at "
					          "%s:%d:%d)",
					          d->name, o->loc.file, o->loc.line, o->loc.col);
				else
					gen_error(d->loc,
					          "instruction '%s' collides with '%s' (declared "
					          "at %s:%d:%d) once '.' becomes '_'",
					          d->name, o->name, o->loc.file, o->loc.line,
					          o->loc.col);
				rc = -1;
			} else {
				gen_map_put(&c->insn_names, m, d);
			}
			continue;
		}
		if (d->kind == GEN_D_ILLEGAL) {
			d->sym = NULL;
			continue;
		}
		if (!kinds[d->kind] && d->kind != GEN_D_REGFILE)
			continue;
		rc |= declare(c, newsym(d, kinds[d->kind]));
	}
	return rc;
}

/* ---- registers, enums, exceptions ------------------------------------------------ */

/* The register file named by d->name, or NULL after an error. */
static int regfile_of(chk *c, gen_decl *d)
{
	gen_sym *s = gen_map_get(&c->names, d->name);
	if (!s || s->kind != GEN_SYM_REGFILE) {
		gen_error(d->loc, "'%s' is not a register file", d->name);
		return -1;
	}
	for (int i = 0; i < c->isa->nregfiles; i++)
		if (c->isa->regfiles[i] == s->decl)
			return i;
	return -1;
}

static int regfiles(chk *c, elab *el)
{
	gen_isa *isa = c->isa;
	int rc = 0;
	long long v;
	for (int pass = 0; pass < 2; pass++) {
		for (int i = 0; i < el->flat.n; i++) {
			gen_decl *d = el->flat.v[i];
			if (d->kind != (pass ? GEN_D_REG : GEN_D_REGFILE) || !d->sym)
				continue;
			int w = 1, n = 1;
			if (!chk_const_int(c, d->e, 1, 64, "a register width", &v))
				w = (int)v;
			else
				rc = -1;
			if (!pass &&
			    !chk_const_int(c, d->e2, 1, 4096, "the number of registers", &v))
				n = (int)v;
			else if (!pass)
				rc = -1;
			d->sym->width = w;
			d->sym->slot = isa->nslots;
			d->count = n;
			isa->nslots += n;
			if (pass)
				add(&isa->regs, &isa->nregs, d);
			else
				add(&isa->regfiles, &isa->nregfiles, d);
		}
	}
	int n = isa->nregfiles;
	isa->regnames = gen_alloc(sizeof *isa->regnames * (size_t)(n + 1));
	isa->hardwired = gen_alloc(sizeof *isa->hardwired * (size_t)(n + 1));
	isa->hardwired_value = gen_alloc(sizeof *isa->hardwired_value * (size_t)(n + 1));
	isa->alias_index = gen_alloc(sizeof *isa->alias_index * (size_t)(n + 1));
	isa->alias_read = gen_alloc(sizeof *isa->alias_read * (size_t)(n + 1));
	for (int i = 0; i < n; i++)
		isa->hardwired[i] = isa->alias_index[i] = -1;
	return rc;
}

/* names REGFILE { ... } */
static int names(chk *c, gen_decl *d)
{
	int r = regfile_of(c, d);
	if (r < 0)
		return -1;
	gen_decl *rf = c->isa->regfiles[r];
	if (c->isa->regnames[r]) {
		gen_error(d->loc, "register file '%s' already has names", d->name);
		return -1;
	}
	if (d->nidents != rf->count) {
		gen_error(d->loc, "names for '%s' lists %d names, but it has %d registers", d->name,
		          d->nidents, rf->count);
		return -1;
	}
	for (int i = 0; i < d->nidents; i++) {
		for (int j = 0; j < i; j++) {
			if (!strcmp(d->idents[i], d->idents[j])) {
				gen_error(d->loc, "register name '%s' is listed twice",
				          d->idents[i]);
				return -1;
			}
		}
	}
	c->isa->regnames[r] = d->idents;
	return 0;
}

/* hardwire REGFILE[i] = v;  alias REGFILE[i] = pc read e; */
static int hardwire_alias(chk *c, gen_decl *d)
{
	int r = regfile_of(c, d);
	long long idx;
	if (r < 0)
		return -1;
	gen_decl *rf = c->isa->regfiles[r];
	gen_isa *isa = c->isa;
	if (chk_const_int(c, d->e, 0, rf->count - 1, gen_fmt("the index into '%s'", d->name), &idx))
		return -1;
	int *slot = d->kind == GEN_D_HARDWIRE ? &isa->hardwired[r] : &isa->alias_index[r];
	int other = d->kind == GEN_D_HARDWIRE ? isa->alias_index[r] : isa->hardwired[r];
	if (*slot >= 0) {
		gen_error(d->loc, "register file '%s' already has a %s register", d->name,
		          d->kind == GEN_D_HARDWIRE ? "hard-wired" : "pc alias");
		return -1;
	}
	if (other == idx) {
		gen_error(d->loc, "%s[%lld] cannot be both hard-wired and the pc", d->name, idx);
		return -1;
	}
	if (d->kind == GEN_D_HARDWIRE) {
		c->cx = CX_CONST;
		if (chk_expr_width(c, d->e2, rf->sym->width, "a hard-wired register"))
			return -1;
		if (!d->e2->is_const) {
			gen_error(d->e2->loc, "a hard-wired value must be a constant");
			return -1;
		}
		isa->hardwired_value[r] = (uint64_t)d->e2->cval;
	} else {
		if (rf->sym->width != c->word_bits) {
			gen_error(d->loc, "'%s' has %d-bit registers but pc has %d bits", d->name,
			          rf->sym->width, c->word_bits);
			return -1;
		}
		c->cx = CX_ALIAS;
		int rc = chk_expr_width(c, d->e2, c->word_bits, "the alias read expression");
		c->cx = CX_CONST;
		if (rc)
			return -1;
		isa->alias_read[r] = d->e2;
	}
	*slot = (int)idx;
	return 0;
}

/* enum NAME : W { value = "text", ... } */
static int enum_decl(chk *c, gen_decl *d)
{
	long long w;
	if (chk_const_int(c, d->e, 1, 64, "an enum width", &w))
		return -1;
	d->sym->width = (int)w;
	int rc = 0;
	for (int i = 0; i < d->npairs; i++) {
		gen_pair *p = &d->pairs[i];
		if (chk_expr_width(c, p->value, (int)w, "an enum value")) {
			rc = -1;
			continue;
		}
		if (!p->value->is_const) {
			gen_error(p->value->loc, "an enum value must be a constant");
			rc = -1;
			continue;
		}
		for (int j = 0; j < i; j++) {
			if (d->pairs[j].value->is_const &&
			    d->pairs[j].value->cval == p->value->cval) {
				gen_error(p->loc, "value %s appears twice in enum '%s'",
				          chk_dec((__int128)p->value->cval), d->name);
				rc = -1;
			}
		}
	}
	add(&c->isa->enums, &c->isa->nenums, d);
	return rc;
}

/* exception KIND = value; (all eight kinds, once each) */
static int exceptions(chk *c, elab *el)
{
	gen_decl *seen[8] = {0};
	int rc = 0;
	for (int i = 0; i < el->flat.n; i++) {
		gen_decl *d = el->flat.v[i];
		int k;
		if (d->kind != GEN_D_EXCEPTION)
			continue;
		for (k = 0; k < 8 && strcmp(gen_exc_names[k], d->name); k++)
			;
		if (k == 8) {
			gen_error(
			        d->loc,
			        "unknown exception kind '%s' (expected illegal_insn, fetch_fault, "
			        "fetch_misaligned, load_fault, store_fault, load_misaligned, "
			        "store_misaligned or breakpoint)",
			        d->name);
			rc = -1;
			continue;
		}
		if (seen[k]) {
			gen_error(d->loc, "duplicate exception '%s' (first at line %d)", d->name,
			          seen[k]->loc.line);
			rc = -1;
			continue;
		}
		seen[k] = d;
		if (chk_expr_width(c, d->e, 64, "an exception cause") || !d->e->is_const) {
			if (d->e->width && !d->e->is_const)
				gen_error(d->e->loc, "an exception cause must be a constant");
			rc = -1;
			continue;
		}
		c->isa->exc[k] = (uint64_t)d->e->cval;
	}
	char *missing = NULL;
	for (int k = 0; k < 8; k++)
		if (!seen[k])
			missing = missing ? gen_fmt("%s, %s", missing, gen_exc_names[k])
			                  : gen_strdup(gen_exc_names[k]);
	if (missing) {
		gen_error(c->anchor, "missing exception kinds: %s", missing);
		rc = -1;
	}
	return rc;
}

/* ---- fields, funcs, helpers ------------------------------------------------------ */

static int fields(chk *c, elab *el)
{
	int rc = 0, nf = 0;
	for (int i = 0; i < el->flat.n; i++)
		nf += ((gen_decl *)el->flat.v[i])->kind == GEN_D_FIELD;
	c->field_hi = gen_alloc(sizeof *c->field_hi * (size_t)(nf + 1));
	for (int i = 0; i < el->flat.n; i++) {
		gen_decl *d = el->flat.v[i];
		if (d->kind != GEN_D_FIELD || !d->sym)
			continue;
		c->cx = CX_FIELD;
		c->insn_bits = c->max_len ? c->max_len : 32;
		c->field_hibit = -1;
		d->sym->index = c->isa->nfields;
		int bad = chk_expr(c, d->e);
		if (!bad && !d->e->width) {
			gen_error(d->e->loc, "field '%s' needs a width; use a sized value",
			          d->name);
			bad = 1;
		}
		if (!bad && d->e->width > 64) {
			gen_error(d->e->loc, "field '%s' is %d bits wide (at most 64)", d->name,
			          d->e->width);
			bad = 1;
		}
		rc |= bad ? -1 : 0;
		d->sym->width = d->e->width ? d->e->width : 1;
		c->field_hi[c->isa->nfields] = c->field_hibit;
		add(&c->isa->fields, &c->isa->nfields, d);
	}
	c->cx = CX_CONST;
	return rc;
}

/* Argument and result widths of funcs and helpers. */
static int signatures(chk *c, elab *el)
{
	int rc = 0;
	long long w;
	for (int i = 0; i < el->flat.n; i++) {
		gen_decl *d = el->flat.v[i];
		if ((d->kind != GEN_D_FUNC && d->kind != GEN_D_HELPER) || !d->sym)
			continue;
		int max = d->kind == GEN_D_HELPER ? 64 : 128;
		d->arg_widths = gen_alloc(sizeof *d->arg_widths * (size_t)(d->nargs + 1));
		for (int j = 0; j < d->nargs; j++) {
			d->arg_widths[j] = 1;
			for (int k = 0; k < j; k++) {
				if (!strcmp(d->args[k].name, d->args[j].name)) {
					gen_error(d->args[j].loc, "duplicate argument '%s'",
					          d->args[j].name);
					rc = -1;
				}
			}
			if (!chk_const_int(c, d->args[j].value, 1, max, "an argument width", &w))
				d->arg_widths[j] = (int)w;
			else
				rc = -1;
		}
		if (d->ret_e && !chk_const_int(c, d->ret_e, 1, max, "a result width", &w))
			d->ret_width = (int)w;
		else if (d->ret_e)
			rc = -1;
		d->sym->width = d->ret_width;
		if (d->kind == GEN_D_FUNC) {
			chk_func *f = gen_alloc(sizeof *f);
			f->d = d;
			gen_map_put(&c->funcs, d->name, f);
			add(&c->isa->funcs, &c->isa->nfuncs, d);
		} else {
			add(&c->isa->helpers, &c->isa->nhelpers, d);
		}
	}
	return rc;
}

/* Start checking a body: clear the locals. */
static void begin_body(chk *c, gen_decl *d, chk_func *f)
{
	c->cx = CX_SEM;
	c->cur = d;
	c->curf = f;
	c->flags = 0;
	c->nlocals = 0;
	c->nbinds = 0;
	c->in_pred = 0;
	c->insn_len = 0;
}

static int func_bodies(chk *c)
{
	int rc = 0;
	for (int i = 0; i < c->isa->nfuncs; i++) {
		gen_decl *d = c->isa->funcs[i];
		chk_func *f = gen_map_get(&c->funcs, d->name);
		begin_body(c, d, f);
		for (int j = 0; j < d->nargs; j++) {
			gen_sym *s = gen_alloc(sizeof *s);
			*s = (gen_sym){.kind = GEN_SYM_ARG,
			               .name = d->args[j].name,
			               .loc = d->args[j].loc,
			               .width = d->arg_widths[j],
			               .index = j};
			if (c->nbinds == c->capbinds) {
				c->capbinds = c->capbinds * 2 + 32;
				chk_bind *nb = gen_alloc(sizeof *nb * (size_t)c->capbinds);
				if (c->nbinds)
					memcpy(nb, c->binds, sizeof *nb * (size_t)c->nbinds);
				c->binds = nb;
			}
			c->binds[c->nbinds++] = (chk_bind){s->name, s};
		}
		int bad = chk_stmts(c, d->stmts);
		if (!bad && d->ret_width && !chk_returns(d->stmts)) {
			gen_error(d->loc, "func '%s' can reach its end without returning a value",
			          d->name);
			bad = 1;
		}
		rc |= bad ? -1 : 0;
		d->nlocals = c->nlocals;
		f->flags = c->flags;
		d->flags = c->flags;
	}
	c->curf = NULL;
	c->cur = NULL;
	return rc;
}

/* DFS over calls: reject recursion, accumulate flags. */
static int func_dfs(chk *c, chk_func *f)
{
	int rc = 0;
	f->state = 1;
	for (int i = 0; i < f->calls.n; i++) {
		gen_expr *call = f->calls.v[i];
		chk_func *g = gen_map_get(&c->funcs, call->name);
		if (!g)
			continue;
		if (g->state == 1) {
			gen_error(call->loc,
			          "func '%s' calls '%s' recursively (functions may not recurse)",
			          f->d->name, g->d->name);
			rc = -1;
			continue;
		}
		if (g->state == 0)
			rc |= func_dfs(c, g);
		f->flags |= g->flags;
	}
	f->state = 2;
	f->d->flags = f->flags;
	return rc;
}

/* ---- instructions ------------------------------------------------------------------ */

/* With little-endian parcels the first parcel is the low bits of the word:
 * every word an encoding matches must have the encoding's length. */
static int length_agrees(chk *c, gen_decl *d)
{
	if (!c->len_of || c->isa->big_endian)
		return 0;
	uint32_t pm = (uint32_t)chk_mask(c->parcel_bits), m = d->mask & pm, v = d->match & pm;
	long good = -1, bad = -1;
	for (uint32_t w = 0; w <= pm && (good < 0 || bad < 0); w++) {
		if ((w & m) != v)
			continue;
		if (c->len_of[w] == d->len_bits)
			good = w;
		else
			bad = w;
	}
	if (bad < 0)
		return 0;
	if (good < 0)
		gen_error(d->pattern_loc,
		          "%s can never be decoded: its first parcel makes instructions %d bits "
		          "long, not %d",
		          d->kind == GEN_D_INSN ? gen_fmt("'%s'", d->name)
		                                : "this illegal encoding",
		          c->len_of[bad], d->len_bits);
	else
		gen_error(d->pattern_loc,
		          "encoding of %s also matches first parcels of another length "
		          "(0x%0*lx gives %d bits, not %d)",
		          d->kind == GEN_D_INSN ? gen_fmt("'%s'", d->name) : "illegal",
		          (c->parcel_bits + 3) / 4, bad, c->len_of[bad], d->len_bits);
	return -1;
}

/* Compile an encoding string into len_bits, mask, match. */
static int pattern(chk *c, gen_decl *d, const int *lens, int nlens)
{
	uint32_t mask = 0, match = 0;
	int bits = 0;
	const char *p = d->pattern;
	for (int i = 0; p[i]; i++) {
		gen_loc at = d->pattern_loc;
		at.col += 1 + i;
		if (p[i] == ' ' || p[i] == '_')
			continue;
		if (p[i] != '0' && p[i] != '1' && p[i] != '.' && p[i] != '-') {
			gen_error(at, "bad character '%c' in encoding (use 0, 1, '.' or '-')",
			          p[i] >= 0x20 && p[i] < 0x7f ? p[i] : '?');
			return -1;
		}
		if (++bits > 32) {
			gen_error(at, "encoding is longer than 32 bits");
			return -1;
		}
		mask = mask << 1 | (p[i] == '0' || p[i] == '1');
		match = match << 1 | (p[i] == '1');
	}
	int ok = 0;
	char *want = "";
	for (int i = 0; i < nlens; i++) {
		ok |= lens[i] == bits;
		want = gen_fmt("%s%s%d", want, i ? (i == nlens - 1 ? " or " : ", ") : "", lens[i]);
	}
	if (!ok && nlens) {
		gen_error(d->pattern_loc, "encoding has %d bits, but instructions are %s bits long",
		          bits, want);
		return -1;
	}
	d->len_bits = bits;
	d->mask = mask;
	d->match = match;
	return length_agrees(c, d);
}

/* The template format fmt for a field: x, d, u, pcrel, reglist, a regfile or an enum. */
static int tmpl_format(chk *c, gen_tmpl_seg *s, gen_loc at)
{
	if (!strcmp(s->fmt, "x") || !strcmp(s->fmt, "d") || !strcmp(s->fmt, "u") ||
	    !strcmp(s->fmt, "pcrel") || !strcmp(s->fmt, "reglist"))
		return 0;
	gen_sym *f = gen_map_get(&c->names, s->fmt);
	if (f && (f->kind == GEN_SYM_REGFILE || f->kind == GEN_SYM_ENUM)) {
		s->fmt_sym = f;
		return 0;
	}
	gen_error(at,
	          "unknown template format '%s' (expected x, d, u, pcrel, reglist, a register file "
	          "or an enum)",
	          s->fmt);
	return -1;
}

/* Parse an assembly template into literal and placeholder segments. */
static int tmpl(chk *c, gen_decl *d)
{
	const char *t = d->tmpl;
	gen_vec segs = {0};
	char *lit = gen_alloc(strlen(t) + 1);
	int nlit = 0;
	for (int i = 0; t[i];) {
		gen_loc at = d->tmpl_loc;
		at.col += 1 + i;
		if ((t[i] == '{' && t[i + 1] == '{') || (t[i] == '}' && t[i + 1] == '}')) {
			lit[nlit++] = t[i];
			i += 2;
			continue;
		}
		if (t[i] == '}') {
			gen_error(at, "unmatched '}' in template (write '}}' for a brace)");
			return -1;
		}
		if (t[i] != '{') {
			lit[nlit++] = t[i++];
			continue;
		}
		const char *end = strchr(t + i, '}');
		if (!end) {
			gen_error(at, "unterminated '{' in template");
			return -1;
		}
		if (nlit) {
			gen_tmpl_seg *s = gen_alloc(sizeof *s);
			s->text = gen_strndup(lit, (size_t)nlit);
			gen_vec_push(&segs, s);
			nlit = 0;
		}
		const char *in = gen_strndup(t + i + 1, (size_t)(end - t - i - 1)),
		           *colon = strchr(in, ':');
		gen_tmpl_seg *s = gen_alloc(sizeof *s);
		const char *fname = colon ? gen_strndup(in, (size_t)(colon - in)) : in;
		s->fmt = colon ? gen_intern(colon + 1) : "x";
		gen_sym *f = gen_map_get(&c->names, fname);
		if (!f || f->kind != GEN_SYM_FIELD) {
			gen_error(at, "template names '%s', which is not a field", fname);
			return -1;
		}
		s->field = f;
		int hi = c->field_hi[f->index];
		if (hi >= d->len_bits) {
			gen_error(at,
			          "field '%s' reads bit %d of insn, but instruction '%s' is only "
			          "%d bits long",
			          f->name, hi, d->name, d->len_bits);
			return -1;
		}
		if (tmpl_format(c, s, at))
			return -1;
		gen_vec_push(&segs, s);
		i = (int)(end - t) + 1;
	}
	if (nlit) {
		gen_tmpl_seg *s = gen_alloc(sizeof *s);
		s->text = gen_strndup(lit, (size_t)nlit);
		gen_vec_push(&segs, s);
	}
	d->nsegs = segs.n;
	d->segs = gen_alloc(sizeof *d->segs * (size_t)(segs.n + 1));
	for (int i = 0; i < segs.n; i++)
		d->segs[i] = *(gen_tmpl_seg *)segs.v[i];
	return 0;
}

/* Check a predicated group's condition once. */
static int predicate(chk *c, chk_pred *p)
{
	if (p->ok)
		return p->ok > 0 ? 0 : -1;
	begin_body(c, NULL, NULL);
	c->in_pred = 1;
	c->pred_hibit = -1;
	c->pred_field = NULL;
	int rc = chk_cond(c, p->e, "a predicate");
	p->ok = rc ? -1 : 1;
	p->hibit = c->pred_hibit;
	p->field = c->pred_field;
	p->flags = c->flags;
	c->in_pred = 0;
	return rc;
}

/* One insn or illegal: encoding, template, predicate, semantics, flags. */
static int insn(chk *c, elab *el, gen_decl *d, const int *lens, int nlens)
{
	chk_pred *p = NULL;
	for (int i = 0; d->pred && i < el->preds.n; i++)
		if (((chk_pred *)el->preds.v[i])->e == d->pred)
			p = el->preds.v[i];
	if (pattern(c, d, lens, nlens))
		return -1;
	if (d->kind == GEN_D_ILLEGAL)
		return 0;
	int rc = 0;
	if (!d->tmpl) {
		gen_error(d->loc, "instruction '%s' has no assembly template", d->name);
		rc = -1;
	} else if (tmpl(c, d)) {
		rc = -1;
	}
	if (!d->has_body) {
		gen_error(
		        d->loc,
		        "instruction '%s' has no semantics (write a { ... } block instead of ';')",
		        d->name);
		return -1;
	}
	if (p && predicate(c, p) == 0 && p->hibit >= d->len_bits) {
		gen_error(d->loc,
		          "the predicate reads bit %d of insn (field '%s'), but instruction '%s' "
		          "is only %d bits long",
		          p->hibit, p->field ? p->field->name : "?", d->name, d->len_bits);
		rc = -1;
	}
	begin_body(c, d, NULL);
	c->insn_len = d->len_bits;
	rc |= chk_stmts(c, d->stmts);
	d->nlocals = c->nlocals;
	d->flags = c->flags | (p ? p->flags : 0);
	return rc;
}

/* A printable name of an encoding for overlap messages. */
static const char *encname(const gen_decl *d)
{
	return d->kind == GEN_D_INSN ? gen_fmt("'%s'", d->name)
	                             : gen_fmt("illegal (line %d)", d->loc.line);
}

/* Report encodings that match a common word outside a shared overlap
 * group, and encodings an earlier one in their group always hides. */
static int overlaps(chk *c)
{
	gen_isa *isa = c->isa;
	int rc = 0, shown = 0;
	for (int j = 0; j < isa->ninsns && shown < 20; j++) {
		gen_decl *b = isa->insns[j];
		for (int i = 0; i < j && shown < 20; i++) {
			gen_decl *a = isa->insns[i];
			if (a->len_bits != b->len_bits ||
			    ((a->mask & b->mask) & (a->match ^ b->match)))
				continue;
			uint32_t word = (a->match & a->mask) | (b->match & b->mask);
			if (!a->overlap_group || a->overlap_group != b->overlap_group) {
				gen_error(b->loc,
				          "encoding of %s overlaps %s (%s:%d): both match 0x%0*x; "
				          "put them in one overlap { } group",
				          encname(b), encname(a), a->loc.file, a->loc.line,
				          (a->len_bits + 3) / 4, word);
				rc = -1;
				shown++;
			} else if ((a->mask & ~b->mask) == 0) {
				gen_error(b->loc,
				          "%s can never be decoded: %s, earlier in its overlap "
				          "group, "
				          "matches every word it matches",
				          encname(b), encname(a));
				rc = -1;
				shown++;
			}
		}
	}
	return rc;
}

static int instructions(chk *c, elab *el, const int *lens, int nlens)
{
	int rc = 0, id = 0;
	for (int i = 0; i < el->flat.n; i++) {
		gen_decl *d = el->flat.v[i];
		if (d->kind != GEN_D_INSN && d->kind != GEN_D_ILLEGAL)
			continue;
		d->order = c->isa->ninsns;
		d->id = d->kind == GEN_D_INSN ? id++ : -1;
		rc |= insn(c, el, d, lens, nlens);
		add(&c->isa->insns, &c->isa->ninsns, d);
	}
	if (!rc)
		rc = overlaps(c);
	return rc;
}

/* ---- driver ---------------------------------------------------------------------------- */

/* Description files in the order their declarations appear. */
static void files(gen_isa *isa, gen_decl *decls)
{
	gen_vec v = {0};
	for (gen_decl *d = decls; d; d = d->next) {
		int seen = 0;
		for (int i = 0; i < v.n; i++)
			seen |= v.v[i] == (void *)d->loc.file;
		if (!seen)
			gen_vec_push(&v, (void *)d->loc.file);
	}
	isa->files = gen_alloc(sizeof *isa->files * (size_t)(v.n + 1));
	for (int i = 0; i < v.n; i++)
		isa->files[i] = v.v[i];
	isa->nfiles = v.n;
}

/* The other declarations that need registers: names, hardwire, alias, enum. */
static int reg_extras(chk *c, elab *el)
{
	int rc = 0;
	for (int i = 0; i < el->flat.n; i++) {
		gen_decl *d = el->flat.v[i];
		c->cx = CX_CONST;
		if (d->kind == GEN_D_NAMES)
			rc |= names(c, d);
		else if (d->kind == GEN_D_HARDWIRE || d->kind == GEN_D_ALIAS)
			rc |= hardwire_alias(c, d);
		else if (d->kind == GEN_D_ENUM && d->sym)
			rc |= enum_decl(c, d);
	}
	return rc;
}

/* Check and elaborate an ISA for one set of parameter values. */
gen_isa *gen_check_isa(gen_decl *decls, const char *guest, const char **defs, int ndefs)
{
	chk cs = {0}, *c = &cs;
	elab el = {0};
	gen_decl *one[GEN_D_COUNT] = {0};
	int before = gen_error_count(), found = 0, lens[64], nlens = 0;
	c->isa = gen_alloc(sizeof *c->isa);
	c->cx = CX_CONST;
	c->word_bits = 64;
	c->anchor = (gen_loc){first_file ? first_file : "<input>", 1, 1};
	for (gen_decl *d = decls; d; d = d->next) {
		if (d->kind == GEN_D_ISA) {
			c->anchor = d->loc;
			break;
		}
	}
	files(c->isa, decls);
	gather(&el, decls);
	if (declare_params(c, &el) || apply_guests(c, &el, guest, &found) ||
	    apply_defs(c, &el, defs, ndefs, guest, found) || params_set(c, &el))
		return NULL;
	for (int i = 0; i < el.params.n; i++)
		add(&c->isa->params, &c->isa->nparams, el.params.v[i]);
	if (flatten(c, &el, decls, 0, 0, NULL))
		return NULL;
	declare_all(c, &el);
	singletons(c, &el, one);
	header(c, one);
	length(c, one[GEN_D_LENGTH], lens, &nlens);
	regfiles(c, &el);
	reg_extras(c, &el);
	exceptions(c, &el);
	fields(c, &el);
	if (signatures(c, &el) == 0 && func_bodies(c) == 0) {
		for (int i = 0; i < c->isa->nfuncs; i++) {
			chk_func *f = gen_map_get(&c->funcs, c->isa->funcs[i]->name);
			if (f->state == 0)
				func_dfs(c, f);
		}
	}
	if (gen_error_count() != before)
		return NULL;
	instructions(c, &el, lens, nlens);
	c->isa->guest = guest ? guest : c->isa->family;
	if (gen_error_count() != before)
		return NULL;
	return c->isa;
}

/* Parse one ISA file, appending its declarations to *list. */
int gen_parse_file(const char *path, gen_decl **list)
{
	gen_pctx ctx;
	int rc = gen_parse(path, &ctx);
	if (rc)
		return rc;
	if (!first_file)
		first_file = ctx.file;
	if (ctx.kind == GEN_P_HW || ctx.kind == GEN_P_BOARD) {
		gen_error(ctx.kind == GEN_P_HW ? ctx.hw->loc : ctx.board->loc,
		          "expected an ISA description, but this is a %s description",
		          ctx.kind == GEN_P_HW ? "device" : "board");
		return -1;
	}
	while (*list)
		list = &(*list)->next;
	*list = ctx.decls;
	return 0;
}
