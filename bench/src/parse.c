/* parse.c: branchy: generates 192 KiB of JSON-like text (objects, arrays,
 * strings with escapes, numbers, true/false/null), then tokenizes and parses
 * it by recursive descent, 64 times, hashing what it sees. */
#include "bench.h"

#define SIZE     (192 << 10)
#define MAXDEPTH 8

static char text[SIZE + 4096];
static size_t len;
static uint32_t seed = 88172645u;

static uint32_t rnd(void)
{
	seed ^= seed << 13, seed ^= seed >> 17, seed ^= seed << 5;
	return seed;
}

static void put(const char *s)
{
	while (*s)
		text[len++] = *s++;
}

/* Append a decimal number (sometimes negative, sometimes with a fraction). */
static void gen_number(void)
{
	char tmp[16];
	int n = 0;
	uint32_t v = rnd() % 100000;
	if (rnd() & 1)
		text[len++] = '-';
	do
		tmp[n++] = (char)('0' + v % 10);
	while (v /= 10);
	while (n)
		text[len++] = tmp[--n];
	if ((rnd() & 3) == 0)
		text[len++] = '.', text[len++] = (char)('0' + rnd() % 10);
}

static void gen_string(void)
{
	static const char alpha[] = "abcdefghijklmnopqrstuvwxyz_ABCDEFG0123456789 ";
	text[len++] = '"';
	for (uint32_t n = 1 + rnd() % 12; n; n--) {
		uint32_t r = rnd() % 64;
		if (r == 0)
			text[len++] = '\\', text[len++] = "nt\"\\"[rnd() % 4];
		else
			text[len++] = alpha[r % (sizeof alpha - 1)];
	}
	text[len++] = '"';
}

/* Append a value; containers only while there is room and depth left. */
static void gen_value(int depth)
{
	uint32_t r = rnd() % 10;
	if (depth < MAXDEPTH && len < SIZE && r < 4) {
		int obj = r < 2;
		text[len++] = obj ? '{' : '[';
		for (uint32_t n = rnd() % 6; n && len < SIZE; n--) {
			if (obj)
				gen_string(), put(": ");
			gen_value(depth + 1);
			if (n > 1)
				put(rnd() & 1 ? ", " : ",\n");
		}
		text[len++] = obj ? '}' : ']';
		return;
	}
	switch (r) {
	case 4: put("true"); break;
	case 5: put("false"); break;
	case 6: put("null"); break;
	case 7:
	case 8: gen_number(); break;
	default: gen_string(); break;
	}
}

static const char *p;
static uint32_t hash, count[8], bad;

static void skip_space(void)
{
	while (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r')
		p++;
}

static void note(int kind, uint32_t v)
{
	count[kind]++;
	hash = (hash ^ v) * 16777619u + (uint32_t)kind;
}

static void parse_string(void)
{
	uint32_t h = 5381;
	for (p++; *p != '"'; p++) {
		if (!*p) {
			bad++;
			return;
		}
		if (*p == '\\') {
			p++;
			h = h * 33 + (*p == 'n' ? '\n' : *p == 't' ? '\t' : (uint8_t)*p);
		} else {
			h = h * 33 + (uint8_t)*p;
		}
	}
	p++;
	note(0, h);
}

static void parse_number(void)
{
	uint32_t v = 0, neg = *p == '-';
	p += neg;
	while (*p >= '0' && *p <= '9')
		v = v * 10 + (uint32_t)(*p++ - '0');
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++)
			v = v * 10 + (uint32_t)(*p - '0');
	}
	note(1, neg ? -v : v);
}

/* Match a keyword; count a miss as an error. */
static void parse_word(const char *w, int kind)
{
	while (*w && *p == *w)
		p++, w++;
	bad += *w != 0;
	note(kind, 0);
}

static void parse_value(int depth);

/* container -> '{' [string ':' value {',' string ':' value}] '}' | '[' ... ']' */
static void parse_container(int depth)
{
	char close = *p == '{' ? '}' : ']';
	int obj = close == '}', n = 0;
	for (p++, skip_space(); *p != close; n++) {
		if (n) {
			bad += *p != ',';
			p++, skip_space();
		}
		if (obj) {
			parse_string(), skip_space();
			bad += *p != ':';
			p++, skip_space();
		}
		parse_value(depth + 1);
		skip_space();
		if (!*p) {
			bad++;
			return;
		}
	}
	p++;
	note(obj ? 5 : 6, (uint32_t)(n * 8 + depth));
}

static void parse_value(int depth)
{
	skip_space();
	switch (*p) {
	case '{':
	case '[': parse_container(depth); break;
	case '"': parse_string(); break;
	case 't': parse_word("true", 2); break;
	case 'f': parse_word("false", 3); break;
	case 'n': parse_word("null", 4); break;
	default:
		if (*p == '-' || (*p >= '0' && *p <= '9'))
			parse_number();
		else
			bad++, p++;
		break;
	}
}

uint64_t bench_main(void)
{
	put("[");
	while (len < SIZE) {
		gen_value(0);
		put(",\n");
	}
	put("0]");
	text[len] = 0;
	for (int round = 0; round < 64; round++) {
		p = text;
		parse_value(0);
		skip_space();
		bad += *p != 0;
	}
	uint64_t sum = bad * 1000003ull + len;
	for (int k = 0; k < 7; k++)
		sum = sum * 31 + count[k];
	return sum << 32 ^ hash;
}
