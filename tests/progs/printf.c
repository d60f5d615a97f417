/* printf formatting exercise: every conversion and flag the console's
 * printf supports, compared (by the golden output) with what a C library
 * printf prints for the same calls.  Values are chosen so that the output
 * is the same on every guest (32-bit and 64-bit `long`). */
#ifdef HOST_CHECK
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#else
#include "console.h"
#endif

int main(void)
{
	int fails = 0;

	printf("[%d] [%d] [%d] [%d]\n", 0, 42, -42, 2147483647);
	printf("[%d] [%i]\n", (int)-2147483647 - 1, -1);
	printf("[%u] [%u] [%u]\n", 0u, 3000000000u, 4294967295u);
	printf("[%x] [%X] [%x] [%o]\n", 0xdeadbeefu, 0xdeadbeefu, 0u, 8u);
	printf("[%#x] [%#X] [%#o] [%#x] [%#o] [%#08x] [%#-8x]\n", 255u, 255u, 8u, 0u, 0u, 255u,
	       255u);
	printf("[%5d] [%-5d] [%05d] [%1d]\n", 42, 42, 42, 42);
	printf("[%5d] [%-5d] [%05d]\n", -42, -42, -42);
	printf("[%08x] [%8x] [%-8x] [%02x]\n", 0xbeefu, 0xbeefu, 0xbeefu, 0x7u);
	printf("[%.3d] [%8.3d] [%-8.3d] [%08.3d] [%.0d]\n", 7, 7, -7, 7, 0);
	printf("[%*d] [%-*d] [%.*d]\n", 6, 123, 6, 123, 5, 123);
	printf("[%c] [%3c] [%-3c] [%c%c%c]\n", 'x', 'y', 'z', 'a', 'b', 'c');
	printf("[%s] [%10s] [%-10s] [%.2s] [%6.3s]\n", "hello", "hello", "hello", "hello", "hello");
	printf("[%s]\n", "");
	printf("[%%] [100%%]\n");
	printf("[%ld] [%lu] [%lx] [%li]\n", -123456L, 123456UL, 0xabcdefUL, 2000000000L);
	printf("[%lld] [%lld] [%llu]\n", 0LL, -1LL, 18446744073709551615ULL);
	printf("[%lld] [%lld]\n", 9223372036854775807LL, (-9223372036854775807LL - 1));
	printf("[%llx] [%llX] [%016llx]\n", 0x123456789abcdef0ULL, 0xfedcba9876543210ULL, 0xabcULL);
	printf("[%20lld] [%-20lld] [%020lld]\n", -1234567890123LL, -1234567890123LL,
	       1234567890123LL);
	printf("[%llu] [%llo]\n", 10000000000000000000ULL, 0777777777777ULL);
	printf("[%zu] [%zx]\n", (size_t)4096, (size_t)255);

	/* snprintf: return value is the full length; output is truncated */
	char buf[16];
	int n = snprintf(buf, sizeof buf, "%s-%d-%x", "abcdefgh", 12345, 0xffffu);
	printf("snprintf -> %d [%s] len %d\n", n, buf, (int)strlen(buf));
	n = snprintf(buf, 5, "%d", 123456789);
	printf("snprintf -> %d [%s]\n", n, buf);
	n = snprintf(buf, sizeof buf, "%05d|%-4s|", -12, "ab");
	printf("snprintf -> %d [%s]\n", n, buf);
	if (strcmp(buf, "-0012|ab  |") != 0)
		fails++;

	/* a table */
	printf("%-8s|%6s|%10s\n", "name", "count", "hex");
	static const char *names[] = {"alpha", "beta", "gamma", "delta"};
	for (int i = 0; i < 4; i++)
		printf("%-8s|%6d|%#10x\n", names[i], (i + 1) * 1111, (unsigned)(i + 1) * 0x1111u);

	printf("printf done, %d failures\n", fails);
	return fails;
}
