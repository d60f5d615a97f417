/* test_check.c: TAP unit test of what the checker hands the emitters, on the
 * good descriptions in tests/gen/good: encodings, ids, overlap groups, flags,
 * register slots and tables, locals, templates, devices and boards.
 *
 * usage: test_check GOODDIR */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "front.h"
#include "rt_guest.h"

static int ntests, nfailed;

/* One TAP line. */
static void check(int ok, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	printf("%sok %d - ", ok ? "" : "not ", ++ntests);
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
	nfailed += !ok;
}

/* The insn or illegal declaration called name (NULL: none). */
static gen_decl *insn(const gen_isa *isa, const char *name)
{
	for (int i = 0; isa && i < isa->ninsns; i++)
		if (isa->insns[i]->name && !strcmp(isa->insns[i]->name, name))
			return isa->insns[i];
	return NULL;
}

static gen_decl *named(gen_decl **arr, int n, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(arr[i]->name, name))
			return arr[i];
	return NULL;
}

/* Parse and check dir/file for guest g. */
static gen_isa *load(const char *dir, const char *file, const char *g)
{
	gen_decl *decls = NULL;
	if (gen_parse_file(gen_fmt("%s/%s", dir, file), &decls))
		return NULL;
	return gen_check_isa(decls, g, NULL, 0);
}

