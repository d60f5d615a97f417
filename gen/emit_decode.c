/* emit_decode.c: <guest>_decode.c, the instruction length function and a
 * decision tree over fixed bits that maps an instruction word to its id.
 *
 * Per instruction length the tree switches on the bits every remaining
 * pattern fixes; when no bit is common it splits on the bit that best
 * divides the patterns (patterns that leave it free go both ways). At a leaf
 * the remaining candidates are tested in description order, which is the
 * priority the checker allows only inside `overlap` groups. */
#include "emit_cg.h"

#include <stdlib.h>

/* A decodable pattern. */
typedef struct dent {
	const gen_decl *d; /* GEN_D_INSN or GEN_D_ILLEGAL */
	uint32_t mask, match;
} dent;

/* Leaves have at most this many candidates unless a bit separates them. */
enum { LEAF_MAX = 2 };

/* Emit "return id;" (or -1 for illegal) with its source comment. */
static void emit_return(FILE *out, int ind, gen_em_arena *a, const dent *e, const char *cond)
{
	const char *where = gen_em_where(a, e->d->loc);
	int id = e->d->kind == GEN_D_INSN ? e->d->id : -1;
	const char *what = e->d->kind == GEN_D_INSN ? e->d->name : "illegal";
	if (cond) {
		gen_em_line(out, ind, "if (%s)", cond);
		ind++;
	}
	gen_em_line(out, ind, "return %d; /* %s %s */", id, where, what);
}

/* Test the candidates in priority order; every path returns. */
static void emit_leaf(FILE *out, int ind, gen_em_arena *a, dent **v, int n, uint32_t known)
{
	for (int i = 0; i < n; i++) {
		uint32_t rem = v[i]->mask & ~known;
		if (!rem) {
			emit_return(out, ind, a, v[i], NULL);
			return;
		}
		emit_return(out, ind, a, v[i],
		            gen_em_fmt(a, "(insn & 0x%" PRIx32 ") == 0x%" PRIx32, rem,
		                       v[i]->match & rem));
	}
	gen_em_line(out, ind, "return -1;");
}

/* The bit of `free` that best divides v (largest smaller side), or 0. */
static uint32_t best_bit(dent **v, int n, uint32_t freebits)
{
	uint32_t best = 0;
	int bestmin = 0;
	for (int b = 0; b < 32; b++) {
		uint32_t bit = (uint32_t)1 << b;
		int c0 = 0, c1 = 0;
		if (!(freebits & bit))
			continue;
		for (int i = 0; i < n; i++)
			if (v[i]->mask & bit) {
				if (v[i]->match & bit)
					c1++;
				else
					c0++;
			}
		int m = c0 < c1 ? c0 : c1;
		if (m > bestmin) {
			bestmin = m;
			best = bit;
		}
	}
	return best;
}

static void emit_node(FILE *out, int ind, gen_em_arena *a, dent **v, int n, uint32_t known,
                      uint32_t full);

/* Candidates of v that can match when (insn & bits) == val. */
static int pick(dent **v, int n, uint32_t bits, uint32_t val, dent **sub)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		if ((v[i]->match & v[i]->mask & bits) == (val & v[i]->mask))
			sub[k++] = v[i];
	return k;
}

/* Switch on the bits all candidates fix. */
static void emit_switch(FILE *out, int ind, gen_em_arena *a, dent **v, int n, uint32_t known,
                        uint32_t full, uint32_t common)
{
	uint32_t *vals = malloc(((size_t)n + 1) * sizeof *vals);
	dent **sub = malloc(((size_t)n + 1) * sizeof *sub);
	int nv = 0;
	if (!vals || !sub)
		abort();
	for (int i = 0; i < n; i++) {
		uint32_t x = v[i]->match & common;
		int j = 0;
		while (j < nv && vals[j] < x)
			j++;
		if (j < nv && vals[j] == x)
			continue;
		for (int k = nv; k > j; k--)
			vals[k] = vals[k - 1];
		vals[j] = x;
		nv++;
	}
	gen_em_line(out, ind, "switch (insn & 0x%" PRIx32 ") {", common);
	for (int j = 0; j < nv; j++) {
		int k = pick(v, n, common, vals[j], sub);
		gen_em_line(out, ind, "case 0x%" PRIx32 ":", vals[j]);
		emit_node(out, ind + 1, a, sub, k, known | common, full);
	}
	gen_em_line(out, ind, "}");
	gen_em_line(out, ind, "return -1;");
	free(vals);
	free(sub);
}

/* Split on one bit: the 1 side in an if, the 0 side after it. */
static void emit_split(FILE *out, int ind, gen_em_arena *a, dent **v, int n, uint32_t known,
                       uint32_t full, uint32_t bit)
{
	dent **sub = malloc(((size_t)n + 1) * sizeof *sub);
	if (!sub)
		abort();
	int k = pick(v, n, bit, bit, sub);
	gen_em_line(out, ind, "if (insn & 0x%" PRIx32 ") {", bit);
	emit_node(out, ind + 1, a, sub, k, known | bit, full);
	gen_em_line(out, ind, "}");
	k = pick(v, n, bit, 0, sub);
	emit_node(out, ind, a, sub, k, known | bit, full);
	free(sub);
}

