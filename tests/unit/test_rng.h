/* test_rng.h: the tests' random numbers, xorshift64*: a fixed or printed
 * seed replays a run exactly. */
#ifndef TEST_RNG_H
#define TEST_RNG_H

#include <stdint.h>

/* The next number from state *s (nonzero). */
static inline uint64_t test_rng(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

#endif /* TEST_RNG_H */
