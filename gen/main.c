/* main.c: the morphgen command line. Parses and checks descriptions, then
 * writes the generated C through the emitters, each output atomically
 * (temporary file + rename), so a failed run leaves no partial file.
 *
 * Exit status: 0 success, 1 errors in a description, 2 usage or I/O errors. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "front.h"

enum { EXIT_DESC = 1, EXIT_USAGE = 2 };

static const char usage_text[] =
        "usage: morphgen isa FILE.isa... [-D name=value]... [-g GUEST] -o OUTDIR\n"
        "       morphgen hw FILE.hw -o OUTDIR\n"
        "       morphgen board FILE.board [-I HWDIR]... -o OUTDIR\n"
        "       morphgen check FILE... [-D name=value]... [-g GUEST] [-I HWDIR]...\n"
        "       morphgen --help | --version\n"
        "\n"
        "  isa    check an ISA description (several files are read as one) and write\n"
        "         OUTDIR/GUEST_guest.h, GUEST_decode.c, GUEST_interp.c, GUEST_disasm.c,\n"
        "         GUEST_emit.c (the LLVM tier's IR emitters)\n"
        "  hw     check a device description and write OUTDIR/dev_NAME_regs.h and .c\n"
        "  board  check a board description and write OUTDIR/BOARD_hw.c; device types\n"
        "         are read from TYPE.hw in the -I directories\n"
        "  check  only parse and check (.isa files together, .hw and .board alone);\n"
        "         without -D/-g every guest the ISA declares is checked\n"
        "\n"
        "  -D name=value  set an ISA parameter        -g GUEST  guest name (C prefix);\n"
        "  -o OUTDIR      output directory                      a declared guest sets\n"
        "  -I DIR         where device types live                its parameters\n"
        "  -D values are decimal, or hexadecimal after 0x; GUEST is a C identifier\n"
        "\n"
        "Exit status: 0 ok, 1 errors in a description, 2 usage or I/O errors.\n";

/* The parsed command line. */
typedef struct opts {
	const char *cmd;
	gen_vec files, defs, incs;
	const char *guest, *outdir;
} opts;

/* Print a one-line usage error and return the usage exit status. */
static int usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "morphgen: %s%s%s (try 'morphgen --help')\n", msg, arg ? ": " : "",
	        arg ? arg : "");
	return EXIT_USAGE;
}

/* The value of option argv[*i] ("-D x" or "-Dx"); NULL if missing. */
static const char *optval(int argc, char **argv, int *i)
{
	if (argv[*i][2])
		return argv[*i] + 2;
	if (*i + 1 >= argc)
		return NULL;
	return argv[++*i];
}

/* Is a -D definition malformed (not NAME=NUMBER within range)? */
static int bad_def(const char *d)
{
	const char *eq = strchr(d, '=');
	uint64_t v;
	return !eq || !gen_is_c_ident(gen_strndup(d, (size_t)(eq - d))) ||
	       gen_parse_uint(eq + 1, GEN_MAX_PARAM, &v) != 0;
}

/* Parse argv after the subcommand; returns 0 or a usage exit status. */
static int parse_args(int argc, char **argv, opts *o)
{
	int only_files = 0;
	for (int i = 2; i < argc; i++) {
		const char *a = argv[i];
		if (only_files || a[0] != '-' || !a[1]) {
			gen_vec_push(&o->files, (void *)a);
			continue;
		}
		if (!strcmp(a, "--")) {
			only_files = 1;
			continue;
		}
		char opt = a[1];
		if (a[1] == '-' || !strchr("DgoI", opt))
			return usage_error("unknown option", a);
		const char *v = optval(argc, argv, &i);
		if (!v || !*v)
			return usage_error("option needs a value", a);
		if (opt == 'D' && bad_def(v))
			return usage_error(
			        "-D wants name=value with a C name and a number (decimal, "
			        "or hex after 0x) up to 2^30",
			        v);
		if (opt == 'g' && !gen_is_c_ident(v))
			return usage_error("-g wants a C identifier ([A-Za-z_][A-Za-z0-9_]*)", v);
		if (opt == 'D')
			gen_vec_push(&o->defs, (void *)v);
		else if (opt == 'I')
			gen_vec_push(&o->incs, (void *)v);
		else if (opt == 'g' && o->guest)
			return usage_error("-g given twice", v);
		else if (opt == 'g')
			o->guest = v;
		else if (o->outdir)
			return usage_error("-o given twice", v);
		else
			o->outdir = v;
	}
	return 0;
}

/* ---- output files ---------------------------------------------------------- */

/* An output being written: temporary path, final path, stream. */
typedef struct outfile {
	char *tmp, *path;
	FILE *f;
} outfile;

/* Make dir if it does not exist. */
static int ensure_dir(const char *dir)
{
	struct stat st;
	if (!stat(dir, &st))
		return S_ISDIR(st.st_mode) ? 0 : (errno = ENOTDIR, -1);
	return mkdir(dir, 0777);
}

