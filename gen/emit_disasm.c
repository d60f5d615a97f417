/* emit_disasm.c: <guest>_disasm.c, text of an instruction from its
 * assembly template: the mnemonic, one tab, then the operands, with
 * placeholders formatted as llvm-objdump prints them (docs/language.md). */
#include "emit_util.h"

#include <stdlib.h>
#include <string.h>

/* Output helpers of the generated file: a bounded buffer that counts what
 * would have been written (snprintf semantics). */
static const char runtime_part[] =
        "/* A bounded output buffer: len counts every byte, as snprintf does. */\n"
        "typedef struct dbuf {\n"
        "\tchar *buf;\n"
        "\tsize_t n, len;\n"
        "} dbuf;\n"
        "\n"
        "/* Append s, truncating at the end of the buffer (always NUL-terminated). */\n"
        "static void put(dbuf *d, const char *s)\n"
        "{\n"
        "\tsize_t l = strlen(s);\n"
        "\tif (d->n && d->len < d->n - 1) {\n"
        "\t\tsize_t room = d->n - 1 - d->len, k = l < room ? l : room;\n"
        "\t\tmemcpy(d->buf + d->len, s, k);\n"
        "\t\td->buf[d->len + k] = 0;\n"
        "\t}\n"
        "\td->len += l;\n"
        "}\n"
        "\n"
        "/* Append a number: hex with 0x, or signed hex (-0x8) when the value's\n"
        " * width-w sign bit is set and sgn is 1; decimal when dec is 1. */\n"
        "static __attribute__((unused)) void put_num(dbuf *d, uint64_t v, unsigned w, int sgn, int "
        "dec)\n"
        "{\n"
        "\tchar t[32];\n"
        "\tuint64_t m = w >= 64 ? ~(uint64_t)0 : ((uint64_t)1 << w) - 1;\n"
        "\tconst char *minus = \"\";\n"
        "\tv &= m;\n"
        "\tif (sgn && w && ((v >> (w - 1)) & 1)) {\n"
        "\t\tminus = \"-\";\n"
        "\t\tv = (0 - v) & m;\n"
        "\t}\n"
        "\tif (dec)\n"
        "\t\tsnprintf(t, sizeof t, \"%s%llu\", minus, (unsigned long long)v);\n"
        "\telse\n"
        "\t\tsnprintf(t, sizeof t, \"%s0x%llx\", minus, (unsigned long long)v);\n"
        "\tput(d, t);\n"
        "}\n"
        "\n"
        "/* Append a register name, or <file><n> when there is no name for v. */\n"
        "static __attribute__((unused)) void put_reg(dbuf *d, const char *const *names, uint64_t "
        "count, const char *file,\n"
        "                    uint64_t v)\n"
        "{\n"
        "\tchar t[48];\n"
        "\tif (names && v < count) {\n"
        "\t\tput(d, names[v]);\n"
        "\t\treturn;\n"
        "\t}\n"
        "\tsnprintf(t, sizeof t, \"%s%llu\", file, (unsigned long long)v);\n"
        "\tput(d, t);\n"
        "}\n"
        "\n"
        "/* Append an enum entry's text, or v in hex when it has none. */\n"
        "static __attribute__((unused)) void put_enum(dbuf *d, const char *text, uint64_t v)\n"
        "{\n"
        "\tif (text)\n"
        "\t\tput(d, text);\n"
        "\telse\n"
        "\t\tput_num(d, v, 64, 0, 0);\n"
        "}\n\n";

/* Name tables of register files that have `names`. */
static void emit_names(const gen_isa *isa, FILE *out, gen_em_arena *a)
{
	const char *g = gen_em_cname(a, isa->guest);
	for (int i = 0; i < isa->nregfiles; i++) {
		const gen_decl *d = isa->regfiles[i];
		const char **nm = isa->regnames ? isa->regnames[i] : NULL;
		if (!nm)
			continue;
		int c = gen_em_regfile_count(d);
		fprintf(out, "static const char *const %s_names_%s[%d] = {", g,
		        gen_em_cname(a, d->name), c);
		for (int k = 0; k < c; k++)
			fprintf(out, "%s\"%s\",", k % 8 ? " " : "\n\t",
			        gen_em_cstr(a, nm[k] ? nm[k] : "?"));
		fprintf(out, "\n};\n\n");
	}
}

