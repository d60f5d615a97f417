/* emit_hw.c: dev_<name>_regs.h/.c of a device description: the register
 * struct, offsets, field and irq macros, the handler prototypes the device
 * server implements, and the MMIO dispatch (exact hits, then little-endian
 * byte-lane composition for accesses that split or merge registers). */
#include "emit_util.h"

#include <stdlib.h>
#include <string.h>

/* C storage type of a register width. */
static const char *utype(int w)
{
	return w <= 8 ? "uint8_t" : w <= 16 ? "uint16_t" : w <= 32 ? "uint32_t" : "uint64_t";
}

/* Bytes of a register. */
static int rbytes(const gen_hw_reg *r)
{
	int b = (r->width + 7) / 8;
	return b < 1 ? 1 : b > 8 ? 8 : b;
}

/* Low w bits set, as a C literal. */
static char *maskw(gen_em_arena *a, int w)
{
	return gen_em_fmt(a, "0x%llxull", (unsigned long long)gen_em_mask128(w > 64 ? 64 : w));
}

/* Has a handler named fn already been declared among regs[0..i) (either side)? */
static int handler_seen(const gen_hw *hw, int i, const char *fn)
{
	for (int k = 0; k < i; k++) {
		const gen_hw_reg *r = &hw->regs[k];
		if ((r->read_fn && !strcmp(r->read_fn, fn)) ||
		    (r->write_fn && !strcmp(r->write_fn, fn)))
			return 1;
	}
	return 0;
}

/* The header. */
static void emit_header(const gen_hw *hw, FILE *h, gen_em_arena *a, const char *n, const char *N)
{
	gen_em_banner(h, &hw->loc.file, 1);
	fprintf(h, "#ifndef DEV_%s_REGS_H\n#define DEV_%s_REGS_H\n\n", N, N);
	fprintf(h, "#include <stdint.h>\n\n#include \"rt_board.h\"\n\n");
	fprintf(h, "/* Registers: offset in the window and width in bits. */\n");
	for (int i = 0; i < hw->nregs; i++) {
		const gen_hw_reg *r = &hw->regs[i];
		const char *R = gen_em_upper(a, r->name);
		fprintf(h, "#define DEV_%s_%s_OFFSET 0x%llx /* %s */\n", N, R,
		        (unsigned long long)r->offset, gen_em_where(a, r->loc));
		fprintf(h, "#define DEV_%s_%s_WIDTH %d\n", N, R, r->width);
		for (int k = 0; k < r->nfields; k++) {
			const gen_hw_field *f = &r->fields[k];
			const char *F = gen_em_upper(a, f->name);
			int fw = f->hi - f->lo + 1;
			fprintf(h, "#define DEV_%s_%s_%s_SHIFT %d\n", N, R, F, f->lo);
			fprintf(h,
			        "#define DEV_%s_%s_%s_MASK 0x%llxull /* in place: (reg & MASK) >> "
			        "SHIFT */\n",
			        N, R, F, (unsigned long long)(gen_em_mask128(fw) << f->lo));
		}
	}
	fprintf(h, "\n/* Interrupt outputs: the `out` of rt_dev_irq. */\n");
	for (int i = 0; i < hw->nirqs; i++)
		fprintf(h, "#define DEV_%s_IRQ_%s %d\n", N, gen_em_upper(a, hw->irqs[i]), i);
	fprintf(h, "#define DEV_%s_NIRQS %d\n\n", N, hw->nirqs);

	fprintf(h, "/* Storage of the rw registers. */\ntypedef struct dev_%s_regs {\n", n);
	int nstore = 0;
	for (int i = 0; i < hw->nregs; i++)
		if (hw->regs[i].storage) {
			fprintf(h, "\t%s %s;\n", utype(hw->regs[i].width),
			        gen_em_cname(a, hw->regs[i].name));
			nstore++;
		}
	if (!nstore)
		fprintf(h, "\tuint8_t unused_;\n");
	fprintf(h, "} dev_%s_regs;\n\n", n);
	fprintf(h, "/* A device instance; d->dev.priv is the server's own state. */\n");
	fprintf(h, "typedef struct dev_%s {\n\trt_dev dev;\n\tdev_%s_regs regs;\n} dev_%s;\n\n", n,
	        n, n);

	fprintf(h, "/* Implemented by the device server (runtime/dev/%s.c). */\n", n);
	for (int i = 0; i < hw->nregs; i++) {
		const gen_hw_reg *r = &hw->regs[i];
		if (r->read_fn && !handler_seen(hw, i, r->read_fn))
			fprintf(h, "uint64_t dev_%s_%s(dev_%s *d); /* reads %s */\n", n,
			        gen_em_cname(a, r->read_fn), n, r->name);
		if (r->write_fn && !handler_seen(hw, i, r->write_fn) &&
		    !(r->read_fn && !strcmp(r->read_fn, r->write_fn)))
			fprintf(h, "void dev_%s_%s(dev_%s *d, uint64_t val); /* writes %s */\n", n,
			        gen_em_cname(a, r->write_fn), n, r->name);
	}
	fprintf(h, "int dev_%s_init(dev_%s *d);\nvoid dev_%s_fini(dev_%s *d);\n\n", n, n, n, n);
	fprintf(h, "/* Generated (dev_%s_regs.c): the rt_dev_desc entry points. */\n", n);
	fprintf(h, "int dev_%s_gen_init(rt_dev *d);\n", n);
	fprintf(h, "void dev_%s_gen_fini(rt_dev *d);\n", n);
	fprintf(h, "uint64_t dev_%s_mmio_read(rt_dev *d, uint64_t off, unsigned bytes);\n", n);
	fprintf(h,
	        "void dev_%s_mmio_write(rt_dev *d, uint64_t off, unsigned bytes, uint64_t "
	        "val);\n",
	        n);
	fprintf(h, "int dev_%s_mmio_fast(uint64_t off, unsigned bytes);\n\n", n);
	fprintf(h, "#endif /* DEV_%s_REGS_H */\n", N);
}

