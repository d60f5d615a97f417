/* ast.c: the front end's arena, strings, containers and the tree builders
 * the grammar calls (one builder per production family, see parser.y). */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../runtime/rt_num.h"
#include "front.h"

/* ---- arena ------------------------------------------------------------ */

/* Chunks stay reachable from here until exit (so leak checkers stay quiet). */
typedef struct chunk {
	struct chunk *next;
	size_t used, size;
	_Alignas(16) unsigned char data[];
} chunk;
static chunk *arena;

/* Zeroed memory that lives until exit. */
void *gen_alloc(size_t n)
{
	n = (n + 15) & ~(size_t)15;
	if (!arena || arena->size - arena->used < n) {
		size_t sz = n > 65536 ? n : 65536;
		chunk *c = calloc(1, sizeof *c + sz);
		if (!c) {
			fprintf(stderr, "morphgen: out of memory\n");
			exit(2);
		}
		c->size = sz;
		c->next = arena;
		arena = c;
	}
	void *p = arena->data + arena->used;
	arena->used += n;
	return p;
}

/* Arena copy of the n bytes at s, NUL-terminated. */
char *gen_strndup(const char *s, size_t n)
{
	char *p = gen_alloc(n + 1);
	memcpy(p, s, n);
	return p;
}

/* Arena copy of s. */
char *gen_strdup(const char *s)
{
	return gen_strndup(s, strlen(s));
}

