/* bench.h: what a benchmark kernel may use. The same source builds as a
 * bare-metal guest (bench_guest.c: UART console, finisher exit) and as a
 * native host program (bench_native.c: stdio), so the three columns of
 * bench/run.py measure the same work. */
#ifndef BENCH_H
#define BENCH_H

#include <stddef.h>
#include <stdint.h>

/* Print a string / an unsigned number in hex to the console. */
void bench_puts(const char *s);
void bench_puthex(uint64_t v);

/* The kernel: returns a checksum printed by the harness. */
uint64_t bench_main(void);

/* How many times the harness runs the kernel (bench/meson.build builds
 * every program twice: 1, and bench_long for `bench/run.py --long`). */
#ifndef BENCH_SCALE
#define BENCH_SCALE 1
#endif

/* The checksum of BENCH_SCALE runs of the kernel (one run: its own). */
static inline uint64_t bench_run(void)
{
	uint64_t r = 0;
	for (int i = 0; i < BENCH_SCALE; i++)
		r = r * 31 + bench_main();
	return r;
}

#endif
