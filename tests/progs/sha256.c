/* SHA-256 (FIPS 180-4) of the standard test messages and of a longer
 * generated message, printed as hex digests. */
#include "console.h"

struct sha256 {
	uint32_t h[8];
	uint64_t len; /* bytes */
	uint8_t block[64];
	unsigned fill;
};

static const uint32_t K[64] = {
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
        0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
        0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
        0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
        0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
        0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
        0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
        0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
        0xc67178f2,
};

static uint32_t ror(uint32_t x, unsigned n)
{
	return (x >> n) | (x << (32 - n));
}

static void compress(struct sha256 *s, const uint8_t *p)
{
	uint32_t w[64];
	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 64; i++) {
		uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	uint32_t a = s->h[0], b = s->h[1], c = s->h[2], d = s->h[3];
	uint32_t e = s->h[4], f = s->h[5], g = s->h[6], h = s->h[7];
	for (int i = 0; i < 64; i++) {
		uint32_t S1 = ror(e, 6) ^ ror(e, 11) ^ ror(e, 25);
		uint32_t ch = (e & f) ^ (~e & g);
		uint32_t t1 = h + S1 + ch + K[i] + w[i];
		uint32_t S0 = ror(a, 2) ^ ror(a, 13) ^ ror(a, 22);
		uint32_t maj = (a & b) ^ (a & c) ^ (b & c);
		uint32_t t2 = S0 + maj;
		h = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	s->h[0] += a;
	s->h[1] += b;
	s->h[2] += c;
	s->h[3] += d;
	s->h[4] += e;
	s->h[5] += f;
	s->h[6] += g;
	s->h[7] += h;
}

static void sha256_init(struct sha256 *s)
{
	static const uint32_t iv[8] = {
	        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
	        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};
	memcpy(s->h, iv, sizeof iv);
	s->len = 0;
	s->fill = 0;
}

static void sha256_update(struct sha256 *s, const void *data, size_t n)
{
	const uint8_t *p = data;
	s->len += n;
	while (n) {
		if (s->fill == 0 && n >= 64) {
			compress(s, p);
			p += 64;
			n -= 64;
			continue;
		}
		s->block[s->fill++] = *p++;
		n--;
		if (s->fill == 64) {
			compress(s, s->block);
			s->fill = 0;
		}
	}
}

static void sha256_final(struct sha256 *s, uint8_t out[32])
{
	uint64_t bits = s->len * 8;
	uint8_t pad = 0x80;
	sha256_update(s, &pad, 1);
	pad = 0;
	while (s->fill != 56)
		sha256_update(s, &pad, 1);
	uint8_t lenbuf[8];
	for (int i = 0; i < 8; i++)
		lenbuf[i] = (uint8_t)(bits >> (56 - 8 * i));
	sha256_update(s, lenbuf, 8);
	for (int i = 0; i < 8; i++) {
		out[4 * i] = (uint8_t)(s->h[i] >> 24);
		out[4 * i + 1] = (uint8_t)(s->h[i] >> 16);
		out[4 * i + 2] = (uint8_t)(s->h[i] >> 8);
		out[4 * i + 3] = (uint8_t)s->h[i];
	}
}

static void print_digest(const char *label, const uint8_t d[32])
{
	printf("%s: ", label);
	for (int i = 0; i < 32; i++)
		printf("%02x", d[i]);
	printf("\n");
}

static uint8_t last[32];

static void hash_string(const char *label, const char *msg)
{
	struct sha256 s;
	sha256_init(&s);
	sha256_update(&s, msg, strlen(msg));
	sha256_final(&s, last);
	print_digest(label, last);
}

static uint8_t big[10000];

int main(void)
{
	static const uint8_t abc[32] = {
	        0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40,
	        0xde, 0x5d, 0xae, 0x22, 0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17,
	        0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad,
	};
	hash_string("sha256(\"abc\")", "abc");
	int ok = memcmp(last, abc, 32) == 0;
	hash_string("sha256(\"\")", "");
	hash_string("sha256(448-bit message)",
	            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
	hash_string("sha256(896-bit message)",
	            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
	            "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu");

	/* 100000 x 'a', fed in uneven pieces */
	struct sha256 s;
	uint8_t d[32];
	memset(big, 'a', sizeof big);
	sha256_init(&s);
	size_t left = 100000, piece = 1;
	while (left) {
		size_t n = piece < left ? piece : left;
		sha256_update(&s, big, n);
		left -= n;
		piece = piece * 3 % 9973 + 1;
	}
	sha256_final(&s, d);
	print_digest("sha256(100000 x 'a')", d);

	/* bytes 0..255 repeated 40 times */
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (uint8_t)i;
	sha256_init(&s);
	sha256_update(&s, big, sizeof big);
	sha256_final(&s, d);
	print_digest("sha256(bytes i & 0xff, 10000)", d);
	printf("%s\n", ok ? "sha256 ok" : "sha256 MISMATCH");
	return ok ? 0 : 1;
}