/* Arena printf. */
char *gen_fmt(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	char *p = gen_alloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

/* ---- containers --------------------------------------------------------- */

/* Append p to vec, growing it in the arena. */
void gen_vec_push(gen_vec *vec, void *p)
{
	if (vec->n == vec->cap) {
		int cap = vec->cap ? vec->cap * 2 : 8;
		void **v = gen_alloc(sizeof *v * (size_t)cap);
		if (vec->n)
			memcpy(v, vec->v, sizeof *v * (size_t)vec->n);
		vec->v = v;
		vec->cap = cap;
	}
	vec->v[vec->n++] = p;
}

static unsigned hash(const char *s)
{
	unsigned h = 2166136261u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The value stored under key, or NULL. */
void *gen_map_get(const gen_map *m, const char *key)
{
	if (!m->cap)
		return NULL;
	for (unsigned i = hash(key) & (unsigned)(m->cap - 1);;
	     i = (i + 1) & (unsigned)(m->cap - 1)) {
		if (!m->keys[i])
			return NULL;
		if (!strcmp(m->keys[i], key))
			return m->vals[i];
	}
}

/* Store val under key (replacing an old value). */
void gen_map_put(gen_map *m, const char *key, void *val)
{
	if ((m->n + 1) * 2 > m->cap) {
		gen_map old = *m;
		m->cap = old.cap ? old.cap * 2 : 64;
		m->keys = gen_alloc(sizeof *m->keys * (size_t)m->cap);
		m->vals = gen_alloc(sizeof *m->vals * (size_t)m->cap);
		m->n = 0;
		for (int i = 0; i < old.cap; i++)
			if (old.keys[i])
				gen_map_put(m, old.keys[i], old.vals[i]);
	}
	unsigned i = hash(key) & (unsigned)(m->cap - 1);
	while (m->keys[i] && strcmp(m->keys[i], key))
		i = (i + 1) & (unsigned)(m->cap - 1);
	if (!m->keys[i])
		m->n++;
	m->keys[i] = key;
	m->vals[i] = val;
}

static gen_map interned;

/* The interned copy of s. */
const char *gen_intern(const char *s)
{
	const char *p = gen_map_get(&interned, s);
	if (!p) {
		p = gen_strdup(s);
		gen_map_put(&interned, p, (void *)p);
	}
	return p;
}

/* Is s a C identifier? */
int gen_is_c_ident(const char *s)
{
	if (!(isalpha((unsigned char)*s) || *s == '_'))
		return 0;
	while (*++s)
		if (!(isalnum((unsigned char)*s) || *s == '_'))
			return 0;
	return 1;
}

/* Strict unsigned number: decimal, or hex after 0x; nothing else. */
int gen_parse_uint(const char *s, uint64_t max, uint64_t *v)
{
	return rt_parse_uint(s, max, v);
}

/* s with '.' replaced by '_', interned. */
const char *gen_mangle(const char *s)
{
	if (!strchr(s, '.'))
		return gen_intern(s);
	char *t = gen_strdup(s);
	for (char *p = t; *p; p++)
		if (*p == '.')
			*p = '_';
	return gen_intern(t);
}

/* list -> list item: append item to list (a new list when list is NULL). */
gen_vec *gen_new_list(gen_vec *list, void *item)
{
	if (!list)
		list = gen_alloc(sizeof *list);
	gen_vec_push(list, item);
	return list;
}

/* ---- locations and depth ----------------------------------------------- */

/* The gen_loc of a line and column of the file being parsed. */
gen_loc gen_mkloc(gen_pctx *ctx, int line, int col)
{
	return (gen_loc){ctx->file, line, col};
}

/* Report that something nests deeper than GEN_MAX_DEPTH (once per file). */
void gen_too_deep(gen_pctx *ctx, gen_loc loc, const char *what)
{
	if (ctx->deep_reported)
		return;
	ctx->deep_reported = 1;
	ctx->errors++;
	gen_error(loc, "%s nested too deeply (more than %d levels)", what, GEN_MAX_DEPTH);
}

static int edepth(const gen_expr *e)
{
	return e ? e->depth : 0;
}

static int max2(int a, int b)
{
	return a > b ? a : b;
}

/* A new expression node whose children have depth d. */
static gen_expr *enew(gen_pctx *ctx, gen_loc loc, gen_expr_kind kind, int d)
{
	gen_expr *e = gen_alloc(sizeof *e);
	e->kind = kind;
	e->loc = loc;
	e->depth = d + 1;
	if (e->depth > GEN_MAX_DEPTH)
		gen_too_deep(ctx, loc, "expression");
	return e;
}

/* Copy a list of expressions into an array; returns the deepest depth. */
static int exprs(gen_vec *v, gen_expr ***out, int *n)
{
	int d = 0;
	*n = v ? v->n : 0;
	*out = NULL;
	if (!*n)
		return 0;
	*out = gen_alloc(sizeof **out * (size_t)*n);
	for (int i = 0; i < *n; i++) {
		(*out)[i] = v->v[i];
		d = max2(d, edepth(v->v[i]));
	}
	return d;
}

/* ---- expressions ---------------------------------------------------------- */

/* primary -> NUM */
gen_expr *gen_new_num(gen_pctx *ctx, gen_loc loc, gen_numtok n)
{
	gen_expr *e = enew(ctx, loc, GEN_E_NUM, 0);
	e->num = n.v;
	e->width = n.width;
	return e;
}

/* primary -> IDENT */
gen_expr *gen_new_name(gen_pctx *ctx, gen_loc loc, const char *name)
{
	gen_expr *e = enew(ctx, loc, GEN_E_NAME, 0);
	e->name = name;
	return e;
}

/* primary -> "pc" | "npc" | "insn" */
gen_expr *gen_new_leaf(gen_pctx *ctx, gen_loc loc, gen_expr_kind kind)
{
	return enew(ctx, loc, kind, 0);
}

/* expr -> unop expr */
gen_expr *gen_new_unary(gen_pctx *ctx, gen_loc loc, gen_op op, gen_expr *a)
{
	gen_expr *e = enew(ctx, loc, GEN_E_UNARY, edepth(a));
	e->op = op;
	e->a = a;
	return e;
}

/* expr -> expr binop expr */
gen_expr *gen_new_binary(gen_pctx *ctx, gen_loc loc, gen_op op, gen_expr *a, gen_expr *b)
{
	gen_expr *e = enew(ctx, loc, GEN_E_BINARY, max2(edepth(a), edepth(b)));
	e->op = op;
	e->a = a;
	e->b = b;
	return e;
}

/* expr -> expr "?" expr ":" expr */
gen_expr *gen_new_cond(gen_pctx *ctx, gen_loc loc, gen_expr *c, gen_expr *a, gen_expr *b)
{
	gen_expr *e = enew(ctx, loc, GEN_E_COND, max2(edepth(c), max2(edepth(a), edepth(b))));
	e->a = c;
	e->b = a;
	e->c = b;
	return e;
}

/* primary -> "{" exprs "}" */
gen_expr *gen_new_concat(gen_pctx *ctx, gen_loc loc, gen_vec *args)
{
	gen_expr **a;
	int n, d = exprs(args, &a, &n);
	gen_expr *e = enew(ctx, loc, GEN_E_CONCAT, d);
	e->args = a;
	e->nargs = n;
	return e;
}

/* postfix -> postfix "[" expr "]" */
gen_expr *gen_new_index(gen_pctx *ctx, gen_loc loc, gen_expr *base, gen_expr *i)
{
	gen_expr *e = enew(ctx, loc, GEN_E_INDEX, max2(edepth(base), edepth(i)));
	e->a = base;
	e->b = i;
	return e;
}

/* postfix -> postfix "[" expr ":" expr "]" */
gen_expr *gen_new_slice(gen_pctx *ctx, gen_loc loc, gen_expr *base, gen_expr *hi, gen_expr *lo)
{
	gen_expr *e = enew(ctx, loc, GEN_E_SLICE, max2(edepth(base), max2(edepth(hi), edepth(lo))));
	e->a = base;
	e->hi_e = hi;
	e->lo_e = lo;
	return e;
}

/* primary -> MEM "[" expr "]" */
gen_expr *gen_new_mem(gen_pctx *ctx, gen_loc loc, int width, gen_expr *addr)
{
	gen_expr *e = enew(ctx, loc, GEN_E_MEM, edepth(addr));
	e->memwidth = width;
	e->a = addr;
	return e;
}

/* call -> IDENT "(" [exprs] ")" */
gen_expr *gen_new_call(gen_pctx *ctx, gen_loc loc, const char *name, gen_vec *args)
{
	gen_expr **a;
	int n, d = exprs(args, &a, &n);
	gen_expr *e = enew(ctx, loc, GEN_E_CALL, d);
	e->name = name;
	e->args = a;
	e->nargs = n;
	return e;
}

/* ---- statements --------------------------------------------------------- */

static int sdepth(const gen_stmt *s)
{
	return s ? s->depth : 0;
}

/* A new statement whose nested statements have depth d. */
static gen_stmt *snew(gen_pctx *ctx, gen_loc loc, gen_stmt_kind kind, int d)
{
	gen_stmt *s = gen_alloc(sizeof *s);
	s->kind = kind;
	s->loc = loc;
	s->depth = d + 1;
	if (s->depth > GEN_MAX_DEPTH)
		gen_too_deep(ctx, loc, "statements");
	return s;
}

/* stmt -> "let" IDENT [":" expr] "=" expr ";" */
gen_stmt *gen_new_let(gen_pctx *ctx, gen_loc loc, const char *name, gen_expr *width,
                      gen_expr *value)
{
	gen_stmt *s = snew(ctx, loc, GEN_S_LET, 0);
	s->name = name;
	s->width_e = width;
	s->a = value;
	return s;
}

/* stmt -> lvalue "=" expr ";" */
gen_stmt *gen_new_assign(gen_pctx *ctx, gen_loc loc, gen_expr *lhs, gen_expr *value)
{
	gen_stmt *s = snew(ctx, loc, GEN_S_ASSIGN, 0);
	s->lhs = lhs;
	s->a = value;
	return s;
}

/* stmt -> "delay" "pc" "=" expr ";" */
gen_stmt *gen_new_delay(gen_pctx *ctx, gen_loc loc, gen_expr *value)
{
	gen_stmt *s = snew(ctx, loc, GEN_S_DELAY, 0);
	s->a = value;
	return s;
}

/* if_stmt -> "if" "(" expr ")" block ["else" (block | if_stmt)] */
gen_stmt *gen_new_if(gen_pctx *ctx, gen_loc loc, gen_expr *c, gen_stmt *then, gen_stmt *els)
{
	gen_stmt *s = snew(ctx, loc, GEN_S_IF, max2(sdepth(then), sdepth(els)));
	s->a = c;
	s->body = then;
	s->els = els;
	return s;
}

/* stmt -> "for" IDENT "in" expr ".." expr block */
gen_stmt *gen_new_for(gen_pctx *ctx, gen_loc loc, const char *var, const char *in, gen_loc inloc,
                      gen_expr *lo, gen_expr *hi, gen_stmt *body)
{
	gen_stmt *s = snew(ctx, loc, GEN_S_FOR, sdepth(body));
	if (strcmp(in, "in")) {
		ctx->errors++;
		gen_error(inloc, "expected 'in' after the loop variable, found '%s'", in);
	}
	s->name = var;
	s->lo_e = lo;
	s->hi_e = hi;
	s->body = body;
	return s;
}

/* stmt -> "raise" "(" expr "," expr ")" ";" */
gen_stmt *gen_new_raise(gen_pctx *ctx, gen_loc loc, gen_expr *cause, gen_expr *tval)
{
	gen_stmt *s = snew(ctx, loc, GEN_S_RAISE, 0);
	s->a = cause;
	s->b = tval;
	return s;
}

/* stmt -> call ";" */
gen_stmt *gen_new_callstmt(gen_pctx *ctx, gen_loc loc, gen_expr *call)
{
	gen_stmt *s = snew(ctx, loc, GEN_S_CALL, 0);
	s->a = call;
	return s;
}

/* stmt -> "return" [expr] ";" */
gen_stmt *gen_new_return(gen_pctx *ctx, gen_loc loc, gen_expr *value)
{
	gen_stmt *s = snew(ctx, loc, GEN_S_RETURN, 0);
	s->a = value;
	return s;
}

/* block -> "{" stmts "}": links the statements through next. */
gen_stmt *gen_new_block(gen_pctx *ctx, gen_loc loc, gen_vec *stmts)
{
	int d = 0;
	gen_stmt *head = NULL, **tail = &head;
	for (int i = 0; stmts && i < stmts->n; i++) {
		gen_stmt *s = stmts->v[i];
		d = max2(d, sdepth(s));
		*tail = s;
		tail = &s->next;
	}
	gen_stmt *b = snew(ctx, loc, GEN_S_BLOCK, d);
	b->body = head;
	return b;
}

/* ---- declarations ------------------------------------------------------------ */

static gen_decl *link_decls(gen_vec *v)
{
	gen_decl *head = NULL, **tail = &head;
	for (int i = 0; v && i < v->n; i++) {
		gen_decl *d = v->v[i];
		*tail = d;
		tail = &d->next;
	}
	return head;
}

/* decl -> keyword [IDENT] ... (isa, elf, word, parcel, length, regfile,
 * hardwire, reg, field, exception): e and e2 as gen_decl documents. */
gen_decl *gen_new_decl(gen_pctx *ctx, gen_loc loc, gen_decl_kind kind, const char *name,
                       gen_expr *e, gen_expr *e2)
{
	(void)ctx;
	gen_decl *d = gen_alloc(sizeof *d);
	d->kind = kind;
	d->loc = loc;
	d->name = name;
	d->e = e;
	d->e2 = e2;
	return d;
}

/* decl -> "endian" IDENT ";" (little or big) */
gen_decl *gen_new_endian(gen_pctx *ctx, gen_loc loc, const char *which, gen_loc wloc)
{
	gen_decl *d = gen_new_decl(ctx, loc, GEN_D_ENDIAN, NULL, NULL, NULL);
	if (!strcmp(which, "big")) {
		d->big_endian = 1;
	} else if (strcmp(which, "little")) {
		ctx->errors++;
		gen_error(wloc, "expected 'little' or 'big', found '%s'", which);
	}
	return d;
}

/* Copy a list of pairs into an array. */
static gen_pair *pairs(gen_vec *v, int *n)
{
	*n = v ? v->n : 0;
	if (!*n)
		return NULL;
	gen_pair *p = gen_alloc(sizeof *p * (size_t)*n);
	for (int i = 0; i < *n; i++)
		p[i] = *(gen_pair *)v->v[i];
	return p;
}

/* setting / enum_entry / fparam -> a name, value and text */
gen_pair *gen_new_pair(gen_pctx *ctx, gen_loc loc, const char *name, gen_expr *value,
                       const char *text)
{
	(void)ctx;
	gen_pair *p = gen_alloc(sizeof *p);
	p->loc = loc;
	p->name = name;
	p->value = value;
	p->text = text;
	return p;
}

/* decl -> "param" IDENT ":" "{" exprs "}" ";" */
gen_decl *gen_new_param(gen_pctx *ctx, gen_loc loc, const char *name, gen_vec *values)
{
	gen_decl *d = gen_new_decl(ctx, loc, GEN_D_PARAM, name, NULL, NULL);
	d->npairs = values ? values->n : 0;
	d->pairs = gen_alloc(sizeof *d->pairs * (size_t)(d->npairs + 1));
	for (int i = 0; i < d->npairs; i++) {
		gen_expr *e = values->v[i];
		d->pairs[i] = (gen_pair){.value = e, .loc = e->loc};
	}
	return d;
}

/* decl -> "guest" IDENT "{" setting* "}" */
gen_decl *gen_new_guest(gen_pctx *ctx, gen_loc loc, const char *name, gen_vec *settings)
{
	gen_decl *d = gen_new_decl(ctx, loc, GEN_D_GUEST, name, NULL, NULL);
	d->pairs = pairs(settings, &d->npairs);
	return d;
}

/* decl -> "names" IDENT "{" idents "}" */
gen_decl *gen_new_names(gen_pctx *ctx, gen_loc loc, const char *regfile, gen_vec *idents)
{
	gen_decl *d = gen_new_decl(ctx, loc, GEN_D_NAMES, regfile, NULL, NULL);
	d->nidents = idents->n;
	d->idents = gen_alloc(sizeof *d->idents * (size_t)d->nidents);
	for (int i = 0; i < d->nidents; i++)
		d->idents[i] = idents->v[i];
	return d;
}

/* decl -> "alias" IDENT "[" expr "]" "=" "pc" ["read" expr] ";" */
gen_decl *gen_new_alias(gen_pctx *ctx, gen_loc loc, const char *regfile, gen_expr *index,
                        const char *read, gen_loc rloc, gen_expr *readexpr)
{
	gen_decl *d = gen_new_decl(ctx, loc, GEN_D_ALIAS, regfile, index, readexpr);
	if (read && strcmp(read, "read")) {
		ctx->errors++;
		gen_error(rloc, "expected 'read' or ';' after 'pc', found '%s'", read);
	}
	if (!readexpr)
		d->e2 = gen_new_leaf(ctx, rloc, GEN_E_PC);
	return d;
}

/* decl -> "enum" IDENT ":" expr "{" enum_entries "}" */
gen_decl *gen_new_enum(gen_pctx *ctx, gen_loc loc, const char *name, gen_expr *width,
                       gen_vec *entries)
{
	gen_decl *d = gen_new_decl(ctx, loc, GEN_D_ENUM, name, width, NULL);
	d->pairs = pairs(entries, &d->npairs);
	return d;
}

/* decl -> "insn" IDENT STRING [STRING] (block | ";") */
gen_decl *gen_new_insn(gen_pctx *ctx, gen_loc loc, const char *name, const char *pattern,
                       gen_loc ploc, const char *tmpl, gen_loc tloc, gen_stmt *body)
{
	gen_decl *d = gen_new_decl(ctx, loc, GEN_D_INSN, name, NULL, NULL);
	d->pattern = pattern;
	d->pattern_loc = ploc;
	d->tmpl = tmpl;
	d->tmpl_loc = tloc;
	d->has_body = body != NULL;
	d->stmts = body ? body->body : NULL;
	d->id = -1;
	return d;
}

/* decl -> "illegal" STRING ";" */
gen_decl *gen_new_illegal(gen_pctx *ctx, gen_loc loc, const char *pattern, gen_loc ploc)
{
	gen_decl *d = gen_new_decl(ctx, loc, GEN_D_ILLEGAL, NULL, NULL, NULL);
	d->pattern = pattern;
	d->pattern_loc = ploc;
	d->id = -1;
	return d;
}

/* decl -> "overlap" "{" decls "}" | "predicated" "(" expr ")" "{" decls "}"
 *       | top_if: groups of declarations */
gen_decl *gen_new_group(gen_pctx *ctx, gen_loc loc, gen_decl_kind kind, gen_expr *c, gen_vec *body,
                        gen_vec *els)
{
	gen_decl *d = gen_new_decl(ctx, loc, kind, NULL, c, NULL);
	d->body = link_decls(body);
	d->els = link_decls(els);
	return d;
}

/* decl -> ("func" | "helper") IDENT "(" fparams ")" [":" expr] (block | ";") */
gen_decl *gen_new_func(gen_pctx *ctx, gen_loc loc, gen_decl_kind kind, const char *name,
                       gen_vec *args, gen_expr *ret, gen_stmt *body)
{
	gen_decl *d = gen_new_decl(ctx, loc, kind, name, NULL, NULL);
	d->args = pairs(args, &d->nargs);
	d->ret_e = ret;
	d->has_body = body != NULL;
	d->stmts = body ? body->body : NULL;
	return d;
}

/* isa_file -> decls */
void gen_isa_file(gen_pctx *ctx, gen_loc loc, gen_vec *decls)
{
	(void)loc;
	ctx->kind = GEN_P_ISA;
	ctx->decls = link_decls(decls);
}

/* ---- device files ---------------------------------------------------------- */

/* A numeric token as uint64_t; a located error when it does not fit. */
static uint64_t u64(gen_pctx *ctx, gen_loc loc, gen_numtok n)
{
	if (n.v >> 64) {
		ctx->errors++;
		gen_error(loc, "number does not fit in 64 bits");
		return 0;
	}
	return (uint64_t)n.v;
}

/* A small numeric token (widths, bits) as an int, saturated at 100000. */
static int small(gen_numtok n)
{
	return n.v > 100000 ? 100000 : (int)n.v;
}

/* hw_attr -> IDENT [NUM] */
gen_hw_attr *gen_new_hw_attr(gen_pctx *ctx, gen_loc loc, const char *name, const gen_numtok *num)
{
	gen_hw_attr *a = gen_alloc(sizeof *a);
	(void)ctx;
	a->name = name;
	a->loc = loc;
	if (num) {
		a->has_num = 1;
		a->num = *num;
	}
	return a;
}

/* hw_regitem -> IDENT "=" IDENT ";" */
gen_hw_item *gen_new_hw_side(gen_pctx *ctx, gen_loc loc, const char *side, const char *handler)
{
	gen_hw_item *it = gen_alloc(sizeof *it);
	(void)ctx;
	it->name = side;
	it->handler = handler;
	it->loc = loc;
	return it;
}

/* hw_regitem -> "field" IDENT "=" "[" NUM [":" NUM] "]" ";" */
gen_hw_item *gen_new_hw_field(gen_pctx *ctx, gen_loc loc, const char *name, gen_numtok hi,
                              const gen_numtok *lo)
{
	gen_hw_item *it = gen_alloc(sizeof *it);
	(void)ctx;
	it->is_field = 1;
	it->name = name;
	it->loc = loc;
	it->hi = hi;
	it->lo = lo ? *lo : hi;
	return it;
}

/* Apply a register's attributes (rw, ro, fast, reset N). */
static void hw_attrs(gen_pctx *ctx, gen_hw_reg *r, gen_vec *attrs)
{
	int seen_reset = 0;
	for (int i = 0; attrs && i < attrs->n; i++) {
		gen_hw_attr *a = attrs->v[i];
		int is_rw = !strcmp(a->name, "rw"), is_ro = !strcmp(a->name, "ro");
		int is_fast = !strcmp(a->name, "fast");
		if (is_fast && !a->has_num && !r->fast) {
			r->fast = 1;
		} else if (!strcmp(a->name, "reset") && a->has_num && !seen_reset) {
			seen_reset = 1;
			r->reset = u64(ctx, a->loc, a->num);
		} else if ((is_rw || is_ro) && !a->has_num && !r->storage && !r->readonly) {
			r->storage = is_rw;
			r->readonly = is_ro;
		} else {
			ctx->errors++;
			if (!strcmp(a->name, "reset") && !a->has_num)
				gen_error(a->loc, "'reset' needs a value");
			else if (!strcmp(a->name, "reset") || is_rw || is_ro || is_fast)
				gen_error(
				        a->loc,
				        "duplicate or conflicting attribute '%s' on register '%s'",
				        a->name, r->name);
			else
				gen_error(a->loc,
				          "unknown register attribute '%s' (expected rw, ro, fast "
				          "or reset N)",
				          a->name);
		}
	}
}

/* Apply a register's body items (handlers and fields). */
static void hw_items(gen_pctx *ctx, gen_hw_reg *r, gen_vec *items)
{
	int nf = 0;
	for (int i = 0; items && i < items->n; i++)
		nf += ((gen_hw_item *)items->v[i])->is_field;
	r->fields = nf ? gen_alloc(sizeof *r->fields * (size_t)nf) : NULL;
	for (int i = 0; items && i < items->n; i++) {
		gen_hw_item *it = items->v[i];
		const char **side = NULL;
		if (it->is_field) {
			r->fields[r->nfields++] =
			        (gen_hw_field){it->name, small(it->hi), small(it->lo), it->loc};
			continue;
		}
		if (!strcmp(it->name, "read"))
			side = &r->read_fn;
		else if (!strcmp(it->name, "write"))
			side = &r->write_fn;
		ctx->errors += !side || *side;
		if (!side)
			gen_error(it->loc, "unknown handler side '%s' (expected read or write)",
			          it->name);
		else if (*side)
			gen_error(it->loc, "duplicate '%s' handler for register '%s'", it->name,
			          r->name);
		else
			*side = it->handler;
	}
}

/* hw_item -> "reg" IDENT "@" NUM ":" NUM hw_attr* (";" | "{" hw_regitem* "}") */
gen_hw_decl *gen_new_hw_reg(gen_pctx *ctx, gen_loc loc, const char *name, gen_numtok off,
                            gen_numtok width, gen_vec *attrs, gen_vec *items)
{
	gen_hw_decl *d = gen_alloc(sizeof *d);
	gen_hw_reg *r = gen_alloc(sizeof *r);
	d->reg = r;
	d->loc = loc;
	r->name = name;
	r->loc = loc;
	r->offset = u64(ctx, loc, off);
	r->width = small(width);
	hw_attrs(ctx, r, attrs);
	hw_items(ctx, r, items);
	return d;
}

/* hw_item -> "irq" IDENT ";" */
gen_hw_decl *gen_new_hw_irq(gen_pctx *ctx, gen_loc loc, const char *name)
{
	gen_hw_decl *d = gen_alloc(sizeof *d);
	(void)ctx;
	d->irq = name;
	d->loc = loc;
	return d;
}

/* hw_file -> "device" IDENT "{" hw_item* "}" */
void gen_hw_file(gen_pctx *ctx, gen_loc loc, const char *name, gen_vec *items)
{
	gen_hw *hw = gen_alloc(sizeof *hw);
	int n = items ? items->n : 0;
	hw->name = name;
	hw->loc = loc;
	hw->regs = gen_alloc(sizeof *hw->regs * (size_t)(n + 1));
	hw->irqs = gen_alloc(sizeof *hw->irqs * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		gen_hw_decl *d = items->v[i];
		if (d->reg)
			hw->regs[hw->nregs++] = *d->reg;
		else
			hw->irqs[hw->nirqs++] = d->irq;
	}
	ctx->kind = GEN_P_HW;
	ctx->hw = hw;
}

/* ---- board files ------------------------------------------------------------ */

static gen_board_item *bnew(gen_loc loc, int kind)
{
	gen_board_item *it = gen_alloc(sizeof *it);
	it->kind = kind;
	it->loc = loc;
	return it;
}

/* Check a contextual keyword; a located error if it is something else. */
static void expect_kw(gen_pctx *ctx, gen_loc loc, const char *got, const char *want,
                      const char *after)
{
	if (strcmp(got, want)) {
		ctx->errors++;
		gen_error(loc, "expected '%s'%s, found '%s'", want, after, got);
	}
}

/* board_item -> "isa" IDENT ";" */
gen_board_item *gen_new_board_isa(gen_pctx *ctx, gen_loc loc, const char *family)
{
	gen_board_item *it = bnew(loc, GEN_BI_ISA);
	(void)ctx;
	it->name = family;
	return it;
}

/* board_item -> "ram" NUM "size" NUM ";" */
gen_board_item *gen_new_board_ram(gen_pctx *ctx, gen_loc loc, const char *kw, gen_numtok base,
                                  const char *size_kw, gen_loc sloc, gen_numtok size)
{
	gen_board_item *it = bnew(loc, GEN_BI_RAM);
	expect_kw(ctx, loc, kw, "ram",
	          " (board items are isa, ram, device, irq, console and boot)");
	expect_kw(ctx, sloc, size_kw, "size", " after the RAM base");
	it->a = base;
	it->b = size;
	return it;
}

/* board_item -> "device" IDENT ":" IDENT "@" NUM "size" NUM ";" */
gen_board_item *gen_new_board_dev(gen_pctx *ctx, gen_loc loc, const char *name, const char *type,
                                  gen_numtok base, const char *size_kw, gen_loc sloc,
                                  gen_numtok size)
{
	gen_board_item *it = bnew(loc, GEN_BI_DEVICE);
	expect_kw(ctx, sloc, size_kw, "size", " after the device address");
	it->name = name;
	it->type = type;
	it->a = base;
	it->b = size;
	return it;
}

/* board_item -> "irq" IDENT "->" NUM ";" (IDENT is device.output) */
gen_board_item *gen_new_board_irq(gen_pctx *ctx, gen_loc loc, const char *src, gen_numtok line)
{
	gen_board_item *it = bnew(loc, GEN_BI_IRQ);
	(void)ctx;
	it->name = src;
	it->a = line;
	return it;
}

/* board_item -> "console" IDENT ";" */
gen_board_item *gen_new_board_word(gen_pctx *ctx, gen_loc loc, const char *kw, const char *name)
{
	gen_board_item *it = bnew(loc, GEN_BI_CONSOLE);
	expect_kw(ctx, loc, kw, "console",
	          " (board items are isa, ram, device, irq, console and boot)");
	it->name = name;
	return it;
}

/* board_item -> "boot" "{" boot_item* "}" */
gen_board_item *gen_new_board_boot(gen_pctx *ctx, gen_loc loc, const char *kw, gen_vec *regs)
{
	gen_board_item *it = bnew(loc, GEN_BI_BOOT);
	expect_kw(ctx, loc, kw, "boot",
	          " (board items are isa, ram, device, irq, console and boot)");
	it->boot = regs;
	return it;
}

/* boot_item -> IDENT ["[" NUM "]"] "=" NUM ";" */
gen_board_boot *gen_new_boot_reg(gen_pctx *ctx, gen_loc loc, const char *reg,
                                 const gen_numtok *index, gen_numtok value)
{
	gen_board_boot *b = gen_alloc(sizeof *b);
	b->regfile = reg;
	b->regfile_index = index ? small(*index) : -1;
	b->value = u64(ctx, loc, value);
	b->loc = loc;
	return b;
}

/* Apply one board item to b (isa_loc/console_loc: where those were set). */
static void board_item(gen_pctx *ctx, gen_board *b, gen_board_item *it, gen_loc *isa_loc,
                       gen_loc *console_loc)
{
	const char *dot;
	switch (it->kind) {
	case GEN_BI_ISA:
		if (b->isa) {
			ctx->errors++;
			gen_error(it->loc, "duplicate 'isa' in board '%s' (first at line %d)",
			          b->name, isa_loc->line);
		}
		b->isa = it->name;
		*isa_loc = it->loc;
		break;
	case GEN_BI_RAM:
		if (b->ram_loc.file) {
			ctx->errors++;
			gen_error(it->loc, "board '%s' declares more than one ram region", b->name);
		}
		b->ram_base = u64(ctx, it->loc, it->a);
		b->ram_size = u64(ctx, it->loc, it->b);
		b->ram_loc = it->loc;
		break;
	case GEN_BI_DEVICE:
		b->devs[b->ndevs++] = (gen_board_dev){it->name,
		                                      it->type,
		                                      it->loc,
		                                      u64(ctx, it->loc, it->a),
		                                      u64(ctx, it->loc, it->b),
		                                      NULL};
		break;
	case GEN_BI_IRQ:
		dot = strchr(it->name, '.');
		if (!dot || strchr(dot + 1, '.')) {
			ctx->errors++;
			gen_error(it->loc, "expected DEVICE.OUTPUT before '->', found '%s'",
			          it->name);
			break;
		}
		b->irqs[b->nirqs++] =
		        (gen_board_irq){gen_strndup(it->name, (size_t)(dot - it->name)), dot + 1,
		                        small(it->a), it->loc};
		break;
	case GEN_BI_CONSOLE:
		if (b->console) {
			ctx->errors++;
			gen_error(it->loc, "duplicate 'console' in board '%s' (first at line %d)",
			          b->name, console_loc->line);
		}
		b->console = it->name;
		*console_loc = it->loc;
		break;
	case GEN_BI_BOOT:
		for (int j = 0; it->boot && j < it->boot->n; j++)
			b->boot[b->nboot++] = *(gen_board_boot *)it->boot->v[j];
		break;
	}
}

/* board_file -> "board" IDENT "{" board_item* "}" */
void gen_board_file(gen_pctx *ctx, gen_loc loc, const char *name, gen_vec *items)
{
	gen_board *b = gen_alloc(sizeof *b);
	int n = items ? items->n : 0, nboot = 0;
	gen_loc isa_loc = loc, console_loc = loc;
	b->name = name;
	b->loc = loc;
	b->devs = gen_alloc(sizeof *b->devs * (size_t)(n + 1));
	b->irqs = gen_alloc(sizeof *b->irqs * (size_t)(n + 1));
	for (int i = 0; i < n; i++) {
		gen_board_item *it = items->v[i];
		if (it->kind == GEN_BI_BOOT && it->boot)
			nboot += it->boot->n;
	}
	b->boot = gen_alloc(sizeof *b->boot * (size_t)(nboot + 1));
	for (int i = 0; i < n; i++)
		board_item(ctx, b, items->v[i], &isa_loc, &console_loc);
	ctx->kind = GEN_P_BOARD;
	ctx->board = b;
}