static void toyarm(const char *dir)
{
	gen_isa *isa = load(dir, "toyarm.isa", "ta2"), *one = load(dir, "toyarm.isa", "ta1");
	check(isa && one, "toyarm checks for ta1 and ta2");
	if (!isa || !one)
		return;
	check(!strcmp(isa->family, "toyarm") && !strcmp(isa->guest, "ta2"),
	      "family and guest names");
	check(isa->big_endian && isa->word_bits == 32 && isa->parcel_bits == 32 &&
	              isa->max_len_bits == 32 && isa->elf_machine == 40,
	      "header: big endian, word 32, parcel 32, length 32, elf 40");
	check(isa->length->is_const && isa->length->cval == 32, "fixed length is the constant 32");
	check(isa->nregfiles == 1 && isa->regfiles[0]->count == 16 &&
	              isa->regfiles[0]->sym->slot == 0,
	      "regfile R: 16 registers from slot 0");
	check(isa->nregs == 3 && isa->regs[0]->sym->slot == 16 && isa->regs[2]->sym->slot == 18 &&
	              isa->nslots == 19,
	      "regs follow the regfiles in slots (19 in all)");
	check(isa->regnames[0] && !strcmp(isa->regnames[0][15], "pc") &&
	              !strcmp(isa->regnames[0][13], "sp"),
	      "register names folded in");
	check(isa->alias_index[0] == 15 && isa->hardwired[0] == -1 && isa->alias_read[0] &&
	              isa->alias_read[0]->width == 32,
	      "R[15] aliases pc with a 32-bit read expression");
	check(isa->exc[RT_EXC_ILLEGAL_INSN] == 1 && isa->exc[RT_EXC_FETCH_FAULT] == 3 &&
	              isa->exc[RT_EXC_LOAD_FAULT] == 4 && isa->exc[RT_EXC_BREAKPOINT] == 3,
	      "exception table in rt_exc_kind order");
	gen_decl *nop = insn(isa, "nop"), *mov = insn(isa, "mov"), *movi = insn(isa, "movi");
	check(nop && mov && movi && nop->id == 0 && mov->id == 1 && movi->id == 2 &&
	              nop->order == 0,
	      "ids and order follow the description");
	check(nop && mov && nop->overlap_group && nop->overlap_group == mov->overlap_group &&
	              !movi->overlap_group,
	      "overlap group numbers");
	gen_decl *add = insn(isa, "add");
	check(add && add->len_bits == 32 && add->mask == 0x0FF00010u && add->match == 0x00800000u,
	      "add: mask 0x0ff00010, match 0x00800000");
	check(add && add->pred && add->pred->width == 1 && insn(isa, "jr") &&
	              !insn(isa, "jr")->pred,
	      "predicated insns carry the predicate");
	struct {
		const char *name;
		unsigned flags;
	} fl[] = {
	        {"mov", RT_INSN_JUMP},
	        {"str", RT_INSN_MEM},
	        {"ldr", RT_INSN_MEM | RT_INSN_JUMP},
	        {"b", RT_INSN_JUMP},
	        {"jr", RT_INSN_DELAY},
	        {"udf", RT_INSN_TRAPS},
	        {"swi", RT_INSN_HELPER},
	        {"cmp", 0},
	        {"rdcyc", RT_INSN_HELPER | RT_INSN_JUMP},
	        {"ldm", RT_INSN_MEM | RT_INSN_JUMP},
	};
	for (size_t i = 0; i < sizeof fl / sizeof fl[0]; i++) {
		gen_decl *d = insn(isa, fl[i].name);
		check(d && d->flags == fl[i].flags, "flags of %s are 0x%x (got 0x%x)", fl[i].name,
		      fl[i].flags, d ? d->flags : 0);
	}
	gen_decl *ill = NULL;
	for (int i = 0; i < isa->ninsns; i++)
		if (isa->insns[i]->kind == GEN_D_ILLEGAL)
			ill = isa->insns[i];
	check(ill && ill->id == -1 && ill->mask == 0xffffffffu && ill->match == 0xf7000000u,
	      "illegal: id -1, every bit fixed");
	check(insn(isa, "udiv") && !insn(one, "udiv"), "top-level if selects by parameter");
	gen_decl *pc = named(isa->funcs, isa->nfuncs, "popcount16"),
	         *cp = named(isa->funcs, isa->nfuncs, "cond_passed");
	check(pc && pc->nlocals == 2 && pc->ret_width == 5 && pc->arg_widths[0] == 16,
	      "popcount16: 2 locals, 16 -> 5 bits");
	check(cp && cp->ret_width == 1 && cp->arg_widths[0] == 4 && cp->nlocals == 4,
	      "cond_passed: 4 -> 1 bit, 4 locals");
	gen_decl *ldm = insn(isa, "ldm");
	check(ldm && ldm->nlocals == 2, "ldm numbers its local and its loop variable");
	check(movi && movi->nsegs == 6 && !strcmp(movi->segs[0].text, "mov") &&
	              movi->segs[1].fmt_sym && movi->segs[1].fmt_sym->kind == GEN_SYM_ENUM &&
	              !strcmp(movi->segs[2].text, "\t") && movi->segs[3].fmt_sym &&
	              movi->segs[3].fmt_sym->kind == GEN_SYM_REGFILE &&
	              !strcmp(movi->segs[5].fmt, "u") &&
	              !strcmp(movi->segs[5].field->name, "imm12"),
	      "movi template: mov {cond:condname} \\t {rd:R} , # {imm12:u}");
	gen_decl *off = named(isa->fields, isa->nfields, "off24");
	check(off && off->sym->width == 32 && off->e->kind == GEN_E_CALL &&
	              off->e->builtin == GEN_B_SEXT,
	      "off24 is a signed 32-bit field");
}

