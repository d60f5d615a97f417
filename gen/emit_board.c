/* emit_board.c: <board>_hw.c, a machine's rt_board_desc: RAM, the devices
 * sorted by base with their generated MMIO entry points and irq wiring,
 * the console and the boot registers (runtime/rt_board.h). */
#include "emit_util.h"

#include <stdlib.h>
#include <string.h>

/* qsort order of devices by base address. */
static int by_base(const void *x, const void *y)
{
	const gen_board_dev *a = *(const gen_board_dev *const *)x;
	const gen_board_dev *b = *(const gen_board_dev *const *)y;
	return (a->base > b->base) - (a->base < b->base);
}

/* Number of irq outputs of a device's type. */
static int dev_nirqs(const gen_board_dev *d)
{
	return d->hw ? d->hw->nirqs : 0;
}

/* CPU line wired to output k of device d, or -1. */
static int irq_line(const gen_board *b, const gen_board_dev *d, int k)
{
	for (int i = 0; i < b->nirqs; i++)
		if (b->irqs[i].dev && b->irqs[i].out && !strcmp(b->irqs[i].dev, d->name) &&
		    !strcmp(b->irqs[i].out, d->hw->irqs[k]))
			return b->irqs[i].line;
	return -1;
}

/* Emit <board>_hw.c. */
int gen_emit_board(const gen_board *b, FILE *out)
{
	gen_em_arena a = {0};
	int n = b->ndevs, console = -1;
	const gen_board_dev **v = calloc((size_t)n + 1, sizeof *v);
	if (!v)
		abort();
	for (int i = 0; i < n; i++)
		v[i] = &b->devs[i];
	qsort(v, (size_t)n, sizeof *v, by_base);

	gen_em_banner(out, &b->loc.file, 1);
	fprintf(out, "#include <stddef.h>\n\n#include \"rt_board.h\"\n");
	for (int i = 0; i < n; i++) {
		int seen = 0;
		for (int k = 0; k < i; k++)
			if (!strcmp(v[k]->type, v[i]->type))
				seen = 1;
		if (!seen)
			fprintf(out, "#include \"dev_%s_regs.h\"\n", gen_em_cname(&a, v[i]->type));
	}
	fprintf(out, "\n");

	for (int i = 0; i < n; i++) {
		int k = dev_nirqs(v[i]);
		if (!k)
			continue;
		fprintf(out, "/* CPU interrupt line of each output of %s, -1 = none. */\n",
		        v[i]->name);
		fprintf(out, "static const int irqs_%s[%d] = {", gen_em_cname(&a, v[i]->name), k);
		for (int j = 0; j < k; j++)
			fprintf(out, "%s%d", j ? ", " : "", irq_line(b, v[i], j));
		fprintf(out, "};\n");
	}

	if (n) {
		fprintf(out, "\nstatic const rt_dev_desc devs[%d] = {\n", n);
		for (int i = 0; i < n; i++) {
			const gen_board_dev *d = v[i];
			const char *t = gen_em_cname(&a, d->type);
			int k = dev_nirqs(d);
			if (b->console && !strcmp(b->console, d->name))
				console = i;
			fprintf(out, "\t{\n\t\t.name = \"%s\",\n\t\t.type = \"%s\",\n",
			        gen_em_cstr(&a, d->name), gen_em_cstr(&a, d->type));
			fprintf(out, "\t\t.base = 0x%llx,\n\t\t.size = 0x%llx,\n",
			        (unsigned long long)d->base, (unsigned long long)d->size);
			fprintf(out, "\t\t.inst_size = sizeof(dev_%s),\n\t\t.where = \"%s\",\n", t,
			        gen_em_where(&a, d->loc));
			fprintf(out, "\t\t.init = dev_%s_gen_init,\n\t\t.fini = dev_%s_gen_fini,\n",
			        t, t);
			fprintf(out,
			        "\t\t.read = dev_%s_mmio_read,\n\t\t.write = dev_%s_mmio_write,\n"
			        "\t\t.fast = dev_%s_mmio_fast,\n",
			        t, t, t);
			if (k)
				fprintf(out, "\t\t.irq_lines = irqs_%s,\n",
				        gen_em_cname(&a, d->name));
			else
				fprintf(out, "\t\t.irq_lines = NULL,\n");
			fprintf(out, "\t\t.nirqs = %d,\n\t},\n", k);
		}
		fprintf(out, "};\n");
	}

	if (b->nboot) {
		fprintf(out, "\n/* Registers set before entry. */\n");
		fprintf(out, "static const rt_boot_reg boot[%d] = {\n", b->nboot);
		for (int i = 0; i < b->nboot; i++) {
			const gen_board_boot *r = &b->boot[i];
			char *slot = r->regfile_index >= 0
			                     ? gen_em_fmt(&a, "%s%d", r->regfile, r->regfile_index)
			                     : gen_em_fmt(&a, "%s", r->regfile);
			fprintf(out, "\t{\"%s\", 0x%llx}, /* %s */\n", gen_em_cstr(&a, slot),
			        (unsigned long long)r->value, gen_em_where(&a, r->loc));
		}
		fprintf(out, "};\n");
	}

	fprintf(out, "\nconst rt_board_desc %s_board = {\n", gen_em_cname(&a, b->name));
	fprintf(out, "\t.name = \"%s\",\n\t.family = \"%s\",\n", gen_em_cstr(&a, b->name),
	        gen_em_cstr(&a, b->isa ? b->isa : ""));
	fprintf(out, "\t.ram_base = 0x%llx,\n\t.ram_size = 0x%llx,\n",
	        (unsigned long long)b->ram_base, (unsigned long long)b->ram_size);
	fprintf(out, "\t.devs = %s,\n\t.ndevs = %d,\n\t.console = %d,\n", n ? "devs" : "NULL", n,
	        console);
	fprintf(out, "\t.boot = %s,\n\t.nboot = %d,\n};\n", b->nboot ? "boot" : "NULL", b->nboot);
	free(v);
	gen_em_arena_free(&a);
	return gen_em_finish(out);
}