/* reg_read / reg_write: one register's read and write behaviour. */
static void emit_reg_access(const gen_hw *hw, FILE *c, gen_em_arena *a, const char *n)
{
	fprintf(c, "/* Value of register i; a read handler runs once per access. */\n");
	fprintf(c,
	        "static uint64_t reg_read(dev_%s *d, unsigned i)\n{\n\t(void)d;\n\tswitch (i) {\n",
	        n);
	for (int i = 0; i < hw->nregs; i++) {
		const gen_hw_reg *r = &hw->regs[i];
		fprintf(c, "\tcase %d: /* %s %s */\n", i, gen_em_where(a, r->loc), r->name);
		if (r->read_fn)
			fprintf(c, "\t\treturn dev_%s_%s(d) & %s;\n", n,
			        gen_em_cname(a, r->read_fn), maskw(a, r->width));
		else if (r->storage)
			fprintf(c, "\t\treturn d->regs.%s;\n", gen_em_cname(a, r->name));
		else if (r->readonly)
			fprintf(c, "\t\treturn 0x%llxull;\n",
			        (unsigned long long)(r->reset &
			                             (uint64_t)gen_em_mask128(r->width)));
		else
			fprintf(c, "\t\treturn 0;\n");
	}
	fprintf(c, "\tdefault:\n\t\treturn 0;\n\t}\n}\n\n");

	fprintf(c, "/* Write the bytes `lanes` (a bit mask in register positions) of\n"
	           " * register i: storage merges them, a handler gets them in place. */\n");
	fprintf(c,
	        "static void reg_write(dev_%s *d, unsigned i, uint64_t val, uint64_t lanes)\n{\n",
	        n);
	fprintf(c, "\t(void)d;\n\t(void)val;\n\t(void)lanes;\n\tswitch (i) {\n");
	for (int i = 0; i < hw->nregs; i++) {
		const gen_hw_reg *r = &hw->regs[i];
		const char *rn = gen_em_cname(a, r->name);
		fprintf(c, "\tcase %d: /* %s %s */\n", i, gen_em_where(a, r->loc), r->name);
		if (r->storage)
			fprintf(c,
			        "\t\td->regs.%s = (%s)((d->regs.%s & ~lanes) | (val & lanes));\n",
			        rn, utype(r->width), rn);
		if (r->write_fn)
			fprintf(c, "\t\tdev_%s_%s(d, %s);\n", n, gen_em_cname(a, r->write_fn),
			        r->storage ? gen_em_fmt(a, "d->regs.%s", rn) : "val & lanes");
		fprintf(c, "\t\treturn;\n");
	}
	fprintf(c, "\tdefault:\n\t\treturn;\n\t}\n}\n\n");
}

