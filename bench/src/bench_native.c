/* bench_native.c: the harness for a native host build of a kernel. */
#include <inttypes.h>
#include <stdio.h>

#include "bench.h"

void bench_puts(const char *s)
{
	fputs(s, stdout);
}

void bench_puthex(uint64_t v)
{
	printf("%016" PRIx64, v);
}

int main(void)
{
	uint64_t r = bench_run();
	bench_puts("checksum ");
	bench_puthex(r);
	bench_puts("\n");
	return 0;
}
