/* check_hw.c: loading and checking device (.hw) and board (.board) files
 * (docs/language.md, "Hardware files" and "Board files"). */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "front.h"

/* A name that must become part of a C identifier. */
static int c_name(gen_loc loc, const char *what, const char *name)
{
	if (strchr(name, '.')) {
		gen_error(loc, "%s '%s' cannot contain '.'", what, name);
		return -1;
	}
	return 0;
}

/* One register: width, behaviour, reset value, fields. */
static int hw_reg(const gen_hw *hw, gen_hw_reg *r)
{
	int rc = c_name(r->loc, "register name", r->name);
	if (r->width != 8 && r->width != 16 && r->width != 32 && r->width != 64) {
		gen_error(r->loc, "register '%s' is %d bits wide; widths are 8, 16, 32 or 64",
		          r->name, r->width);
		return -1;
	}
	if (!r->storage && !r->readonly && !r->read_fn && !r->write_fn) {
		gen_error(r->loc,
		          "register '%s' has no behaviour: give it rw, ro or read/write handlers",
		          r->name);
		rc = -1;
	}
	if (r->readonly && (r->read_fn || r->write_fn)) {
		gen_error(r->loc, "read-only register '%s' cannot have handlers", r->name);
		rc = -1;
	}
	if (r->width < 64 && (r->reset >> r->width)) {
		gen_error(r->loc, "reset value 0x%llx of register '%s' does not fit in %d bits",
		          (unsigned long long)r->reset, r->name, r->width);
		rc = -1;
	}
	if ((r->read_fn && c_name(r->loc, "handler", r->read_fn)) ||
	    (r->write_fn && c_name(r->loc, "handler", r->write_fn)))
		rc = -1;
	for (int i = 0; i < r->nfields; i++) {
		gen_hw_field *f = &r->fields[i];
		if (f->hi < f->lo || f->hi >= r->width) {
			gen_error(f->loc,
			          "field '%s' [%d:%d] is outside the %d bits of register '%s'",
			          f->name, f->hi, f->lo, r->width, r->name);
			rc = -1;
		}
		for (int j = 0; j < i; j++) {
			if (!strcmp(r->fields[j].name, f->name)) {
				gen_error(f->loc, "duplicate field '%s' in register '%s'", f->name,
				          r->name);
				rc = -1;
			}
		}
		rc |= c_name(f->loc, "field name", f->name);
	}
	(void)hw;
	return rc;
}

/* Check a parsed device: registers, offsets, names, irq outputs. */
int gen_check_hw(gen_hw *hw)
{
	int rc = c_name(hw->loc, "device name", hw->name);
	for (int i = 0; i < hw->nregs; i++) {
		gen_hw_reg *r = &hw->regs[i];
		if (hw_reg(hw, r)) {
			rc = -1;
			continue;
		}
		for (int j = 0; j < i; j++) {
			gen_hw_reg *o = &hw->regs[j];
			if (!strcmp(o->name, r->name)) {
				gen_error(r->loc, "duplicate register '%s' (first at line %d)",
				          r->name, o->loc.line);
				rc = -1;
			} else if (o->offset == r->offset) {
				gen_error(r->loc,
				          "duplicate offset 0x%llx: registers '%s' and '%s'",
				          (unsigned long long)r->offset, o->name, r->name);
				rc = -1;
			} else if (r->offset < o->offset + (uint64_t)o->width / 8 &&
			           o->offset < r->offset + (uint64_t)r->width / 8) {
				gen_error(
				        r->loc,
				        "register '%s' at 0x%llx overlaps register '%s' at 0x%llx",
				        r->name, (unsigned long long)r->offset, o->name,
				        (unsigned long long)o->offset);
				rc = -1;
			}
		}
	}
	for (int i = 0; i < hw->nirqs; i++) {
		for (int j = 0; j < i; j++) {
			if (!strcmp(hw->irqs[i], hw->irqs[j])) {
				gen_error(hw->loc, "device '%s' declares irq '%s' twice", hw->name,
				          hw->irqs[i]);
				rc = -1;
			}
		}
		rc |= c_name(hw->loc, "irq name", hw->irqs[i]);
	}
	return rc;
}

/* The location a wrong kind of file is reported at. */
static gen_loc kind_loc(const gen_pctx *ctx)
{
	if (ctx->kind == GEN_P_HW)
		return ctx->hw->loc;
	if (ctx->kind == GEN_P_BOARD)
		return ctx->board->loc;
	if (ctx->decls)
		return ctx->decls->loc;
	return (gen_loc){ctx->file, 1, 1};
}