/* Lookup functions of enums: text of a value, or NULL. */
static void emit_enums(const gen_isa *isa, FILE *out, gen_em_arena *a)
{
	for (int i = 0; i < isa->nenums; i++) {
		const gen_decl *d = isa->enums[i];
		fprintf(out,
		        "/* %s */\nstatic __attribute__((unused)) const char *enum_%s(uint64_t "
		        "v)\n{\n",
		        gen_em_where(a, d->loc), gen_em_cname(a, d->name));
		fprintf(out, "\tswitch (v) {\n");
		for (int k = 0; k < d->npairs; k++) {
			const gen_pair *p = &d->pairs[k];
			if (!p->value)
				continue;
			gen_u128 v = p->value->is_const ? p->value->cval : p->value->num;
			int dup = 0;
			for (int j = 0; j < k; j++) {
				const gen_pair *q = &d->pairs[j];
				if (q->value &&
				    (q->value->is_const ? q->value->cval : q->value->num) == v)
					dup = 1;
			}
			if (dup)
				continue;
			fprintf(out, "\tcase 0x%llx: return \"%s\";\n", (unsigned long long)v,
			        gen_em_cstr(a, p->text ? p->text : ""));
		}
		fprintf(out, "\tdefault: return NULL;\n\t}\n}\n\n");
	}
}

/* Emit code appending one placeholder's text. */
static void emit_placeholder(const gen_isa *isa, FILE *out, gen_em_arena *a, const gen_tmpl_seg *s,
                             int *uses_pc)
{
	const gen_sym *f = s->field;
	const char *fmt = s->fmt ? s->fmt : "x";
	if (!f) {
		gen_em_line(out, 2, "put(&d, \"?\");");
		return;
	}
	int w = f->width > 64 ? 64 : (f->width > 0 ? f->width : 64);
	int sgn = gen_em_field_signed(f->decl);
	char *val = gen_em_fmt(a, "(uint64_t)%s(insn)", gen_em_field_fn(a, isa, f));
	const gen_sym *fs = s->fmt_sym;
	if (fs && fs->kind == GEN_SYM_REGFILE) {
		int ri = gen_em_regfile_index(isa, fs);
		const gen_decl *rf = ri >= 0 ? isa->regfiles[ri] : NULL;
		const char *names = "NULL";
		if (rf && isa->regnames && isa->regnames[ri])
			names = gen_em_fmt(a, "%s_names_%s", gen_em_cname(a, isa->guest),
			                   gen_em_cname(a, rf->name));
		gen_em_line(out, 2, "put_reg(&d, %s, %d, \"%s\", %s);", names,
		            rf ? gen_em_regfile_count(rf) : 0, gen_em_cstr(a, fs->name), val);
	} else if (fs && fs->kind == GEN_SYM_ENUM) {
		gen_em_line(out, 2, "put_enum(&d, enum_%s(%s), %s);", gen_em_cname(a, fs->name),
		            val, val);
	} else if (!strcmp(fmt, "reglist")) {
		/* a bit mask of registers of the first register file: "r4, lr" */
		const gen_decl *rf = isa->nregfiles > 0 ? isa->regfiles[0] : NULL;
		const char *names = "NULL";
		if (rf && isa->regnames && isa->regnames[0])
			names = gen_em_fmt(a, "%s_names_%s", gen_em_cname(a, isa->guest),
			                   gen_em_cname(a, rf->name));
		gen_em_line(out, 2, "for (unsigned k = 0, first = 1; k < %d; k++) {", w);
		gen_em_line(out, 3, "if (!((%s >> k) & 1))", val);
		gen_em_line(out, 4, "continue;");
		gen_em_line(out, 3, "if (!first)");
		gen_em_line(out, 4, "put(&d, \", \");");
		gen_em_line(out, 3, "first = 0;");
		gen_em_line(out, 3, "put_reg(&d, %s, %d, \"%s\", k);", names,
		            rf ? gen_em_regfile_count(rf) : 0, rf ? gen_em_cstr(a, rf->name) : "r");
		gen_em_line(out, 2, "}");
	} else if (!strcmp(fmt, "pcrel")) {
		*uses_pc = 1;
		gen_em_line(out, 2, "put_num(&d, pc + %s, %d, 0, 0);", val, isa->word_bits);
	} else if (!strcmp(fmt, "d")) {
		gen_em_line(out, 2, "put_num(&d, %s, %d, %d, 1);", val, w, sgn);
	} else if (!strcmp(fmt, "u")) {
		gen_em_line(out, 2, "put_num(&d, %s, %d, 0, 0);", val, w);
	} else {
		gen_em_line(out, 2, "put_num(&d, %s, %d, %d, 0);", val, w, sgn);
	}
}

