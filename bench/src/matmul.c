/* matmul.c: 96x96 integer matrix product, 6 times. */
#include "bench.h"

#define N 96
static int32_t A[N][N], B[N][N], C[N][N];

uint64_t bench_main(void)
{
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			A[i][j] = (i * 3 + j) % 17 - 8;
			B[i][j] = (i + j * 5) % 13 - 6;
		}
	uint64_t sum = 0;
	for (int round = 0; round < 6; round++) {
		for (int i = 0; i < N; i++)
			for (int j = 0; j < N; j++) {
				int32_t s = 0;
				for (int k = 0; k < N; k++)
					s += A[i][k] * B[k][j];
				C[i][j] = s;
			}
		A[round][round] += 1;
		for (int i = 0; i < N; i++)
			sum = sum * 31 + (uint32_t)C[i][(i * 7) % N];
	}
	return sum;
}