/* Parse and check a .hw file. NULL after reporting errors (or on I/O
 * errors, with gen_io_reason set and nothing reported). */
gen_hw *gen_load_hw(const char *path)
{
	gen_pctx ctx;
	if (gen_parse(path, &ctx))
		return NULL;
	if (ctx.kind != GEN_P_HW) {
		gen_error(kind_loc(&ctx), "expected a device description (device NAME { ... })");
		return NULL;
	}
	return gen_check_hw(ctx.hw) ? NULL : ctx.hw;
}

/* ---- boards ---------------------------------------------------------------- */

/* Device types already loaded (a failed load maps to a sentinel). */
static gen_map hw_cache;
static gen_hw hw_failed;

/* Find and load <type>.hw from the search directories. */
static const gen_hw *load_type(const gen_board_dev *d, const char **dirs, int ndirs)
{
	gen_hw *hw = gen_map_get(&hw_cache, d->type);
	if (hw)
		return hw == &hw_failed ? NULL : hw;
	if (c_name(d->loc, "device type", d->type))
		return NULL;
	for (int i = 0; i < ndirs; i++) {
		const char *p = gen_fmt("%s/%s.hw", dirs[i], d->type);
		if (access(p, R_OK))
			continue;
		hw = gen_load_hw(p);
		if (hw && strcmp(hw->name, d->type)) {
			gen_error(d->loc, "%s declares device '%s', not '%s'", p, hw->name,
			          d->type);
			hw = NULL;
		} else if (!hw) {
			gen_error(d->loc, "device type '%s' (%s) has errors", d->type, p);
		}
		gen_map_put(&hw_cache, d->type, hw ? hw : &hw_failed);
		return hw;
	}
	char *where = "";
	for (int i = 0; i < ndirs; i++)
		where = gen_fmt("%s%s%s", where, i ? ", " : "", dirs[i]);
	gen_error(d->loc, "unknown device type '%s' (no %s.hw in %s)", d->type, d->type, where);
	gen_map_put(&hw_cache, d->type, &hw_failed);
	return NULL;
}

/* Do [a, a+as) and [b, b+bs) intersect? (sizes are nonzero, no wrap) */
static int windows_meet(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
	return a < b + bs && b < a + as;
}

/* A window must have a size and must not wrap around. */
static int window_ok(gen_loc loc, const char *what, uint64_t base, uint64_t size)
{
	if (!size || base + size - 1 < base) {
		gen_error(loc, "%s at 0x%llx has a bad size 0x%llx", what, (unsigned long long)base,
		          (unsigned long long)size);
		return -1;
	}
	return 0;
}

/* Devices: types, windows, overlaps with each other and with RAM. */
static int board_devs(gen_board *b, const char **dirs, int ndirs)
{
	int rc = 0;
	for (int i = 0; i < b->ndevs; i++) {
		gen_board_dev *d = &b->devs[i];
		rc |= c_name(d->loc, "device name", d->name);
		d->hw = load_type(d, dirs, ndirs);
		if (!d->hw ||
		    window_ok(d->loc, gen_fmt("device '%s'", d->name), d->base, d->size)) {
			rc = -1;
			continue;
		}
		for (int k = 0; k < d->hw->nregs; k++) {
			const gen_hw_reg *r = &d->hw->regs[k];
			if (r->offset + (uint64_t)r->width / 8 > d->size) {
				gen_error(d->loc,
				          "window of '%s' (0x%llx bytes) does not hold register "
				          "'%s' at 0x%llx",
				          d->name, (unsigned long long)d->size, r->name,
				          (unsigned long long)r->offset);
				rc = -1;
				break;
			}
		}
		if (b->ram_size && windows_meet(d->base, d->size, b->ram_base, b->ram_size)) {
			gen_error(d->loc, "device '%s' at 0x%llx overlaps RAM at 0x%llx", d->name,
			          (unsigned long long)d->base, (unsigned long long)b->ram_base);
			rc = -1;
		}
		for (int j = 0; j < i; j++) {
			gen_board_dev *o = &b->devs[j];
			if (!strcmp(o->name, d->name)) {
				gen_error(d->loc, "duplicate device '%s' (first at line %d)",
				          d->name, o->loc.line);
				rc = -1;
			} else if (o->hw && o->size &&
			           windows_meet(d->base, d->size, o->base, o->size)) {
				gen_error(d->loc,
				          "window of '%s' at 0x%llx overlaps '%s' at 0x%llx",
				          d->name, (unsigned long long)d->base, o->name,
				          (unsigned long long)o->base);
				rc = -1;
			}
		}
	}
	return rc;
}

