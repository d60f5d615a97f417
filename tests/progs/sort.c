/* Sorting: quicksort, mergesort and insertion sort on the same
 * pseudo-random array; prints samples, checksums and checks the results
 * agree and are ordered. */
#include "console.h"

#define N 2000

static int32_t orig[N], a[N], b[N], c[N], tmp[N];

static void quicksort(int32_t *v, int lo, int hi)
{
	while (lo < hi) {
		int32_t pivot = v[lo + (hi - lo) / 2];
		int i = lo, j = hi;
		while (i <= j) {
			while (v[i] < pivot)
				i++;
			while (v[j] > pivot)
				j--;
			if (i <= j) {
				int32_t t = v[i];
				v[i] = v[j];
				v[j] = t;
				i++;
				j--;
			}
		}
		/* recurse into the smaller half, loop on the larger */
		if (j - lo < hi - i) {
			quicksort(v, lo, j);
			lo = i;
		} else {
			quicksort(v, i, hi);
			hi = j;
		}
	}
}

static void mergesort(int32_t *v, int32_t *t, int n)
{
	if (n < 2)
		return;
	int h = n / 2;
	mergesort(v, t, h);
	mergesort(v + h, t, n - h);
	int i = 0, j = h, k = 0;
	while (i < h && j < n)
		t[k++] = v[i] <= v[j] ? v[i++] : v[j++];
	while (i < h)
		t[k++] = v[i++];
	while (j < n)
		t[k++] = v[j++];
	memcpy(v, t, (size_t)n * sizeof v[0]);
}

static void insertion_sort(int32_t *v, int n)
{
	for (int i = 1; i < n; i++) {
		int32_t x = v[i];
		int j = i - 1;
		while (j >= 0 && v[j] > x) {
			v[j + 1] = v[j];
			j--;
		}
		v[j + 1] = x;
	}
}

static uint32_t checksum(const int32_t *v, int n)
{
	uint32_t h = 2166136261u;
	for (int i = 0; i < n; i++) {
		h ^= (uint32_t)v[i];
		h *= 16777619u;
	}
	return h;
}

static int is_sorted(const int32_t *v, int n)
{
	for (int i = 1; i < n; i++)
		if (v[i - 1] > v[i])
			return 0;
	return 1;
}

int main(void)
{
	srand32(12345);
	for (int i = 0; i < N; i++)
		orig[i] = (int32_t)(rand32() % 200001u) - 100000;
	printf("sorting %d numbers\n", N);
	printf("input checksum %08x\n", checksum(orig, N));
	printf("first:");
	for (int i = 0; i < 8; i++)
		printf(" %d", orig[i]);
	printf("\n");

	memcpy(a, orig, sizeof a);
	memcpy(b, orig, sizeof b);
	memcpy(c, orig, sizeof c);
	quicksort(a, 0, N - 1);
	mergesort(b, tmp, N);
	insertion_sort(c, N);

	printf("quicksort sorted=%d checksum %08x\n", is_sorted(a, N), checksum(a, N));
	printf("mergesort sorted=%d checksum %08x\n", is_sorted(b, N), checksum(b, N));
	printf("insertion sorted=%d checksum %08x\n", is_sorted(c, N), checksum(c, N));
	int same = memcmp(a, b, sizeof a) == 0 && memcmp(a, c, sizeof a) == 0;
	printf("all agree: %s\n", same ? "yes" : "no");
	printf("smallest:");
	for (int i = 0; i < 5; i++)
		printf(" %d", a[i]);
	printf("\nlargest:");
	for (int i = N - 5; i < N; i++)
		printf(" %d", a[i]);
	printf("\nmedian: %d\n", a[N / 2]);
	long long sum = 0;
	for (int i = 0; i < N; i++)
		sum += a[i];
	printf("sum: %lld\n", sum);
	return same && is_sorted(a, N) ? 0 : 1;
}
