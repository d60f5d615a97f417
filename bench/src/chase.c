/* chase.c: memory-bound: pointer chasing around one random cycle through an
 * 4 MiB array (far larger than L1 and L2), then a STREAM-style triad over
 * three 1 MiB arrays. */
#include "bench.h"

#define NODES  (1 << 20)
#define STREAM (1 << 18)

static uint32_t next[NODES];
static uint32_t a[STREAM], b[STREAM], c[STREAM];

/* xorshift32 */
static uint32_t rnd(uint32_t *x)
{
	*x ^= *x << 13, *x ^= *x >> 17, *x ^= *x << 5;
	return *x;
}

/* Link all nodes into one cycle in random order (Sattolo's algorithm). */
static void shuffle(void)
{
	uint32_t x = 2463534242u;
	for (uint32_t i = 0; i < NODES; i++)
		next[i] = i;
	for (uint32_t i = NODES - 1; i > 0; i--) {
		uint32_t j = (uint32_t)(((uint64_t)rnd(&x) * i) >> 32);
		uint32_t t = next[i];
		next[i] = next[j];
		next[j] = t;
	}
}

uint64_t bench_main(void)
{
	shuffle();
	uint64_t sum = 0;
	uint32_t p = 0;
	for (int round = 0; round < 2; round++) {
		for (uint32_t i = 0; i < NODES; i++) {
			p = next[p];
			sum += p;
		}
		sum = sum * 31 + p;
	}
	for (uint32_t i = 0; i < STREAM; i++)
		b[i] = i, c[i] = i ^ 0x5555u;
	for (uint32_t k = 1; k <= 8; k++) {
		for (uint32_t i = 0; i < STREAM; i++)
			a[i] = b[i] + k * c[i];
		for (uint32_t i = 0; i < STREAM; i++)
			c[i] = a[i] ^ (b[i] >> 1);
	}
	for (uint32_t i = 0; i < STREAM; i += 64)
		sum = sum * 31 + a[i] + c[i];
	return sum;
}