static void docs(const char *dir)
{
	gen_isa *isa = load(dir, "docs_example.isa", "dx64"),
	        *i32 = load(dir, "docs_example.isa", "dx32");
	check(isa && i32, "docs_example checks for dx32 and dx64");
	if (!isa || !i32)
		return;
	check(!isa->big_endian && isa->word_bits == 64 && i32->word_bits == 32 &&
	              isa->parcel_bits == 16 && isa->max_len_bits == 32 && !isa->length->is_const,
	      "parameterised header, variable length");
	check(isa->hardwired[0] == 0 && isa->hardwired_value[0] == 0 && isa->alias_index[0] == -1,
	      "X[0] hard-wired to 0");
	check(insn(isa, "ld") && !insn(isa, "lw32") && insn(i32, "lw32") && !insn(i32, "ld"),
	      "else branch of a top-level if");
	gen_decl *spn = insn(isa, "c.addi4spn"), *ill = isa->insns[spn ? spn->order - 1 : 0];
	check(spn && spn->len_bits == 16 && spn->mask == 0xe003u && spn->match == 0,
	      "c.addi4spn: 16 bits, mask 0xe003");
	check(spn && ill->kind == GEN_D_ILLEGAL && ill->overlap_group == spn->overlap_group &&
	              ill->overlap_group,
	      "illegal and c.addi4spn share a group, illegal first");
	struct {
		const char *name;
		unsigned flags;
	} fl[] = {
	        {"csrrw", RT_INSN_HELPER},   {"fence.i", RT_INSN_HELPER},
	        {"beq", RT_INSN_JUMP},       {"demo", RT_INSN_JUMP | RT_INSN_MEM | RT_INSN_TRAPS},
	        {"c.ebreak", RT_INSN_TRAPS}, {"add", 0},
	};
	for (size_t i = 0; i < sizeof fl / sizeof fl[0]; i++) {
		gen_decl *d = insn(isa, fl[i].name);
		check(d && d->flags == fl[i].flags, "flags of %s are 0x%x (got 0x%x)", fl[i].name,
		      fl[i].flags, d ? d->flags : 0);
	}
	gen_decl *demo = insn(isa, "demo");
	check(demo && demo->nlocals == 7, "demo numbers 7 locals (got %d)",
	      demo ? demo->nlocals : -1);
	check(isa->nenums == 1 && isa->enums[0]->npairs == 3 && isa->enums[0]->sym->width == 12,
	      "enum csrname");
	gen_decl *rdp = named(isa->fields, isa->nfields, "rdp");
	check(rdp && rdp->sym->width == 5 && rdp->sym->index >= 0,
	      "rdp = {2'b01, insn[4:2]} is 5 bits");
	check(isa->nhelpers == 2 && isa->helpers[0]->ret_width == 64 &&
	              isa->helpers[1]->ret_width == 0,
	      "helper result widths (xlen = 64, none)");
}

static void devices(const char *dir)
{
	gen_hw *hw = gen_load_hw(gen_fmt("%s/uart8.hw", dir));
	check(hw && hw->nregs == 6 && hw->nirqs == 2, "uart8: 6 registers, 2 irq outputs");
	if (!hw)
		return;
	gen_hw_reg *data = &hw->regs[0], *ctrl = &hw->regs[2], *id = &hw->regs[3];
	check(!strcmp(data->read_fn, "rx") && !strcmp(data->write_fn, "tx") && !data->storage,
	      "data: handlers");
	check(data->fast && hw->regs[1].fast && !ctrl->fast && !id->fast,
	      "data and status are fast, the others not");
	check(ctrl->storage && ctrl->reset == 3 && ctrl->nfields == 3 && ctrl->fields[2].hi == 7 &&
	              ctrl->fields[2].lo == 4,
	      "ctrl: rw, reset 3, fields");
	check(id->readonly && id->reset == 0x55415254u && id->width == 32 && id->offset == 4,
	      "id: ro constant");
	const char *dirs[1] = {dir};
	gen_board *b = gen_load_board(gen_fmt("%s/toyboard.board", dir), dirs, 1);
	check(b != NULL, "toyboard checks");
	if (!b)
		return;
	check(b->ndevs == 3 && !strcmp(b->devs[0].name, "timer") && b->devs[0].hw &&
	              b->devs[1].base == 0x10000000u,
	      "devices sorted by base, types resolved");
	check(!strcmp(b->isa, "toyarm") && b->ram_base == 0 && b->ram_size == 0x1000000 &&
	              !strcmp(b->console, "uart0"),
	      "isa, ram and console");
	check(b->nirqs == 3 && !strcmp(b->irqs[2].dev, "timer") &&
	              !strcmp(b->irqs[2].out, "tick") && b->irqs[2].line == 7,
	      "irq wiring");
	check(b->nboot == 4 && b->boot[2].regfile_index == 13 && b->boot[2].value == 0x1000000 &&
	              b->boot[3].regfile_index == -1 && !strcmp(b->boot[3].regfile, "flags"),
	      "boot registers");
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";
	toyarm(dir);
	docs(dir);
	devices(dir);
	check(gen_error_count() == 0, "no errors were reported");
	printf("1..%d\n", ntests);
	return 0;
}
