/* emit_interp.c: <guest>_interp.c, one C function per instruction that
 * executes its semantics (rt_exec_fn), the funcs they call, the
 * instruction table and the guest's rt_guest. */
#include "emit_cg.h"

#include <stdlib.h>
#include <string.h>

#include "../runtime/rt_guest.h"

/* C signature of a func: "uint64_t fn_x(rt_cpu *cpu, unsigned ilen, ...)". */
static char *func_sig(gen_em_arena *a, const gen_decl *d)
{
	char *s = gen_em_fmt(a, "static inline %s fn_%s(rt_cpu *cpu, unsigned ilen",
	                     d->ret_width ? gen_em_ctype(d->ret_width) : "void",
	                     gen_em_cname(a, d->name));
	for (int i = 0; i < d->nargs; i++) {
		int w = d->arg_widths ? d->arg_widths[i] : 64;
		gen_sym tmp = {0};
		tmp.kind = GEN_SYM_ARG;
		tmp.index = i;
		tmp.name = d->args[i].name;
		gen_em_cg g = {0};
		g.a = a;
		s = gen_em_fmt(a, "%s, %s %s", s, gen_em_ctype(w), gen_em_cg_varname(&g, &tmp));
	}
	return gen_em_fmt(a, "%s)", s);
}

/* A func: prototype (proto = 1) or definition. */
static void emit_func(const gen_isa *isa, FILE *out, gen_em_arena *a, const gen_decl *d, int proto)
{
	if (proto) {
		fprintf(out, "%s;\n", func_sig(a, d));
		return;
	}
	gen_em_cg g = gen_em_cg_new(isa, out, a, "0", d->ret_width ? "return 0;" : "return;");
	g.in_func = 1;
	g.ret_width = d->ret_width;
	g.body = d->stmts;
	fprintf(out, "/* %s */\n%s\n{\n", gen_em_where(a, d->loc), func_sig(a, d));
	fprintf(out, "\t(void)cpu;\n\t(void)ilen;\n");
	for (int i = 0; i < d->nargs; i++)
		fprintf(out, "\t(void)a%d_%s;\n", i, gen_em_cname(a, d->args[i].name));
	gen_em_cg_stmts(&g, d->stmts);
	if (d->ret_width)
		fprintf(out, "\treturn 0;\n");
	fprintf(out, "}\n\n");
}

/* The exec function of one instruction. */
static void emit_exec(const gen_isa *isa, FILE *out, gen_em_arena *a, const gen_decl *d)
{
	gen_em_cg g = gen_em_cg_new(isa, out, a, "insn", "return 1;");
	g.len_bytes = d->len_bits / 8;
	g.body = d->stmts;
	fprintf(out, "/* %s %s */\n", gen_em_where(a, d->loc), gen_em_cstr(a, d->name));
	fprintf(out, "static int exec_%s(rt_cpu *cpu, uint32_t insn)\n{\n",
	        gen_em_cname(a, d->name));
	fprintf(out, "\t(void)cpu;\n\t(void)insn;\n");
	if (d->pred) {
		gen_em_val p = gen_em_cg_expr(&g, d->pred, 1);
		fprintf(out, "\tif (!%s)\n\t\treturn 0;\n", p.s);
	}
	gen_em_cg_stmts(&g, d->stmts);
	fprintf(out, "\treturn 0;\n}\n\n");
}

static int writes_alias(const gen_isa *isa, const gen_stmt *s, int depth);

/* Does e call a func that writes a pc alias? */
static int calls_alias_writer(const gen_isa *isa, const gen_expr *e, int depth)
{
	if (!e || depth > 32)
		return 0;
	if (e->kind == GEN_E_CALL && e->sym && e->sym->kind == GEN_SYM_FUNC && e->sym->decl &&
	    writes_alias(isa, e->sym->decl->stmts, depth + 1))
		return 1;
	if (calls_alias_writer(isa, e->a, depth) || calls_alias_writer(isa, e->b, depth) ||
	    calls_alias_writer(isa, e->c, depth))
		return 1;
	for (int i = 0; i < e->nargs; i++)
		if (calls_alias_writer(isa, e->args[i], depth))
			return 1;
	return 0;
}