/* mmio_fast: does an access touch only registers marked `fast`? */
static void emit_fast(const gen_hw *hw, FILE *c, const char *n)
{
	fprintf(c, "/* Registers marked `fast`: served in the vCPU's task. */\n");
	fprintf(c, "static const unsigned char fast_reg[%d] = {", hw->nregs);
	for (int i = 0; i < hw->nregs; i++)
		fprintf(c, "%s%d", i ? ", " : "", hw->regs[i].fast);
	fprintf(c, "};\n\n");
	fprintf(c, "/* 1 if the access at (off, bytes) touches registers and only `fast`\n"
	           " * ones: the runtime serves it in the vCPU's task, not by IPC. */\n");
	fprintf(c, "int dev_%s_mmio_fast(uint64_t off, unsigned bytes)\n{\n", n);
	fprintf(c, "\tint x = exact(off, bytes), any = 0;\n\tif (x >= 0)\n"
	           "\t\treturn fast_reg[x];\n");
	fprintf(c, "\tif (bytes > 8)\n\t\tbytes = 8;\n");
	fprintf(c, "\tfor (unsigned i = 0; i < NREGS; i++) {\n");
	fprintf(c, "\t\tuint64_t ro = regs[i].off, rb = regs[i].bytes;\n");
	fprintf(c,
	        "\t\tif (off - ro >= rb && ro - off >= bytes)\n\t\t\tcontinue; /* disjoint */\n");
	fprintf(c, "\t\tif (!fast_reg[i])\n\t\t\treturn 0;\n\t\tany = 1;\n\t}\n");
	fprintf(c, "\treturn any;\n}\n\n");
}

/* mmio_read / mmio_write. */
static void emit_dispatch(const gen_hw *hw, FILE *c, const char *n)
{
	fprintf(c, "/* Registers by offset: first byte and size in bytes. */\n");
	fprintf(c, "static const struct { uint64_t off; unsigned bytes; } regs[%d] = {\n",
	        hw->nregs ? hw->nregs : 1);
	for (int i = 0; i < hw->nregs; i++)
		fprintf(c, "\t{0x%llx, %d}, /* %s */\n", (unsigned long long)hw->regs[i].offset,
		        rbytes(&hw->regs[i]), hw->regs[i].name);
	if (!hw->nregs)
		fprintf(c, "\t{0, 0},\n");
	fprintf(c, "};\n#define NREGS %d\n\n", hw->nregs);

	fprintf(c, "/* Index of the register at exactly (off, bytes), or -1. */\n");
	fprintf(c, "static int exact(uint64_t off, unsigned bytes)\n{\n\tswitch (off) {\n");
	for (int i = 0; i < hw->nregs; i++) {
		int dup = 0;
		for (int k = 0; k < i; k++)
			if (hw->regs[k].offset == hw->regs[i].offset)
				dup = 1;
		if (dup)
			continue;
		fprintf(c, "\tcase 0x%llx:\n", (unsigned long long)hw->regs[i].offset);
		for (int k = i; k < hw->nregs; k++)
			if (hw->regs[k].offset == hw->regs[i].offset)
				fprintf(c, "\t\tif (bytes == %d)\n\t\t\treturn %d;\n",
				        rbytes(&hw->regs[k]), k);
		fprintf(c, "\t\treturn -1;\n");
	}
	fprintf(c, "\tdefault:\n\t\t(void)bytes;\n\t\treturn -1;\n\t}\n}\n\n");

	fprintf(c, "/* Read `bytes` at off: an exact register, or the little-endian\n"
	           " * composition of the bytes of every register the access covers. */\n");
	fprintf(c, "uint64_t dev_%s_mmio_read(rt_dev *dv, uint64_t off, unsigned bytes)\n{\n", n);
	fprintf(c, "\tdev_%s *d = (dev_%s *)dv;\n\tuint64_t v = 0;\n", n, n);
	fprintf(c, "\tint x = exact(off, bytes);\n\tif (x >= 0)\n\t\treturn reg_read(d, "
	           "(unsigned)x);\n");
	fprintf(c, "\tif (bytes > 8)\n\t\tbytes = 8;\n");
	fprintf(c, "\tfor (unsigned i = 0; i < NREGS; i++) {\n");
	fprintf(c, "\t\tuint64_t ro = regs[i].off, rb = regs[i].bytes;\n");
	fprintf(c,
	        "\t\tif (off - ro >= rb && ro - off >= bytes)\n\t\t\tcontinue; /* disjoint */\n");
	fprintf(c, "\t\tuint64_t rv = reg_read(d, i);\n");
	fprintf(c, "\t\tfor (unsigned b = 0; b < bytes && off + b >= off; b++) {\n");
	fprintf(c, "\t\t\tuint64_t k = off + b - ro; /* byte of the register */\n");
	fprintf(c, "\t\t\tif (k < rb)\n\t\t\t\tv |= ((rv >> (8 * k)) & 0xff) << (8 * b);\n");
	fprintf(c, "\t\t}\n\t}\n\treturn v;\n}\n\n");

	fprintf(c, "/* Write `bytes` of val at off: an exact register, or each covered\n"
	           " * register with the bytes that fall in it. */\n");
	fprintf(c,
	        "void dev_%s_mmio_write(rt_dev *dv, uint64_t off, unsigned bytes, uint64_t "
	        "val)\n{\n",
	        n);
	fprintf(c, "\tdev_%s *d = (dev_%s *)dv;\n", n, n);
	fprintf(c, "\tint x = exact(off, bytes);\n\tif (x >= 0) {\n");
	fprintf(c,
	        "\t\tuint64_t m = bytes >= 8 ? ~(uint64_t)0 : ((uint64_t)1 << (8 * bytes)) - 1;\n");
	fprintf(c, "\t\treg_write(d, (unsigned)x, val & m, m);\n\t\treturn;\n\t}\n");
	fprintf(c, "\tif (bytes > 8)\n\t\tbytes = 8;\n");
	fprintf(c, "\tfor (unsigned i = 0; i < NREGS; i++) {\n");
	fprintf(c, "\t\tuint64_t ro = regs[i].off, rb = regs[i].bytes, rv = 0, lanes = 0;\n");
	fprintf(c,
	        "\t\tif (off - ro >= rb && ro - off >= bytes)\n\t\t\tcontinue; /* disjoint */\n");
	fprintf(c, "\t\tfor (unsigned b = 0; b < bytes && off + b >= off; b++) {\n");
	fprintf(c, "\t\t\tuint64_t k = off + b - ro;\n");
	fprintf(c, "\t\t\tif (k < rb) {\n");
	fprintf(c, "\t\t\t\trv |= ((val >> (8 * b)) & 0xff) << (8 * k);\n");
	fprintf(c, "\t\t\t\tlanes |= (uint64_t)0xff << (8 * k);\n\t\t\t}\n\t\t}\n");
	fprintf(c, "\t\treg_write(d, i, rv, lanes);\n\t}\n}\n\n");
	emit_fast(hw, c, n);
}

