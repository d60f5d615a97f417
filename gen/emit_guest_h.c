/* emit_guest_h.c: <guest>_guest.h, the header every generated file of a
 * guest includes: register slots, instruction ids, field accessors, the
 * prototypes of the target's helpers and hooks, and the generated entry
 * points. */
#include "emit_cg.h"

#include <stdlib.h>
#include <string.h>

/* Register slot numbers. */
static void emit_slots(const gen_isa *isa, FILE *out, gen_em_arena *a, const char *G)
{
	fprintf(out, "/* Register slots in rt_cpu.r. */\n");
	for (int i = 0; i < isa->nregfiles; i++) {
		const gen_decl *d = isa->regfiles[i];
		fprintf(out, "#define %s_SLOT_%s %d /* %d x %d bits, %s */\n", G,
		        gen_em_upper(a, d->name), d->sym ? d->sym->slot : 0,
		        gen_em_regfile_count(d), d->sym ? d->sym->width : 0,
		        gen_em_where(a, d->loc));
	}
	for (int i = 0; i < isa->nregs; i++) {
		const gen_decl *d = isa->regs[i];
		fprintf(out, "#define %s_SLOT_%s %d /* %d bits, %s */\n", G,
		        gen_em_upper(a, d->name), d->sym ? d->sym->slot : 0,
		        d->sym ? d->sym->width : 0, gen_em_where(a, d->loc));
	}
	fprintf(out, "#define %s_NSLOTS %d\n\n", G, isa->nslots);
}

/* Instruction ids (the decoder's results). */
static void emit_ids(const gen_isa *isa, FILE *out, gen_em_arena *a, const char *G)
{
	int n;
	gen_decl **v = gen_em_insns_by_id(isa, &n);
	fprintf(out, "/* Instruction ids, as %s_decode returns them. */\nenum {\n",
	        gen_em_cname(a, isa->guest));
	for (int i = 0; i < n; i++)
		fprintf(out, "\t%s_INSN_%s = %d, /* %s */\n", G, gen_em_upper(a, v[i]->name),
		        v[i]->id, gen_em_where(a, v[i]->loc));
	fprintf(out, "\t%s_NINSNS = %d\n};\n\n", G, n);
	free(v);
}

/* Field accessors: static inline <guest>_field_<name>(insn). */
static void emit_fields(const gen_isa *isa, FILE *out, gen_em_arena *a)
{
	gen_em_cg g = gen_em_cg_new(isa, out, a, "insn", "return 0;");
	g.fields_inline = 1;
	fprintf(out, "/* Instruction fields. */\n");
	for (int i = 0; i < isa->nfields; i++) {
		const gen_decl *d = isa->fields[i];
		if (!d->sym || !d->e)
			continue;
		int w = d->sym->width ? d->sym->width : d->e->width;
		fprintf(out, "static inline %s %s(uint32_t insn) /* %s */\n{\n\t(void)insn;\n",
		        gen_em_ctype(w), gen_em_field_fn(a, isa, d->sym), gen_em_where(a, d->loc));
		gen_em_val v = gen_em_cg_expr(&g, d->e, w);
		fprintf(out, "\treturn %s;\n}\n", gen_em_cg_as(&g, v, w));
	}
	fprintf(out, "\n");
}

/* Parameter list of a helper: ", uint64_t name, ...". */
static char *helper_params(gen_em_arena *a, const gen_decl *d)
{
	char *s = "";
	for (int i = 0; i < d->nargs; i++)
		s = gen_em_fmt(a, "%s, uint64_t %s%s", s, gen_em_cname(a, d->args[i].name),
		               strcmp(d->args[i].name, "cpu") ? "" : "_");
	return s;
}

