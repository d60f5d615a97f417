/* bench_guest.c: the harness for a bare-metal guest build of a kernel
 * (tests/progs' crt0, console and linker script). */
#include "../../tests/progs/console.h"
#include "bench.h"

void bench_puts(const char *s)
{
	while (*s)
		putchar_uart(*s++);
}

void bench_puthex(uint64_t v)
{
	printf("%08lx%08lx", (unsigned long)(v >> 32), (unsigned long)(v & 0xffffffffu));
}

int main(void)
{
	uint64_t r = bench_run();
	bench_puts("checksum ");
	bench_puthex(r);
	bench_puts("\n");
	return 0;
}