static const gen_board_dev *find_dev(const gen_board *b, const char *name)
{
	for (int i = 0; i < b->ndevs; i++)
		if (!strcmp(b->devs[i].name, name))
			return &b->devs[i];
	return NULL;
}

/* irq DEV.OUT -> LINE: the output exists, lines are 0..63, wired once. */
static int board_irqs(gen_board *b)
{
	int rc = 0;
	for (int i = 0; i < b->nirqs; i++) {
		gen_board_irq *q = &b->irqs[i];
		const gen_board_dev *d = find_dev(b, q->dev);
		int k;
		if (!d) {
			gen_error(q->loc, "irq names unknown device '%s'", q->dev);
			rc = -1;
			continue;
		}
		if (!d->hw) {
			rc = -1;
			continue;
		}
		for (k = 0; k < d->hw->nirqs && strcmp(d->hw->irqs[k], q->out); k++)
			;
		if (k == d->hw->nirqs) {
			char *have = "";
			for (int j = 0; j < d->hw->nirqs; j++)
				have = gen_fmt("%s%s%s", have, j ? ", " : "", d->hw->irqs[j]);
			gen_error(q->loc, "unknown irq output '%s' of device '%s' (%s has %s%s)",
			          q->out, q->dev, d->type, *have ? "" : "no irq outputs", have);
			rc = -1;
			continue;
		}
		if (q->line < 0 || q->line > 63) {
			gen_error(q->loc, "interrupt line %d is out of range (0..63)", q->line);
			rc = -1;
		}
		for (int j = 0; j < i; j++) {
			if (!strcmp(b->irqs[j].dev, q->dev) && !strcmp(b->irqs[j].out, q->out)) {
				gen_error(q->loc, "irq %s.%s is wired twice", q->dev, q->out);
				rc = -1;
			}
		}
	}
	return rc;
}

static int by_base(const void *x, const void *y)
{
	const gen_board_dev *a = x, *b = y;
	return a->base < b->base ? -1 : a->base > b->base;
}

/* Check a parsed board; device types come from <dir>/<type>.hw in hwdirs,
 * then the board's own directory `dir`. Devices end sorted by base. */
int gen_check_board(gen_board *b, const char *dir, const char **hwdirs, int nhwdirs)
{
	const char **dirs = gen_alloc(sizeof *dirs * (size_t)(nhwdirs + 2));
	int ndirs = 0, rc = c_name(b->loc, "board name", b->name);
	for (int i = 0; i < nhwdirs; i++)
		dirs[ndirs++] = hwdirs[i];
	if (dir) {
		dirs[ndirs++] = dir;
		dirs[ndirs++] = gen_fmt("%s/../hw", dir);
	}
	if (!b->isa) {
		gen_error(b->loc, "board '%s' does not name its isa (isa FAMILY;)", b->name);
		rc = -1;
	}
	if (!b->ram_loc.file) {
		gen_error(b->loc, "board '%s' has no ram (ram BASE size SIZE;)", b->name);
		rc = -1;
	} else if (window_ok(b->ram_loc, "ram", b->ram_base, b->ram_size)) {
		rc = -1;
		b->ram_size = 0;
	}
	rc |= board_devs(b, dirs, ndirs);
	rc |= board_irqs(b);
	if (b->console && !find_dev(b, b->console)) {
		gen_error(b->loc, "console names unknown device '%s'", b->console);
		rc = -1;
	}
	for (int i = 0; i < b->nboot; i++) {
		if (b->boot[i].regfile_index > 4095) {
			gen_error(b->boot[i].loc, "boot register index %d is too large",
			          b->boot[i].regfile_index);
			rc = -1;
		}
	}
	if (!rc)
		qsort(b->devs, (size_t)b->ndevs, sizeof *b->devs, by_base);
	return rc;
}

/* Parse and check a .board file. */
gen_board *gen_load_board(const char *path, const char **hwdirs, int nhwdirs)
{
	gen_pctx ctx;
	if (gen_parse(path, &ctx))
		return NULL;
	if (ctx.kind != GEN_P_BOARD) {
		gen_error(kind_loc(&ctx), "expected a board description (board NAME { ... })");
		return NULL;
	}
	const char *slash = strrchr(path, '/');
	const char *dir = slash ? gen_strndup(path, (size_t)(slash - path)) : ".";
	return gen_check_board(ctx.board, dir, hwdirs, nhwdirs) ? NULL : ctx.board;
}
