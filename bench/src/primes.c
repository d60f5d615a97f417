/* primes.c: sieve of Eratosthenes up to 4,000,000, twice, plus a 64-bit
 * division-heavy digit sum (exercises libgcc on rv32). */
#include "bench.h"

#define LIMIT 4000000
static uint8_t composite[LIMIT + 1];

uint64_t bench_main(void)
{
	uint64_t sum = 0;
	for (int round = 0; round < 2; round++) {
		for (long i = 0; i <= LIMIT; i++)
			composite[i] = 0;
		long count = 0;
		for (long i = 2; i <= LIMIT; i++) {
			if (composite[i])
				continue;
			count++;
			for (long j = i * 2; j <= LIMIT; j += i)
				composite[j] = 1;
		}
		sum = sum * 31 + (uint64_t)count;
	}
	uint64_t v = 0x123456789abcdefull, digits = 0;
	for (int i = 0; i < 20000; i++) {
		uint64_t t = v + (uint64_t)i * 0x9e3779b97f4a7c15ull;
		while (t) {
			digits += t % 10;
			t /= 10;
		}
	}
	return sum * 1000003 + digits;
}