/* Open a temporary file in outdir for the output named name. */
static int out_open(outfile *o, const char *outdir, const char *name)
{
	o->path = gen_fmt("%s/%s", outdir, name);
	o->tmp = gen_fmt("%s/.%s.XXXXXX", outdir, name);
	int fd = mkstemp(o->tmp);
	if (fd < 0) {
		o->f = NULL;
		return -1;
	}
	o->f = fdopen(fd, "w");
	if (!o->f) {
		close(fd);
		unlink(o->tmp);
		return -1;
	}
	return 0;
}

/* Close every output; rename them into place only if all succeeded. */
static int out_finish(outfile *o, int n, int ok)
{
	for (int i = 0; i < n; i++) {
		if (!o[i].f)
			continue;
		if (fclose(o[i].f))
			ok = 0;
		o[i].f = NULL;
	}
	for (int i = 0; i < n && ok; i++) {
		if (!o[i].tmp)
			continue;
		if (chmod(o[i].tmp, 0644) || rename(o[i].tmp, o[i].path)) {
			fprintf(stderr, "morphgen: cannot write %s: %s\n", o[i].path,
			        strerror(errno));
			ok = 0;
		}
	}
	for (int i = 0; i < n; i++)
		if (o[i].tmp && !ok)
			unlink(o[i].tmp);
	return ok ? 0 : EXIT_USAGE;
}

/* Open n outputs named names[] in outdir. */
static int out_open_all(outfile *o, int n, const char *outdir, const char *const *names)
{
	if (ensure_dir(outdir)) {
		fprintf(stderr, "morphgen: cannot use output directory %s: %s\n", outdir,
		        strerror(errno));
		return EXIT_USAGE;
	}
	for (int i = 0; i < n; i++) {
		if (out_open(&o[i], outdir, names[i])) {
			fprintf(stderr, "morphgen: cannot create a file in %s: %s\n", outdir,
			        strerror(errno));
			out_finish(o, i, 0);
			return EXIT_USAGE;
		}
	}
	return 0;
}

/* ---- commands -------------------------------------------------------------- */

/* Report a file that cannot be read; returns the I/O exit status. */
static int io_error(const char *path)
{
	fprintf(stderr, "morphgen: cannot read %s: %s\n", path, gen_io_reason());
	return EXIT_USAGE;
}

/* Parse the ISA files into one declaration list; 0 or an exit status. */
static int parse_isa(gen_vec *files, gen_decl **decls)
{
	int bad = 0;
	*decls = NULL;
	for (int i = 0; i < files->n; i++) {
		int rc = gen_parse_file(files->v[i], decls);
		if (rc == -2)
			return io_error(files->v[i]);
		bad |= rc != 0;
	}
	return bad ? EXIT_DESC : 0;
}

/* Parse and check ISA files for one guest; *isa gets the result. */
static int load_isa(opts *o, gen_vec *files, const char *guest, int use_defs, gen_isa **isa)
{
	gen_decl *decls;
	int rc = parse_isa(files, &decls);
	if (rc)
		return rc;
	*isa = gen_check_isa(decls, guest, use_defs ? (const char **)o->defs.v : NULL,
	                     use_defs ? o->defs.n : 0);
	return *isa ? 0 : EXIT_DESC;
}

/* morphgen isa: check, then emit the four guest files. */
static int cmd_isa(opts *o)
{
	gen_isa *isa;
	if (!o->files.n)
		return usage_error("isa needs at least one description file", NULL);
	if (!o->outdir)
		return usage_error("isa needs -o OUTDIR", NULL);
	int rc = load_isa(o, &o->files, o->guest, 1, &isa);
	if (rc)
		return rc;
	const char *g = isa->guest;
	const char *names[5] = {gen_fmt("%s_guest.h", g), gen_fmt("%s_decode.c", g),
	                        gen_fmt("%s_interp.c", g), gen_fmt("%s_disasm.c", g),
	                        gen_fmt("%s_emit.c", g)};
	outfile out[5] = {0};
	if ((rc = out_open_all(out, 5, o->outdir, names)))
		return rc;
	int ok = gen_emit_guest_h(isa, out[0].f) == 0 && gen_emit_decode(isa, out[1].f) == 0 &&
	         gen_emit_interp(isa, out[2].f) == 0 && gen_emit_disasm(isa, out[3].f) == 0 &&
	         gen_emit_jit(isa, out[4].f) == 0;
	for (int i = 0; i < 5 && ok; i++)
		ok = !fflush(out[i].f) && !ferror(out[i].f);
	if (!ok)
		fprintf(stderr, "morphgen: writing the %s guest into %s failed\n", g, o->outdir);
	return out_finish(out, 5, ok);
}

/* Load a .hw file; 0 or an exit status. */
static int load_hw(const char *path, gen_hw **hw)
{
	int before = gen_error_count();
	*hw = gen_load_hw(path);
	if (*hw)
		return 0;
	return gen_error_count() == before ? io_error(path) : EXIT_DESC;
}

/* Load a .board file; 0 or an exit status. */
static int load_board(opts *o, const char *path, gen_board **b)
{
	int before = gen_error_count();
	*b = gen_load_board(path, (const char **)o->incs.v, o->incs.n);
	if (*b)
		return 0;
	return gen_error_count() == before ? io_error(path) : EXIT_DESC;
}

