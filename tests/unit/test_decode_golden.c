/* test_decode_golden.c: golden test of morphgen's decoder emitter. The build
 * generates toy3_decode.c from golden/toy3.isa; this compares it with
 * golden/toy3_decode.c.golden line by line (directories in front of
 * "toy3.isa" are dropped, so the build directory does not matter) and runs
 * the generated decoder, which is linked in.
 *
 * usage: test_decode_golden GENERATED GOLDEN
 * To accept a deliberate change, copy GENERATED over GOLDEN. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rt_tap.h"
#include "toy3_guest.h"

/* Drop the directories in front of every "toy3.isa" of line s (in place). */
static void normalize(char *s)
{
	char *p;
	size_t n = strlen(s);
	if (n && s[n - 1] == '\n')
		s[n - 1] = 0;
	for (char *from = s; (p = strstr(from, "toy3.isa")) != NULL; from = p + 8) {
		char *q = p;
		while (q > s && !strchr(" \t(\"", q[-1]))
			q--;
		memmove(q, p, strlen(p) + 1);
		p = q;
	}
}

/* Compare the two files; print the first differences as diagnostics. */
static int compare(const char *gen, const char *gold)
{
	FILE *a = fopen(gen, "r"), *b = fopen(gold, "r");
	char la[1024], lb[1024];
	int line = 0, diffs = 0;
	if (!a || !b) {
		printf("# cannot open %s or %s\n", gen, gold);
		if (a)
			fclose(a);
		if (b)
			fclose(b);
		return 0;
	}
	for (;;) {
		char *ra = fgets(la, sizeof la, a), *rb = fgets(lb, sizeof lb, b);
		line++;
		if (!ra && !rb)
			break;
		if (ra)
			normalize(la);
		if (rb)
			normalize(lb);
		if (!ra || !rb || strcmp(la, lb) != 0) {
			if (diffs++ < 10)
				printf("# line %d:\n#  generated: %s\n#  golden:    %s\n", line,
				       ra ? la : "(end)", rb ? lb : "(end)");
			if (!ra || !rb)
				break;
		}
	}
	fclose(a);
	fclose(b);
	return diffs == 0;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		printf("1..0 # SKIP usage: test_decode_golden GENERATED GOLDEN\n");
		return 0;
	}
	ok(compare(argv[1], argv[2]), "toy3_decode.c matches its golden file");
	ok(toy3_decode(0x00000007, 4) == TOY3_INSN_ADD, "add decodes");
	ok(toy3_decode(0x00000017, 4) == -1, "add with a nonzero fixed bit is illegal");
	ok(toy3_decode(0x0001ff03, 4) == TOY3_INSN_ADDI, "addi decodes (don't-care bits set)");
	ok(toy3_decode(0x00020000, 4) == TOY3_INSN_HALT, "halt wins its overlap group");
	ok(toy3_decode(0x00021234, 4) == TOY3_INSN_NOP, "nop takes the rest of the group");
	ok(toy3_decode(0x00030000, 4) == -1 && toy3_decode(0, 2) == -1,
	   "unknown words and lengths");
	ok(toy3_insn_length(0) == 4, "fixed length 4");
	return tap_done();
}
