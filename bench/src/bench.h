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

/* The kernel: returns a checksum printed by the harness. `scale` is the
 * iteration count the harness passes (fixed per benchmark). */
uint64_t bench_main(void);

#endif
