/* demo.c: the README's demo guest: a Mandelbrot set in fixed-point
 * arithmetic, drawn on the UART, then a few primes. Same output on every
 * guest ISA, XLEN and byte order (no floating point, 32-bit integer maths). */
#include "console.h"

/* Iterations before z = z^2 + c escapes, for c = (cr, ci) in 4.12 fixed point. */
static int escape(int32_t cr, int32_t ci, int limit)
{
	int32_t zr = 0, zi = 0;
	for (int n = 0; n < limit; n++) {
		int32_t rr = (zr * zr) >> 12, ii = (zi * zi) >> 12;
		if (rr + ii > (4 << 12))
			return n;
		zi = ((zr * zi) >> 11) + ci;
		zr = rr - ii + cr;
	}
	return limit;
}

int main(void)
{
	static const char shade[] = " .:-=+*#%@";
	puts_uart("Morph demo: a guest program on the generated interpreter");
	for (int y = -12; y <= 12; y++) {
		char line[80];
		int n = 0;
		for (int x = -39; x <= 20; x++) {
			int it = escape(x * 4096 / 20, y * 4096 / 11, 64);
			line[n++] = it >= 64 ? '@' : shade[it % 9];
		}
		line[n] = 0;
		puts_uart(line);
	}
	printf("primes below 100:");
	for (int p = 2; p < 100; p++) {
		int prime = 1;
		for (int d = 2; d * d <= p; d++)
			if (p % d == 0)
				prime = 0;
		if (prime)
			printf(" %d", p);
	}
	printf("\n");
	return 0;
}