/* Does a statement list (or a func it calls) write a register file that
 * has a pc alias, at an index that may be the alias? */
static int writes_alias(const gen_isa *isa, const gen_stmt *s, int depth)
{
	for (; s; s = s->next) {
		if (s->kind == GEN_S_ASSIGN && s->lhs && s->lhs->kind == GEN_E_REG) {
			int ri = gen_em_regfile_index(isa, s->lhs->sym);
			const gen_expr *ix = s->lhs->a;
			if (ri >= 0 && isa->alias_index && isa->alias_index[ri] >= 0 &&
			    !(ix && ix->is_const && ix->cval != (gen_u128)isa->alias_index[ri]))
				return 1;
		}
		if (calls_alias_writer(isa, s->a, depth) || calls_alias_writer(isa, s->b, depth) ||
		    (s->lhs && calls_alias_writer(isa, s->lhs->a, depth)))
			return 1;
		if (writes_alias(isa, s->body, depth) || writes_alias(isa, s->els, depth))
			return 1;
	}
	return 0;
}

/* Flags of an instruction: the checker's plus what the semantics show. */
static unsigned insn_flags(const gen_isa *isa, const gen_decl *d)
{
	unsigned f = d->flags | gen_em_stmt_flags(d->stmts);
	if (d->pred)
		f |= gen_em_expr_flags(d->pred);
	if (writes_alias(isa, d->stmts, 0))
		f |= RT_INSN_JUMP;
	return f;
}

/* Slot names for traces: "X0".."X31", then special registers. */
static void emit_slot_names(const gen_isa *isa, FILE *out, gen_em_arena *a)
{
	int n = isa->nslots > 0 ? isa->nslots : 1;
	const char **names = calloc((size_t)n, sizeof *names);
	if (!names)
		abort();
	for (int i = 0; i < isa->nregfiles; i++) {
		const gen_decl *d = isa->regfiles[i];
		int c = gen_em_regfile_count(d), s = d->sym ? d->sym->slot : 0;
		for (int k = 0; k < c; k++)
			if (s + k >= 0 && s + k < n)
				names[s + k] = gen_em_fmt(a, "%s%d", d->name, k);
	}
	for (int i = 0; i < isa->nregs; i++) {
		const gen_decl *d = isa->regs[i];
		int s = d->sym ? d->sym->slot : 0;
		if (s >= 0 && s < n)
			names[s] = d->name;
	}
	fprintf(out, "static const char *const slot_names[%d] = {", n);
	for (int i = 0; i < n; i++)
		fprintf(out, "%s\"%s\",", i % 8 ? " " : "\n\t",
		        gen_em_cstr(a, names[i] ? names[i] : "?"));
	fprintf(out, "\n};\n\n");
	free(names);
}