/* morphgen hw FILE -o OUTDIR */
static int cmd_hw(opts *o)
{
	gen_hw *hw;
	if (o->files.n != 1)
		return usage_error("hw takes exactly one .hw file", NULL);
	if (!o->outdir)
		return usage_error("hw needs -o OUTDIR", NULL);
	int rc = load_hw(o->files.v[0], &hw);
	if (rc)
		return rc;
	const char *names[2] = {gen_fmt("dev_%s_regs.h", hw->name),
	                        gen_fmt("dev_%s_regs.c", hw->name)};
	outfile out[2] = {0};
	if ((rc = out_open_all(out, 2, o->outdir, names)))
		return rc;
	int ok = gen_emit_hw(hw, out[0].f, out[1].f) == 0;
	for (int i = 0; i < 2 && ok; i++)
		ok = !fflush(out[i].f) && !ferror(out[i].f);
	if (!ok)
		fprintf(stderr, "morphgen: writing device %s into %s failed\n", hw->name,
		        o->outdir);
	return out_finish(out, 2, ok);
}

/* morphgen board FILE [-I DIR]... -o OUTDIR */
static int cmd_board(opts *o)
{
	gen_board *b;
	if (o->files.n != 1)
		return usage_error("board takes exactly one .board file", NULL);
	if (!o->outdir)
		return usage_error("board needs -o OUTDIR", NULL);
	int rc = load_board(o, o->files.v[0], &b);
	if (rc)
		return rc;
	const char *names[1] = {gen_fmt("%s_hw.c", b->name)};
	outfile out[1] = {0};
	if ((rc = out_open_all(out, 1, o->outdir, names)))
		return rc;
	int ok = gen_emit_board(b, out[0].f) == 0 && !fflush(out[0].f) && !ferror(out[0].f);
	if (!ok)
		fprintf(stderr, "morphgen: writing board %s into %s failed\n", b->name, o->outdir);
	return out_finish(out, 1, ok);
}

/* Does a path end in ext? */
static int ends(const char *s, const char *ext)
{
	size_t n = strlen(s), e = strlen(ext);
	return n >= e && !strcmp(s + n - e, ext);
}

/* Check ISA files: for the given -D/-g, or for every declared guest. */
static int check_isa(opts *o, gen_vec *files)
{
	gen_decl *decls;
	gen_isa *isa;
	if (o->guest || o->defs.n)
		return load_isa(o, files, o->guest, 1, &isa);
	int rc = parse_isa(files, &decls);
	if (rc)
		return rc;
	gen_vec guests = {0};
	for (gen_decl *d = decls; d; d = d->next)
		if (d->kind == GEN_D_GUEST)
			gen_vec_push(&guests, (void *)d->name);
	if (!guests.n)
		return gen_check_isa(decls, NULL, NULL, 0) ? 0 : EXIT_DESC;
	for (int i = 0; i < guests.n; i++) {
		if ((rc = load_isa(o, files, guests.v[i], 0, &isa)))
			return rc;
	}
	return 0;
}

/* morphgen check FILE...: parse and check only. */
static int cmd_check(opts *o)
{
	gen_vec isa = {0};
	int worst = 0;
	if (!o->files.n)
		return usage_error("check needs at least one file", NULL);
	for (int i = 0; i < o->files.n; i++) {
		const char *f = o->files.v[i];
		int rc = 0;
		if (ends(f, ".hw")) {
			gen_hw *hw;
			rc = load_hw(f, &hw);
		} else if (ends(f, ".board")) {
			gen_board *b;
			rc = load_board(o, f, &b);
		} else {
			gen_vec_push(&isa, (void *)f);
		}
		if (rc > worst)
			worst = rc;
	}
	if (isa.n) {
		int rc = check_isa(o, &isa);
		if (rc > worst)
			worst = rc;
	}
	return worst;
}

int main(int argc, char **argv)
{
	opts o = {0};
	if (argc < 2)
		return usage_error("missing command", NULL);
	o.cmd = argv[1];
	int info = !strcmp(o.cmd, "--help") || !strcmp(o.cmd, "-h") || !strcmp(o.cmd, "help") ||
	           !strcmp(o.cmd, "--version");
	if (info && argc > 2)
		return usage_error("unexpected argument", argv[2]);
	if (info && !strcmp(o.cmd, "--version"))
		printf("morphgen %s\n", GEN_VERSION);
	else if (info)
		fputs(usage_text, stdout);
	if (info)
		return 0;
	int rc = parse_args(argc, argv, &o);
	if (rc)
		return rc;
	if (!strcmp(o.cmd, "isa"))
		return cmd_isa(&o);
	if (!strcmp(o.cmd, "hw"))
		return cmd_hw(&o);
	if (!strcmp(o.cmd, "board"))
		return cmd_board(&o);
	if (!strcmp(o.cmd, "check"))
		return cmd_check(&o);
	return usage_error("unknown command", o.cmd);
}