/* Decode among candidates v (description order) knowing the bits `known`.
 * Every path of the emitted code returns. */
static void emit_node(FILE *out, int ind, gen_em_arena *a, dent **v, int n, uint32_t known,
                      uint32_t full)
{
	uint32_t common = full & ~known;
	if (n == 0) {
		gen_em_line(out, ind, "return -1;");
		return;
	}
	for (int i = 0; i < n; i++)
		common &= v[i]->mask;
	if (n == 1 || (v[0]->mask & ~known) == 0) {
		emit_leaf(out, ind, a, v, n, known);
		return;
	}
	if (common) {
		emit_switch(out, ind, a, v, n, known, full, common);
		return;
	}
	uint32_t bit = n > LEAF_MAX ? best_bit(v, n, full & ~known) : 0;
	if (bit)
		emit_split(out, ind, a, v, n, known, full, bit);
	else
		emit_leaf(out, ind, a, v, n, known);
}

/* The decoder of all patterns of one length. */
static void emit_length(FILE *out, gen_em_arena *a, const gen_isa *isa, int bits)
{
	int n = 0;
	dent *ents = malloc(((size_t)isa->ninsns + 1) * sizeof *ents);
	dent **v = malloc(((size_t)isa->ninsns + 1) * sizeof *v);
	if (!ents || !v)
		abort();
	uint32_t full = bits >= 32 ? 0xffffffffu : (((uint32_t)1 << bits) - 1);
	for (int i = 0; i < isa->ninsns; i++) {
		const gen_decl *d = isa->insns[i];
		if ((d->kind != GEN_D_INSN && d->kind != GEN_D_ILLEGAL) || d->len_bits != bits)
			continue;
		ents[n].d = d;
		ents[n].mask = d->mask & full;
		ents[n].match = d->match & d->mask & full;
		v[n] = &ents[n];
		n++;
	}
	/* description order is priority order */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j - 1]->d->order > v[j]->d->order; j--) {
			dent *t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	fprintf(out, "/* Id of the %d-bit instruction insn, or -1. */\n", bits);
	fprintf(out, "static int decode%d(uint32_t insn)\n{\n", bits);
	emit_node(out, 1, a, v, n, 0, full);
	fprintf(out, "}\n\n");
	free(ents);
	free(v);
}

/* Emit <guest>_decode.c. */
int gen_emit_decode(const gen_isa *isa, FILE *out)
{
	gen_em_arena a = {0};
	const char *g = gen_em_cname(&a, isa->guest);
	int lens[33] = {0};

	gen_em_banner(out, isa->files, isa->nfiles);
	fprintf(out, "#include \"%s_guest.h\"\n\n", g);
	for (int i = 0; i < isa->ninsns; i++) {
		int b = isa->insns[i]->len_bits;
		if (b > 0 && b <= 32 && b % 8 == 0)
			lens[b] = 1;
	}
	for (int b = 8; b <= 32; b += 8)
		if (lens[b])
			emit_length(out, &a, isa, b);

	/* instruction length from the first parcel */
	gen_em_cg cg = gen_em_cg_new(isa, out, &a, "insn", "return 0;");
	cg.fields_inline = 1;
	fprintf(out, "/* Length in bytes of the instruction whose first parcel is given. */\n");
	fprintf(out, "unsigned %s_insn_length(uint32_t first_parcel)\n{\n", g);
	fprintf(out, "\tuint32_t insn = first_parcel & 0x%" PRIx32 ";\n\t(void)insn;\n",
	        isa->parcel_bits >= 32 ? 0xffffffffu : (((uint32_t)1 << isa->parcel_bits) - 1));
	gen_em_val len = gen_em_cg_expr(&cg, isa->length, 32);
	fprintf(out, "\treturn (unsigned)(%s / 8);\n}\n\n", gen_em_cg_as(&cg, len, 64));

	fprintf(out, "/* Id of the len-byte instruction insn, or -1 if it is illegal. */\n");
	fprintf(out, "int %s_decode(uint32_t insn, unsigned len)\n{\n\tswitch (len) {\n", g);
	for (int b = 8; b <= 32; b += 8)
		if (lens[b])
			fprintf(out, "\tcase %d:\n\t\treturn decode%d(insn%s);\n", b / 8, b,
			        b == 32 ? "" : gen_em_fmt(&a, " & 0x%x", (1u << b) - 1));
	fprintf(out, "\tdefault:\n\t\treturn -1;\n\t}\n}\n");
	gen_em_arena_free(&a);
	return gen_em_finish(out);
}