/* The instruction table and the rt_guest. */
static void emit_tables(const gen_isa *isa, FILE *out, gen_em_arena *a)
{
	const char *g = gen_em_cname(a, isa->guest), *fam = gen_em_cname(a, isa->family);
	int n, maxlen = 0;
	gen_decl **v = gen_em_insns_by_id(isa, &n);

	fprintf(out, "static const rt_insn_info insns[%d] = {\n", n ? n : 1);
	for (int i = 0; i < n; i++) {
		const gen_decl *d = v[i];
		unsigned f = insn_flags(isa, d);
		fprintf(out,
		        "\t{\"%s\", exec_%s, %d, 0x%x, \"%s\", 0x%" PRIx32 ", 0x%" PRIx32 "},\n",
		        gen_em_cstr(a, d->name), gen_em_cname(a, d->name), d->len_bits / 8,
		        f & 0xffu, gen_em_where(a, d->loc), d->mask, d->match & d->mask);
		if (d->len_bits > maxlen)
			maxlen = d->len_bits;
	}
	if (!n)
		fprintf(out, "\t{0},\n");
	fprintf(out, "};\n\n");
	free(v);
	if (isa->max_len_bits > maxlen)
		maxlen = isa->max_len_bits;

	fprintf(out, "/* Give hard-wired registers their values. */\n");
	fprintf(out, "void %s_reset_regs(rt_cpu *cpu)\n{\n\t(void)cpu;\n", g);
	for (int i = 0; i < isa->nregfiles; i++)
		if (isa->hardwired && isa->hardwired[i] >= 0 && isa->regfiles[i]->sym)
			fprintf(out, "\tcpu->r[%d] = 0x%" PRIx64 "ull;\n",
			        isa->regfiles[i]->sym->slot + isa->hardwired[i],
			        isa->hardwired_value ? isa->hardwired_value[i] : 0);
	fprintf(out, "}\n\n");

	fprintf(out, "const rt_guest %s_guest = {\n", g);
	fprintf(out, "\t.name = \"%s\",\n\t.family = \"%s\",\n", gen_em_cstr(a, isa->guest),
	        gen_em_cstr(a, isa->family));
	fprintf(out, "\t.elf_machine = %d,\n\t.elf_class = %d,\n\t.big_endian = %d,\n",
	        isa->elf_machine, isa->word_bits > 32 ? 64 : 32, isa->big_endian ? 1 : 0);
	fprintf(out, "\t.word_bits = %d,\n\t.parcel_bytes = %d,\n\t.max_insn_bytes = %d,\n",
	        isa->word_bits, isa->parcel_bits / 8, maxlen / 8);
	fprintf(out, "\t.nslots = %d,\n\t.slot_names = slot_names,\n", isa->nslots);
	fprintf(out, "\t.insn_length = %s_insn_length,\n\t.decode = %s_decode,\n", g, g);
	fprintf(out, "\t.insns = insns,\n\t.ninsns = %d,\n\t.disasm = %s_disasm,\n", n, g);
	fprintf(out, "\t.init = %s_init,\n\t.fini = %s_fini,\n\t.reset = %s_reset,\n", fam, fam,
	        fam);
	fprintf(out, "\t.trap = %s_trap,\n\t.interrupt = %s_interrupt,\n", fam, fam);
	fprintf(out, "\t.exc = {");
	for (int i = 0; i < RT_EXC_COUNT; i++)
		fprintf(out, "%s%" PRIu64, i ? ", " : "", isa->exc[i]);
	fprintf(out, "},\n\t.reset_regs = %s_reset_regs,\n", g);
	if (isa->translate)
		fprintf(out, "\t.translate = %s_%s,\n", fam, gen_em_cname(a, isa->translate));
	fprintf(out, "};\n");
}

/* Emit <guest>_interp.c. */
int gen_emit_interp(const gen_isa *isa, FILE *out)
{
	gen_em_arena a = {0};
	int n;
	gen_decl **v = gen_em_insns_by_id(isa, &n);

	gen_em_banner(out, isa->files, isa->nfiles);
	fprintf(out, "#include \"%s_guest.h\"\n#include \"rt_mem.h\"\n\n",
	        gen_em_cname(&a, isa->guest));
	emit_slot_names(isa, out, &a);
	if (isa->nfuncs) {
		fprintf(out, "/* Functions of the description. */\n");
		for (int i = 0; i < isa->nfuncs; i++)
			emit_func(isa, out, &a, isa->funcs[i], 1);
		fprintf(out, "\n");
		for (int i = 0; i < isa->nfuncs; i++)
			emit_func(isa, out, &a, isa->funcs[i], 0);
	}
	for (int i = 0; i < n; i++)
		emit_exec(isa, out, &a, v[i]);
	free(v);
	emit_tables(isa, out, &a);
	gen_em_arena_free(&a);
	return gen_em_finish(out);
}