/* Emit dev_<name>_regs.h and dev_<name>_regs.c. */
int gen_emit_hw(const gen_hw *hw, FILE *h, FILE *c)
{
	gen_em_arena a = {0};
	const char *n = gen_em_cname(&a, hw->name), *N = gen_em_upper(&a, hw->name);

	emit_header(hw, h, &a, n, N);

	gen_em_banner(c, &hw->loc.file, 1);
	fprintf(c, "#include \"dev_%s_regs.h\"\n\n", n);
	if (hw->nregs) {
		emit_reg_access(hw, c, &a, n);
		emit_dispatch(hw, c, n);
	} else {
		fprintf(c, "/* No registers: reads give 0, writes are ignored. */\n");
		fprintf(c,
		        "uint64_t dev_%s_mmio_read(rt_dev *d, uint64_t off, unsigned bytes)\n{\n"
		        "\t(void)d;\n\t(void)off;\n\t(void)bytes;\n\treturn 0;\n}\n\n",
		        n);
		fprintf(c,
		        "void dev_%s_mmio_write(rt_dev *d, uint64_t off, unsigned bytes, uint64_t "
		        "val)\n{\n"
		        "\t(void)d;\n\t(void)off;\n\t(void)bytes;\n\t(void)val;\n}\n\n",
		        n);
		fprintf(c,
		        "/* Nothing to serve: the vCPU's task answers. */\n"
		        "int dev_%s_mmio_fast(uint64_t off, unsigned bytes)\n{\n"
		        "\t(void)off;\n\t(void)bytes;\n\treturn 1;\n}\n\n",
		        n);
	}
	fprintf(c, "/* Reset the registers, then let the server initialise. */\n");
	fprintf(c, "int dev_%s_gen_init(rt_dev *dv)\n{\n\tdev_%s *d = (dev_%s *)dv;\n", n, n, n);
	for (int i = 0; i < hw->nregs; i++)
		if (hw->regs[i].storage)
			fprintf(c, "\td->regs.%s = 0x%llx;\n", gen_em_cname(&a, hw->regs[i].name),
			        (unsigned long long)(hw->regs[i].reset &
			                             (uint64_t)gen_em_mask128(hw->regs[i].width)));
	fprintf(c, "\treturn dev_%s_init(d);\n}\n\n", n);
	fprintf(c, "/* Let the server release its state. */\n");
	fprintf(c, "void dev_%s_gen_fini(rt_dev *dv)\n{\n\tdev_%s_fini((dev_%s *)dv);\n}\n", n, n,
	        n);
	gen_em_arena_free(&a);
	int r1 = gen_em_finish(h), r2 = gen_em_finish(c);
	return r1 || r2 ? -1 : 0;
}
