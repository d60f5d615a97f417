/* Integer matrix multiply: C = A * B for 40x40 int32 matrices (naive and
 * blocked/transposed variants must agree), matrix power of a 2x2 Fibonacci
 * matrix modulo a prime, and a 16.16 fixed-point 3D rotation. */
#include "console.h"

#define N 40
static int32_t A[N][N], B[N][N], C1[N][N], C2[N][N], BT[N][N];

static void mul_naive(void)
{
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			int32_t s = 0;
			for (int k = 0; k < N; k++)
				s += A[i][k] * B[k][j];
			C1[i][j] = s;
		}
}

static void mul_blocked(void)
{
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++)
			BT[j][i] = B[i][j];
	memset(C2, 0, sizeof C2);
	for (int ii = 0; ii < N; ii += 8)
		for (int jj = 0; jj < N; jj += 8)
			for (int i = ii; i < ii + 8; i++)
				for (int j = jj; j < jj + 8; j++) {
					int32_t s = 0;
					for (int k = 0; k < N; k++)
						s += A[i][k] * BT[j][k];
					C2[i][j] = s;
				}
}

typedef struct {
	uint64_t a, b, c, d;
} mat2;
#define MOD 1000000007ULL
static mat2 mat2_mul(mat2 x, mat2 y)
{
	mat2 r;
	r.a = (x.a * y.a + x.b * y.c) % MOD;
	r.b = (x.a * y.b + x.b * y.d) % MOD;
	r.c = (x.c * y.a + x.d * y.c) % MOD;
	r.d = (x.c * y.b + x.d * y.d) % MOD;
	return r;
}

static uint64_t fib_mod(uint64_t n)
{
	mat2 result = {1, 0, 0, 1}, base = {1, 1, 1, 0};
	while (n) {
		if (n & 1)
			result = mat2_mul(result, base);
		base = mat2_mul(base, base);
		n >>= 1;
	}
	return result.b;
}

/* 16.16 fixed point */
typedef int32_t fx;
#define FX(x) ((fx)((x)*65536))
static fx fx_mul(fx a, fx b)
{
	return (fx)(((int64_t)a * b) >> 16);
}

int main(void)
{
	srand32(777);
	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++) {
			A[i][j] = (int32_t)(rand32() % 201) - 100;
			B[i][j] = (int32_t)(rand32() % 201) - 100;
		}
	mul_naive();
	mul_blocked();
	int same = memcmp(C1, C2, sizeof C1) == 0;
	int64_t trace = 0, total = 0;
	uint32_t h = 0;
	for (int i = 0; i < N; i++) {
		trace += C1[i][i];
		for (int j = 0; j < N; j++) {
			total += C1[i][j];
			h = h * 33 + (uint32_t)C1[i][j];
		}
	}
	printf("%dx%d product: trace %lld, sum %lld, hash %08x, variants agree: %s\n", N, N,
	       (long long)trace, (long long)total, h, same ? "yes" : "no");
	printf("C[0][0..4]:");
	for (int j = 0; j < 5; j++)
		printf(" %d", C1[0][j]);
	printf("\n");

	static const unsigned ns[] = {10, 50, 90, 1000, 123456789};
	for (int i = 0; i < 5; i++)
		printf("fib(%u) mod 1e9+7 = %llu\n", ns[i], (unsigned long long)fib_mod(ns[i]));

	/* rotate (1, 0, 0) by 30 degrees about z, 12 times: back to the start */
	fx c30 = 56756, s30 = 32768; /* cos 30, sin 30 in 16.16 */
	fx x = FX(1), y = 0, z = FX(2);
	for (int i = 0; i < 12; i++) {
		fx nx = fx_mul(x, c30) - fx_mul(y, s30);
		fx ny = fx_mul(x, s30) + fx_mul(y, c30);
		x = nx;
		y = ny;
		if (i == 2)
			printf("after 90 degrees: x=%d y=%d z=%d (1/65536 units)\n", x, y, z);
	}
	printf("after 360 degrees: x=%d y=%d z=%d (1/65536 units)\n", x, y, z);
	return same ? 0 : 1;
}
