/* 64-bit integer arithmetic (on RV32 this goes through register pairs and
 * libgcc's __divdi3/__udivdi3/__moddi3/__umoddi3): add, sub, mul, signed
 * and unsigned div/mod including negative operands, shifts by every
 * amount, comparisons, widening 32x32 multiplies, division by constants,
 * and a 64-bit LCG / hash.  Operands come from volatile data so nothing is
 * folded at compile time. */
#include "console.h"

static volatile uint64_t vals[] = {
        0,
        1,
        2,
        3,
        7,
        10,
        0xff,
        0x7fffffff,
        0x80000000,
        0xffffffff,
        0x100000000ULL,
        0x123456789abcdef0ULL,
        0x7fffffffffffffffULL,
        0x8000000000000000ULL,
        0xfffffffffffffffeULL,
        0xffffffffffffffffULL,
        0xdeadbeefcafebabeULL,
        1000000007,
        0x0000ffff0000ffffULL,
};
#define NVALS (sizeof vals / sizeof vals[0])

static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v;
	h *= 0x100000001b3ULL; /* FNV-1a 64 prime */
	return h;
}

int main(void)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	unsigned n = 0;

	/* every pair: + - * and, where defined, / and % */
	for (unsigned i = 0; i < NVALS; i++) {
		for (unsigned j = 0; j < NVALS; j++) {
			uint64_t a = vals[i], b = vals[j];
			int64_t sa = (int64_t)a, sb = (int64_t)b;
			h = mix(h, a + b);
			h = mix(h, a - b);
			h = mix(h, a * b);
			h = mix(h, (uint64_t)(sa < sb) | (uint64_t)(a < b) << 1 |
			                   (uint64_t)(a == b) << 2);
			if (b != 0) {
				h = mix(h, a / b);
				h = mix(h, a % b);
				if (!(sa == INT64_MIN && sb == -1)) {
					h = mix(h, (uint64_t)(sa / sb));
					h = mix(h, (uint64_t)(sa % sb));
				}
			}
			n++;
		}
	}
	printf("pairs: %u, hash %016llx\n", n, (unsigned long long)h);

	/* shifts by every amount */
	uint64_t hs = 0;
	for (unsigned s = 0; s < 64; s++) {
		uint64_t a = vals[11], b = vals[16];
		hs = mix(hs, a << s);
		hs = mix(hs, b >> s);
		hs = mix(hs, (uint64_t)((int64_t)b >> s));
	}
	printf("shifts hash %016llx\n", (unsigned long long)hs);

	/* some individual results, in decimal and hex */
	volatile int64_t x = -1234567890123456789LL, y = 987654321;
	printf("x / y = %lld, x %% y = %lld\n", (long long)(x / y), (long long)(x % y));
	printf("-x / y = %lld, x / -y = %lld, x %% -y = %lld\n", (long long)(-x / y),
	       (long long)(x / -y), (long long)(x % -y));
	volatile uint64_t u = 0xfedcba9876543210ULL, w = 0x12345;
	printf("u / w = %llu, u %% w = %llu\n", (unsigned long long)(u / w),
	       (unsigned long long)(u % w));
	printf("u * w = %016llx, u >> 36 = %llx, (int64)u >> 36 = %llx\n",
	       (unsigned long long)(u * w), (unsigned long long)(u >> 36),
	       (unsigned long long)((int64_t)u >> 36));
	volatile uint32_t p = 0xfffffffbu, q = 0xfffffff1u;
	volatile int32_t sp = -5, sq = 123456789;
	printf("widening: %llu %lld\n", (unsigned long long)((uint64_t)p * q),
	       (long long)((int64_t)sp * sq));
	printf("u / 10 = %llu, u %% 10 = %llu, u / 1000000007 = %llu\n",
	       (unsigned long long)(u / 10), (unsigned long long)(u % 10),
	       (unsigned long long)(u / 1000000007));
	printf("INT64_MIN / 1 = %lld, INT64_MIN %% 3 = %lld\n",
	       (long long)((int64_t)vals[13] / (int64_t)vals[1]),
	       (long long)((int64_t)vals[13] % (int64_t)vals[3]));

	/* 64-bit LCG (Knuth MMIX), 100000 steps */
	uint64_t r = 1;
	for (int i = 0; i < 100000; i++)
		r = r * 6364136223846793005ULL + 1442695040888963407ULL;
	printf("lcg after 100000 steps: %016llx\n", (unsigned long long)r);

	/* factorials until overflow of int64 */
	int64_t f = 1;
	int k = 1;
	while (f <= INT64_MAX / (k + 1)) {
		k++;
		f *= k;
	}
	printf("largest factorial in int64: %d! = %lld\n", k, (long long)f);

	/* gcd of large numbers */
	uint64_t g1 = 0x123456789abcdef0ULL * 7, g2 = 0x0fedcba987654321ULL * 7;
	while (g2) {
		uint64_t t = g1 % g2;
		g1 = g2;
		g2 = t;
	}
	printf("gcd = %llu\n", (unsigned long long)g1);
	return 0;
}
