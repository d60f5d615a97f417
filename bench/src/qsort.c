/* qsort.c: sort 200,000 pseudo-random integers with quicksort, 3 times. */
#include "bench.h"

#define N 200000
static int32_t a[N];

/* Sort a[lo..hi] (inclusive). */
static void quick(int32_t *v, long lo, long hi)
{
	while (lo < hi) {
		int32_t p = v[lo + (hi - lo) / 2];
		long i = lo, j = hi;
		while (i <= j) {
			while (v[i] < p)
				i++;
			while (v[j] > p)
				j--;
			if (i <= j) {
				int32_t t = v[i];
				v[i++] = v[j];
				v[j--] = t;
			}
		}
		if (j - lo < hi - i) {
			quick(v, lo, j);
			lo = i;
		} else {
			quick(v, i, hi);
			hi = j;
		}
	}
}

uint64_t bench_main(void)
{
	uint64_t sum = 0;
	uint32_t x = 7;
	for (int round = 0; round < 3; round++) {
		for (long i = 0; i < N; i++) {
			x ^= x << 13, x ^= x >> 17, x ^= x << 5;
			a[i] = (int32_t)x;
		}
		quick(a, 0, N - 1);
		for (long i = 1; i < N; i++)
			if (a[i - 1] > a[i])
				return 0xbad;
		sum = sum * 31 + (uint32_t)a[N / 2] + (uint32_t)a[7];
	}
	return sum;
}