/* Prototypes of helpers (guarded per helper) and an X-macro list of them. */
static void emit_helpers(const gen_isa *isa, FILE *out, gen_em_arena *a, const char *G)
{
	const char *fam = gen_em_cname(a, isa->family), *F = gen_em_upper(a, isa->family);
	fprintf(out, "/* Helpers, hand-written in targets/%s/. */\n", fam);
	for (int i = 0; i < isa->nhelpers; i++) {
		const gen_decl *d = isa->helpers[i];
		const char *n = gen_em_cname(a, d->name);
		fprintf(out, "#ifndef %s_HELPER_%s\n#define %s_HELPER_%s\n", F, gen_em_upper(a, n),
		        F, gen_em_upper(a, n));
		fprintf(out, "%s %s_%s(rt_cpu *cpu%s); /* %s */\n#endif\n",
		        d->ret_width ? "uint64_t" : "void", fam, n, helper_params(a, d),
		        gen_em_where(a, d->loc));
	}
	fprintf(out, "/* X(c_name, number of arguments, has a result) per helper. */\n");
	fprintf(out, "#define %s_HELPERS(X)", G);
	for (int i = 0; i < isa->nhelpers; i++) {
		const gen_decl *d = isa->helpers[i];
		fprintf(out, " \\\n\tX(%s_%s, %d, %d)", fam, gen_em_cname(a, d->name), d->nargs,
		        d->ret_width ? 1 : 0);
	}
	fprintf(out, "\n\n");
}

/* Emit <guest>_guest.h. */
int gen_emit_guest_h(const gen_isa *isa, FILE *out)
{
	gen_em_arena a = {0};
	const char *g = gen_em_cname(&a, isa->guest), *G = gen_em_upper(&a, isa->guest);
	const char *fam = gen_em_cname(&a, isa->family), *F = gen_em_upper(&a, isa->family);

	gen_em_banner(out, isa->files, isa->nfiles);
	fprintf(out, "#ifndef %s_GUEST_H\n#define %s_GUEST_H\n\n", G, G);
	fprintf(out, "#include <stddef.h>\n#include <stdint.h>\n\n#include \"rt_guest.h\"\n\n");
	gen_em_prelude(out);
	fprintf(out, "\n");
	emit_slots(isa, out, &a, G);
	emit_ids(isa, out, &a, G);
	emit_fields(isa, out, &a);
	emit_helpers(isa, out, &a, G);
	fprintf(out, "/* Target hooks, hand-written in targets/%s/. */\n", fam);
	fprintf(out, "#ifndef %s_HOOKS_DECLARED\n#define %s_HOOKS_DECLARED\n", F, F);
	fprintf(out, "int %s_init(rt_cpu *cpu);\n", fam);
	fprintf(out, "void %s_fini(rt_cpu *cpu);\n", fam);
	fprintf(out, "void %s_reset(rt_cpu *cpu);\n", fam);
	fprintf(out, "void %s_trap(rt_cpu *cpu, uint64_t cause, uint64_t tval);\n", fam);
	fprintf(out, "int %s_interrupt(rt_cpu *cpu);\n", fam);
	if (isa->translate)
		fprintf(out,
		        "int %s_%s(rt_cpu *cpu, uint64_t vaddr, unsigned access, uint64_t "
		        "*paddr);\n",
		        fam, gen_em_cname(&a, isa->translate));
	fprintf(out, "#endif\n\n");
	fprintf(out, "/* Generated: %s_decode.c, %s_disasm.c, %s_interp.c. */\n", g, g, g);
	fprintf(out, "unsigned %s_insn_length(uint32_t first_parcel);\n", g);
	fprintf(out, "int %s_decode(uint32_t insn, unsigned len);\n", g);
	fprintf(out, "int %s_disasm(int id, uint32_t insn, uint64_t pc, char *buf, size_t n);\n",
	        g);
	fprintf(out, "/* Give hard-wired registers their values (after r[] is zeroed). */\n");
	fprintf(out, "void %s_reset_regs(rt_cpu *cpu);\n", g);
	fprintf(out, "extern const rt_guest %s_guest;\n\n", g);
	fprintf(out, "#endif /* %s_GUEST_H */\n", G);
	gen_em_arena_free(&a);
	return gen_em_finish(out);
}
