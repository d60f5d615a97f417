/* Primes: sieve of Eratosthenes up to 200000 (byte array) and a bit-packed
 * sieve to 300000, prime counts at powers of ten, twin primes, the last
 * primes found, and trial division / Miller-Rabin (64-bit modular
 * arithmetic) cross-checks. */
#include "console.h"

#define LIMIT 200000
static uint8_t composite[LIMIT + 1];
#define BITLIMIT 300000
static uint32_t bits[BITLIMIT / 64 + 1]; /* odd numbers only */

static int is_prime_trial(uint32_t n)
{
	if (n < 2)
		return 0;
	if (n % 2 == 0)
		return n == 2;
	for (uint32_t d = 3; d * d <= n; d += 2)
		if (n % d == 0)
			return 0;
	return 1;
}

static uint64_t mulmod(uint64_t a, uint64_t b, uint64_t m)
{
	/* a, b < m < 2^32, so a * b fits in 64 bits */
	return a * b % m;
}

static uint64_t powmod(uint64_t b, uint64_t e, uint64_t m)
{
	uint64_t r = 1;
	b %= m;
	while (e) {
		if (e & 1)
			r = mulmod(r, b, m);
		b = mulmod(b, b, m);
		e >>= 1;
	}
	return r;
}

static int is_prime_mr(uint32_t n)
{
	if (n < 2)
		return 0;
	static const uint32_t small[] = {2, 3, 5, 7, 11};
	for (int i = 0; i < 5; i++)
		if (n % small[i] == 0)
			return n == small[i];
	uint32_t d = n - 1;
	int s = 0;
	while (!(d & 1)) {
		d >>= 1;
		s++;
	}
	for (int i = 0; i < 5; i++) { /* bases 2..11: exact for all 32-bit n */
		uint64_t x = powmod(small[i], d, n);
		if (x == 1 || x == n - 1)
			continue;
		int composite_witness = 1;
		for (int r = 1; r < s; r++) {
			x = mulmod(x, x, n);
			if (x == n - 1) {
				composite_witness = 0;
				break;
			}
		}
		if (composite_witness)
			return 0;
	}
	return 1;
}

int main(void)
{
	for (uint32_t i = 2; i * i <= LIMIT; i++)
		if (!composite[i])
			for (uint32_t j = i * i; j <= LIMIT; j += i)
				composite[j] = 1;
	uint32_t count = 0, twins = 0, next_pow = 10;
	uint64_t sum = 0;
	uint32_t last[6] = {0};
	for (uint32_t n = 2; n <= LIMIT; n++) {
		if (!composite[n]) {
			count++;
			sum += n;
			if (n >= 5 && !composite[n - 2])
				twins++;
			for (int k = 0; k < 5; k++)
				last[k] = last[k + 1];
			last[5] = n;
		}
		if (n == next_pow) {
			printf("pi(%u) = %u\n", n, count);
			next_pow *= 10;
		}
	}
	printf("pi(%u) = %u, sum = %llu, twin pairs = %u\n", LIMIT, count, (unsigned long long)sum,
	       twins);
	printf("last primes:");
	for (int k = 0; k < 6; k++)
		printf(" %u", last[k]);
	printf("\n");

	/* bit sieve over odd numbers: bit i stands for 2i+1 */
	for (uint32_t i = 1; (2 * i + 1) * (2 * i + 1) <= BITLIMIT; i++) {
		if (bits[i / 32] & (1u << (i % 32)))
			continue;
		uint32_t p = 2 * i + 1;
		for (uint32_t j = p * p; j <= BITLIMIT; j += 2 * p)
			bits[(j / 2) / 32] |= 1u << ((j / 2) % 32);
	}
	uint32_t bcount = 1; /* 2 */
	for (uint32_t i = 1; 2 * i + 1 <= BITLIMIT; i++)
		if (!(bits[i / 32] & (1u << (i % 32))))
			bcount++;
	printf("pi(%u) = %u (bit sieve)\n", BITLIMIT, bcount);

	int mismatches = 0;
	for (uint32_t n = 0; n <= 10000; n++) {
		int s = n <= LIMIT ? !composite[n] && n >= 2 : 0;
		if (s != is_prime_trial(n) || s != is_prime_mr(n))
			mismatches++;
	}
	printf("trial division / Miller-Rabin agree with the sieve up to 10000: %s\n",
	       mismatches ? "no" : "yes");
	/* 3215031751 = 151 * 751 * 28351 is a strong pseudoprime to bases
     * 2, 3, 5 and 7; base 11 exposes it. */
	static const uint32_t big[] = {2147483647u, 2147483649u, 4294967291u, 4294967295u,
	                               3215031751u};
	for (int i = 0; i < 5; i++)
		printf("%u is %s\n", big[i], is_prime_mr(big[i]) ? "prime" : "composite");
	return mismatches != 0;
}
