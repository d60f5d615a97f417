/* diag.c: located diagnostics, `file:line:col: error: msg` followed by the
 * source line and a caret under the column (as chibicc's error_at). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front.h"

/* After this many errors the rest are counted but not printed. */
#define MAX_SHOWN 50

static int nerrors;

/* Source text of files already read, for quoting lines. */
static gen_map sources;

/* The contents of path (cached), or NULL if it cannot be read. */
static const char *source(const char *path)
{
	const char *s = gen_map_get(&sources, path);
	if (s)
		return *s ? s : NULL;
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0;
	if (f) {
		for (;;) {
			if (n + 4096 + 1 > cap) {
				cap = cap ? cap * 2 : 8192;
				char *nb = realloc(buf, cap);
				if (!nb)
					break;
				buf = nb;
			}
			size_t got = fread(buf + n, 1, cap - n - 1, f);
			if (!got)
				break;
			n += got;
		}
		fclose(f);
	}
	char *copy = gen_strndup(buf ? buf : "", buf ? n : 0);
	free(buf);
	gen_map_put(&sources, path, copy);
	return *copy ? copy : NULL;
}

/* Print line `line` of path and a caret under column col. */
static void quote(const char *path, int line, int col)
{
	const char *s = source(path);
	if (!s || line < 1 || col < 1)
		return;
	for (int l = 1; l < line; l++) {
		s = strchr(s, '\n');
		if (!s)
			return;
		s++;
	}
	const char *end = strchr(s, '\n');
	int len = end ? (int)(end - s) : (int)strlen(s);
	if (len > 0 && s[len - 1] == '\r')
		len--;
	if (len > 300)
		len = 300;
	fprintf(stderr, "%.*s\n", len, s);
	for (int i = 0; i < col - 1 && i < len; i++)
		fputc(s[i] == '\t' ? '\t' : ' ', stderr);
	fputs("^\n", stderr);
}

/* Print `file:line:col: error: msg`, the line and a caret; count it. */
void gen_error(gen_loc loc, const char *fmt, ...)
{
	nerrors++;
	if (nerrors > MAX_SHOWN) {
		if (nerrors == MAX_SHOWN + 1)
			fprintf(stderr, "morphgen: too many errors, stopping output\n");
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s:%d:%d: error: ", loc.file ? loc.file : "<unknown>", loc.line, loc.col);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	if (loc.file)
		quote(loc.file, loc.line, loc.col);
}

/* Number of errors reported so far. */
int gen_error_count(void)
{
	return nerrors;
}
