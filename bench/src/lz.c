/* lz.c: compression: an LZ77 compressor (hash chains, greedy longest match in
 * a 4 KiB window) and its decompressor, round-tripping 256 KiB of word-salad
 * text 8 times and checking the result byte for byte. */
#include "bench.h"

#define SIZE     (256 << 10)
#define WINDOW   4096
#define MINMATCH 3
#define MAXMATCH 130
#define HBITS    12
#define CHAIN    16

static uint8_t in[SIZE], packed[SIZE + SIZE / 64 + 16], out[SIZE];
static int32_t head[1 << HBITS], prev[SIZE];

static uint32_t hash3(const uint8_t *s)
{
	return ((uint32_t)s[0] << 16 ^ (uint32_t)s[1] << 8 ^ s[2]) * 2654435761u >> (32 - HBITS);
}

/* Generate text from a small vocabulary with varying punctuation. */
static void generate(void)
{
	static const char *const words[] = {
	        "the ",    "quick ", "brown ",      "fox ",   "jumps ", "over ",    "lazy ",
	        "dog ",    "morph ", "translates ", "guest ", "code ",  "into ",    "host ",
	        "blocks ", "and ",   "runs ",       "them ",  "fast, ", "slowly. ",
	};
	uint32_t x = 1;
	size_t n = 0;
	while (n < SIZE) {
		x = x * 1103515245u + 12345u;
		const char *w = words[(x >> 16) % 20];
		while (*w && n < SIZE)
			in[n++] = (uint8_t)*w++;
		if ((x >> 8 & 63) == 0 && n < SIZE)
			in[n++] = (uint8_t)('A' + (x >> 24) % 26);
	}
}

/* Length of the common prefix of a and b, at most max. */
static size_t match_len(const uint8_t *a, const uint8_t *b, size_t max)
{
	size_t n = 0;
	while (n < max && a[n] == b[n])
		n++;
	return n;
}

/* Emit pending literals as runs of at most 128: a byte 0..127 (count - 1)
 * followed by the literals. */
static size_t flush(size_t o, size_t from, size_t to)
{
	while (from < to) {
		size_t n = to - from > 128 ? 128 : to - from;
		packed[o++] = (uint8_t)(n - 1);
		for (size_t k = 0; k < n; k++)
			packed[o++] = in[from++];
	}
	return o;
}

/* Compress in[] into packed[]; a match is 128 + (len - 3), then a 16-bit
 * offset (little-endian). Return the compressed size. */
static size_t compress(void)
{
	size_t o = 0, lit = 0, i = 0;
	for (size_t h = 0; h < 1 << HBITS; h++)
		head[h] = -1;
	while (i + MINMATCH <= SIZE) {
		uint32_t h = hash3(in + i);
		size_t best = 0, off = 0, max = SIZE - i < MAXMATCH ? SIZE - i : MAXMATCH;
		int32_t c = head[h];
		for (int k = 0; k < CHAIN && c >= 0 && i - (size_t)c <= WINDOW; k++, c = prev[c]) {
			size_t n = match_len(in + c, in + i, max);
			if (n > best)
				best = n, off = i - (size_t)c;
		}
		prev[i] = head[h], head[h] = (int32_t)i;
		if (best < MINMATCH) {
			i++;
			continue;
		}
		o = flush(o, lit, i);
		packed[o++] = (uint8_t)(128 + best - MINMATCH);
		packed[o++] = (uint8_t)off, packed[o++] = (uint8_t)(off >> 8);
		size_t end = i + best;
		while (++i < end && i + MINMATCH <= SIZE) {
			h = hash3(in + i);
			prev[i] = head[h], head[h] = (int32_t)i;
		}
		i = lit = end;
	}
	return flush(o, lit, SIZE);
}

/* Decompress n bytes of packed[] into out[]; return the output size. */
static size_t decompress(size_t n)
{
	size_t i = 0, o = 0;
	while (i < n) {
		uint8_t t = packed[i++];
		if (t < 128) {
			for (size_t k = 0; k <= t; k++)
				out[o++] = packed[i++];
		} else {
			size_t len = (size_t)t - 128 + MINMATCH;
			size_t off = packed[i] | (size_t)packed[i + 1] << 8;
			i += 2;
			for (size_t k = 0; k < len; k++, o++)
				out[o] = out[o - off];
		}
	}
	return o;
}

uint64_t bench_main(void)
{
	generate();
	uint64_t sum = 0;
	for (int round = 0; round < 8; round++) {
		in[round * 1000] ^= 0x20;
		size_t n = compress();
		size_t m = decompress(n);
		uint32_t h = 0;
		for (size_t k = 0; k < m; k++) {
			if (out[k] != in[k])
				return 0xbad;
			h = h * 31 + out[k];
		}
		sum = sum * 1000003 + (uint64_t)n * 65536 + (m == SIZE) + h;
	}
	return sum;
}