/* Emit the case of one instruction: mnemonic, '\t', operands. */
static void emit_case(const gen_isa *isa, FILE *out, gen_em_arena *a, const gen_decl *d,
                      int *uses_pc)
{
	int split = 0; /* mnemonic ended (tab written) */
	fprintf(out, "\tcase %d: /* %s %s */\n", d->id,
	        gen_em_where(a, d->tmpl_loc.file ? d->tmpl_loc : d->loc), gen_em_cstr(a, d->name));
	if (!d->segs || d->nsegs == 0) {
		gen_em_line(out, 2, "put(&d, \"%s\");",
		            gen_em_cstr(a, d->tmpl ? d->tmpl : d->name));
		gen_em_line(out, 2, "break;");
		return;
	}
	for (int i = 0; i < d->nsegs; i++) {
		const gen_tmpl_seg *s = &d->segs[i];
		if (!s->text) {
			emit_placeholder(isa, out, a, s, uses_pc);
			continue;
		}
		const char *t = s->text;
		char *lit = gen_em_fmt(a, "%s", "");
		if (!split) {
			const char *sp = strchr(t, ' ');
			if (sp) {
				const char *rest = sp;
				while (*rest == ' ')
					rest++;
				lit = gen_em_fmt(a, "%.*s", (int)(sp - t), t);
				/* a template ending in spaces has no operands: no tab */
				int more = *rest != 0 || i + 1 < d->nsegs;
				lit = gen_em_fmt(a, "%s%s%s", lit, more ? "\t" : "", rest);
				split = 1;
			} else {
				lit = gen_em_fmt(a, "%s", t);
			}
		} else {
			lit = gen_em_fmt(a, "%s", t);
		}
		if (*lit)
			gen_em_line(out, 2, "put(&d, \"%s\");", gen_em_cstr(a, lit));
	}
	gen_em_line(out, 2, "break;");
}

/* Emit <guest>_disasm.c. */
int gen_emit_disasm(const gen_isa *isa, FILE *out)
{
	gen_em_arena a = {0};
	const char *g = gen_em_cname(&a, isa->guest);
	int n, uses_pc = 0;
	gen_decl **v = gen_em_insns_by_id(isa, &n);

	gen_em_banner(out, isa->files, isa->nfiles);
	fprintf(out, "#include <stdio.h>\n#include <string.h>\n\n#include \"%s_guest.h\"\n\n", g);
	fputs(runtime_part, out);
	emit_names(isa, out, &a);
	emit_enums(isa, out, &a);
	fprintf(out, "/* Text of instruction id (word insn at pc); returns its length. */\n");
	fprintf(out, "int %s_disasm(int id, uint32_t insn, uint64_t pc, char *buf, size_t n)\n{\n",
	        g);
	fprintf(out, "\tdbuf d = {buf, n, 0};\n\tif (n)\n\t\tbuf[0] = 0;\n");
	fprintf(out, "\t(void)insn;\n\t(void)pc;\n\tswitch (id) {\n");
	for (int i = 0; i < n; i++)
		emit_case(isa, out, &a, v[i], &uses_pc);
	fprintf(out, "\tdefault:\n\t\tput(&d, \"<unknown>\");\n\t\tbreak;\n\t}\n");
	fprintf(out, "\treturn d.len > 0x7fffffff ? 0x7fffffff : (int)d.len;\n}\n");
	free(v);
	gen_em_arena_free(&a);
	return gen_em_finish(out);
}
